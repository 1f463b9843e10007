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

/// The result cache (.kh/cache) and --changed-since: never wrong, the same bytes either way.
final class CacheTests: XCTestCase {
    let cacheOn = ["KH_NO_CACHE": "0"]

    func copy(_ source: String) throws -> String {
        let dir = NSTemporaryDirectory() + "kh-cache-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: source, toPath: dir)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func validate(_ root: String, _ extra: [String] = [], cache: Bool = true) throws -> KHCommand.Run {
        try KHCommand.run(["validate", root, "--format", "json"] + extra, env: cache ? cacheOn : [:])
    }

    /// Makes every file older than the cache's clock-tick guard, as if edited minutes ago.
    func age(_ root: String) {
        let e = FileManager.default.enumerator(atPath: root)!
        let old = Date(timeIntervalSinceNow: -600)
        while let p = e.nextObject() as? String {
            try? FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: root + "/" + p)
        }
    }

    /// Both fixtures, with and without the cache, cold and warm, after a change, after the
    /// cache is damaged: the output is the same, byte for byte, as a run without the cache.
    func testResultsWithAndWithoutTheCacheAreIdentical() throws {
        for fixture in ["defects", "catalogue", "fix/before"] {
            let root = try copy(Golden.fixtures.appendingPathComponent(fixture).path)
            age(root)
            let plain = try validate(root, cache: false)
            XCTAssertFalse(
                FileManager.default.fileExists(atPath: root + "/.kh/cache/validate.bin"), "--no-cache writes nothing")
            let cold = try validate(root)
            XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/.kh/cache/validate.bin"), fixture)
            let warm = try validate(root)
            XCTAssertEqual(cold.stdout, plain.stdout, fixture)
            XCTAssertEqual(warm.stdout, plain.stdout, fixture)
            XCTAssertEqual(warm.status, plain.status)
            // The cache holds every customer folder, for this build and this kh.yaml.
            let archive = try Archive.open(root)
            // (The identity is kh's build, read from the file: this test runs in another executable.)
            var header = ByteReader(Array(FileManager.default.contents(atPath: root + "/.kh/cache/validate.bin")!))
            _ = header.bytes(ResultCache.magic.count)
            let identity = try XCTUnwrap(header.string())
            XCTAssertTrue(
                identity.hasSuffix("|" + SHA1.gitBlob(Array(FileManager.default.contents(atPath: root + "/kh.yaml")!))))
            let stored = ResultCache.load(root: root, identity: identity)
            XCTAssertEqual(
                stored.entries.count, LayoutScanner(root: root, config: archive.config).scan().customers.count, fixture)
            let cache = root + "/.kh/cache/validate.bin"
            let bytes = FileManager.default.contents(atPath: cache)!
            // Damaged in every way: truncated, flipped, emptied, replaced by a folder.
            for damage in [bytes.prefix(bytes.count / 2), Data(bytes.map { $0 ^ 0x5A }), Data()] {
                try damage.write(to: URL(fileURLWithPath: cache))
                XCTAssertEqual(try validate(root).stdout, plain.stdout, "\(fixture) with a damaged cache")
            }
        }
    }

    /// A cached result is never served for a changed file: content, a new file, a removed
    /// file, a renamed folder — each shows at once, as without the cache.
    func testChangesAreNeverHiddenByTheCache() throws {
        let root = try copy(WriteTests.template)
        age(root)
        _ = try validate(root)
        let basic = root + "/客户档案/KH-2024-001_星辰科技/01-客户基本信息/基本信息.yaml"
        var text = try String(contentsOfFile: basic, encoding: .utf8)
        text = text.replacingOccurrences(of: "成立时间: 2015-06-18", with: "成立时间: 2015/6/18")
        try text.write(toFile: basic, atomically: false, encoding: .utf8)
        let a = try validate(root)
        XCTAssertEqual(a.stdout, try validate(root, cache: false).stdout)
        XCTAssertTrue(a.stdout.contains("\"code\": \"KH203\""), a.stdout)
        try "沟通时间: 2025-13-01 10:00\n".write(
            toFile: root + "/客户档案/KH-2024-003_刘洋/03-互动记录/2024-Q3/2024-09-01-电话.yaml",
            atomically: true, encoding: .utf8)
        XCTAssertEqual(try validate(root).stdout, try validate(root, cache: false).stdout)
        try FileManager.default.moveItem(atPath: root + "/客户档案/KH-2025-001_海川制造", toPath: root + "/客户档案/KH-2025-001_海川")
        XCTAssertEqual(try validate(root).stdout, try validate(root, cache: false).stdout)
        // A different kh.yaml is a different cache.
        let config = root + "/kh.yaml"
        try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(
            of: "  - {姓名: 王磊, 部门: 销售一部, 角色: 销售, git: wanglei, 在职: 是}\n", with: ""
        )
        .write(toFile: config, atomically: true, encoding: .utf8)
        let b = try validate(root)
        XCTAssertEqual(b.stdout, try validate(root, cache: false).stdout)
        XCTAssertTrue(b.stdout.contains("\"code\": \"KH208\""))
    }

    /// What `--changed-since` must report, from a full run's JSON: every diagnostic but the
    /// own ones (not the archive-wide rules') of the customers in `unchanged`.
    static func partial(_ fullJSON: String, unchanged: Set<String>) -> [String] {
        diagnostics(fullJSON).filter { d in
            // Paths are as given on the command line: the customer follows 客户档案/.
            let parts = (d["file"] as? String ?? "").split(separator: "/")
            let customer = parts.firstIndex(of: "客户档案").flatMap { $0 + 1 < parts.count ? String(parts[$0 + 1]) : nil }
            return customer.map { !unchanged.contains($0) } ?? true
                || ArchiveRules.rules.contains(d["code"] as? String ?? "")
        }.map(Self.canonical)
    }

    static func diagnostics(_ json: String) -> [[String: Any]] {
        let doc = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return doc?["diagnostics"] as? [[String: Any]] ?? []
    }

    static func summary(_ json: String) -> [String: Any] {
        ((try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any])?["summary"] as? [String: Any]
            ?? [:]
    }

    static func canonical(_ d: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: d, options: [.sortedKeys]), as: UTF8.self)
    }

    func git(_ root: String, _ args: [String]) throws {
        let r = try KHCommand.runProgram(
            "/usr/bin/env", ["git", "-C", root, "-c", "user.name=t", "-c", "user.email=t@example.com"] + args)
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// --changed-since: the customers touched since REF (committed, staged or changed) are
    /// checked in full, the others only for the archive-wide rules; with or without the cache
    /// (a fresh clone has none) the diagnostics are exactly the full run's for the touched
    /// customers and for the archive-wide rules.
    func testChangedSince() throws {
        let root = try copy(WriteTests.template)
        let customers = try FileManager.default.contentsOfDirectory(atPath: root + "/客户档案").filter {
            $0.hasPrefix("KH-")
        }
        try git(root, ["init", "-q"])
        try git(root, ["add", "-A"])
        try git(root, ["commit", "-qm", "base"])
        // A mistake in an untouched customer: a full run reports it, --changed-since does not.
        let untouchedMistake = root + "/客户档案/KH-2024-003_刘洋/01-客户基本信息/基本信息.yaml"
        try (try String(contentsOfFile: untouchedMistake, encoding: .utf8)).replacingOccurrences(
            of: "客户阶段: 意向", with: "客户阶段: 意愿"
        )
        .write(toFile: untouchedMistake, atomically: false, encoding: .utf8)
        try git(root, ["commit", "-qam", "a mistake already on the base branch"])
        // The pull request: 海川制造 changes its owner to a stranger and takes 星辰科技's credit code.
        let basic = root + "/客户档案/KH-2025-001_海川制造/01-客户基本信息/基本信息.yaml"
        let star = try String(contentsOfFile: root + "/客户档案/KH-2024-001_星辰科技/01-客户基本信息/基本信息.yaml", encoding: .utf8)
        let code = star.split(separator: "\n").first { $0.hasPrefix("统一社会信用代码:") }.map(String.init)!
        var text = try String(contentsOfFile: basic, encoding: .utf8).replacingOccurrences(
            of: "负责销售: 王磊", with: "负责销售: 王小磊")
        text = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("统一社会信用代码:") ? Substring(code) : $0 }.joined(separator: "\n")
        try text.write(toFile: basic, atomically: true, encoding: .utf8)
        let unchanged = Set(customers).subtracting(["KH-2025-001_海川制造"])

        let full = try validate(root, cache: false)
        XCTAssertTrue(full.stdout.contains("\"code\": \"KH204\""), "the full run sees the old mistake")
        let expected = Self.partial(full.stdout, unchanged: unchanged)
        XCTAssertTrue(expected.contains { $0.contains("\"code\":\"KH208\"") })
        XCTAssertTrue(expected.contains { $0.contains("\"code\":\"KH402\"") || $0.contains("统一社会信用代码") }, "\(expected)")
        XCTAssertFalse(expected.contains { $0.contains("\"code\":\"KH204\"") })

        // A fresh clone: no .kh/ at all.
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/.kh/cache"))
        for run in 0..<3 {  // no cache, then the cache it wrote, then again
            let since = try validate(root, ["--changed-since", "HEAD"])
            XCTAssertEqual(since.status, 1)
            XCTAssertEqual(Self.diagnostics(since.stdout).map(Self.canonical), expected, "run \(run)")
            let summary = Self.summary(since.stdout)
            XCTAssertEqual(summary["customers"] as? Int, 1)
            XCTAssertEqual(summary["unchanged"] as? Int, unchanged.count)
            XCTAssertEqual(summary["changedSince"] as? String, "HEAD")
        }
        // A full run with the cache --changed-since filled is still the full run.
        XCTAssertEqual(try validate(root).stdout, full.stdout)
        // Committed: HEAD~1 sees the same change; HEAD sees none.
        try git(root, ["commit", "-qam", "change"])
        XCTAssertEqual(
            Self.diagnostics(try validate(root, ["--changed-since", "HEAD~1"]).stdout).map(Self.canonical), expected)
        let none = try validate(root, ["--changed-since", "HEAD"])
        XCTAssertEqual(
            Self.diagnostics(none.stdout).map(Self.canonical), Self.partial(full.stdout, unchanged: Set(customers)))
        XCTAssertEqual(Self.summary(none.stdout)["customers"] as? Int, 0)
        // The human summary says what was checked.
        let human = try KHCommand.run(["validate", root, "--changed-since", "HEAD~1", "--lang", "en"])
        XCTAssertTrue(
            human.stdout.contains(
                "checked 1 changed customer, 1 file (\(unchanged.count) more unchanged since HEAD~1: only their numbers and duplicates checked): "
            ), human.stdout)
        let bad = try validate(root, ["--changed-since", "no-such-ref"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.hasPrefix("kh：git ls-tree -z no-such-ref^{commit} -- 客户档案/ 失败"), bad.stderr)
    }

    /// A pull request that changes only kh.yaml is checked as a full run checks it (issue 23):
    /// dropping 教育 from 行业 while 刘洋 uses it is KH204 on 刘洋's file, who was not touched;
    /// marking a member 在职: 否 brings the full run's KH209 warnings. The output says why.
    func testChangedSinceWidenedByConfig() throws {
        let root = try copy(WriteTests.template)
        try git(root, ["init", "-q"])
        try git(root, ["add", "-A"])
        try git(root, ["commit", "-qm", "base"])
        let config = root + "/kh.yaml"
        let original = try String(contentsOfFile: config, encoding: .utf8)
        try original.replacingOccurrences(of: "医疗, 教育,", with: "医疗,").write(
            toFile: config, atomically: true, encoding: .utf8)
        try git(root, ["commit", "-qam", "drop 教育"])

        let full = try validate(root, cache: false)
        XCTAssertEqual(full.status, 1)
        for cache in [false, true, true] {
            let since = try validate(root, ["--changed-since", "HEAD~1"], cache: cache)
            XCTAssertEqual(since.status, 1)
            XCTAssertEqual(
                Self.diagnostics(since.stdout).map(Self.canonical), Self.diagnostics(full.stdout).map(Self.canonical))
            let summary = Self.summary(since.stdout)
            XCTAssertEqual(summary["widenedBy"] as? [String], ["kh.yaml"])
            XCTAssertEqual(summary["unchanged"] as? Int, 0)
            XCTAssertEqual(summary["customers"] as? Int, 3)
        }
        let human = try KHCommand.run(["validate", root, "--changed-since", "HEAD~1"])
        XCTAssertEqual(human.status, 1)
        XCTAssertTrue(
            human.stdout.hasPrefix(
                "── \(root)/客户档案/KH-2024-003_刘洋 ──\n\(root)/客户档案/KH-2024-003_刘洋/01-客户基本信息/基本信息.yaml:6:7: 错误 KH204 所属行业\n"
            ), human.stdout)
        XCTAssertTrue(
            human.stdout.hasSuffix("检查了 3 位客户、15 个文件（kh.yaml 自 HEAD~1 以来有改动，它适用于所有客户，所以检查了全部客户）：1 个错误，0 个警告，0 个提示\n"),
            human.stdout)
        let english = try KHCommand.run([
            "validate", root, "--changed-since", "HEAD~1", "--lang", "en", "--quiet", "--format", "github",
        ])
        XCTAssertEqual(english.status, 1)
        XCTAssertTrue(
            english.stdout.hasPrefix("::error file=\(root)/客户档案/KH-2024-003_刘洋/01-客户基本信息/基本信息.yaml,line=6,col=7,"),
            english.stdout)
        XCTAssertEqual(
            english.stderr, "kh: kh.yaml changed since HEAD~1 and governs every customer, so all were checked\n")

        // 陈静 leaves: the full run's KH209 warnings on customers nobody touched are reported.
        try original.replacingOccurrences(
            of: "{姓名: 陈静, 部门: 销售一部, 角色: 销售, git: chenjing, 在职: 是}",
            with: "{姓名: 陈静, 部门: 销售一部, 角色: 销售, git: chenjing, 在职: 否}"
        )
        .write(toFile: config, atomically: true, encoding: .utf8)
        try git(root, ["commit", "-qam", "陈静 leaves"])
        let left = try validate(root, cache: false)
        XCTAssertTrue(Self.diagnostics(left.stdout).contains { $0["code"] as? String == "KH209" }, left.stdout)
        let since = try validate(root, ["--changed-since", "HEAD~1"])
        XCTAssertEqual(since.status, left.status)
        XCTAssertEqual(
            Self.diagnostics(since.stdout).map(Self.canonical), Self.diagnostics(left.stdout).map(Self.canonical))

        // A change outside the customer folders that no rule reads does not widen the run.
        try "# 说明\n".write(toFile: root + "/说明.md", atomically: true, encoding: .utf8)
        try git(root, ["add", "-A"])
        try git(root, ["commit", "-qm", "a note"])
        let note = Self.summary(try validate(root, ["--changed-since", "HEAD~1"]).stdout)
        XCTAssertEqual(note["widenedBy"] as? [String], [])
        XCTAssertEqual(note["customers"] as? Int, 0)
        XCTAssertEqual(note["unchanged"] as? Int, 3)
        // schema/ and the CI files do.
        for (file, dir) in [
            ("schema/kh.schema.json", "schema"), (".github/workflows/kh-validate.yml", ".github/workflows"),
        ] {
            try FileManager.default.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
            try "{}\n".write(toFile: root + "/" + file, atomically: true, encoding: .utf8)
            try git(root, ["add", "-A"])
            try git(root, ["commit", "-qm", file])
            XCTAssertEqual(
                Self.summary(try validate(root, ["--changed-since", "HEAD~1"]).stdout)["widenedBy"] as? [String], [file]
            )
        }
    }

    /// An archive in a subfolder of a larger repository; a broken file in the working tree.
    func testChangedSinceInASubfolder() throws {
        let repo = NSTemporaryDirectory() + "kh-repo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: repo) }
        let root = repo + "/档案 库"
        try FileManager.default.copyItem(atPath: WriteTests.template, toPath: root)
        for args in [["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]] { try git(repo, args) }
        let customers = Set(
            try FileManager.default.contentsOfDirectory(atPath: root + "/客户档案").filter { $0.hasPrefix("KH-") })
        let clean = try validate(root, ["--changed-since", "HEAD"])
        XCTAssertEqual(
            Self.diagnostics(clean.stdout).map(Self.canonical),
            Self.partial(try validate(root, cache: false).stdout, unchanged: customers))
        try "x: [\n".write(
            toFile: root + "/客户档案/KH-2024-003_刘洋/03-互动记录/2024-Q3/2024-07-03-微信.yaml", atomically: true, encoding: .utf8)
        let broken = try validate(root, ["--changed-since", "HEAD"])
        let expected = Self.partial(
            try validate(root, cache: false).stdout, unchanged: customers.subtracting(["KH-2024-003_刘洋"]))
        XCTAssertEqual(Self.diagnostics(broken.stdout).map(Self.canonical), expected)
        XCTAssertTrue(expected.contains { $0.contains("\"code\":\"KH101\"") })
    }

    func testGitBlobIds() {
        XCTAssertEqual(SHA1.gitBlob([]), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        XCTAssertEqual(SHA1.gitBlob(Array("hello\n".utf8)), "ce013625030ba8dba906f756967f9e9ca394464a")
        XCTAssertEqual(SHA1.gitBlob([UInt8](repeating: 0x61, count: 200)).count, 40)
    }
}

/// kh changes BASE [HEAD]: a pull request's archive changes in words.
final class ChangesTests: XCTestCase {
    func testChangesBetweenRevisions() throws {
        let root = NSTemporaryDirectory() + "kh-changes-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: WriteTests.template, toPath: root)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        func git(_ args: [String]) throws {
            let r = try KHCommand.runProgram(
                "/usr/bin/env", ["git", "-C", root, "-c", "user.name=t", "-c", "user.email=t@example.com"] + args)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        func kh(_ args: [String]) throws -> KHCommand.Run {
            let r = try KHCommand.run(args + ["-C", root])
            XCTAssertEqual(r.status, 0, r.stderr)
            return r
        }
        try git(["init", "-q"])
        try git(["add", "-A"])
        try git(["commit", "-qm", "base"])
        _ = try kh([
            "new", "企业", "--name", "北京云图数据有限公司", "--short", "云图数据", "--industry", "信息技术", "--owner", "王磊",
            "--contact", "赵敏", "--mobile", "13811112222", "--by", "王磊", "--date", "2025-03-04",
        ])
        _ = try kh([
            "log", "星辰科技", "--content", "回访", "--by", "陈静", "--date", "2025-03-05", "--time", "2025-03-05 10:00",
        ])
        _ = try kh([
            "log", "星辰科技", "--content", "再访", "--by", "陈静", "--date", "2025-03-05", "--time", "2025-03-05 15:00",
        ])
        _ = try kh(["reassign", "--from", "王磊", "--to", "陈静", "--customer", "海川", "--by", "孙倩", "--date", "2025-03-06"])
        _ = try kh(["retire", "KH-2024-003"])
        try git(["add", "-A"])
        try git(["commit", "-qm", "work"])
        XCTAssertEqual(
            try kh(["changes", "HEAD~1"]).stdout,
            """
            ## 客户档案变更（HEAD~1 → HEAD）

            ### 新增客户（1）

            - KH-2025-002 北京云图数据有限公司，负责销售 王磊

            ### 退役客户（1）

            - KH-2024-003 刘洋

            ### 字段变更（1）

            - KH-2025-001 深圳市海川精密制造有限公司：负责销售 王磊 → 陈静

            ### 新增互动记录（2）

            - 王磊：2 条


            """)
        let json =
            try JSONSerialization.jsonObject(
                with: Data(try kh(["changes", "HEAD~1", "HEAD", "--format", "json"]).stdout.utf8)) as! [String: Any]
        XCTAssertEqual((json["interactions"] as! [[String: Any]]).first?["count"] as? Int, 2)
        XCTAssertEqual(
            try kh(["changes", "HEAD", "HEAD", "--lang", "en"]).stdout,
            "## Customer archive changes (HEAD → HEAD)\n\nNo changes.\n")
        let bad = try KHCommand.run(["changes", "nope", "-C", root])
        XCTAssertEqual(bad.status, 2)
    }
}
