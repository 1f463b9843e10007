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

/// The kill campaign: every writing command killed with SIGKILL at every point of its write
/// (`KH_FAULT_KILL_AT`, see `FaultPoint`) and at random moments, then `kh recover`. The archive
/// must then be exactly the tree before the command or exactly the tree after it (every file
/// with its bytes, and every folder; `.kh/` is kh's own), and validation must give what it
/// gives on that tree.
///
/// `make test` runs a short campaign (small inputs, a few random kills); `make kill-campaign`
/// a long one: `KH_KILL_RANDOM` random kills per command, `KH_KILL_IMPORT_ROWS` rows for the
/// import killed at every point and `KH_KILL_RANDOM_IMPORT_ROWS` for the import killed at
/// random. Each command prints one line of counts.
final class KillCampaignTests: XCTestCase {
    static func setting(_ name: String, _ fallback: Int) -> Int {
        ProcessInfo.processInfo.environment[name].flatMap { Int($0) } ?? fallback
    }

    static let randomKills = setting("KH_KILL_RANDOM", 3)
    static let importRows = setting("KH_KILL_IMPORT_ROWS", 3)
    static let randomImportRows = setting("KH_KILL_RANDOM_IMPORT_ROWS", 60)

    struct Job {
        var name: String
        /// The archive the command starts from.
        var source: String
        var arguments: [String]
    }

    /// What a tree and its validation are compared by.
    struct Outcome: Equatable {
        var tree: [String: Data?]
        var diagnostics: [String]
    }

    struct Counts {
        var points = 0, random = 0, midWrite = 0, before = 0, after = 0, neither = 0
    }

    var scratch: [String] = []

    func fresh(_ source: String) throws -> String {
        let dir = NSTemporaryDirectory() + "kh-kill-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: source, toPath: dir)
        scratch.append(dir)
        return dir
    }

    func clean() {
        for dir in scratch { try? FileManager.default.removeItem(atPath: dir) }
        scratch = []
    }

    func outcome(_ root: String) throws -> Outcome {
        let diagnostics = try Archive.open(root).validate().diagnostics.map { brief($0) + " " + $0.severity.rawValue }
        return Outcome(tree: RecoveryTests.tree(root), diagnostics: diagnostics.sorted())
    }

    func start(_ job: Job, in root: String, killAt: Int? = nil) throws -> Process {
        let p = Process()
        p.executableURL = KHCommand.kh
        // "ROOT" stands for the archive where a command takes it as an argument; else -C.
        p.arguments =
            job.arguments.contains("ROOT")
            ? job.arguments.map { $0 == "ROOT" ? root : $0 } : job.arguments + ["-C", root]
        var env = ProcessInfo.processInfo.environment
        env["KH_NO_CACHE"] = "1"
        env["KH_FAULT_KILL_AT"] = killAt.map(String.init)
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    static func killed(_ p: Process) -> Bool {
        p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL
    }

    /// After a kill: recover, then the tree must be one of the two, validated as that one.
    func check(_ root: String, _ job: Job, _ what: String, before: Outcome, after: Outcome, counts: inout Counts) throws
    {
        if !Recovery.interrupted(root: root).isEmpty { counts.midWrite += 1 }
        let r = try KHCommand.run(["recover", "-C", root])
        XCTAssertEqual(r.status, 0, "\(job.name) \(what): kh recover: \(r.stderr)")
        let now = try outcome(root)
        if now.tree == before.tree {
            counts.before += 1
            XCTAssertEqual(
                now.diagnostics, before.diagnostics, "\(job.name) \(what): validation differs from the tree before")
        } else if now.tree == after.tree {
            counts.after += 1
            XCTAssertEqual(
                now.diagnostics, after.diagnostics, "\(job.name) \(what): validation differs from the tree after")
        } else {
            func diff(_ other: Outcome) -> String {
                let keys = Set(now.tree.keys).union(other.tree.keys).filter { now.tree[$0] != other.tree[$0] }.sorted()
                return keys.prefix(6).joined(separator: ", ")
            }
            counts.neither += 1
            XCTFail(
                "\(job.name) \(what): the archive is neither as before nor as after; differs from before in \(diff(before)); from after in \(diff(after))"
            )
        }
        XCTAssertEqual(RecoveryTests.leftovers(root), [], "\(job.name) \(what)")
    }

    func campaign(_ job: Job, points: Bool = true, random: Int) throws -> Counts {
        defer { clean() }
        var counts = Counts()
        let base = try fresh(job.source)
        let before = try outcome(base)
        let done = try fresh(base)
        let t0 = Date()
        let full = try start(job, in: done)
        full.waitUntilExit()
        let duration = Date().timeIntervalSince(t0)
        XCTAssertEqual(full.terminationStatus, 0, "\(job.name) runs to its end")
        let after = try outcome(done)
        XCTAssertNotEqual(before.tree, after.tree, "\(job.name) changes the archive")

        // Every point of the write, until the command runs past the last one.
        var k = 1
        while points && k < 100_000 {
            let root = try fresh(base)
            let p = try start(job, in: root, killAt: k)
            p.waitUntilExit()
            if !Self.killed(p) {
                XCTAssertEqual(p.terminationStatus, 0, "\(job.name) with a kill point past its last")
                XCTAssertEqual(try outcome(root).tree, after.tree, "\(job.name): not killed, so done")
                try? FileManager.default.removeItem(atPath: root)
                break
            }
            counts.points += 1
            try check(root, job, "killed at point \(k)", before: before, after: after, counts: &counts)
            try? FileManager.default.removeItem(atPath: root)
            k += 1
        }
        if points { XCTAssertGreaterThan(counts.points, 3, "\(job.name): the write has kill points") }

        // Random moments over the command's whole run.
        var generator = SystemRandomNumberGenerator()
        for i in 0..<random {
            let root = try fresh(base)
            let delay = Double.random(in: 0...(duration * 1.1), using: &generator)
            let p = try start(job, in: root)
            usleep(UInt32(delay * 1_000_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            counts.random += 1
            try check(
                root, job, "random kill \(i) after \(Int(delay * 1000)) ms", before: before, after: after,
                counts: &counts)
            try? FileManager.default.removeItem(atPath: root)
        }
        print(
            "kill-campaign \(job.name): \(counts.points) kill points, \(counts.random) random kills (\(Int(duration * 1000)) ms run); "
                + "\(counts.midWrite) interrupted a write; after recovery \(counts.before) as before, \(counts.after) as after, \(counts.neither) neither"
        )
        return counts
    }

    func sheet(_ rows: Int) throws -> String {
        let file = NSTemporaryDirectory() + "kh-kill-sheet-" + UUID().uuidString + ".csv"
        try InterruptTests.sheet(rows).write(toFile: file, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: file) }
        return file
    }

    static let template = WriteTests.template
    static let fixBefore = Golden.fixtures.appendingPathComponent("fix/before").path

    func testImport() throws {
        _ = try campaign(
            Job(
                name: "import of \(Self.importRows) rows", source: Self.template,
                arguments: ["import", try sheet(Self.importRows), "--by", "孙倩", "--date", "2024-06-10", "--write"]),
            random: 0)
        _ = try campaign(
            Job(
                name: "import of \(Self.randomImportRows) rows", source: Self.template,
                arguments: [
                    "import", try sheet(Self.randomImportRows), "--by", "孙倩", "--date", "2024-06-10", "--write",
                ]),
            points: false, random: Self.randomKills)
    }

    func testNew() throws {
        _ = try campaign(
            Job(
                name: "new", source: Self.template,
                arguments: [
                    "new", "企业", "--name", "恢复测试有限公司", "--contact", "赵六", "--mobile", "13900001111",
                    "--by", "孙倩", "--date", "2024-06-10",
                ]), random: Self.randomKills)
    }

    func testLog() throws {
        _ = try campaign(
            Job(
                name: "log", source: Self.template,
                arguments: [
                    "log", "KH-2024-001", "--method", "电话", "--theirs", "张伟", "--content", "回访，确认需求",
                    "--next", "提供报价单;王磊;2025-04-15;高", "--by", "王磊", "--date", "2025-04-02",
                    "--time", "2025-04-02 10:00",
                ]), random: Self.randomKills)
    }

    func testFix() throws {
        _ = try campaign(
            Job(name: "fix", source: Self.fixBefore, arguments: ["fix", "ROOT"]), random: Self.randomKills)
    }

    func testRenumber() throws {
        _ = try campaign(
            Job(
                name: "renumber", source: Self.template,
                arguments: ["renumber", "KH-2025-001", "KH-2025-007", "--date", "2025-03-01"]), random: Self.randomKills
        )
    }

    func testRetire() throws {
        _ = try campaign(
            Job(name: "retire", source: Self.template, arguments: ["retire", "KH-2025-001"]), random: Self.randomKills)
    }

    func testReassign() throws {
        _ = try campaign(
            Job(
                name: "reassign", source: Self.template,
                arguments: ["reassign", "--from", "王磊", "--to", "陈静", "--by", "孙倩", "--date", "2025-03-07"]),
            random: Self.randomKills)
    }
}
