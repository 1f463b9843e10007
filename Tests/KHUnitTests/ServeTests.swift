import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHOutputs
@testable import KHServe
@testable import KHSupport
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// kh serve's pages and forms through `WebApp.handle`: no socket, every refusal.
final class ServeTests: XCTestCase {
    var archive: TempArchive!
    var app: WebApp!
    let host = "127.0.0.1:8080"

    override func setUpWithError() throws {
        archive = try TempArchive(files: TemplateFiles.all.map { ($0.path, $0.content) })
        app = try WebApp(root: archive.root, settings: ServeSettings(host: "127.0.0.1", port: 8080))
    }

    // MARK: - Helpers

    /// A visitor: the session cookie of a first page, and who they chose to be.
    struct Visitor {
        var token: String
        var member: String?
    }

    func visit(as member: String? = nil) throws -> Visitor {
        let r = app.handle(WebRequest(method: "GET", target: "/", headers: ["Host": host]))
        let cookie = try XCTUnwrap(r.headers.first { $0.0 == "Set-Cookie" && $0.1.hasPrefix("kh_session=") }?.1)
        let token = String(cookie.dropFirst("kh_session=".count).prefix { $0 != ";" })
        return Visitor(token: token, member: member)
    }

    func cookies(_ v: Visitor) -> String {
        "kh_session=\(v.token)" + (v.member.map { "; kh_member=" + Form.encode($0) } ?? "")
    }

    func get(_ target: String, _ v: Visitor? = nil, host: String? = nil) -> WebResponse {
        var headers = ["Host": host ?? self.host]
        if let v { headers["Cookie"] = cookies(v) }
        return app.handle(WebRequest(method: "GET", target: target, headers: headers))
    }

    func post(
        _ target: String, _ v: Visitor, _ fields: [(String, String)], token: String? = nil,
        origin: String? = "http://127.0.0.1:8080", extra: [String: String] = [:]
    ) -> WebResponse {
        var headers = ["Host": host, "Cookie": cookies(v), "Content-Type": "application/x-www-form-urlencoded"]
        if let origin { headers["Origin"] = origin }
        for (k, val) in extra { headers[k] = val }
        let body = (fields + [("_token", token ?? v.token)]).map { Form.encode($0.0) + "=" + Form.encode($0.1) }.joined(
            separator: "&")
        return app.handle(WebRequest(method: "POST", target: target, headers: headers, body: Array(body.utf8)))
    }

    func hidden(_ name: String, in page: String, after marker: String = "") -> String? {
        FormPage.hidden(name, in: page, after: marker)
    }

    func file(_ path: String) throws -> String {
        try String(contentsOfFile: archive.root + "/" + path, encoding: .utf8)
    }

    let basic = "客户档案/KH-2024-001_星辰科技/01-客户基本信息/基本信息.yaml"
    let stepFile = "客户档案/KH-2024-001_星辰科技/03-互动记录/2025-Q1/2025-01-08-会议.yaml"

    // MARK: - Pages

    func testStartPageAsksWhoYouAreAndHardensEveryResponse() throws {
        let r = get("/")
        XCTAssertEqual(r.status, 200)
        XCTAssertTrue(r.text.contains("你是哪位？"))
        XCTAssertTrue(r.text.contains("<option value=\"陈静\">陈静（销售）</option>"))
        XCTAssertFalse(r.text.contains("郑凯"), "a member who has left is not offered")
        XCTAssertEqual(r.header("Content-Security-Policy"), Security.pagePolicy)
        XCTAssertEqual(r.header("X-Content-Type-Options"), "nosniff")
        XCTAssertEqual(r.header("X-Frame-Options"), "DENY")
        XCTAssertEqual(r.header("Cache-Control"), "no-store")
        let cookie = try XCTUnwrap(r.header("Set-Cookie"))
        // Lax, not Strict: a link to kh serve from chat or webmail arrives with the session, so
        // the forms open in other tabs keep a token that matches (Origin and the token guard posts).
        XCTAssertTrue(cookie.hasSuffix("; Path=/; HttpOnly; SameSite=Lax"), cookie)
        XCTAssertFalse(r.text.contains("<script"), "no script on any page")
    }

    func testChoosingWhoYouAreIsRememberedAndCheckedAgainstTheTeam() throws {
        let v = try visit()
        let r = post("/me", v, [("name", "陈静")])
        XCTAssertEqual(r.status, 303)
        XCTAssertEqual(r.header("Location"), "/")
        XCTAssertEqual(
            r.headers.first { $0.1.hasPrefix("kh_member=") }?.1,
            "kh_member=%E9%99%88%E9%9D%99; Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict")
        XCTAssertEqual(post("/me", v, [("name", "郑凯")]).status, 400, "someone who has left")
        XCTAssertEqual(post("/me", v, [("name", "不认识")]).status, 400)
    }

    /// A next step belongs to its 负责人: 陈静 sees the step at 星辰科技 (owned by 王磊) on her
    /// week, and 王磊 sees it too, as the customer's owner.
    func testMyWeekShowsAStepToItsOwnerAndToTheCustomersOwner() throws {
        let chen = get("/", try visit(as: "陈静"))
        XCTAssertEqual(chen.status, 200)
        XCTAssertTrue(chen.text.contains("我的一周 · 陈静"))
        XCTAssertTrue(chen.text.contains("2月15日前提交数据脱敏模块方案和报价"), chen.text)
        XCTAssertTrue(chen.text.contains("9月10日前电话确认预算与采购时间"))
        let wang = get("/", try visit(as: "王磊"))
        XCTAssertTrue(wang.text.contains("2月15日前提交数据脱敏模块方案和报价"))
        XCTAssertFalse(wang.text.contains("9月10日前电话确认预算与采购时间"), "刘洋 is 陈静's customer and her step")
    }

    func testListSearchesByNumberNamePinyinAndInitials() throws {
        for (q, number) in [
            ("xc", "KH-2024-001"), ("xingchen", "KH-2024-001"), ("星辰", "KH-2024-001"), ("KH-2025-001", "KH-2025-001"),
            ("hczz", "KH-2025-001"), ("ly", "KH-2024-003"), ("刘洋", "KH-2024-003"),
        ] {
            let r = get("/customers?q=" + Form.encode(q))
            XCTAssertEqual(r.status, 200)
            XCTAssertTrue(r.text.contains("href=\"/customers/\(number)\""), "\(q) finds \(number)")
            XCTAssertTrue(r.text.contains("共 1 位"), "\(q) finds only \(number)")
        }
        let none = get("/customers?q=zzzz")
        XCTAssertTrue(none.text.contains("没有符合条件的客户。"))
    }

    func testListFacetsAndSortingAreLinks() throws {
        let all = get("/customers")
        XCTAssertTrue(all.text.contains("共 3 位"))
        XCTAssertTrue(
            all.text.contains("href=\"/customers?owner=%E7%8E%8B%E7%A3%8A\">王磊</a> <span class=\"muted\">2</span>"),
            all.text)
        let wang = get("/customers?owner=%E7%8E%8B%E7%A3%8A")
        XCTAssertTrue(wang.text.contains("共 2 位"))
        XCTAssertFalse(wang.text.contains("href=\"/customers/KH-2024-003\""))
        let overdue = get("/customers?overdue=1")
        XCTAssertTrue(overdue.text.contains("共 2 位"), "星辰科技 and 刘洋 have open steps past due")
        let json = get("/customers.json?q=hc")
        XCTAssertEqual(json.status, 200)
        XCTAssertEqual(json.header("Content-Type"), "application/json; charset=utf-8")
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.body)) as? [String: Any])
        XCTAssertEqual(obj["total"] as? Int, 1)
        let c = try XCTUnwrap((obj["customers"] as? [[String: Any]])?.first)
        XCTAssertEqual(c["number"] as? String, "KH-2025-001")
        XCTAssertEqual(c["shortName"] as? String, "海川制造")
        XCTAssertEqual(c["url"] as? String, "/customers/KH-2025-001")
    }

    func testCustomerPageAndJSON() throws {
        let r = get("/customers/KH-2024-001")
        XCTAssertEqual(r.status, 200)
        for text in ["北京星辰科技有限公司", "2月15日前提交数据脱敏模块方案和报价", "基本信息", "时间线"] {
            XCTAssertTrue(r.text.contains(text), text)
        }
        let json = get("/customers/KH-2024-001.json")
        let obj = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.body)) as? [String: Any])
        XCTAssertEqual(obj["number"] as? String, "KH-2024-001")
        XCTAssertEqual((obj["problems"] as? [Any])?.count, 0)
        let files = try XCTUnwrap(obj["files"] as? [String: String])
        XCTAssertEqual(files[basic], SHA1.gitBlob(Array(try file(basic).utf8)))
        XCTAssertEqual(get("/customers/KH-2099-001").status, 404)
        XCTAssertEqual(get("/customers/KH-2099-001.json").status, 404)
    }

    func testProblemsNextToTheirFieldAndOnTheProblemsPage() throws {
        try archive.write(
            basic, try file(basic).replacingOccurrences(of: "首次接触时间: 2023-11-08", with: "首次接触时间: 2023-02-30"))
        app.refresh()
        let r = get("/customers/KH-2024-001")
        XCTAssertTrue(r.text.contains("<code>KH203</code> 01-客户基本信息/基本信息.yaml:"), r.text)
        let problems = get("/problems")
        XCTAssertEqual(problems.status, 200)
        XCTAssertTrue(problems.text.contains("<a href=\"/customers/KH-2024-001\">KH-2024-001_星辰科技</a>"), problems.text)
        XCTAssertTrue(problems.text.contains("<code>KH203</code>"))
    }

    func testPrintableOutputs() {
        for path in ["/catalogue", "/review", "/report"] {
            let r = get(path)
            XCTAssertEqual(r.status, 200, path)
            XCTAssertTrue(r.text.hasPrefix("<!DOCTYPE html>"), path)
            XCTAssertEqual(r.header("Content-Security-Policy"), Security.documentPolicy, path)
        }
        XCTAssertTrue(get("/catalogue").text.contains("北京星辰科技有限公司"))
    }

    // MARK: - Refusals

    func testForeignHostIsRefused() {
        XCTAssertEqual(get("/", host: "evil.example:8080").status, 421)
        XCTAssertEqual(get("/", host: "127.0.0.1:9999").status, 421)
        XCTAssertEqual(app.handle(WebRequest(method: "GET", target: "/")).status, 421, "no Host at all")
        XCTAssertEqual(get("/", host: "localhost:8080").status, 200)
    }

    func testTraversalIsRefused() {
        for target in [
            "/customers/..%2F..%2Fkh.yaml", "/customers/%2e%2e", "/customers/KH-2024-001%2F..%2F..", "/customers/%00",
            "/customers/..", "/assets/..%2f..%2fkh.yaml", "/customers/%zz",
        ] {
            let r = get(target)
            XCTAssertTrue([400, 404].contains(r.status), "\(target): \(r.status)")
            XCTAssertFalse(r.text.contains("档案库:"), "\(target) shows no file")
        }
        let v = try! visit(as: "陈静")
        let r = post(
            "/customers/KH-2024-001/steps", v,
            [("file", "客户档案/KH-2024-001_星辰科技/../../kh.yaml"), ("index", "1"), ("hash", "x"), ("action", "done")])
        XCTAssertEqual(r.status, 404, "a path outside the customer is never read for a write")
        XCTAssertTrue(try file("kh.yaml").hasPrefix("# kh.yaml"))
        // A folder inside the customer that is a symbolic link to somewhere else.
        let outside = NSTemporaryDirectory() + "kh-outside-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        let record = "沟通时间: 2025-01-08 10:00\n下一步计划:\n  - 事项: x\n    负责人: 陈静\n    截止日期: 2025-02-15\n    优先级: 高\n"
        try! record.write(toFile: outside + "/r.yaml", atomically: true, encoding: .utf8)
        try! FileManager.default.createSymbolicLink(
            atPath: archive.root + "/客户档案/KH-2024-001_星辰科技/03-互动记录/link", withDestinationPath: outside)
        let linked = "客户档案/KH-2024-001_星辰科技/03-互动记录/link/r.yaml"
        let hash = SHA1.gitBlob(Array(record.utf8))
        XCTAssertEqual(
            post(
                "/customers/KH-2024-001/steps", v,
                [("file", linked), ("index", "1"), ("hash", hash), ("action", "done")]
            ).status, 404)
        XCTAssertEqual(
            try! String(contentsOfFile: outside + "/r.yaml", encoding: .utf8), record,
            "nothing written through the link")
    }

    func testSessionTokensAreSignedByThisServer() throws {
        let v = try visit()
        XCTAssertTrue(Session.isValid(v.token, secret: app.secret))
        XCTAssertFalse(
            Session.isValid(String(v.token.prefix(32)) + String(repeating: "0", count: 32), secret: app.secret))
        XCTAssertFalse(
            Session.isValid(v.token, secret: Session.randomBytes(32)), "another server's (or before a restart)")
        // RFC 2202 test case 2.
        XCTAssertEqual(
            HMAC.sha1(key: Array("Jefe".utf8), Array("what do ya want for nothing?".utf8)),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")
    }

    func testPostsNeedTheTokenAndThisOrigin() throws {
        let v = try visit(as: "陈静")
        let log: [(String, String)] = [("content", "x")]
        XCTAssertEqual(post("/customers/KH-2024-001/log", v, log, token: "0000").status, 403)
        XCTAssertEqual(post("/customers/KH-2024-001/log", v, log, origin: "http://evil.example").status, 403)
        XCTAssertEqual(
            post("/customers/KH-2024-001/log", v, log, origin: nil).status, 403, "neither Origin nor Sec-Fetch-Site")
        XCTAssertEqual(
            post("/customers/KH-2024-001/log", v, log, origin: nil, extra: ["Sec-Fetch-Site": "cross-site"]).status, 403
        )
        XCTAssertEqual(
            post("/me", Visitor(token: String(repeating: "ab", count: 32), member: nil), [("name", "陈静")]).status, 403,
            "a token the server never gave")
        XCTAssertEqual(
            post("/me", v, [("name", "陈静")], origin: nil, extra: ["Sec-Fetch-Site": "same-origin"]).status, 303)
        // `Origin: null` (Chromium sends it under some referrer policies, a sandboxed frame always): Sec-Fetch-Site decides.
        XCTAssertEqual(
            post("/me", v, [("name", "陈静")], origin: "null", extra: ["Sec-Fetch-Site": "same-origin"]).status, 303)
        XCTAssertEqual(
            post("/me", v, [("name", "陈静")], origin: "null", extra: ["Sec-Fetch-Site": "cross-site"]).status, 403)
        XCTAssertEqual(post("/me", v, [("name", "陈静")], origin: "null").status, 403, "null and nothing else")
        XCTAssertEqual(get("/").header("Referrer-Policy"), "same-origin")
    }

    func testViewPermissionRefusesEveryWrite() throws {
        app.settings = ServeSettings(host: "127.0.0.1", port: 8080, permission: .view)
        let v = try visit(as: "陈静")
        XCTAssertEqual(post("/customers/KH-2024-001/log", v, [("content", "x")]).status, 403)
        XCTAssertEqual(post("/customers/KH-2024-001/steps", v, [("action", "done")]).status, 403)
        XCTAssertEqual(get("/customers/KH-2024-001/log", v).status, 403)
        XCTAssertTrue(get("/", v).text.contains("只读"))
        XCTAssertEqual(
            ServeSettings(host: "0.0.0.0", port: 80).permission, .view,
            "off loopback: view unless --allow says otherwise")
        XCTAssertEqual(ServeSettings(host: "::1", port: 80).permission, .edit)
    }

    // MARK: - Forms

    func logFields(_ page: String, content: String = "电话确认续约范围，客户同意下周看方案") -> [(String, String)] {
        [
            ("hash", hidden("hash", in: page) ?? ""), ("time", "2026-11-30T10:30"), ("method", "电话"), ("type", "日常维护"),
            ("ours", "陈静"), ("theirs", "张伟"), ("content", content), ("feedback", ""), ("result", ""),
            ("step_task", "12月5日前发送方案"), ("step_owner", "陈静"), ("step_due", "2026-12-05"), ("step_priority", "高"),
        ]
    }

    func testLoggingAnInteractionWritesTheRecordTheValidatorAccepts() throws {
        let v = try visit(as: "陈静")
        let form = get("/customers/KH-2024-001/log", v)
        XCTAssertEqual(form.status, 200)
        let preview = post("/customers/KH-2024-001/log", v, logFields(form.text) + [("action", "preview")])
        XCTAssertEqual(preview.status, 200, preview.text)
        XCTAssertTrue(
            preview.text.contains("新建  客户档案/KH-2024-001_星辰科技/03-互动记录/2026-Q4/2026-11-30-电话.yaml"), preview.text)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: archive.root + "/客户档案/KH-2024-001_星辰科技/03-互动记录/2026-Q4"),
            "a preview writes nothing")
        let r = post("/customers/KH-2024-001/log", v, logFields(form.text))
        XCTAssertEqual(r.status, 303, r.text)
        XCTAssertEqual(r.header("Location"), "/customers/KH-2024-001?saved=1")
        XCTAssertTrue(
            get("/customers/KH-2024-001?saved=1", v).text.contains("<p class=\"banner ok\" role=\"status\">已保存。</p>"),
            "the page says it was saved")
        let written = try file("客户档案/KH-2024-001_星辰科技/03-互动记录/2026-Q4/2026-11-30-电话.yaml")
        XCTAssertTrue(written.hasPrefix("沟通时间: 2026-11-30 10:30\n沟通方式: 电话\n"), written)
        XCTAssertTrue(
            written.contains("  - 事项: 12月5日前发送方案\n    负责人: 陈静\n    截止日期: 2026-12-05\n    优先级: 高\n    状态: 待办\n"), written
        )
        XCTAssertTrue(written.contains("创建人: 陈静"))
        XCTAssertEqual(try Archive.open(archive.root).validate().count(.error), 0)
        let page = get("/customers/KH-2024-001")
        XCTAssertTrue(page.text.contains("电话确认续约范围，客户同意下周看方案"), "on the timeline at once")
    }

    func testALogWhoseFileChangedMeanwhileIsAConflictThatKeepsTheInput() throws {
        let v = try visit(as: "陈静")
        let form = get("/customers/KH-2024-001/log", v)
        try archive.write(basic, try file(basic).replacingOccurrences(of: "简称: 星辰科技", with: "简称: 星辰"))
        let r = post("/customers/KH-2024-001/log", v, logFields(form.text, content: "我写的内容 <b>不丢</b>"))
        XCTAssertEqual(r.status, 409)
        XCTAssertTrue(r.text.contains("我写的内容 &lt;b&gt;不丢&lt;/b&gt;"), "the input is kept, escaped")
        XCTAssertTrue(r.text.contains("- 简称: 星辰科技") || r.text.contains("简称: 星辰科技"), r.text)
        XCTAssertTrue(r.text.contains("+") && r.text.contains("简称: 星辰"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: archive.root + "/客户档案/KH-2024-001_星辰科技/03-互动记录/2026-Q4"))
        // The page now carries the new hash: saving again works.
        let again = post("/customers/KH-2024-001/log", v, logFields(r.text))
        XCTAssertEqual(again.status, 303, again.text)
    }

    func testALogThePlanRefusesShowsWhyAndKeepsTheInput() throws {
        let v = try visit(as: "陈静")
        let form = get("/customers/KH-2024-001/log", v)
        var fields = logFields(form.text)
        fields[4] = ("ours", "不存在的人")
        let r = post("/customers/KH-2024-001/log", v, fields)
        XCTAssertEqual(r.status, 422)
        XCTAssertTrue(r.text.contains("不存在的人"), r.text)
        XCTAssertTrue(r.text.contains("电话确认续约范围"), "input kept")
        XCTAssertFalse(FileManager.default.fileExists(atPath: archive.root + "/客户档案/KH-2024-001_星辰科技/03-互动记录/2026-Q4"))
    }

    func testMarkingAStepDoneInsertsItsStatusAndMovingChangesItsDate() throws {
        let v = try visit(as: "陈静")
        let week = get("/", v)
        let marker = "2月15日前提交数据脱敏模块方案和报价"
        let hash = try XCTUnwrap(hidden("hash", in: week.text, after: marker))
        XCTAssertEqual(hidden("file", in: week.text, after: marker), stepFile)
        XCTAssertEqual(hidden("index", in: week.text, after: marker), "1")
        let moved = post(
            "/customers/KH-2024-001/steps", v,
            [
                ("file", stepFile), ("index", "1"), ("hash", hash), ("action", "move"), ("due", "2026-12-20"),
                ("back", "/"),
            ])
        XCTAssertEqual(moved.status, 303, moved.text)
        XCTAssertTrue(
            try file(stepFile).contains("  - 事项: 2月15日前提交数据脱敏模块方案和报价\n    负责人: 陈静\n    截止日期: 2026-12-20\n    优先级: 高\n"))
        // The old hash is stale now: a conflict, nothing written.
        let stale = post(
            "/customers/KH-2024-001/steps", v, [("file", stepFile), ("index", "1"), ("hash", hash), ("action", "done")])
        XCTAssertEqual(stale.status, 409)
        XCTAssertTrue(stale.text.contains("-    截止日期: 2025-02-15") || stale.text.contains("2025-02-15"), stale.text)
        let fresh = SHA1.gitBlob(Array(try file(stepFile).utf8))
        let done = post(
            "/customers/KH-2024-001/steps", v,
            [("file", stepFile), ("index", "1"), ("hash", fresh), ("action", "done")])
        XCTAssertEqual(done.status, 303, done.text)
        let after = try file(stepFile)
        XCTAssertTrue(after.contains("    截止日期: 2026-12-20\n    优先级: 高\n    状态: 已完成\n  - 事项: 1月20日前寄出续约合同纸质版"), after)
        XCTAssertEqual(try Archive.open(archive.root).validate().count(.error), 0)
        XCTAssertFalse(get("/", v).text.contains(marker), "done: off the week")
    }

    // MARK: - Editing documents

    /// The form's fields as the browser would post them: every input and select with its
    /// value, then `changes` on top.
    func editFields(_ page: String, _ changes: [String: String], action: String = "save") -> [(String, String)] {
        FormPage.editFields(page, changes, action: action)
    }

    func testEditingBasicInformationChangesOnlyThoseValues() throws {
        let v = try visit(as: "王磊")
        let form = get("/customers/KH-2024-001/edit/basic", v)
        XCTAssertEqual(form.status, 200, form.text)
        XCTAssertTrue(form.text.contains("name=\"f.联系人[1].手机\" value=\"13812345678\""), form.text)
        XCTAssertTrue(form.text.contains("<input value=\"KH-2024-001\" readonly>"), "the number is shown, not editable")
        XCTAssertTrue(form.text.contains("name=\"f.联系人[2].手机\""), "an absent field of a contact is offered")
        XCTAssertTrue(form.text.contains("name=\"f.联系人[+].姓名\""), "and a new contact")
        let before = try file(basic)
        // Preview writes nothing and shows the change.
        let preview = post(
            "/customers/KH-2024-001/edit/basic", v,
            editFields(form.text, ["所在地区": "天津市", "联系人[2].手机": "13900001111"], action: "preview"))
        XCTAssertEqual(preview.status, 200, preview.text)
        XCTAssertTrue(preview.text.contains("+ 所在地区: 天津市"), preview.text)
        XCTAssertEqual(try file(basic), before)
        let r = post(
            "/customers/KH-2024-001/edit/basic", v,
            editFields(
                form.text,
                [
                    "所在地区": "天津市", "联系人[2].手机": "13900001111",
                    "联系人[+].姓名": "赵敏", "联系人[+].邮箱": "zhaomin@xingchen-tech.example.com",
                ]))
        XCTAssertEqual(r.status, 303, r.text)
        let after = try file(basic)
        let today = Clock.now(try Archive.open(archive.root).config).day.description
        var expected = before.replacingOccurrences(of: "所在地区: 北京市", with: "所在地区: 天津市")
            .replacingOccurrences(of: "    职位: 财务经理\n", with: "    职位: 财务经理\n")
            .replacingOccurrences(
                of: "    沟通偏好: 邮件\n",
                with: "    沟通偏好: 邮件\n    手机: 13900001111\n  - 姓名: 赵敏\n    邮箱: zhaomin@xingchen-tech.example.com\n"
            )
            .replacingOccurrences(of: "最后更新时间: 2025-01-10", with: "最后更新时间: " + today)
        XCTAssertEqual(after, expected, "comments, order and every other byte stay")
        XCTAssertEqual(try Archive.open(archive.root).validate().count(.error), 0)
        // Nothing changed: refused, nothing written.
        let again = get("/customers/KH-2024-001/edit/basic", v)
        let same = post("/customers/KH-2024-001/edit/basic", v, editFields(again.text, [:]))
        XCTAssertEqual(same.status, 422)
        XCTAssertTrue(same.text.contains("没有任何修改"), same.text)
        expected = after
        XCTAssertEqual(try file(basic), expected)
    }

    func testAnEditThatWouldAddAnErrorIsRefusedNextToTheField() throws {
        let v = try visit(as: "王磊")
        let form = get("/customers/KH-2024-001/edit/basic", v)
        let before = try file(basic)
        let r = post(
            "/customers/KH-2024-001/edit/basic", v, editFields(form.text, ["联系人[1].手机": "1381234", "官网": "www.<x>.cn"]))
        XCTAssertEqual(r.status, 422, r.text)
        XCTAssertTrue(r.text.contains("<label class=\"invalid\"><span class=\"name\">联系人 1 · 手机</span>"), r.text)
        XCTAssertTrue(r.text.contains("value=\"www.&lt;x&gt;.cn\""), "what was typed is kept, escaped")
        XCTAssertEqual(try file(basic), before, "nothing written")
    }

    func testAnEditWhoseFileChangedIsAConflict() throws {
        let v = try visit(as: "王磊")
        let form = get("/customers/KH-2024-001/edit/basic", v)
        try archive.write(basic, try file(basic).replacingOccurrences(of: "注册资本: 5000.00", with: "注册资本: 6000.00"))
        let r = post("/customers/KH-2024-001/edit/basic", v, editFields(form.text, ["所在地区": "天津市"]))
        XCTAssertEqual(r.status, 409)
        XCTAssertTrue(r.text.contains("+ 注册资本: 6000.00"), r.text)
        XCTAssertTrue(r.text.contains("value=\"天津市\""), "the input is kept")
        XCTAssertTrue(try file(basic).contains("所在地区: 北京市"))
        // Saving from the refused page (it carries the new version) goes through and keeps the other change.
        let again = post("/customers/KH-2024-001/edit/basic", v, editFields(r.text, ["所在地区": "天津市"]))
        XCTAssertEqual(again.status, 303, again.text)
        XCTAssertTrue(try file(basic).contains("所在地区: 天津市"))
        XCTAssertTrue(try file(basic).contains("注册资本: 6000.00"))
    }

    func testNeedsAndAYearsAssessmentAreWrittenNew() throws {
        let v = try visit(as: "陈静")
        let needs = get("/customers/KH-2024-003/edit/needs", v)
        XCTAssertEqual(needs.status, 200)
        XCTAssertTrue(needs.text.contains("客户档案/KH-2024-003_刘洋/04-需求偏好/需求偏好.yaml · 新文件"), needs.text)
        let r = post(
            "/customers/KH-2024-003/edit/needs", v,
            editFields(
                needs.text,
                [
                    "业务痛点": "报销流程慢\r\n发票难找", "价格敏感度": "高",
                    "需求[+].名称": "差旅报销", "需求[+].优先级": "中", "需求[+].状态": "挖掘中",
                ]))
        XCTAssertEqual(r.status, 303, r.text)
        let today = Clock.now(try Archive.open(archive.root).config).day.description
        XCTAssertEqual(
            try file("客户档案/KH-2024-003_刘洋/04-需求偏好/需求偏好.yaml"),
            """
            业务痛点: [报销流程慢, 发票难找]
            价格敏感度: 高
            需求:
              - 名称: 差旅报销
                优先级: 中
                状态: 挖掘中
            创建时间: \(today)
            创建人: 陈静
            最后更新时间: \(today)

            """)
        // The same form again: the file exists now, so it is a conflict, not an overwrite.
        XCTAssertEqual(post("/customers/KH-2024-003/edit/needs", v, editFields(needs.text, ["决策流程": "本人"])).status, 409)
        // A need added to an existing file goes after its last need.
        let more = get("/customers/KH-2024-001/edit/needs", v)
        let added = post(
            "/customers/KH-2024-001/edit/needs", v,
            editFields(more.text, ["需求[+].名称": "日志审计", "需求[+].优先级": "低", "需求[+].状态": "挖掘中"]))
        XCTAssertEqual(added.status, 303, added.text)
        XCTAssertTrue(
            try file("客户档案/KH-2024-001_星辰科技/04-需求偏好/需求偏好.yaml").contains(
                "    状态: 挖掘中\n  - 名称: 日志审计\n    优先级: 低\n    状态: 挖掘中\n创建时间"))
        let assess = get("/customers/KH-2025-001/edit/assessment?year=2025", v)
        XCTAssertEqual(assess.status, 200)
        let a = post(
            "/customers/KH-2025-001/edit/assessment?year=2025", v,
            editFields(assess.text, ["年度合作金额": "0.00", "行业影响力": "低", "潜在合作价值.预估金额": "50000.00"]))
        XCTAssertEqual(a.status, 303, a.text)
        XCTAssertTrue(
            try file("客户档案/KH-2025-001_海川制造/05-价值评估/2025.yaml").hasPrefix(
                "年度: 2025\n年度合作金额: 0.00\n行业影响力: 低\n潜在合作价值:\n  预估金额: 50000.00\n创建时间: "))
        XCTAssertEqual(try Archive.open(archive.root).validate().count(.error), 0)
        XCTAssertEqual(get("/customers/KH-2025-001/edit/assessment?year=../../x", v).status, 404)
        XCTAssertEqual(get("/customers/KH-2025-001/edit/other", v).status, 404)
    }

    func testANewCustomerGetsTheNextNumberAndADuplicateIsRefused() throws {
        let v = try visit(as: "陈静")
        let form = get("/customers/new", v)
        XCTAssertEqual(form.status, 200)
        let year = Clock.now(try Archive.open(archive.root).config).day.year
        let expected = year == 2025 ? "KH-2025-002" : "KH-\(year)-001"
        XCTAssertTrue(form.text.contains("<strong>\(expected)</strong>"), form.text)
        let fields: [(String, String)] = [
            ("type", "企业"), ("name", "杭州云帆物流有限公司"), ("short", "云帆物流"), ("industry", "物流"),
            ("owner", "陈静"), ("stage", "潜在"), ("tier", "普通"), ("contact", "钱多多"), ("mobile", "13700001234"),
        ]
        let preview = post("/customers/new", v, fields + [("action", "preview")])
        XCTAssertTrue(preview.text.contains("基本信息.yaml"), preview.text)
        XCTAssertTrue(preview.text.contains("value=\"杭州云帆物流有限公司\""), "kept")
        let r = post("/customers/new", v, fields + [("action", "save")])
        XCTAssertEqual(r.status, 303, r.text)
        XCTAssertEqual(r.header("Location"), "/customers/" + expected + "?saved=1")
        let written = try file("客户档案/\(expected)_云帆物流/01-客户基本信息/基本信息.yaml")
        XCTAssertTrue(written.hasPrefix("档案编号: \(expected)\n客户类型: 企业\n企业名称:\n  全称: 杭州云帆物流有限公司\n  简称: 云帆物流\n"), written)
        XCTAssertEqual(get("/customers/" + expected).status, 200, "listed at once")
        XCTAssertTrue(get("/customers?q=yfwl").text.contains("云帆物流"))
        // The same company again: refused, linked, nothing written.
        let again = post(
            "/customers/new", v, fields.map { $0.0 == "name" ? ("name", "杭州云帆物流有限公司 ") : $0 } + [("action", "save")])
        XCTAssertEqual(again.status, 422)
        XCTAssertTrue(again.text.contains("<a href=\"/customers/\(expected)\">"), again.text)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: archive.root + "/客户档案").count, 4)
    }

    func git(_ args: String...) throws -> String {
        let r = GitWork.run(args, root: archive.root)
        XCTAssertEqual(r.status, 0, r.err)
        return r.out
    }

    func testCommitMakesOneCommitPerSaveByTheMember() throws {
        _ = try git("init", "-q")
        _ = try git("-c", "user.name=Archivist", "-c", "user.email=archivist@example.com", "add", "-A")
        _ = try git("-c", "user.name=Archivist", "-c", "user.email=archivist@example.com", "commit", "-qm", "start")
        // 陈静's address is known from the history: her account's earlier commit.
        try archive.write("notes.txt", "x\n")
        _ = try git("add", "notes.txt")
        _ = try git("-c", "user.name=chenjing", "-c", "user.email=chenjing@example.com", "commit", "-qm", "notes")
        app.refreshGit()
        XCTAssertFalse(get("/").text.contains("尚未提交"), "a clean work tree: no banner")
        try archive.write(basic, try file(basic) + "# 本地修改\n")
        app.refreshGit()
        XCTAssertTrue(get("/").text.contains("档案库有 1 个文件的修改尚未提交到 git"), "without --commit, pages say so")
        _ = try git("checkout", "--", ".")
        app.settings = ServeSettings(host: "127.0.0.1", port: 8080, commit: true)
        let v = try visit(as: "陈静")
        let r = post(
            "/customers/KH-2024-001/log", v, logFields(get("/customers/KH-2024-001/log", v).text) + [("action", "save")]
        )
        XCTAssertEqual(r.status, 303, r.text)
        XCTAssertEqual(
            try git("log", "-1", "--format=%an <%ae>%n%s%n%b"),
            "陈静 <chenjing@example.com>\n记录互动：KH-2024-001 星辰科技，2026-11-30 10:30 电话（日常维护）\n由 kh serve 保存。\n\n")
        XCTAssertEqual(
            try git("-c", "core.quotePath=false", "show", "--name-only", "--format=", "HEAD"),
            "客户档案/KH-2024-001_星辰科技/03-互动记录/2026-Q4/2026-11-30-电话.yaml\n")
        XCTAssertEqual(try git("status", "--porcelain"), "", "nothing left uncommitted")
        // 王磊 has no address anywhere: the reserved one, and a start-up note.
        XCTAssertEqual(
            GitWork.email(
                for: try XCTUnwrap(try Archive.open(archive.root).config.member(named: "王磊")), root: archive.root
            ).email, "wanglei@users.noreply.invalid")
        XCTAssertTrue(app.commitWarnings().contains { $0.zh.contains("王磊") })
    }

    func testAnAuthorIsFoundByGitAccountOrByAddress() throws {
        _ = try git("init", "-q")
        _ = try git("config", "user.name", "someone")
        _ = try git("config", "user.email", "chenjing@example.com")
        var config = try Archive.open(archive.root).config
        XCTAssertEqual(
            try Author.resolve(nil, config: config, root: archive.root), "陈静", "the address's local part is her account"
        )
        _ = try git("config", "user.email", "cj@corp.example")
        config.team = config.team.map { m in
            var m = m
            if m.name == "陈静" { m.git = "cj@corp.example" }
            return m
        }
        XCTAssertEqual(try Author.resolve(nil, config: config, root: archive.root), "陈静", "or her address itself")
        XCTAssertEqual(
            GitWork.email(for: try XCTUnwrap(config.member(named: "陈静")), root: archive.root).email, "cj@corp.example")
    }

    func testEditingNeedsEditPermission() throws {
        app.settings = ServeSettings(host: "127.0.0.1", port: 8080, permission: .log)
        let v = try visit(as: "陈静")
        XCTAssertEqual(get("/customers/KH-2024-001/edit/basic", v).status, 403)
        XCTAssertEqual(post("/customers/KH-2024-001/edit/basic", v, [("f.所在地区", "天津市")]).status, 403)
        XCTAssertEqual(post("/customers/new", v, [("name", "某公司")]).status, 403)
        XCTAssertEqual(get("/customers/KH-2024-001/log", v).status, 200, "logging is allowed")
    }

    func testBadStepInputIsSaidBesideTheStep() throws {
        let v = try visit(as: "陈静")
        let moved = post(
            "/customers/KH-2024-001/steps", v,
            [
                ("file", stepFile), ("index", "1"), ("hash", "x"), ("action", "move"), ("due", "明天"),
                ("back", "/customers/KH-2024-001"),
            ])
        XCTAssertEqual(moved.status, 422)
        XCTAssertTrue(moved.text.contains("<h1>北京星辰科技有限公司"), "the customer's page again, not a dead end")
        XCTAssertTrue(
            moved.text.contains("<span class=\"fieldproblem\" role=\"alert\">新的截止日期「明天」不是 YYYY-MM-DD 日期</span>"),
            moved.text)
        let fromWeek = post(
            "/customers/KH-2024-001/steps", v,
            [
                ("file", stepFile), ("index", "1"), ("hash", "x"), ("action", "move"), ("due", "2026-02-30"),
                ("back", "/"),
            ])
        XCTAssertEqual(fromWeek.status, 422)
        XCTAssertTrue(fromWeek.text.contains("我的一周 · 陈静"), "my week again")
        XCTAssertEqual(
            post(
                "/customers/KH-2024-001/steps", v,
                [("file", stepFile), ("index", "1"), ("hash", "x"), ("action", "drop")]
            ).status, 400)
        XCTAssertEqual(
            post(
                "/customers/KH-2024-001/steps", v,
                [("file", stepFile), ("index", "x"), ("hash", "x"), ("action", "done")]
            ).status, 404)
        let current = SHA1.gitBlob(Array(try file(stepFile).utf8))
        XCTAssertEqual(
            post(
                "/customers/KH-2024-001/steps", v,
                [("file", stepFile), ("index", "9"), ("hash", current), ("action", "done")]
            ).status, 422,
            "no 下一步计划[9]: the plan refuses")
    }

    func testPagesForPeopleWhoAreNotEngineers() throws {
        let v = try visit(as: "陈静")
        // A late next step is 逾期 on my week, not 错误.
        let week = get("/", v).text
        XCTAssertTrue(week.contains("<span class=\"tag error\">逾期</span>"), week)
        XCTAssertFalse(week.contains(">错误</span>"))
        // kh.yaml 字段 必填: [所在地区] is marked required in the forms.
        let edit = get("/customers/KH-2024-001/edit/basic", v).text
        XCTAssertTrue(edit.contains("name=\"f.所在地区\" value=\"北京市\" required aria-required=\"true\""), edit)
        let new = get("/customers/new", v).text
        XCTAssertTrue(
            new.contains("<input type=\"text\" name=\"region\" value=\"\" required aria-required=\"true\">"), new)
        // The printable pages fit a phone and lead back.
        for p in ["/catalogue", "/review", "/report"] {
            let page = get(p, v).text
            XCTAssertTrue(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), p)
            XCTAssertTrue(page.contains("<nav class=\"kh-back\"><a href=\"/\">← 返回首页</a></nav>"), p)
        }
        // A customer whose 基本信息 does not read: its log form says why instead of "no such customer".
        try archive.write(basic, "档案编号: [unclosed\n")
        app.refresh()
        let log = get("/customers/KH-2024-001/log", v)
        XCTAssertEqual(log.status, 422)
        XCTAssertTrue(log.text.contains("KH-2024-001 的基本信息（\(basic)）无法读取"), log.text)
        XCTAssertTrue(log.text.contains("请联系资料专员"))
    }
}
