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

/// Interrupting a writing command (Ctrl-C, SIGTERM) leaves the archive exactly as it was.
final class InterruptTests: XCTestCase {
    /// A sheet of `rows` new customers.
    static func sheet(_ rows: Int) -> String {
        var out = "客户名称,所属行业,客户类型,联系人,手机号码,跟进人,最近跟进时间,跟进内容\n"
        for i in 0..<rows {
            out +=
                "测试中断\(i)有限公司,制造业,企业/意向客户,联系人\(i),139\(String(format: "%08d", i)),王磊,2024-06-0\(1 + i % 9) 10:00,电话介绍产品\n"
        }
        return out
    }

    /// Starts `kh import --write` of `rows` new customers into `root` and returns once it is
    /// applying the change (its journal exists under .kh/tx-<pid>/), still running.
    static func importWriting(
        _ rows: Int, into root: String, file: StaticString = #filePath, line: UInt = #line
    ) throws -> Process {
        // The sheet lives outside the archive, so that a snapshot of the archive is unaffected.
        let sheetFile = NSTemporaryDirectory() + "kh-sheet-" + UUID().uuidString + ".csv"
        try sheet(rows).write(toFile: sheetFile, atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = KHCommand.kh
        p.arguments = ["import", sheetFile, "-C", root, "--by", "孙倩", "--date", "2024-06-10", "--write"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        let deadline = Date(timeIntervalSinceNow: 30)
        var applying = false
        while Date() < deadline && p.isRunning && !applying {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: root + "/.kh")) ?? []
            applying = entries.contains {
                $0.hasPrefix("tx-") && FileManager.default.fileExists(atPath: root + "/.kh/" + $0 + "/journal")
            }
            usleep(1_000)
        }
        XCTAssertTrue(applying, "the import reached the writing stage", file: file, line: line)
        return p
    }

    func testSignalsDuringImportUndoEverything() throws {
        for sig in [SIGTERM, SIGINT] {
            let root = NSTemporaryDirectory() + "kh-interrupt-" + UUID().uuidString
            try FileManager.default.copyItem(atPath: WriteTests.template, toPath: root)
            addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
            let before = WriteTests.snapshot(root)
            let p = try Self.importWriting(1500, into: root)
            usleep(100_000)
            kill(p.processIdentifier, sig)
            p.waitUntilExit()
            XCTAssertEqual(
                p.terminationReason, .uncaughtSignal, "kh ends by the signal once the archive is whole again")
            XCTAssertEqual(p.terminationStatus, sig)
            XCTAssertEqual(WriteTests.snapshot(root), before, "signal \(sig): the archive is exactly as before")
            let leftovers: [String] = FileManager.default.enumerator(atPath: root)!.allObjects.compactMap {
                $0 as? String
            }
            .filter { $0.contains(".kh-tmp") || $0.hasPrefix(".kh/tx-") }
            XCTAssertEqual(leftovers, [String](), "no temporary file, no kept original")
        }
    }

    /// A full disk (a small tmpfs) part-way through an import: exit 2, a message naming the
    /// file and the reason, and the archive exactly as before.
    func testFullDiskLeavesTheArchiveAsItWas() throws {
        let mountPoint = NSTemporaryDirectory() + "kh-full-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        let mount = try KHCommand.runProgram(
            "/usr/bin/env", ["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mountPoint])
        guard mount.status == 0 else { throw XCTSkip("cannot mount a small tmpfs here (needs root): \(mount.stderr)") }
        defer { _ = try? KHCommand.runProgram("/usr/bin/env", ["umount", mountPoint]) }
        let root = mountPoint + "/archive"
        try FileManager.default.copyItem(atPath: WriteTests.template, toPath: root)
        let file = NSTemporaryDirectory() + "kh-full-sheet-" + UUID().uuidString + ".csv"
        try Self.sheet(400).write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let before = WriteTests.snapshot(root)
        let r = try KHCommand.run([
            "import", file, "-C", root, "--by", "孙倩", "--date", "2024-06-10", "--write", "--lang", "en",
        ])
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("No space left on device; the archive is as it was"), r.stderr)
        XCTAssertEqual(WriteTests.snapshot(root), before)
        let leftovers: [String] = FileManager.default.enumerator(atPath: root)!.allObjects.compactMap { $0 as? String }
            .filter { $0.contains(".kh-tmp") || $0.hasPrefix(".kh/tx-") }
        XCTAssertEqual(leftovers, [String]())
    }
}

/// What the writing commands print never carries control characters from the archive.
final class TerminalSafetyTests: XCTestCase {
    func testPlansPrintNoControlCharacters() {
        let original = Array("备注: 旧\r\n".utf8)
        let changed = Array("备注: 新\u{1B}[31m红\r\n".utf8)
        let plan = ChangeSet([
            .modify(path: "客户档案/KH-2024-001_x\u{7}/01-客户基本信息/基本信息.yaml", original: original, bytes: changed),
            .create(path: "a.yaml", bytes: Array("x: \u{1B}]0;title\u{7}\n".utf8)),
        ])
        let text = plan.describe(.zh, contents: true)
        XCTAssertFalse(text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, text)
        XCTAssertEqual(
            text,
            """
            修改  客户档案/KH-2024-001_x\u{FFFD}/01-客户基本信息/基本信息.yaml
              1 - 备注: 旧
              1 + 备注: 新\u{FFFD}[31m红
            新建  a.yaml
                  | x: \u{FFFD}]0;title\u{FFFD}

            """)
    }
}
