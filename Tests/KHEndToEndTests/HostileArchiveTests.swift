import Foundation
import KHTestSupport
import XCTest

@testable import KHFuzzing
@testable import KHModel
@testable import KHOutputs
@testable import KHPinyin
@testable import KHSpreadsheet
@testable import KHSupport
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// Archives built to hurt: names that climb out of the archive, names with line breaks and
/// escape sequences, very long names and paths, huge folders, a kh.yaml that is a folder,
/// files kh may not read, files that change while kh reads them. Each ends in a diagnostic or a
/// clear error; nothing crashes, hangs, follows a path out, or prints a control character.
final class HostileArchiveTests: XCTestCase {
    let customer = ExampleArchive.customer

    func copyTemplate() throws -> String {
        let root = NSTemporaryDirectory() + "kh-hostile-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: WriteTests.template, toPath: root)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        return root
    }

    /// Everything a writing command would create, as archive-relative paths.
    func targets(_ planned: Plans.Planned) -> [String] {
        planned.changes.changes.flatMap(\.paths)
    }

    /// A path kh writes stays in 客户档案/ and climbs nowhere.
    func assertContained(_ paths: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(paths.isEmpty, file: file, line: line)
        for p in paths {
            let parts = p.split(separator: "/", omittingEmptySubsequences: false)
            XCTAssertEqual(parts.first, Substring(customersFolder), p, file: file, line: line)
            XCTAssertFalse(parts.contains { $0 == ".." || $0 == "." || $0.isEmpty }, p, file: file, line: line)
            XCTAssertTrue(parts.allSatisfy { FileNames.isSafeComponent(String($0)) }, p, file: file, line: line)
        }
    }

    // MARK: - Path traversal in names kh writes

    func testNewKeepsEveryNameInsideTheArchive() throws {
        let root = try copyTemplate()
        let archive = try Archive.open(root)
        for (name, short) in [
            ("../../逃逸有限公司", "../../../tmp/逃逸"), ("/etc/passwd", "/etc"), ("a/../../b有限公司", ".."),
            ("换行\n公司", "换\n行"), ("\u{1B}[31m红色有限公司", "\u{202E}反向"), ("点.", "..."),
        ] {
            var c = NewCustomer(type: "企业", name: name)
            c.shortName = short
            c.contacts = [.init(name: "张三", title: nil, mobile: "13900001111", phone: nil, email: nil)]
            let (_, planned) = try Plans.new(
                c, registry: CustomerRegistry(archive), author: "孙倩", today: Day(year: 2025, month: 6, day: 1))
            assertContained(targets(planned))
        }
        // Through the command line, written: nothing appears outside the archive.
        let outside = (root as NSString).deletingLastPathComponent + "/逃逸"
        let r = try KHCommand.run([
            "new", "企业", "--name", "../../逃逸有限公司", "--short", "../../逃逸", "--contact", "张三",
            "--mobile", "13900001111", "-C", root, "--by", "孙倩", "--date", "2025-06-01", "--lang", "en",
        ])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside))
        XCTAssertTrue(r.stdout.contains("note: '../../逃逸' cannot be part of a folder name"), r.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/客户档案/KH-2025-002/01-客户基本信息/基本信息.yaml"))
    }

    func testImportKeepsEveryNameInsideTheArchive() throws {
        let root = try copyTemplate()
        let archive = try Archive.open(root)
        let hostile = ["../../../etc", "..", "/tmp/x", "a\\b", "\u{1B}[2J", "名\n字", "C:\\\\Windows"]
        var sheet = "客户名称,所属行业,客户类型,信息来源,联系人,手机号码,最近跟进时间,跟进人,跟进内容,沟通偏好,关注产品/服务\n"
        for (i, h) in hostile.enumerated() {
            let q = "\"" + h.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            sheet +=
                "\(q)有限公司\(i),\(q),企业/意向客户,\(q),\(q),139000011\(10 + i),2024-06-0\(1 + i) 10:00,王磊,\(q),\(q),\(q)\n"
        }
        let table = try Spreadsheet.read(bytes: Array(sheet.utf8), name: "sheet.csv")
        let report = try Importer(
            registry: CustomerRegistry(archive), author: "孙倩", today: Day(year: 2025, month: 6, day: 1)
        ).plan(table)
        XCTAssertEqual(report.imported.count, hostile.count, "\(report.issues.map { $0.message.en })")
        assertContained(targets(report.planned))
    }

    // MARK: - Names with line breaks and control characters

    func testNamesWithLineBreaksAndEscapesAreReportedAndPrintedSafely() throws {
        let root = try copyTemplate()
        let quarter = root + "/" + customer + "/03-互动记录/2024-Q2/"
        let record = try String(contentsOfFile: quarter + "2024-04-15-电话.yaml", encoding: .utf8)
        try record.write(toFile: quarter + "2024-04-16-电话\n.yaml", atomically: false, encoding: .utf8)
        try record.write(toFile: quarter + "\u{1B}[31m红.yaml", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(
            atPath: root + "/客户档案/KH-2024-009_\u{7}响铃", withIntermediateDirectories: false)
        let r = try KHCommand.run(["validate", root, "--no-cache", "--lang", "en"])
        XCTAssertEqual(r.status, 1)
        XCTAssertFalse(
            r.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" },
            "no control character reaches the terminal")
        let json = try KHCommand.run(["validate", root, "--no-cache", "--format", "json"])
        let d = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let found = (d["diagnostics"] as! [[String: Any]]).map {
            "\($0["code"]!) \(($0["file"] as! String).dropFirst(root.count + 1))"
        }
        XCTAssertEqual(
            found.sorted(),
            [
                "KH120 客户档案/KH-2024-009_\u{7}响铃",
                "KH124 \(customer)/03-互动记录/2024-Q2/2024-04-16-电话\n.yaml",
                "KH124 \(customer)/03-互动记录/2024-Q2/\u{1B}[31m红.yaml",
            ].sorted(), "JSON keeps the names exactly (escaped), so a tool can find the files")
        let github = try KHCommand.run(["validate", root, "--no-cache", "--format", "github"])
        XCTAssertTrue(github.stdout.contains("2024-04-16-电话%0A.yaml"), "a workflow command cannot be split by a name")
        let junit = try KHCommand.run(["validate", root, "--no-cache", "--format", "junit"])
        XCTAssertFalse(
            junit.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }, "well-formed XML 1.0")
    }

    func testMessagesQuotingWhatTheUserGaveCarryNoControlCharacters() throws {
        let root = try copyTemplate()
        let r = try KHCommand.run([
            "log", "\u{1B}]0;pwned\u{7}星辰", "-C", root, "--by", "孙倩", "--lang", "en", "--content", "x",
        ])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("\u{FFFD}]0;pwned\u{FFFD}星辰"), r.stderr)
        XCTAssertFalse(r.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, r.stderr)
    }

    // MARK: - Very long names, deep folders, huge folders

    func testVeryLongNamesAndPathsBeyondPATH_MAX() throws {
        let root = try copyTemplate()
        // A 255-byte file name (85 Chinese characters) where a document belongs; a folder
        // suffix of 240 bytes.
        let long = String(repeating: "长", count: 80) + ".yaml"
        try "年度: 2024\n".write(toFile: root + "/" + customer + "/05-价值评估/" + long, atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(
            atPath: root + "/客户档案/KH-2024-010_" + String(repeating: "名", count: 80), withIntermediateDirectories: false)
        // Folders nested past PATH_MAX (4096 bytes) inside an attachments folder and a quarter folder.
        try FileManager.default.createDirectory(
            atPath: root + "/" + customer + "/04-需求偏好/附件", withIntermediateDirectories: true)
        for base in [customer + "/04-需求偏好/附件", customer + "/03-互动记录/2024-Q2"] {
            var fd = open(root + "/" + base, O_RDONLY | O_DIRECTORY)
            XCTAssertGreaterThanOrEqual(fd, 0)
            for _ in 0..<60 {
                let name = String(repeating: "深", count: 30)  // 90 bytes
                XCTAssertEqual(mkdirat(fd, name, 0o755), 0)
                let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
                close(fd)
                fd = next
            }
            close(fd)
        }
        for cached in [false, true, true] {
            let r = try KHCommand.run(
                ["validate", root, "--lang", "en"] + (cached ? [] : ["--no-cache"]), env: ["KH_NO_CACHE": "0"])
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stderr.isEmpty, r.stderr)
            XCTAssertTrue(r.stdout.contains("/05-价值评估/\(long): error KH124"), r.stdout)
            XCTAssertTrue(
                r.stdout.hasSuffix("checked 3 customers, 16 files: 6 errors, 1 warning, 0 notices\n"), r.stdout)
            // A folder inside a quarter folder is stray (kh reads no deeper); 附件 is not read at all.
            XCTAssertTrue(
                r.stdout.contains("/03-互动记录/2024-Q2/\(String(repeating: "深", count: 30)): warning KH122"), r.stdout)
            XCTAssertTrue(
                r.stdout.contains("客户档案/KH-2024-010_\(String(repeating: "名", count: 80)): error KH120"), r.stdout)
        }
    }

    func testHugeFolders() throws {
        let root = try copyTemplate()
        let attachments = root + "/" + customer + "/04-需求偏好/附件"
        try FileManager.default.createDirectory(atPath: attachments, withIntermediateDirectories: true)
        for i in 0..<20_000 {
            XCTAssertTrue(FileManager.default.createFile(atPath: attachments + "/扫描\(i).pdf", contents: Data()))
        }
        let quarter = root + "/" + customer + "/03-互动记录/2024-Q2/"
        let record = try String(contentsOfFile: quarter + "2024-04-15-电话.yaml", encoding: .utf8)
        for n in 3...2_000 {
            try record.write(toFile: quarter + "2024-04-15-电话-\(n).yaml", atomically: false, encoding: .utf8)
        }
        let r = try KHCommand.run(["validate", root, "--no-cache", "--lang", "en"])
        XCTAssertEqual(r.status, 0, String(r.stdout.prefix(2000)))
        XCTAssertTrue(r.stdout.hasSuffix("checked 3 customers, 2013 files: no problems\n"), r.stdout)
    }

    // MARK: - kh.yaml that is a folder, files kh may not read

    func testKhYamlThatIsAFolder() throws {
        let root = try copyTemplate()
        try FileManager.default.removeItem(atPath: root + "/kh.yaml")
        try FileManager.default.createDirectory(atPath: root + "/kh.yaml", withIntermediateDirectories: false)
        for args in [
            ["validate", root], ["catalogue", root], ["new", "企业", "--name", "某某有限公司", "-C", root],
            ["recover", "-C", root],
        ] {
            let r = try KHCommand.run(args + ["--lang", "en"])
            XCTAssertEqual(r.status, 2, "\(args[0]): \(r.stdout)\(r.stderr)")
            XCTAssertEqual(r.stderr, "kh: kh.yaml is not a regular file (a folder or a link?)\n", args[0])
        }
    }

    /// Permission bits only bind users other than root: kh runs as `nobody` (setpriv) here.
    func testUnreadableFilesAndFoldersAsAnotherUser() throws {
        let setpriv = "/usr/bin/setpriv"
        try XCTSkipUnless(
            getuid() == 0 && FileManager.default.isExecutableFile(atPath: setpriv),
            "needs root and setpriv to run kh as nobody")
        let root = "/tmp/kh-hostile-perm-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: WriteTests.template, toPath: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The test binary may live under a folder nobody cannot enter: a copy in /tmp.
        let kh = root + ".kh"
        try FileManager.default.copyItem(atPath: KHCommand.kh.path, toPath: kh)
        defer { try? FileManager.default.removeItem(atPath: kh) }
        _ = try KHCommand.runProgram("/bin/chmod", ["-R", "a+rX", root, kh])
        chmod(root + "/" + customer + "/04-需求偏好/需求偏好.yaml", 0)
        chmod(root + "/客户档案/KH-2024-003_刘洋", 0)
        chmod(root + "/" + customer + "/03-互动记录/2024-Q1", 0o311)  // can enter, cannot list
        let r = try KHCommand.runProgram(
            setpriv,
            ["--reuid=65534", "--regid=65534", "--clear-groups", kh, "validate", root, "--no-cache", "--lang", "en"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.isEmpty, r.stderr)
        for expected in [
            "\(customer)/04-需求偏好/需求偏好.yaml: error KH112", "客户档案/KH-2024-003_刘洋: error KH112",
            "\(customer)/03-互动记录/2024-Q1: error KH112",
        ] {
            XCTAssertTrue(r.stdout.contains(root + "/" + expected), "\(expected)\n\(r.stdout)")
        }
        // A writing command that cannot write says so and leaves the archive as it was.
        let before = WriteTests.snapshot(root)
        let w = try KHCommand.runProgram(
            setpriv,
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", kh, "new", "企业", "--name", "某某有限公司",
                "--contact", "张三", "--mobile", "13900001111", "--by", "孙倩", "-C", root, "--lang", "en",
            ])
        XCTAssertEqual(w.status, 2, w.stdout + w.stderr)
        XCTAssertTrue(w.stderr.contains("Permission denied"), w.stderr)
        chmod(root + "/" + customer + "/04-需求偏好/需求偏好.yaml", 0o644)
        chmod(root + "/客户档案/KH-2024-003_刘洋", 0o755)
        chmod(root + "/" + customer + "/03-互动记录/2024-Q1", 0o755)
        XCTAssertEqual(WriteTests.snapshot(root), before)
    }

    // MARK: - kh's own folder

    /// A pull request can commit `.kh` as a link: kh neither writes nor reads through it.
    func testAKhFolderThatIsALinkIsNeverFollowed() throws {
        let root = try copyTemplate()
        let outside = NSTemporaryDirectory() + "kh-outside-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outside) }
        try FileManager.default.createSymbolicLink(atPath: root + "/.kh", withDestinationPath: outside)
        let v = try KHCommand.run(["validate", root, "--lang", "en"], env: ["KH_NO_CACHE": "0"])
        XCTAssertEqual(v.status, 0, v.stdout + v.stderr)
        let w = try KHCommand.run([
            "new", "企业", "--name", "某某有限公司", "--contact", "张三", "--mobile", "13900001111",
            "--by", "孙倩", "-C", root, "--lang", "en",
        ])
        XCTAssertEqual(w.status, 2, w.stdout + w.stderr)
        XCTAssertEqual(
            w.stderr, "kh: cannot write \(root)/.kh: 不是文件夹（链接？）/ not a folder (a link?); the archive is as it was\n")
        XCTAssertEqual(try KHCommand.run(["recover", "-C", root, "--lang", "en"]).status, 2)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: outside), [], "nothing written through the link")
    }

    /// A result cache copied (or committed) from another clone is not trusted.
    func testACacheFromAnotherCloneIsNotTrusted() throws {
        let a = try copyTemplate()
        XCTAssertEqual(try Archive.open(a).validate(cached: true).diagnostics.count, 0)
        let b = a + "-copy"
        XCTAssertEqual(try KHCommand.runProgram("/bin/cp", ["-a", a, b]).status, 0)
        defer { try? FileManager.default.removeItem(atPath: b) }
        let config = [UInt8](try Data(contentsOf: URL(fileURLWithPath: a + "/kh.yaml")))
        XCTAssertEqual(
            ResultCache.load(root: a, identity: ResultCache.identity(configBytes: config, root: a)).entries.count, 3)
        XCTAssertEqual(
            ResultCache.load(root: b, identity: ResultCache.identity(configBytes: config, root: b)).entries.count, 0)
    }

    // MARK: - Files that change while kh reads them

    /// Someone saves a file between kh's plan and its write: kh refuses, their edit stays.
    func testAFileChangedBetweenPlanAndWriteIsNotOverwritten() throws {
        let root = try copyTemplate()
        let path = ExampleArchive.customer + "/04-需求偏好/需求偏好.yaml"
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + path)))
        let set = ChangeSet([
            .modify(path: path, original: original, bytes: original + Array("# kh\n".utf8)),
            .create(path: ExampleArchive.customer + "/05-价值评估/2026.yaml", bytes: Array("年度: 2026\n".utf8)),
        ])
        let theirs = original + Array("# 同事刚保存的修改\n".utf8)
        try Data(theirs).write(to: URL(fileURLWithPath: root + "/" + path))
        XCTAssertThrowsError(try set.apply(root: root)) { error in
            XCTAssertEqual((error as? ChangeSet.Failure)?.message, WriteMsg.changedMeanwhile(path))
        }
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))), theirs)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: root + "/" + ExampleArchive.customer + "/05-价值评估/2026.yaml"))
        // A file that appeared where kh would create one is not overwritten either.
        try Data(original).write(to: URL(fileURLWithPath: root + "/" + path))
        try Data("年度: 2026\n# 别人的\n".utf8).write(
            to: URL(fileURLWithPath: root + "/" + ExampleArchive.customer + "/05-价值评估/2026.yaml"))
        XCTAssertThrowsError(try set.apply(root: root)) { error in
            XCTAssertEqual(
                (error as? ChangeSet.Failure)?.message, WriteMsg.exists(ExampleArchive.customer + "/05-价值评估/2026.yaml"))
        }
        XCTAssertEqual([UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + path))), original)
    }

    /// A writer rewrites a document (atomically and in place, valid and broken), removes and
    /// recreates a customer while kh validates again and again with its cache: no crash, every
    /// run ends with a result, and once the writer stops the cached result is the fresh one.
    func testFilesChangingWhileKhReads() throws {
        let root = try copyTemplate()
        let path = root + "/" + ExampleArchive.customer + "/04-需求偏好/需求偏好.yaml"
        let good = try Data(contentsOf: URL(fileURLWithPath: path))
        let broken = Data("业务痛点: [未闭合\n".utf8)
        let other = root + "/客户档案/KH-2025-001_海川制造"
        let otherBackup = root + "/.kh-moved-away"
        let stop = ManagedAtomicFlag()
        let writer = Thread {
            var i = 0
            while !stop.isSet {
                i += 1
                switch i % 4 {
                case 0: try? good.write(to: URL(fileURLWithPath: path), options: .atomic)
                case 1:  // in place: truncate, then write
                    if let h = FileHandle(forWritingAtPath: path) {
                        h.truncateFile(atOffset: 0)
                        h.write(broken)
                        h.closeFile()
                    }
                case 2: rename(other, otherBackup)
                default: rename(otherBackup, other)
                }
                usleep(300)
            }
        }
        writer.start()
        for _ in 0..<12 {
            let r = try KHCommand.run(["validate", root, "--lang", "en"], env: ["KH_NO_CACHE": "0"])
            XCTAssertTrue(r.status == 0 || r.status == 1, "\(r.status) \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("checked "), r.stdout)
        }
        stop.set()
        while writer.isExecuting { usleep(1000) }
        rename(otherBackup, other)
        try broken.write(to: URL(fileURLWithPath: path))
        // Straight after the last change (same clock second): the cache must not hide it.
        let cached = try KHCommand.run(["validate", root, "--lang", "en"], env: ["KH_NO_CACHE": "0"])
        let fresh = try KHCommand.run(["validate", root, "--lang", "en", "--no-cache"])
        XCTAssertEqual(cached.stdout, fresh.stdout)
        XCTAssertTrue(fresh.stdout.contains("04-需求偏好/需求偏好.yaml:2:1: error KH101"), fresh.stdout)
    }
}

/// A flag two threads share.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}
