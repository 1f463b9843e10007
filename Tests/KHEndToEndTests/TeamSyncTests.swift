import Foundation
import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHServe
@testable import KHSupport

/// Team mode and the team's remote, with real git: a bare remote, the server's clone (the
/// archive kh serve holds) and a second clone that pushes while the server saves.
final class TeamSyncTests: XCTestCase {
    var base: String!
    var server: String!
    var bare: String!
    var other: String!
    var app: WebApp!
    let host = "kh.example.com"
    let password = "correct horse 1"

    @discardableResult
    func git(_ args: [String], in dir: String, _ file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = GitWork.run(["-c", "user.name=someone", "-c", "user.email=someone@example.com"] + args, root: dir)
        XCTAssertEqual(r.status, 0, "git \(args.joined(separator: " ")): \(r.err)", file: file, line: line)
        return r.out
    }

    override func setUpWithError() throws {
        base = NSTemporaryDirectory() + "kh-sync-" + UUID().uuidString
        let seed = base + "/seed"
        bare = base + "/remote.git"
        server = base + "/server"
        other = base + "/other"
        try FileManager.default.createDirectory(atPath: seed, withIntermediateDirectories: true)
        for f in TemplateFiles.all {
            let p = seed + "/" + f.path
            try FileManager.default.createDirectory(
                atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try f.content.write(toFile: p, atomically: true, encoding: .utf8)
        }
        try git(["init", "-q", "-b", "main"], in: seed)
        try git(["add", "-A"], in: seed)
        try git(["commit", "-qm", "start"], in: seed)
        try git(["clone", "-q", "--bare", seed, bare], in: base)
        try git(["clone", "-q", bare, server], in: base)
        try git(["clone", "-q", bare, other], in: base)
        let accounts = base + "/accounts"
        var file = try AccountFile.load(accounts)
        for m in ["王磊", "陈静", "李娜"] { file.set(m, password: password, cost: 4) }
        try file.save()
        var s = ServeSettings(host: "127.0.0.1", port: 8080, commit: true)
        s.names = [host]
        var t = TeamSettings(accounts: accounts)
        t.remoteTimeout = 3
        s.team = t
        app = try WebApp(root: server, settings: s)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: base)
    }

    // MARK: - Helpers

    struct Visitor {
        var session: String
        var login: String
        var cookie: String { "kh_session=\(session); kh_login=\(login)" }
    }

    func cookie(_ r: WebResponse, _ name: String) -> String? {
        r.headers.first { $0.0 == "Set-Cookie" && $0.1.hasPrefix(name + "=") }.map {
            String($0.1.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
    }

    func request(
        _ method: String, _ target: String, _ v: Visitor?, _ fields: [(String, String)] = [], session: String? = nil
    ) -> WebResponse {
        var headers = ["Host": host, "Origin": "https://" + host, "Content-Type": "application/x-www-form-urlencoded"]
        if let v { headers["Cookie"] = v.cookie } else if let session { headers["Cookie"] = "kh_session=" + session }
        let token = v?.session ?? session ?? ""
        let body = (fields + [("_token", token)]).map { Form.encode($0.0) + "=" + Form.encode($0.1) }.joined(
            separator: "&")
        return app.handle(
            WebRequest(
                method: method, target: target, headers: headers, body: method == "POST" ? Array(body.utf8) : [],
                peer: "10.0.0.5"))
    }

    func member(_ name: String) throws -> Visitor {
        let first = request("GET", "/login", nil)
        let session = try XCTUnwrap(cookie(first, "kh_session"))
        let r = request("POST", "/login", nil, [("name", name), ("password", password)], session: session)
        XCTAssertEqual(r.status, 303, r.text)
        return Visitor(session: session, login: try XCTUnwrap(cookie(r, "kh_login")))
    }

    func hidden(_ name: String, in page: String) -> String {
        guard let r = page.range(of: "name=\"\(name)\" value=\"") else { return "" }
        return String(page[r.upperBound...].prefix { $0 != "\"" })
    }

    func log(
        _ v: Visitor, _ number: String = "KH-2024-001", content: String, time: String = "2026-11-30T10:30"
    ) -> WebResponse {
        let form = request("GET", "/customers/\(number)/log", v).text
        return request(
            "POST", "/customers/\(number)/log", v,
            [
                ("hash", hidden("hash", in: form)), ("time", time), ("method", "电话"), ("type", "日常维护"),
                ("ours", "李娜"), ("theirs", "张伟"), ("content", content),
            ])
    }

    /// The remote's history: author and subject, newest first.
    func remoteLog() throws -> [String] {
        try git(["log", "--format=%an|%s", "main"], in: bare).split(separator: "\n").map(String.init)
    }

    /// A commit from the second clone, pushed.
    func pushFromOther(_ path: String, _ edit: (String) -> String, message: String) throws {
        try git(["pull", "-q", "--ff-only"], in: other)
        let p = other + "/" + path
        try edit(try String(contentsOfFile: p, encoding: .utf8)).write(toFile: p, atomically: true, encoding: .utf8)
        try git(["commit", "-qam", message], in: other)
        try git(["push", "-q", "origin", "main"], in: other)
    }

    let region = "客户档案/KH-2025-001_海川制造/01-客户基本信息/基本信息.yaml"

    // MARK: - Tests

    func testASaveArrivesOnTheRemoteAsACommitByItsAuthor() throws {
        let li = try member("李娜")
        XCTAssertEqual(log(li, content: "回访：系统运行正常").status, 303)
        XCTAssertEqual(try remoteLog().first, "李娜|记录互动：KH-2024-001 星辰科技，2026-11-30 10:30 电话（日常维护）")
        let status = request("GET", "/status.json", li).text
        XCTAssertTrue(status.contains("\"ahead\": 0"), status)
        XCTAssertTrue(status.contains("\"upstream\": \"origin/main\""), status)
    }

    func testWhatOthersPushedIsFetchedBeforeASaveAndShown() throws {
        try pushFromOther(region, { $0.replacingOccurrences(of: "所在地区: 广东省", with: "所在地区: 福建省") }, message: "海川搬家")
        let li = try member("李娜")
        XCTAssertEqual(log(li, content: "回访").status, 303)
        XCTAssertEqual(
            try remoteLog().prefix(2).map { $0.components(separatedBy: "|")[1] },
            [
                "记录互动：KH-2024-001 星辰科技，2026-11-30 10:30 电话（日常维护）", "海川搬家",
            ])
        XCTAssertTrue(
            request("GET", "/customers/KH-2025-001", li).text.contains("福建省"), "the page shows what the clone holds")
        XCTAssertEqual(try git(["status", "--porcelain"], in: server), "")
    }

    /// Someone pushes between the server's fetch and its push (a pre-push hook plays them):
    /// the server replays its save on top and pushes again; nothing is lost, nothing forced.
    func testARejectedPushIsReplayedOnTopAndPushedAgain() throws {
        try racePushFromOther(region, from: "所在地区: 广东省", to: "所在地区: 福建省")
        let li = try member("李娜")
        XCTAssertEqual(log(li, content: "回访").status, 303)
        let subjects = try remoteLog().map { $0.components(separatedBy: "|")[1] }
        XCTAssertEqual(Array(subjects.prefix(2)), ["记录互动：KH-2024-001 星辰科技，2026-11-30 10:30 电话（日常维护）", "race"])
        XCTAssertEqual(try git(["rev-parse", "HEAD"], in: server), try git(["rev-parse", "main"], in: bare))
    }

    /// The same, but the other push changed the very line the save changes: the save is refused
    /// with the conflict page (input kept), the other's change stands, nothing is forced.
    func testAConflictingRaceIsRefusedWithTheFormKept() throws {
        let wang = try member("王磊")
        let edit = request("GET", "/customers/KH-2025-001/edit/basic", wang)
        XCTAssertEqual(edit.status, 200, edit.text)
        try racePushFromOther(region, from: "所在地区: 广东省", to: "所在地区: 福建省")
        let r = request(
            "POST", "/customers/KH-2025-001/edit/basic", wang, FormPage.editFields(edit.text, ["所在地区": "浙江省"]))
        XCTAssertEqual(r.status, 409, r.text)
        XCTAssertTrue(r.text.contains("两处修改冲突"), r.text)
        XCTAssertTrue(r.text.contains("浙江省"), "what was typed is kept")
        XCTAssertEqual(try remoteLog().first, "someone|race")
        XCTAssertEqual(try git(["rev-parse", "HEAD"], in: server), try git(["rev-parse", "main"], in: bare))
        XCTAssertTrue(try String(contentsOfFile: server + "/" + region, encoding: .utf8).contains("所在地区: 福建省"))
        XCTAssertEqual(try git(["status", "--porcelain"], in: server), "")
    }

    func testSavesGoOnWhileTheRemoteIsAwayAndArePushedInOrderWhenItIsBack() throws {
        let li = try member("李娜")
        try FileManager.default.moveItem(atPath: bare, toPath: bare + ".away")
        XCTAssertEqual(log(li, content: "第一次", time: "2026-11-30T10:30").status, 303)
        XCTAssertEqual(log(li, content: "第二次", time: "2026-11-30T11:30").status, 303)
        XCTAssertEqual(app.syncStatus?.ahead, 2)
        XCTAssertNotNil(app.syncStatus?.problem)
        XCTAssertTrue(request("GET", "/status", li).text.contains("远程仓库暂时无法访问"))
        try FileManager.default.moveItem(atPath: bare + ".away", toPath: bare)
        // The background's turn, once the pause after the failure is over.
        Thread.sleep(forTimeInterval: 6.2)
        app.writer.synchronize()
        XCTAssertEqual(app.syncStatus?.ahead, 0)
        XCTAssertNil(app.syncStatus?.problem)
        XCTAssertEqual(
            try remoteLog().prefix(2).map { $0.components(separatedBy: "|")[1] },
            [
                "记录互动：KH-2024-001 星辰科技，2026-11-30 11:30 电话（日常维护）",
                "记录互动：KH-2024-001 星辰科技，2026-11-30 10:30 电话（日常维护）",
            ])
    }

    func testAHangingRemoteDoesNotHoldASave() throws {
        // A remote that accepts the connection and never answers.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = bind(listener, $0, len) }
        }
        listen(listener, 16)
        withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(listener, $0, &len) }
        }
        defer { close(listener) }
        let port = UInt16(bigEndian: addr.sin_port)
        try git(["remote", "set-url", "origin", "http://127.0.0.1:\(port)/remote.git"], in: server)
        let li = try member("李娜")
        let start = Date()
        XCTAssertEqual(log(li, content: "远程没有响应时").status, 303)
        let took = Date().timeIntervalSince(start)
        XCTAssertLessThan(took, 3 * 2 + 5, "fetch and push are each limited to --remote-timeout (3 s here)")
        XCTAssertEqual(app.syncStatus?.ahead, 1)
        // The next save does not wait for it again.
        let again = Date()
        XCTAssertEqual(log(li, content: "再一次", time: "2026-11-30T11:30").status, 303)
        XCTAssertLessThan(Date().timeIntervalSince(again), 2)
    }

    func testTheWebhookNeedsItsSecret() throws {
        let secretFile = base + "/hook-secret"
        try "s3cret\n".write(toFile: secretFile, atomically: true, encoding: .utf8)
        var s = app.settings
        s.team?.webhookSecretFile = secretFile
        app.settings = s
        let body = Array("{\"ref\":\"refs/heads/main\"}".utf8)
        func hook(_ headers: [String: String]) -> Int {
            var h = headers
            h["Host"] = host
            return app.handle(
                WebRequest(method: "POST", target: "/hooks/git", headers: h, body: body, peer: "10.0.0.9")
            ).status
        }
        let mac = SHA256.hex(SHA256.hmac(key: Array("s3cret".utf8), body))
        XCTAssertEqual(hook(["X-Hub-Signature-256": "sha256=" + mac]), 202)
        XCTAssertEqual(hook(["X-Gitea-Signature": mac]), 202)
        XCTAssertEqual(hook(["X-Gitlab-Token": "s3cret"]), 202)
        XCTAssertEqual(hook(["X-Hub-Signature-256": "sha256=" + String(repeating: "0", count: 64)]), 403)
        XCTAssertEqual(hook([:]), 403)
        // FIPS 180-4's example and RFC 4231 test case 2.
        XCTAssertEqual(
            SHA256.hex(SHA256.digest(Array("abc".utf8))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            SHA256.hex(SHA256.hmac(key: Array("Jefe".utf8), Array("what do ya want for nothing?".utf8))),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    // MARK: - More helpers

    /// Installs a pre-push hook in the server's clone that, the first time, makes the second
    /// clone push a change: the server's push is then rejected as someone pushed first.
    func racePushFromOther(_ path: String, from: String, to: String) throws {
        let hook = server + "/.git/hooks/pre-push"
        let script = """
            #!/bin/sh
            [ -e "\(base!)/raced" ] && exit 0
            touch "\(base!)/raced"
            cd "\(other!)" && git pull -q --ff-only && sed -i 's/\(from)/\(to)/' '\(path)' \\
              && git -c user.name=someone -c user.email=someone@example.com commit -qam race && git push -q origin main
            exit 0
            """
        try script.write(toFile: hook, atomically: true, encoding: .utf8)
        chmod(hook, 0o755)
    }
}
