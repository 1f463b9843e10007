import Foundation
import KHModel
import KHSupport

/// Which page answers which path: GET shows pages, POST saves forms (after WebApp checked the
/// post's origin and token; here, what the server allows).
enum Routes {
    static func get(_ path: [String], _ page: PageContext) -> WebResponse {
        let notFound = page.error(
            404,
            Text(zh: "没有这个页面：/\(path.joined(separator: "/"))", en: "no such page: /\(path.joined(separator: "/"))"))
        guard let first = path.first else { return WeekPage.get(page) }
        switch (first, path.count) {
        case ("assets", 2) where path[1] == "kh.css":
            return WebResponse(
                status: 200, headers: [("Content-Type", "text/css; charset=utf-8"), ("Cache-Control", "max-age=3600")],
                body: Array(Views.css.utf8))
        case ("customers", 1): return CustomersPage.get(page)
        // Team mode: every download and export is written to the access register first.
        case ("customers.json", 1): return page.registered("下载", file: "/customers.json") ?? CustomersJSON.get(page)
        case ("customers", 2) where path[1] == "new": return NewCustomerPage.get(page)
        case ("customers", 2):
            let n = path[1]
            guard n.hasSuffix(".json") else { return CustomerPage.get(page, number: n) }
            let number = String(n.dropLast(5))
            guard page.ties(number) != nil else { return CustomerJSON.get(page, number: number) }
            return page.registered("下载", number: number, file: "/customers/\(n)")
                ?? CustomerJSON.get(page, number: number)
        case ("customers", 3) where path[2] == "log": return LogPage.get(page, number: path[1])
        case ("customers", 3) where path[2] == "document": return DocumentPage.get(page, number: path[1])
        case ("customers", 4) where path[2] == "edit":
            guard let target = EditTarget(path[3], year: page.param("year")) else { return notFound }
            return EditPage.get(page, number: path[1], target: target)
        case ("problems", 1):
            guard page.viewer.grants.problems else {
                return page.forbidden(Text(zh: "不能查看问题页", en: "cannot see the problems page"))
            }
            return ProblemsPage.get(page)
        case ("registers", 1): return RegistersPage.get(page)
        case ("status", 1): return StatusPage.get(page)
        case ("status.json", 1): return StatusPage.json(page)
        case ("login", 1): return LoginPage.get(page)
        case ("account", 1):
            return LoginPage.account(
                page,
                saved: page.param("saved").map { _ in
                    Text(zh: "新密码已保存；你在其他地方的登录都已退出", en: "the new password is saved; your other logins have ended")
                })
        case ("catalogue", 1): return page.registered("导出", file: "/catalogue") ?? DocumentPages.catalogue(page)
        case ("review", 1): return DocumentPages.review(page)
        case ("report", 1): return page.registered("导出", file: "/report") ?? DocumentPages.report(page)
        default: return notFound
        }
    }

    static func post(_ path: [String], _ page: PageContext, session: inout Session) -> WebResponse {
        let v = page.viewer
        let noForm = Text(
            zh: "没有这个表单：/\(path.joined(separator: "/"))", en: "no such form: /\(path.joined(separator: "/"))")
        switch (path.first ?? "", path.count) {
        case ("login", 1): return LoginPage.post(page)
        case ("logout", 1): return LoginPage.logout(page)
        case ("account", 1): return LoginPage.setPassword(page)
        case ("me", 1):
            // In team mode you are who you logged in as.
            guard !v.team else { return page.error(404, noForm) }
            return WeekPage.chooseMember(page, session: &session)
        case ("customers", 3) where path[2] == "log":
            guard let ties = page.ties(path[1]) else { return page.notFound(path[1]) }
            return v.mayLog(ties) ? LogPage.post(page, number: path[1]) : page.forbidden(Refusal.log)
        case ("customers", 3) where path[2] == "document":
            return DocumentPage.post(page, number: path[1])
        case ("customers", 2) where path[1] == "new":
            return v.grants.create ? NewCustomerPage.post(page) : page.forbidden(Refusal.create)
        case ("customers", 4) where path[2] == "edit":
            guard let ties = page.ties(path[1]) else { return page.notFound(path[1]) }
            guard v.mayEdit(ties) else { return page.forbidden(Refusal.edit) }
            guard let target = EditTarget(path[3], year: page.param("year")) else { return page.error(404, noForm) }
            return EditPage.post(page, number: path[1], target: target)
        case ("customers", 3) where path[2] == "steps":
            // StepForm asks about the step itself (its 负责人).
            return v.grants.steps > .none ? StepForm.post(page, number: path[1]) : page.forbidden(Refusal.steps)
        default:
            return page.error(404, noForm)
        }
    }

    /// What a role or --allow refuses, said once for the page and the form.
    enum Refusal {
        static let log = Text(zh: "不能为这位客户记录互动", en: "cannot log interactions for this customer")
        static let create = Text(zh: "不能新建客户", en: "cannot create customers")
        static let edit = Text(zh: "不能修改这位客户的档案", en: "cannot edit this customer's archive")
        static let steps = Text(zh: "不能修改这个下一步计划", en: "cannot change this next step")
    }
}

/// Paths: percent-decoded segments. A segment that decodes to something with a slash, a
/// NUL, `.` or `..` is refused: the browser names customers by number, never by path.
enum Route {
    /// A place on this server to go back to (after a form, after logging in): a path that
    /// starts with one `/` (not `//` or `/\`, which browsers read as another host), with no
    /// backslash or control character. nil otherwise.
    static func local(_ target: String) -> String? {
        guard target.hasPrefix("/"), !target.hasPrefix("//"),
            !target.unicodeScalars.contains(where: { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F })
        else { return nil }
        return target
    }

    /// Where a saved form goes, with `saved=1`: the page there says it was saved.
    static func saved(_ target: String) -> String {
        target + (target.contains("?") ? "&" : "?") + "saved=1"
    }

    static func path(_ raw: String) -> [String]? {
        guard raw.hasPrefix("/") else { return nil }
        var out: [String] = []
        for part in raw.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let seg = Form.decode(String(part), plus: false) else { return nil }
            if seg.isEmpty { continue }
            guard seg != ".", seg != "..", !seg.contains("/"), !seg.contains("\\"), !seg.contains("\0") else {
                return nil
            }
            out.append(seg)
        }
        return out
    }
}
