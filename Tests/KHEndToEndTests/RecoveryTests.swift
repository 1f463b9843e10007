import Foundation
import KHTestSupport
import XCTest

@testable import KHFuzzing
@testable import KHModel
@testable import KHOutputs
@testable import KHPinyin
@testable import KHSpreadsheet
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// A writing kh killed part-way (SIGKILL, a crash, a power cut) leaves a journal; `kh validate`
/// says so (KH114) and `kh recover`, or the next writing command, puts the archive back.
final class RecoveryTests: XCTestCase {
    /// Every file (with its bytes) and folder under `root`, `.kh/` aside.
    static func tree(_ root: String) -> [String: Data?] {
        var out: [String: Data?] = [:]
        let e = FileManager.default.enumerator(atPath: root)!
        while let p = e.nextObject() as? String {
            if p == ".kh" || p.hasPrefix(".kh/") { continue }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/" + p, isDirectory: &isDir) else { continue }
            out[p] = isDir.boolValue ? .some(nil) : FileManager.default.contents(atPath: root + "/" + p)
        }
        return out
    }

    /// Temporary files and journal folders left anywhere in the archive.
    static func leftovers(_ root: String) -> [String] {
        FileManager.default.enumerator(atPath: root)!.allObjects.compactMap { $0 as? String }
            .filter { $0.contains(".kh-tmp") || $0.hasPrefix(".kh/tx-") }
    }

    func copyTemplate() throws -> String {
        let root = NSTemporaryDirectory() + "kh-recover-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: WriteTests.template, toPath: root)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        return root
    }

    static let basic = "客户档案/KH-2024-001_星辰科技/01-客户基本信息/基本信息.yaml"
    static let created = "客户档案/KH-2025-009_新客户/01-客户基本信息/基本信息.yaml"
    static let call = "客户档案/KH-2024-003_刘洋/03-互动记录/2024-Q3/2024-08-16-电话.yaml"

    /// One of each kind of step: a new file in new folders, a replaced file, a move, a removed folder.
    func changes(_ root: String) throws -> ChangeSet {
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + Self.basic)))
        return ChangeSet([
            .create(path: Self.created, bytes: Array("客户名称: 新客户\n".utf8)),
            .modify(path: Self.basic, original: original, bytes: original + Array("# 改过\n".utf8)),
            .move(from: Self.call, to: Self.call.replacingOccurrences(of: "电话.yaml", with: "电话-2.yaml")),
            .remove(path: "客户档案/KH-2025-001_海川制造"),
        ])
    }

    func testKilledAtEveryPointIsUndoneByRecovery() throws {
        var points: [ChangeSet.Crash] = (0...3).map { .staging(after: $0) }
        points += (0...3).map { .committing(after: $0) }
        points.append(.checking)
        for point in points {
            let root = try copyTemplate()
            let before = Self.tree(root)
            let set = try changes(root)
            XCTAssertThrowsError(try set.apply(root: root, crash: point)) { error in
                XCTAssertEqual((error as? ChangeSet.Failure)?.message, WriteMsg.simulatedCrash)
            }
            let folder = ".kh/tx-\(getpid())"
            XCTAssertEqual(Recovery.interrupted(root: root), [folder], "\(point)")
            // kh validate says so, at the journal's folder.
            let archive = try Archive.open(root)
            XCTAssertEqual(
                archive.validate().diagnostics.filter { $0.code == "KH114" }.map(brief), ["KH114 \(folder)"], "\(point)"
            )
            let outcome = try Recovery.recover(root: root)
            XCTAssertEqual(outcome.undone, [folder])
            XCTAssertEqual(outcome.kept, [])
            XCTAssertEqual(Self.tree(root), before, "\(point): the archive is exactly as before")
            XCTAssertEqual(Self.leftovers(root), [], "\(point)")
            XCTAssertEqual(try Recovery.recover(root: root), Recovery.Outcome(), "a second recovery finds nothing")
            XCTAssertEqual(try Archive.open(root).validate().diagnostics.filter { $0.code == "KH114" }.count, 0)
        }
    }

    func testRecoveryKilledItselfCanRunAgain() throws {
        let root = try copyTemplate()
        let before = Self.tree(root)
        XCTAssertThrowsError(try changes(root).apply(root: root, crash: .checking))
        let folder = root + "/.kh/tx-\(getpid())"
        let journal = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/journal")), as: UTF8.self)
        let records = journal.split(separator: "\n").compactMap(Recovery.Record.init(line:))
        XCTAssertEqual(records.count, journal.split(separator: "\n").count, "every line of the journal reads")
        XCTAssertEqual(
            records.filter { if case .directory = $0 { return true } else { return false } }.count, 2,
            "the new customer's two folders are in the journal")
        // Recovery stopped after undoing only the last two steps: run again, from the start.
        for k in 1...records.count {
            let copy = try copyTemplate()
            try FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: root, toPath: copy)
            var outcome = Recovery.Outcome()
            Recovery.undo(Array(records.suffix(k)), root: copy, folder: copy + "/.kh/tx-\(getpid())", outcome: &outcome)
            _ = try Recovery.recover(root: copy)
            XCTAssertEqual(Self.tree(copy), before, "recovery stopped after \(k) records, then run again")
            XCTAssertEqual(Self.leftovers(copy), [])
        }
    }

    func testANewFileChangedAfterTheCrashIsKept() throws {
        let root = try copyTemplate()
        XCTAssertThrowsError(try changes(root).apply(root: root, crash: .checking))
        try "客户名称: 新客户\n备注: 崩溃后有人写了这里\n".write(toFile: root + "/" + Self.created, atomically: true, encoding: .utf8)
        let outcome = try Recovery.recover(root: root)
        XCTAssertEqual(outcome.kept, [Self.created])
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: root + "/" + Self.created), "what a person wrote is never removed")
        XCTAssertEqual(
            WriteMsg.recovered(outcome).en.split(separator: "\n").last,
            "note: \(Self.created) was created by that write but changed since; kept for you to check")
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: root + "/客户档案/KH-2025-001_海川制造"), "the removed folder is back")
    }

    func testAWriterAtWorkIsNotMistakenForAnInterruptedOne() throws {
        let root = try copyTemplate()
        XCTAssertThrowsError(try changes(root).apply(root: root, crash: .checking))
        let lock = try ArchiveLock(root: root)
        XCTAssertEqual(Recovery.interrupted(root: root), [], "the lock is held: a kh is writing")
        XCTAssertThrowsError(try Recovery.recover(root: root))
        withExtendedLifetime(lock) {}
    }

    func testJournalPathsMayHoldTabsAndLineBreaks() {
        let odd = "客户档案/a\tb\nc%0A.yaml"
        for r: Recovery.Record in [
            .create(3, odd, blob: "abc"), .move(1, odd, odd + "x"), .directory(odd), .remove(2, odd),
        ] {
            XCTAssertEqual(Recovery.Record(line: Substring(r.line)), r)
            XCTAssertFalse(r.line.contains("\n"))
        }
    }

    /// The real thing: kh import killed with SIGKILL while it writes; kh validate reports KH114,
    /// a dry run only warns, kh recover puts every byte back, and the next write works.
    func testSIGKILLDuringImportThenRecover() throws {
        let root = try copyTemplate()
        let before = WriteTests.snapshot(root)
        let p = try InterruptTests.importWriting(1500, into: root)
        usleep(300_000)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, SIGKILL)
        let folder = ".kh/tx-\(p.processIdentifier)"

        let validate = try KHCommand.run(["validate", root, "--no-cache", "--lang", "en"])
        XCTAssertEqual(validate.status, 1)
        XCTAssertTrue(
            validate.stdout.contains(
                "\(root)/\(folder): error KH114\n  a kh write was interrupted (process \(p.processIdentifier) did not finish; its journal is in \(folder))"
            ),
            validate.stdout)

        let dry = try KHCommand.run([
            "new", "企业", "--name", "恢复测试有限公司", "--contact", "赵六", "--mobile", "13900001111", "-C", root, "--by", "孙倩",
            "--date", "2024-06-10", "--dry-run", "--lang", "en",
        ])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(
            dry.stderr.hasPrefix("kh: note: a kh write was interrupted (process \(p.processIdentifier)"), dry.stderr)
        XCTAssertEqual(Recovery.interrupted(root: root), [folder], "a dry run changes nothing")

        let recover = try KHCommand.run(["recover", "-C", root])
        XCTAssertEqual(recover.status, 0, recover.stderr)
        XCTAssertTrue(recover.stdout.hasPrefix("已撤销被中断的写入（\(folder)）："), recover.stdout)
        XCTAssertEqual(WriteTests.snapshot(root), before, "every byte as before the import")
        XCTAssertEqual(Self.leftovers(root), [])
        let again = try KHCommand.run(["recover", "-C", root, "--lang", "en"])
        XCTAssertEqual(again.stdout, "no interrupted write: nothing to recover\n")
    }

    func testTheNextWritingCommandRecoversFirst() throws {
        let root = try copyTemplate()
        let before = Self.tree(root)
        XCTAssertThrowsError(try changes(root).apply(root: root, crash: .committing(after: 3)))
        let r = try KHCommand.run([
            "new", "企业", "--name", "恢复测试有限公司", "--contact", "赵六", "--mobile", "13900001111", "-C", root, "--by", "孙倩",
            "--date", "2024-06-10", "--lang", "en",
        ])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            r.stderr,
            "kh: undid the interrupted write (.kh/tx-\(getpid())): 3 item(s) put back; the archive is as it was before that write\n"
        )
        let added = Set(Self.tree(root).keys).subtracting(before.keys)
        let folders = Set(added.map { $0.split(separator: "/").prefix(2).joined(separator: "/") })
        XCTAssertEqual(folders.count, 1, "only the new customer was added: \(added.sorted())")
        XCTAssertTrue(folders.first?.hasPrefix("客户档案/KH-2024-") == true, "\(folders)")
        for (path, content) in before { XCTAssertEqual(Self.tree(root)[path], content, path) }
    }
}
