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
        case ("customers.json", 1): return CustomersJSON.get(page)
        case ("customers", 2) where path[1] == "new": return NewCustomerPage.get(page)
        case ("customers", 2):
            let n = path[1]
            return n.hasSuffix(".json")
                ? CustomerJSON.get(page, number: String(n.dropLast(5))) : CustomerPage.get(page, number: n)
        case ("customers", 3) where path[2] == "log": return LogPage.get(page, number: path[1])
        case ("customers", 4) where path[2] == "edit":
            guard let target = EditTarget(path[3], year: page.param("year")) else { return notFound }
            return EditPage.get(page, number: path[1], target: target)
        case ("problems", 1): return ProblemsPage.get(page)
        case ("catalogue", 1): return DocumentPages.catalogue(page)
        case ("review", 1): return DocumentPages.review(page)
        case ("report", 1): return DocumentPages.report(page)
        default: return notFound
        }
    }

    static func post(_ path: [String], _ page: PageContext, session: inout Session) -> WebResponse {
        let s = page.settings
        func need(_ p: Permission) -> WebResponse? {
            guard s.permission < p else { return nil }
            return page.error(
                403,
                Text(
                    zh: "kh serve 以 --allow \(s.permission.rawValue) 启动，不能保存修改",
                    en: "kh serve was started with --allow \(s.permission.rawValue): changes cannot be saved"))
        }
        let noForm = Text(
            zh: "没有这个表单：/\(path.joined(separator: "/"))", en: "no such form: /\(path.joined(separator: "/"))")
        switch (path.first ?? "", path.count) {
        case ("me", 1):
            return WeekPage.chooseMember(page, session: &session)
        case ("customers", 3) where path[2] == "log":
            return need(.log) ?? LogPage.post(page, number: path[1])
        case ("customers", 2) where path[1] == "new":
            return need(.edit) ?? NewCustomerPage.post(page)
        case ("customers", 4) where path[2] == "edit":
            if let refused = need(.edit) { return refused }
            guard let target = EditTarget(path[3], year: page.param("year")) else { return page.error(404, noForm) }
            return EditPage.post(page, number: path[1], target: target)
        case ("customers", 3) where path[2] == "steps":
            return need(.log) ?? StepForm.post(page, number: path[1])
        default:
            return page.error(404, noForm)
        }
    }
}

/// Paths: percent-decoded segments. A segment that decodes to something with a slash, a
/// NUL, `.` or `..` is refused: the browser names customers by number, never by path.
enum Route {
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
