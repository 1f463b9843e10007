import Foundation
import KHModel
import KHSupport

/// Team mode's door: `/login` (a name or git account and a password), `POST /logout`, and
/// `/account`, where a member sets a new password (which ends their other logins).
enum LoginPage {
    struct Model {
        let name: String
        let next: String
        let refusal: String?
        let proxyOnly: Bool
        let passwords: Bool
    }

    struct AccountModel {
        let member: String
        let role: String
        let refusal: String?
        let saved: String?
        let passwords: Bool
        /// 管理员: every member of 团队 and their account (passwords are set with kh account set).
        let team: [AccountRow]?
        let showTeam: Bool
    }

    struct AccountRow {
        let name: String
        let role: String
        let serving: String
        let account: String
    }

    /// What a request gets when nobody is logged in: nil for the pages anyone may see (the
    /// login form and the style sheet); a page asks for a login, a JSON address answers 401,
    /// a form post says to log in again in another tab (what was typed stays in this one).
    static func required(_ path: [String], _ page: PageContext) -> WebResponse? {
        if path == ["login"] || path == ["assets", "kh.css"] { return nil }
        if page.request.method == "POST" {
            return page.error(
                401,
                Text(
                    zh: "你的登录已过期，没有保存。请在新标签页中打开 /login 登录，再回到这里重新保存：填写的内容都还在这个页面上。",
                    en:
                        "your login has expired; nothing was saved. Log in again at /login in a new tab, then come back and save again: what you typed is still on this page."
                ))
        }
        if path.last?.hasSuffix(".json") == true {
            return .json(
                401,
                JSON.object([("error", .string(page.text(Text(zh: "需要登录", en: "a login is needed"))))]).rendered()
                    + "\n")
        }
        return .redirect("/login" + Form.query([("next", page.request.target)]))
    }

    static func get(_ page: PageContext, refusal: Text? = nil, name: String = "", status: Int = 200) -> WebResponse {
        guard let team = page.team else {
            return page.error(404, Text(zh: "本服务器没有登录", en: "this server has no logins"))
        }
        let next = Route.local(page.param("next") ?? page.field("next")) ?? "/"
        if page.viewer.member != nil && refusal == nil { return .redirect(next) }
        let model = Model(
            name: name, next: next, refusal: refusal.map(page.text), proxyOnly: team.settings.accounts == nil,
            passwords: team.settings.accounts != nil)
        return page.html("login", title: page.zh ? "登录" : "Log in", model, status: status)
    }

    static func post(_ page: PageContext) -> WebResponse {
        guard let team = page.team, team.settings.accounts != nil else { return get(page) }
        let given = page.field("name").trimmingWhitespace()
        let client = team.client(page.request)
        let keys = ["name:" + given, "address:" + client]
        let wait = team.logins.wait(keys)
        guard wait == 0 else {
            return get(
                page,
                refusal: Text(
                    zh: "尝试次数过多，请 \(wait) 秒后再试", en: "too many tries: try again in \(wait) seconds"),
                name: given, status: 429)
        }
        let config = page.config
        let member = config.serving(given) ?? config.member(named: given)
        let file = team.accounts.current()
        guard let member, member.active, let account = file?.verify(member.name, password: page.field("password"))
        else {
            let n = team.logins.failed(keys)
            let why = member == nil ? "不是团队成员" : member!.active ? "密码不对或没有账号" : "已离职（在职: 否）"
            FileHandleOut.stderr("kh：登录失败：\(given)（\(why)），来自 \(client)，连续第 \(n) 次\n")
            return get(
                page, refusal: Text(zh: "姓名或密码不对", en: "the name or the password is wrong"), name: given, status: 401)
        }
        team.logins.succeeded(keys)
        let token = team.logins.begin(member.name, passwordSet: account.changed)
        var response = WebResponse.redirect(Route.local(page.field("next")) ?? "/")
        response.headers.append(("Set-Cookie", cookie(token, page)))
        return response
    }

    static func logout(_ page: PageContext) -> WebResponse {
        page.team?.logins.end(page.request.cookies["kh_login"])
        var response = WebResponse.redirect("/login")
        response.headers.append(("Set-Cookie", "kh_login=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"))
        return response
    }

    /// The login's cookie: HttpOnly, SameSite=Lax (a link from chat or webmail arrives logged
    /// in), Secure when a trusted proxy says the browser used https.
    static func cookie(_ token: String, _ page: PageContext) -> String {
        let https =
            page.team?.fromProxy(page.request) == true && page.request.headers["x-forwarded-proto"] == "https"
        return "kh_login=\(token); Path=/; HttpOnly; SameSite=Lax" + (https ? "; Secure" : "")
    }

    // MARK: - The account page

    static func account(_ page: PageContext, refusal: Text? = nil, saved: Text? = nil, status: Int = 200) -> WebResponse
    {
        guard let member = page.viewer.member, let team = page.team else {
            return page.error(404, Text(zh: "本服务器没有账号", en: "this server has no accounts"))
        }
        let file = team.accounts.current()
        let rows: [AccountRow]? =
            page.viewer.grants.accounts
            ? page.config.team.map { m in
                AccountRow(
                    name: m.name, role: m.role, serving: m.active ? (page.zh ? "是" : "yes") : (page.zh ? "否" : "no"),
                    account: file?.account(m.name).map {
                        Date(timeIntervalSince1970: Double($0.changed)).formatted(.iso8601)
                    } ?? "—")
            } : nil
        let model = AccountModel(
            member: member, role: page.viewer.role ?? "", refusal: refusal.map(page.text), saved: saved.map(page.text),
            passwords: team.settings.accounts != nil && page.request.cookies["kh_login"] != nil, team: rows,
            showTeam: rows != nil)
        return page.html("account", title: page.zh ? "我的账号" : "My account", model, status: status)
    }

    /// A new password: the current one, the new one twice. Other logins of the member end.
    static func setPassword(_ page: PageContext) -> WebResponse {
        guard let member = page.viewer.member, let team = page.team, team.settings.accounts != nil,
            let token = page.request.cookies["kh_login"]
        else { return account(page) }
        let new = page.field("new")
        guard var file = team.accounts.current(), file.verify(member, password: page.field("current")) != nil else {
            return account(
                page, refusal: Text(zh: "当前密码不对", en: "the current password is wrong"), status: 422)
        }
        guard new == page.field("repeat") else {
            return account(page, refusal: Text(zh: "两次输入的新密码不一样", en: "the two new passwords differ"), status: 422)
        }
        if let why = AccountFile.weakness(new, name: member) { return account(page, refusal: why, status: 422) }
        file.set(member, password: new)
        do throws(KHError) { try file.save() } catch { return account(page, refusal: error.message, status: 500) }
        team.logins.endAll(of: member)
        // This login goes on under the new password.
        let fresh = team.logins.begin(member, passwordSet: file.account(member)?.changed ?? 0)
        team.logins.end(token)
        var response = WebResponse.redirect("/account?saved=1")
        response.headers.append(("Set-Cookie", cookie(fresh, page)))
        return response
    }
}
