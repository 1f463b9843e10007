import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHServe
@testable import KHSupport
@testable import KHWrite

/// kh serve's team mode through `WebApp.handle`: logins, every route for every role, the data
/// policy's masking on the raw bytes, the trusted proxy, and who a save is committed as.
final class TeamServeTests: XCTestCase {
    var archive: TempArchive!
    var app: WebApp!
    var accountsPath: String!
    let host = "kh.example.com"
    let password = "correct horse 1"

    /// The template's team: who is what, for KH-2024-001 星辰科技 (owner 王磊; 陈静 has an open
    /// next step there, so she is involved but does not own it).
    static let members: [(name: String, role: String)] = [
        ("王磊", "销售"), ("陈静", "销售"), ("李娜", "客服"), ("周敏", "市场"), ("孙倩", "资料专员"), ("赵刚", "管理员"),
    ]

    override func setUpWithError() throws {
        archive = try TempArchive(files: TemplateFiles.all.map { ($0.path, $0.content) })
        _ = try git(["init", "-q"])
        _ = try git(["add", "-A"])
        _ = try git(["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "init"])
        accountsPath = archive.root + "/../accounts-\(UUID().uuidString)"
        var file = try AccountFile.load(accountsPath)
        // A cheap cost keeps the tests quick; kh account set uses AccountFile.cost.
        for m in Self.members + [("郑凯", "销售")] { file.set(m.name, password: password, cost: 4) }
        try file.save()
        app = try makeApp()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: accountsPath)
    }

    func makeApp(proxies: [String] = []) throws -> WebApp {
        var s = ServeSettings(host: "0.0.0.0", port: 8080, permission: .edit, commit: true)
        s.names = [host]
        s.team = TeamSettings(accounts: accountsPath, trustedProxies: proxies)
        return try WebApp(root: archive.root, settings: s)
    }

    // MARK: - Helpers

    func git(_ args: [String]) throws -> String {
        let r = GitWork.run(args, root: archive.root)
        XCTAssertEqual(r.status, 0, r.err)
        return r.out
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: archive.root + "/" + path, encoding: .utf8)
    }

    struct Visitor {
        var session: String
        var login: String?
        var cookie: String { "kh_session=\(session)" + (login.map { "; kh_login=" + $0 } ?? "") }
    }

    func setCookie(_ r: WebResponse, _ name: String) -> String? {
        r.headers.first { $0.0 == "Set-Cookie" && $0.1.hasPrefix(name + "=") }.map {
            String($0.1.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
    }

    func anonymous() throws -> Visitor {
        let r = app.handle(WebRequest(method: "GET", target: "/login", headers: ["Host": host], peer: "10.0.0.5"))
        XCTAssertEqual(r.status, 200)
        return Visitor(session: try XCTUnwrap(setCookie(r, "kh_session")), login: nil)
    }

    func get(_ target: String, _ v: Visitor?, peer: String = "10.0.0.5", extra: [String: String] = [:]) -> WebResponse {
        var headers = ["Host": host]
        if let v { headers["Cookie"] = v.cookie }
        for (k, x) in extra { headers[k] = x }
        return app.handle(WebRequest(method: "GET", target: target, headers: headers, peer: peer))
    }

    func post(_ target: String, _ v: Visitor, _ fields: [(String, String)], peer: String = "10.0.0.5") -> WebResponse {
        let headers = [
            "Host": host, "Cookie": v.cookie, "Origin": "https://" + host,
            "Content-Type": "application/x-www-form-urlencoded",
        ]
        let body = (fields + [("_token", v.session)]).map { Form.encode($0.0) + "=" + Form.encode($0.1) }
            .joined(separator: "&")
        return app.handle(
            WebRequest(method: "POST", target: target, headers: headers, body: Array(body.utf8), peer: peer))
    }

    func login(_ name: String, password: String? = nil, peer: String = "10.0.0.5") throws -> (Visitor, WebResponse) {
        var v = try anonymous()
        let r = post(
            "/login", v, [("name", name), ("password", password ?? self.password), ("next", "/customers")], peer: peer)
        v.login = setCookie(r, "kh_login")
        return (v, r)
    }

    func member(_ name: String) throws -> Visitor {
        let (v, r) = try login(name)
        XCTAssertEqual(r.status, 303, "\(name): \(r.text)")
        XCTAssertNotNil(v.login, name)
        return v
    }

    func hidden(_ name: String, in page: String) -> String? {
        guard let r = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(page[r.upperBound...].prefix { $0 != "\"" })
    }

    // MARK: - Logging in

    func testEveryPageAsksForALogin() throws {
        let nobody = try anonymous()
        let home = get("/", nobody)
        XCTAssertEqual(home.status, 303)
        XCTAssertEqual(home.header("Location"), "/login?next=%2F")
        XCTAssertEqual(
            get("/customers/KH-2024-001?x=1", nobody).header("Location"),
            "/login?next=%2Fcustomers%2FKH-2024-001%3Fx%3D1")
        let json = get("/customers.json", nobody)
        XCTAssertEqual(json.status, 401)
        XCTAssertEqual(json.text, "{\n  \"error\": \"需要登录\"\n}\n")
        XCTAssertEqual(get("/assets/kh.css", nobody).status, 200)
        let form = get("/login", nobody).text
        XCTAssertTrue(form.contains("<input id=\"name\" name=\"name\" type=\"text\""), form)
        XCTAssertTrue(form.contains("<input id=\"password\" name=\"password\" type=\"password\""), form)
        let save = post("/customers/KH-2024-001/log", nobody, [("content", "x")])
        XCTAssertEqual(save.status, 401)
        XCTAssertTrue(save.text.contains("你的登录已过期，没有保存"), save.text)
        XCTAssertEqual(post("/me", nobody, [("name", "王磊")]).status, 401, "choosing who you are is not a login")
    }

    func testLoginByNameOrGitAccountAndLogout() throws {
        let (v, r) = try login("wanglei")
        XCTAssertEqual(r.status, 303)
        XCTAssertEqual(r.header("Location"), "/customers")
        let cookie = try XCTUnwrap(r.headers.first { $0.1.hasPrefix("kh_login=") }?.1)
        XCTAssertTrue(cookie.hasSuffix("; Path=/; HttpOnly; SameSite=Lax"), cookie)
        let week = get("/", v)
        XCTAssertEqual(week.status, 200)
        XCTAssertTrue(week.text.contains("我的一周 · 王磊"))
        XCTAssertFalse(week.text.contains("action=\"/me\""), "no choosing someone else in team mode")
        XCTAssertTrue(week.text.contains("action=\"/logout\""))
        XCTAssertEqual(get("/login", v).status, 303, "already logged in")
        let out = post("/logout", v, [])
        XCTAssertEqual(out.header("Location"), "/login")
        XCTAssertEqual(setCookie(out, "kh_login"), "")
        XCTAssertEqual(get("/", v).status, 303, "the old cookie no longer logs in")
    }

    func testWrongPasswordsFormerMembersAndStrangersCannotLogIn() throws {
        let (_, wrong) = try login("王磊", password: "not it at all")
        XCTAssertEqual(wrong.status, 401)
        XCTAssertTrue(wrong.text.contains("姓名或密码不对"))
        let (_, former) = try login("郑凯")
        XCTAssertEqual(former.status, 401, "在职: 否 cannot log in, even with the right password")
        XCTAssertTrue(former.text.contains("姓名或密码不对"), "no telling which names exist")
        let (_, stranger) = try login("Mallory")
        XCTAssertEqual(stranger.status, 401)
        XCTAssertNil(setCookie(stranger, "kh_login"))
        // A login goes on only while the member serves: 在职 changed to 否 in kh.yaml ends it.
        let (v, ok) = try login("周敏", peer: "10.0.0.7")
        XCTAssertEqual(ok.status, 303)
        try archive.write(
            "kh.yaml",
            try read("kh.yaml").replacingOccurrences(
                of: "角色: 市场, git: zhoumin, 在职: 是", with: "角色: 市场, git: zhoumin, 在职: 否"))
        app.refresh()
        XCTAssertEqual(get("/", v).status, 303)
    }

    func testRepeatedWrongPasswordsAreSlowedDown() throws {
        for _ in 0..<3 { XCTAssertEqual(try login("李娜", password: "wrong password").1.status, 401) }
        let (_, slowed) = try login("李娜")
        XCTAssertEqual(slowed.status, 429, "the right password too waits its turn")
        XCTAssertTrue(slowed.text.contains("尝试次数过多，请 1 秒后再试"), slowed.text)
        // Per address as well: another name from the same address waits too; another address does not.
        XCTAssertEqual(try login("孙倩").1.status, 429)
        XCTAssertEqual(try login("孙倩", peer: "10.0.0.6").1.status, 303)
        // Each further failure doubles the wait, up to five minutes.
        let l = Logins()
        let keys = ["name:x"]
        for _ in 0..<3 { l.failed(keys, now: 1000) }
        XCTAssertEqual(l.wait(keys, now: 1000), 1)
        XCTAssertEqual(l.wait(keys, now: 1001), 0)
        for _ in 0..<5 { l.failed(keys, now: 2000) }
        XCTAssertEqual(l.wait(keys, now: 2000), 32)
        for _ in 0..<20 { l.failed(keys, now: 3000) }
        XCTAssertEqual(l.wait(keys, now: 3000), 300)
        l.succeeded(keys)
        XCTAssertEqual(l.wait(keys, now: 3000), 0)
    }

    func testLoginsExpireAndAChangedPasswordEndsThem() throws {
        let l = Logins()
        let t = l.begin("王磊", passwordSet: 5, now: 0)
        XCTAssertNotNil(l.current(t, now: Logins.idle - 1) { _ in 5 })
        XCTAssertNil(l.current(t, now: 2 * Logins.idle) { _ in 5 }, "idle for a working day")
        let u = l.begin("王磊", passwordSet: 5, now: 0)
        var now = 0.0
        while now < Logins.lifetime - Logins.idle {
            now += Logins.idle / 2
            XCTAssertNotNil(l.current(u, now: now) { _ in 5 })
        }
        XCTAssertNil(l.current(u, now: Logins.lifetime + 1) { _ in 5 }, "a week at most, however busy")
        let w = l.begin("王磊", passwordSet: 5, now: 0)
        XCTAssertNil(l.current(w, now: 1) { _ in 6 }, "the password was set again")

        // Through the pages: kh account set while the server runs ends the member's logins.
        let a = try member("陈静")
        let b = try member("陈静")
        var file = try AccountFile.load(accountsPath)
        file.set("陈静", password: "a new password", cost: 4, now: AccountFile.now() + 10)
        try file.save()
        XCTAssertEqual(get("/", a).status, 303)
        XCTAssertEqual(get("/", b).status, 303)
        // The account page: the current password, the new one twice; other logins end, this one goes on.
        let c = try XCTUnwrap(try login("陈静", password: "a new password").0 as Visitor?)
        let d = try XCTUnwrap(try login("陈静", password: "a new password").0 as Visitor?)
        XCTAssertEqual(
            post("/account", c, [("current", "wrong"), ("new", "x1234567"), ("repeat", "x1234567")]).status, 422)
        XCTAssertEqual(
            post("/account", c, [("current", "a new password"), ("new", "x1234567"), ("repeat", "y1234567")]).status,
            422)
        XCTAssertTrue(
            post("/account", c, [("current", "a new password"), ("new", "short"), ("repeat", "short")]).text.contains(
                "密码至少 8 个字符"))
        let changed = post(
            "/account", c, [("current", "a new password"), ("new", "third password"), ("repeat", "third password")])
        XCTAssertEqual(changed.status, 303, changed.text)
        var c2 = c
        c2.login = setCookie(changed, "kh_login")
        XCTAssertEqual(get("/", c2).status, 200, "this login goes on")
        XCTAssertEqual(get("/", d).status, 303, "the other ended")
        XCTAssertEqual(try login("陈静", password: "third password").1.status, 303)
        XCTAssertEqual(try String(contentsOfFile: accountsPath, encoding: .utf8).contains("third password"), false)
        var st = stat()
        XCTAssertEqual(stat(accountsPath, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o600)
    }

    // MARK: - Roles

    /// Every page and form for every role: allowed (2xx/3xx) or refused (403).
    func testEveryRouteForEveryRole() throws {
        let c = "/customers/KH-2024-001"
        // role → the routes it may open (the others: 403).
        let pages = [
            "/", "/customers", "/customers.json", c, c + ".json", c + "/log", c + "/edit/basic", c + "/edit/needs",
            c + "/edit/assessment?year=2025", "/customers/new", "/problems", "/catalogue", "/review", "/report",
            "/account", "/registers", "/status", "/status.json",
        ]
        let refused: [String: Set<String>] = [
            "王磊": ["/problems", "/registers"],
            "陈静": [c + "/edit/basic", c + "/edit/needs", c + "/edit/assessment?year=2025", "/problems", "/registers"],
            "李娜": [
                c + "/edit/basic", c + "/edit/needs", c + "/edit/assessment?year=2025", "/customers/new", "/problems",
                "/registers",
            ],
            "周敏": [
                c + "/log", c + "/edit/basic", c + "/edit/needs", c + "/edit/assessment?year=2025", "/customers/new",
                "/problems", "/registers",
            ],
            "孙倩": [],
            "赵刚": [],
        ]
        // Without a login: the pages ask for one, the JSON says 401.
        let nobody = try anonymous()
        for p in pages {
            let r = get(p, nobody)
            XCTAssertEqual(r.status, p.hasSuffix(".json") ? 401 : 303, "nobody \(p)")
            if !p.hasSuffix(".json") { XCTAssertEqual(r.header("Location"), "/login" + Form.query([("next", p)]), p) }
        }
        for (name, _) in Self.members {
            let v = try member(name)
            for p in pages {
                let r = get(p, v)
                if refused[name]!.contains(p) {
                    XCTAssertEqual(r.status, 403, "\(name) \(p)")
                } else {
                    XCTAssertEqual(r.status, 200, "\(name) \(p): \(r.text.prefix(300))")
                }
            }
            let home = get("/", v).text
            XCTAssertEqual(
                home.contains("href=\"/problems\""), refused[name]!.isEmpty,
                "\(name): the menu offers what the role may open")
        }
    }

    func testFormsForEveryRole() throws {
        let c = "/customers/KH-2024-001"
        let step = "客户档案/KH-2024-001_星辰科技/03-互动记录/2025-Q1/2025-01-08-会议.yaml"
        // The open steps of that record: #1 is 陈静's, #2 王磊's.
        for (name, role) in Self.members {
            let v = try member(name)
            let log = post(c + "/log", v, [("content", "x")])
            let edit = post(c + "/edit/basic", v, [("hash", "-")])
            let new = post("/customers/new", v, [("name", "")])
            let hers = post(c + "/steps", v, [("file", step), ("index", "1"), ("hash", "-"), ("action", "bogus")])
            let his = post(c + "/steps", v, [("file", step), ("index", "2"), ("hash", "-"), ("action", "bogus")])
            // Allowed forms get as far as reading what was sent (a 409 conflict or a 422 refusal), never a 403.
            func allowed(_ r: WebResponse, _ yes: Bool, _ what: String) {
                if yes {
                    XCTAssertNotEqual(r.status, 403, "\(name) (\(role)) \(what): \(r.text.prefix(300))")
                } else {
                    XCTAssertEqual(r.status, 403, "\(name) (\(role)) \(what)")
                }
            }
            allowed(log, name != "周敏", "log")
            allowed(edit, ["王磊", "孙倩", "赵刚"].contains(name), "edit 基本信息")
            allowed(new, ["王磊", "陈静", "孙倩", "赵刚"].contains(name), "new customer")
            allowed(hers, ["王磊", "陈静", "孙倩", "赵刚"].contains(name), "陈静's step")
            allowed(his, ["王磊", "孙倩", "赵刚"].contains(name), "王磊's step")
        }
    }

    func testTheTableKeepsEditorsAbleToSeeWhatTheyEdit() {
        for (role, g) in Grants.table {
            XCTAssertLessThanOrEqual(g.edit, g.sensitive, "\(role): a form would write masked values back")
            let owner = Viewer(member: "王磊", role: role, grants: g, team: true)
            let ties = CustomerTies(owner: "王磊", assignees: [])
            XCTAssertTrue(
                owner.reads(secrecy: "机密", ties) && owner.reads(secrecy: "秘密", ties), "\(role): the owner always reads")
            let other = Viewer(member: "陈静", role: role, grants: g, team: true, widened: ["机密": [role]])
            XCTAssertTrue(other.reads(secrecy: "机密", ties), "\(role): kh.yaml 密级查阅 widens")
            XCTAssertTrue(other.reads(secrecy: "内部", ties) && other.reads(secrecy: nil, ties))
        }
        XCTAssertEqual(Grants.table.map(\.role), Declarations.roles, "a row for every role of kh.yaml")
    }

    // MARK: - Masking

    /// The contacts' means of contact in the template, and how they are shown masked.
    static let sensitive: [(full: String, masked: String)] = [
        ("13812345678", "138****5678"), ("010-62345678", "010-****5678"),
        ("zhangwei@xingchen-tech.example.com", "z***@xingchen-tech.example.com"),
        ("liufang@xingchen-tech.example.com", "l***@xingchen-tech.example.com"),
        ("+86 139 0213 4567", "+86 1** **** 4567"), ("liuyang.edu@example.com", "l***@example.com"),
    ]

    func testSensitiveFieldsNeverReachThoseWhoMustNotSeeThem() throws {
        let numbers = ["KH-2024-001", "KH-2024-003", "KH-2025-001"]
        var targets = ["/", "/customers", "/customers.json", "/problems", "/catalogue", "/review", "/report"]
        for n in numbers {
            targets += ["/customers/\(n)", "/customers/\(n).json", "/customers/\(n)/log", "/customers/\(n)/edit/basic"]
        }
        // KH-2024-001 is 王磊's, KH-2024-003 陈静's.
        let fullFor: [String: Set<String>] = [
            "王磊": ["KH-2024-001"], "陈静": ["KH-2024-003"], "李娜": [], "周敏": [], "孙倩": Set(numbers), "赵刚": Set(numbers),
        ]
        for (name, _) in Self.members {
            let v = try member(name)
            var seen: [String: String] = [:]
            for t in targets {
                let r = get(t, v)
                // On the raw bytes: no escaping or encoding hides a value from this check.
                let raw = String(decoding: r.body, as: UTF8.self)
                seen[t] = raw
                let owner = numbers.first { t.hasPrefix("/customers/\($0)") }
                for s in Self.sensitive {
                    let belongs = s.full.contains("139") || s.full.contains("liuyang") ? "KH-2024-003" : "KH-2024-001"
                    let mayRead = fullFor[name]!.contains(belongs)
                    if !mayRead || (owner != nil && owner != belongs) {
                        XCTAssertFalse(raw.contains(s.full), "\(name) sees \(s.full) on \(t)")
                        XCTAssertFalse(
                            raw.contains(s.full.replacingOccurrences(of: "@", with: "&#64;")), "\(name) \(t)")
                    }
                }
            }
            let page = seen["/customers/KH-2024-001"]!
            if fullFor[name]!.contains("KH-2024-001") {
                XCTAssertTrue(page.contains("13812345678"), name)
            } else {
                XCTAssertTrue(page.contains("138****5678"), "\(name): masked, not left out")
                XCTAssertTrue(page.contains("z***@xingchen-tech.example.com"), name)
                XCTAssertTrue(page.contains("010-****5678"), name)
            }
        }
    }

    func testMaskingAndScrubbing() {
        XCTAssertEqual(Mask.value("手机", "13812345678"), "138****5678")
        XCTAssertEqual(Mask.value("电话", "0755-86012345-806"), "075*-*******5-806")
        XCTAssertEqual(Mask.value("邮箱", "z@example.com"), "z***@example.com")
        XCTAssertEqual(Mask.value("微信", "wxid_abc"), "w***c")
        XCTAssertEqual(Mask.value("手机", "12345"), "***45")
        XCTAssertEqual(
            Mask.scrub("联系人手机 13812345678 相同；邮箱 a.b@x.example.cn；订单 2024081612345678 不是手机"),
            "联系人手机 138****5678 相同；邮箱 a***@x.example.cn；订单 2024081612345678 不是手机")
    }

    // MARK: - The proxy

    func testATrustedProxyHeaderLogsInOnlyFromTheProxy() throws {
        app = try makeApp(proxies: ["10.0.0.1"])
        let nobody = try anonymous()
        let viaProxy = get("/", nobody, peer: "10.0.0.1", extra: ["X-Forwarded-User": "lina"])
        XCTAssertEqual(viaProxy.status, 200)
        XCTAssertTrue(viaProxy.text.contains("我的一周 · 李娜"))
        XCTAssertEqual(
            get("/", nobody, peer: "::ffff:10.0.0.1", extra: ["X-Forwarded-User": "lina@corp.example"]).status, 200,
            "an e-mail whose name is the git account; the IPv4-mapped address is the proxy's")
        XCTAssertEqual(
            get("/", nobody, peer: "10.0.0.9", extra: ["X-Forwarded-User": "lina"]).status, 303, "not the proxy")
        XCTAssertEqual(
            get("/", nobody, peer: "10.0.0.1", extra: ["X-Forwarded-User": "zhengkai"]).status, 303, "has left")
        XCTAssertEqual(get("/", nobody, peer: "10.0.0.1", extra: ["X-Forwarded-User": "mallory"]).status, 303)
        XCTAssertEqual(get("/", nobody, peer: "10.0.0.1").status, 303, "no header: the login form")
    }

    // MARK: - Addresses

    func testNamesTheServerAnswersTo() throws {
        let v = try member("赵刚")
        var headers = ["Host": "kh.example.com:8080", "Cookie": v.cookie]
        XCTAssertEqual(
            app.handle(WebRequest(method: "GET", target: "/", headers: headers, peer: "10.0.0.5")).status, 200)
        headers["Host"] = "0.0.0.0:8080"
        XCTAssertEqual(
            app.handle(WebRequest(method: "GET", target: "/", headers: headers, peer: "10.0.0.5")).status, 421)
        headers["Host"] = "evil.example"
        XCTAssertEqual(
            app.handle(WebRequest(method: "GET", target: "/", headers: headers, peer: "10.0.0.5")).status, 421)
        // Bound to every address: this machine's own addresses and name, and the --name names.
        var s = ServeSettings(host: "0.0.0.0", port: 8080)
        XCTAssertFalse(TeamCheck.problems(s, archive: try Archive.open(archive.root)).contains { $0.fatal })
        XCTAssertTrue(s.allowedHosts.contains("127.0.0.1:8080") && s.allowedHosts.contains("localhost:8080"))
        XCTAssertFalse(s.allowedHosts.contains("0.0.0.0:8080"), "0.0.0.0 is no address a browser uses")
        s.names = ["kh.corp.example"]
        XCTAssertTrue(s.allowedHosts.isSuperset(of: ["kh.corp.example", "kh.corp.example:8080"]))
        XCTAssertFalse(s.allowedHosts.contains { $0.hasPrefix("evil.example") })
    }

    func testOnlyLocalPlacesToGoBack() {
        XCTAssertEqual(Route.local("/customers/KH-2024-001"), "/customers/KH-2024-001")
        for bad in ["/\\evil.example", "//evil.example", "https://evil.example", "/\u{0009}/evil.example", "", "evil"] {
            XCTAssertNil(Route.local(bad), bad)
        }
    }

    // MARK: - Saves

    func testASaveIsCommittedAsTheLoggedInMember() throws {
        let v = try member("李娜")
        let form = get("/customers/KH-2024-001/log", v)
        XCTAssertEqual(form.status, 200)
        XCTAssertTrue(form.text.contains("value=\"李娜\""), "our side defaults to who logged in")
        let r = post(
            "/customers/KH-2024-001/log", v,
            [
                ("hash", hidden("hash", in: form.text) ?? ""), ("time", "2026-11-30T10:30"), ("method", "电话"),
                ("type", "日常维护"), ("ours", "李娜"), ("theirs", "张伟"), ("content", "回访：系统运行正常"),
            ])
        XCTAssertEqual(r.status, 303, r.text)
        let author = try git(["log", "-1", "--format=%an|%s"]).trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(author, "李娜|记录互动：KH-2024-001 星辰科技，2026-11-30 10:30 电话（日常维护）")
    }
}

extension TeamServeTests {
    /// docs/serve.md prints the roles' table as the code has it.
    func testTheDocumentedTableIsTheCodes() throws {
        let doc = try String(
            contentsOfFile: TestPaths.packageRoot.appendingPathComponent("docs/serve.md").path, encoding: .utf8)
        XCTAssertTrue(
            doc.contains(Grants.markdown()),
            "docs/serve.md's roles table differs from Grants.table:\n" + Grants.markdown())
    }
}

// MARK: - 密级 and the access register

extension TeamServeTests {
    static let secretContract = "客户档案/KH-2024-001_星辰科技/02-合作背景/2024-03-01-数据安全平台.yaml"
    /// What only the 秘密 contract says.
    static let secretText = ["HT-2024-0301", "180000.00", "扩容授权 50 个节点"]

    func testASecretDocumentsExistenceIsShownNotItsContent() throws {
        for (name, _) in Self.members {
            let v = try member(name)
            for t in [
                "/customers/KH-2024-001", "/customers/KH-2024-001.json", "/customers.json", "/catalogue", "/report",
                "/review",
            ] {
                let raw = String(decoding: get(t, v).body, as: UTF8.self)
                for s in Self.secretText { XCTAssertFalse(raw.contains(s), "\(name) sees \(s) on \(t)") }
            }
            let page = get("/customers/KH-2024-001", v).text
            XCTAssertTrue(page.contains("02-合作背景/2024-03-01-数据安全平台.yaml"), "\(name): it exists")
            let link = "/customers/KH-2024-001/document?file=" + Form.encode(Self.secretContract)
            // 秘密: the owner (王磊), 资料专员, 管理员.
            let may = ["王磊", "孙倩", "赵刚"].contains(name)
            XCTAssertEqual(page.contains("href=\"\(link)\""), may, name)
            XCTAssertEqual(page.contains("你的角色无权查看"), !may, name)
            XCTAssertEqual(get(link, v).status, may ? 200 : 403, name)
            let json = get("/customers/KH-2024-001.json", v).text
            XCTAssertTrue(
                json.contains(
                    "\"withheld\": [\n    {\n      \"file\": \"\(Self.secretContract)\",\n      \"密级\": \"秘密\""), json)
            XCTAssertFalse(json.contains("\"\(Self.secretContract)\": \""), "\(name): no blob id of it either")
        }
    }

    func testOpeningASecretDocumentWritesTheAccessRegisterFirst() throws {
        let wang = try member("王磊")
        let link = "/customers/KH-2024-001/document?file=" + Form.encode(Self.secretContract)
        let form = get(link, wang)
        XCTAssertTrue(form.text.contains("name=\"reason\""))
        for s in Self.secretText { XCTAssertFalse(form.text.contains(s), "the form shows nothing yet") }
        let opened = post("/customers/KH-2024-001/document", wang, [("file", Self.secretContract), ("reason", "续约报价")])
        XCTAssertEqual(opened.status, 200, opened.text)
        for s in Self.secretText { XCTAssertTrue(opened.text.contains(s), s) }
        let now = KHWrite.Clock.now(try Archive.open(archive.root).config)
        let path = Register.access.path(on: now.day)
        let register = try read(path)
        XCTAssertEqual(
            register,
            "# 查阅登记：由 kh 追加写入，请勿手改（kh validate 检查其格式）\n"
                + "- 时间: \(now.day) \(Values.pad(now.hour, 2)):\(Values.pad(now.minute, 2))\n  人员: 王磊\n  操作: 查阅\n"
                + "  档案编号: KH-2024-001\n  文件: \(Self.secretContract)\n  密级: 秘密\n  原因: 续约报价\n")
        XCTAssertEqual(
            try git(["log", "-1", "--format=%an|%s"]),
            "王磊|查阅登记：王磊 查阅 KH-2024-001 \(Self.secretContract)（秘密）\n")
        XCTAssertEqual(try git(["status", "--porcelain"]), "", "the entry is committed")
        // A second view appends.
        XCTAssertEqual(post("/customers/KH-2024-001/document", wang, [("file", Self.secretContract)]).status, 200)
        XCTAssertEqual(try read(path).components(separatedBy: "- 时间:").count, 3)
        // kh validate accepts the register.
        let result = try archive.validate()
        XCTAssertEqual(result.diagnostics.filter { $0.file.hasPrefix("登记/") }.map(brief), [])
        // Someone whose role does not reach it: refused, nothing written.
        let li = try member("李娜")
        XCTAssertEqual(post("/customers/KH-2024-001/document", li, [("file", Self.secretContract)]).status, 403)
        XCTAssertEqual(try read(path).components(separatedBy: "- 时间:").count, 3)
        // A path that is not a withheld document of this customer.
        XCTAssertEqual(post("/customers/KH-2024-001/document", wang, [("file", "kh.yaml")]).status, 404)
        // The registers: 资料专员 and 管理员 read them; others do not.
        let registers = get("/registers", try member("孙倩"))
        XCTAssertEqual(registers.status, 200)
        XCTAssertTrue(registers.text.contains("<td>续约报价</td>"), registers.text)
        XCTAssertEqual(get("/registers", wang).status, 403)
        XCTAssertEqual(get("/registers", li).status, 403)
    }

    func testKhYamlWidensWhoReadsASecretDocument() throws {
        try archive.write("kh.yaml", try read("kh.yaml") + "密级查阅: {秘密: [客服]}\n")
        app.refresh()
        let li = try member("李娜")
        let link = "/customers/KH-2024-001/document?file=" + Form.encode(Self.secretContract)
        XCTAssertEqual(get(link, li).status, 200)
        XCTAssertEqual(get(link, try member("周敏")).status, 403)
    }

    func testASecretDocumentHasNoFormInTeamMode() throws {
        let needs = "客户档案/KH-2024-001_星辰科技/04-需求偏好/需求偏好.yaml"
        try archive.write(needs, try read(needs).replacingOccurrences(of: "密级: 内部", with: "密级: 机密"))
        app.refresh()
        let r = get("/customers/KH-2024-001/edit/needs", try member("赵刚"))
        XCTAssertEqual(r.status, 403)
        XCTAssertTrue(r.text.contains("不能在浏览器中修改机密文档"), r.text)
    }
}

extension TeamServeTests {
    /// A save never commits someone else's uncommitted edit under the member's name.
    func testASaveIntoAFileWithSomeoneElsesUncommittedEditIsRefused() throws {
        let stepFile = "客户档案/KH-2024-001_星辰科技/03-互动记录/2025-Q1/2025-01-08-会议.yaml"
        try archive.write(stepFile, try read(stepFile) + "# 编辑器里改了一半\n")
        app.refresh()
        let v = try member("陈静")
        let page = get("/customers/KH-2024-001", v).text
        let marker =
            "name=\"file\" value=\"\(stepFile)\"><input type=\"hidden\" name=\"index\" value=\"1\"><input type=\"hidden\" name=\"hash\" value=\""
        let hash = try XCTUnwrap(
            page.range(of: marker).map { String(page[$0.upperBound...].prefix { $0 != "\"" }) }, page)
        let head = try git(["rev-parse", "HEAD"])
        let r = post(
            "/customers/KH-2024-001/steps", v, [("file", stepFile), ("index", "1"), ("hash", hash), ("action", "done")])
        XCTAssertEqual(r.status, 409, r.text)
        XCTAssertTrue(r.text.contains("有尚未提交到 git 的修改（不是经 kh serve 保存的）"), r.text)
        XCTAssertEqual(try git(["rev-parse", "HEAD"]), head, "no commit")
        XCTAssertTrue(try read(stepFile).hasSuffix("# 编辑器里改了一半\n"), "and nothing written")
        XCTAssertEqual(try read(stepFile).components(separatedBy: "状态: 已完成").count, 2, "only the step that was done")
    }
}

extension TeamServeTests {
    /// Rule codes and file paths are behind "详情" for the roles that do not edit files.
    func testCodesAndPathsAreDetailsForRolesThatDoNotEditFiles() throws {
        let path = "客户档案/KH-2025-001_海川制造/01-客户基本信息/基本信息.yaml"
        try archive.write(path, try read(path).replacingOccurrences(of: "所在地区: 广东省", with: "所在地区: 待确认"))
        _ = try git(["commit", "-qam", "待确认"])
        app.refresh()
        let li = get("/customers/KH-2025-001", try member("李娜")).text
        XCTAssertTrue(li.contains("<details class=\"more\"><summary>详情</summary><code>KH202</code>"), li)
        let timeline = get("/customers/KH-2024-001", try member("李娜")).text
        XCTAssertTrue(
            timeline.contains("<details class=\"more\"><summary>详情</summary><p class=\"muted file\">"), "paths too")
        let sun = get("/customers/KH-2025-001", try member("孙倩")).text
        XCTAssertTrue(sun.contains("<code>KH202</code> 01-客户基本信息/基本信息.yaml:"), sun)
        XCTAssertFalse(sun.contains("<summary>详情</summary>"))
    }
}

extension TeamServeTests {
    /// 管理员 sees who has an account; nobody else does.
    func testTheAdministratorSeesTheTeamsAccounts() throws {
        let admin = get("/account", try member("赵刚")).text
        XCTAssertTrue(admin.contains("团队的账号"), admin)
        XCTAssertTrue(admin.contains("<tr><td>郑凯</td><td>销售</td><td>否</td>"), "a former member is listed as such")
        let other = get("/account", try member("孙倩")).text
        XCTAssertFalse(other.contains("团队的账号"))
        XCTAssertFalse(other.contains("<td>郑凯</td>"))
    }
}

extension TeamServeTests {
    /// Every download and export is in the access register before it is answered.
    func testDownloadsAndExportsAreRegistered() throws {
        let li = try member("李娜")
        XCTAssertEqual(get("/customers.json", li).status, 200)
        XCTAssertEqual(get("/customers/KH-2024-001.json", li).status, 200)
        XCTAssertEqual(get("/catalogue", li).status, 200)
        XCTAssertEqual(get("/customers/KH-2024-001", li).status, 200, "a page of the app is not an export")
        XCTAssertEqual(get("/customers/KH-9999-001.json", li).status, 404, "nothing to register")
        let now = KHWrite.Clock.now(try Archive.open(archive.root).config)
        let register = try read(Register.access.path(on: now.day))
        let entries = register.components(separatedBy: "- 时间:").dropFirst().map {
            $0.split(separator: "\n").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        }
        XCTAssertEqual(
            entries,
            [
                "人员: 李娜 操作: 下载 文件: /customers.json",
                "人员: 李娜 操作: 下载 档案编号: KH-2024-001 文件: /customers/KH-2024-001.json",
                "人员: 李娜 操作: 导出 文件: /catalogue",
            ])
        XCTAssertEqual(try git(["log", "-1", "--format=%an|%s"]), "李娜|查阅登记：李娜 导出 /catalogue\n")
    }
}
