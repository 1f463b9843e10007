import Foundation
import XCTest
@testable import KHCore

/// The result cache (.kh/cache) and --changed-since: never wrong, the same bytes either way.
final class CacheTests: XCTestCase {
    let cacheOn = ["KH_NO_CACHE": "0"]

    func copy(_ source: String) throws -> String {
        let dir = NSTemporaryDirectory() + "kh-cache-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: source, toPath: dir)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func validate(_ root: String, _ extra: [String] = [], cache: Bool = true) throws -> CommandLineTests.Run {
        try CommandLineTests.run(["validate", root, "--format", "json"] + extra, env: cache ? cacheOn : [:])
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
            let root = try copy(GoldenTests.fixtures.appendingPathComponent(fixture).path)
            age(root)
            let plain = try validate(root, cache: false)
            XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/.kh/cache/validate.bin"), "--no-cache writes nothing")
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
            XCTAssertTrue(identity.hasSuffix("|" + SHA1.gitBlob(Array(FileManager.default.contents(atPath: root + "/kh.yaml")!))))
            let stored = ResultCache.load(root: root, identity: identity)
            XCTAssertEqual(stored.entries.count, LayoutScanner(root: root, config: archive.config).scan().customers.count, fixture)
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
        try "沟通时间: 2025-13-01 10:00\n".write(toFile: root + "/客户档案/KH-2024-003_刘洋/03-互动记录/2024-Q3/2024-09-01-电话.yaml",
                                               atomically: true, encoding: .utf8)
        XCTAssertEqual(try validate(root).stdout, try validate(root, cache: false).stdout)
        try FileManager.default.moveItem(atPath: root + "/客户档案/KH-2025-001_海川制造", toPath: root + "/客户档案/KH-2025-001_海川")
        XCTAssertEqual(try validate(root).stdout, try validate(root, cache: false).stdout)
        // A different kh.yaml is a different cache.
        let config = root + "/kh.yaml"
        try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(of: "  - {姓名: 王磊, 部门: 销售一部, 角色: 销售, git: wanglei, 在职: 是}\n", with: "")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let b = try validate(root)
        XCTAssertEqual(b.stdout, try validate(root, cache: false).stdout)
        XCTAssertTrue(b.stdout.contains("\"code\": \"KH208\""))
    }

    /// --changed-since: customers untouched since REF come from the cache by their blob ids;
    /// touched ones (committed, staged or changed) are checked again. Same output as a full run.
    func testChangedSince() throws {
        let root = try copy(WriteTests.template)
        func git(_ args: [String]) throws {
            let r = try CommandLineTests.runProgram("/usr/bin/env", ["git", "-C", root, "-c", "user.name=t", "-c", "user.email=t@example.com"] + args)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        try git(["init", "-q"])
        try git(["add", "-A"])
        try git(["commit", "-qm", "base"])
        _ = try validate(root)  // fills the cache
        let basic = root + "/客户档案/KH-2025-001_海川制造/01-客户基本信息/基本信息.yaml"
        let text = try String(contentsOfFile: basic, encoding: .utf8).replacingOccurrences(of: "负责销售: 王磊", with: "负责销售: 王小磊")
        try text.write(toFile: basic, atomically: true, encoding: .utf8)
        let since = try validate(root, ["--changed-since", "HEAD"])
        let full = try validate(root, cache: false)
        XCTAssertEqual(since.stdout, full.stdout)
        XCTAssertEqual(since.status, 1)
        XCTAssertTrue(since.stdout.contains("\"code\": \"KH208\""))
        try git(["commit", "-qam", "change"])
        XCTAssertEqual(try validate(root, ["--changed-since", "HEAD~1"]).stdout, full.stdout)
        // Twice more: the second run finds untouched folders by their git tree ids alone.
        XCTAssertEqual(try validate(root, ["--changed-since", "HEAD"]).stdout, full.stdout)
        XCTAssertEqual(try validate(root, ["--changed-since", "HEAD"]).stdout, full.stdout)
        // A change in the working tree of a folder known by its tree id is still seen.
        let other = root + "/客户档案/KH-2024-003_刘洋/01-客户基本信息/基本信息.yaml"
        try (try String(contentsOfFile: other, encoding: .utf8)).replacingOccurrences(of: "客户阶段: 意向", with: "客户阶段: 意愿")
            .write(toFile: other, atomically: false, encoding: .utf8)
        let changed = try validate(root, ["--changed-since", "HEAD"])
        XCTAssertEqual(changed.stdout, try validate(root, cache: false).stdout)
        XCTAssertTrue(changed.stdout.contains("\"code\": \"KH204\""), changed.stdout)
        let bad = try validate(root, ["--changed-since", "no-such-ref"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.hasPrefix("kh：git ls-tree -z no-such-ref^{commit} -- 客户档案/ 失败"), bad.stderr)
    }

    /// An archive in a subfolder of a larger repository.
    func testChangedSinceInASubfolder() throws {
        let repo = NSTemporaryDirectory() + "kh-repo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: repo) }
        let root = repo + "/档案 库"
        try FileManager.default.copyItem(atPath: WriteTests.template, toPath: root)
        for args in [["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]] {
            let r = try CommandLineTests.runProgram("/usr/bin/env", ["git", "-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.com"] + args)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let full = try validate(root, cache: false)
        XCTAssertEqual(try validate(root, ["--changed-since", "HEAD"]).stdout, full.stdout)
        XCTAssertEqual(try validate(root, ["--changed-since", "HEAD"]).stdout, full.stdout)
        try "x: [\n".write(toFile: root + "/客户档案/KH-2024-003_刘洋/03-互动记录/2024-Q3/2024-07-03-微信.yaml", atomically: true, encoding: .utf8)
        let broken = try validate(root, ["--changed-since", "HEAD"])
        XCTAssertEqual(broken.stdout, try validate(root, cache: false).stdout)
        XCTAssertTrue(broken.stdout.contains("\"code\": \"KH101\""))
    }

    func testGitBlobIdsAndTreeKeys() {
        XCTAssertEqual(SHA1.gitBlob([]), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
        XCTAssertEqual(SHA1.gitBlob(Array("hello\n".utf8)), "ce013625030ba8dba906f756967f9e9ca394464a")
        XCTAssertEqual(SHA1.gitBlob([UInt8](repeating: 0x61, count: 200)).count, 40)
        XCTAssertEqual(TreeKey.of([("b", "2"), ("a", "1")]), TreeKey.of([("a", "1"), ("b", "2")]))
        XCTAssertNotEqual(TreeKey.of([("a", "1")]), TreeKey.of([("a", nil)]))
        let line = Array("100644 blob ce013625030ba8dba906f756967f9e9ca394464a\t客户档案/KH-2024-001_x/03-互动记录/2024-Q1/2024-01-02-电话.yaml".utf8)
        let e = line.withUnsafeBufferPointer { GitChanges.entry($0) }
        XCTAssertEqual(e?.0, "KH-2024-001_x")
        let attachment = Array("100644 blob ce013625030ba8dba906f756967f9e9ca394464a\t客户档案/KH-2024-001_x/02-合作背景/附件/a.yaml".utf8)
        XCTAssertNil(attachment.withUnsafeBufferPointer { GitChanges.entry($0) })
    }
}

/// kh changes BASE [HEAD]: a pull request's archive changes in words.
final class ChangesTests: XCTestCase {
    func testChangesBetweenRevisions() throws {
        let root = NSTemporaryDirectory() + "kh-changes-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: WriteTests.template, toPath: root)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        func git(_ args: [String]) throws {
            let r = try CommandLineTests.runProgram("/usr/bin/env", ["git", "-C", root, "-c", "user.name=t", "-c", "user.email=t@example.com"] + args)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        func kh(_ args: [String]) throws -> CommandLineTests.Run {
            let r = try CommandLineTests.run(args + ["-C", root])
            XCTAssertEqual(r.status, 0, r.stderr)
            return r
        }
        try git(["init", "-q"])
        try git(["add", "-A"])
        try git(["commit", "-qm", "base"])
        _ = try kh(["new", "企业", "--name", "北京云图数据有限公司", "--short", "云图数据", "--industry", "信息技术", "--owner", "王磊",
                    "--contact", "赵敏", "--mobile", "13811112222", "--by", "王磊", "--date", "2025-03-04"])
        _ = try kh(["log", "星辰科技", "--content", "回访", "--by", "陈静", "--date", "2025-03-05", "--time", "2025-03-05 10:00"])
        _ = try kh(["log", "星辰科技", "--content", "再访", "--by", "陈静", "--date", "2025-03-05", "--time", "2025-03-05 15:00"])
        _ = try kh(["reassign", "--from", "王磊", "--to", "陈静", "--customer", "海川", "--by", "孙倩", "--date", "2025-03-06"])
        _ = try kh(["retire", "KH-2024-003"])
        try git(["add", "-A"])
        try git(["commit", "-qm", "work"])
        XCTAssertEqual(try kh(["changes", "HEAD~1"]).stdout, """
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
        let json = try JSONSerialization.jsonObject(with: Data(try kh(["changes", "HEAD~1", "HEAD", "--format", "json"]).stdout.utf8)) as! [String: Any]
        XCTAssertEqual((json["interactions"] as! [[String: Any]]).first?["count"] as? Int, 2)
        XCTAssertEqual(try kh(["changes", "HEAD", "HEAD", "--lang", "en"]).stdout, "## Customer archive changes (HEAD → HEAD)\n\nNo changes.\n")
        let bad = try CommandLineTests.run(["changes", "nope", "-C", root])
        XCTAssertEqual(bad.status, 2)
    }
}
