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

/// The fuzz targets' code (FuzzHarness) over every input that once failed it
/// (Fixtures/fuzz/TARGET/, each added when the fuzzer found it) and over the seed corpora
/// `Fuzz/seeds.py` makes from the fixtures. A failure stops the test process with the property
/// that broke, as it stops the fuzzer.
///
/// `KH_FUZZ_REPLAY=DIR` replays DIR/yaml, DIR/validate and DIR/import instead (a fuzzing run's
/// findings, e.g. `Fuzz/findings`), printing each file's name first.
final class FuzzReplayTests: XCTestCase {
    static let crashers = Golden.fixtures.appendingPathComponent("fuzz")

    func files(_ dir: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "README.md" }.sorted().map { dir.appendingPathComponent($0) }
    }

    func replay(_ base: URL, verbose: Bool = false) throws -> [FuzzHarness.Target: Int] {
        var counts: [FuzzHarness.Target: Int] = [:]
        for target in FuzzHarness.Target.allCases {
            for file in files(base.appendingPathComponent(target.rawValue)) {
                if verbose { FileHandle.standardError.write(Data("\(target.rawValue) \(file.path)\n".utf8)) }
                FuzzHarness.run(target, [UInt8](try Data(contentsOf: file)))
                counts[target, default: 0] += 1
            }
        }
        return counts
    }

    func testEveryCrasherFoundByFuzzing() throws {
        if let dir = ProcessInfo.processInfo.environment["KH_FUZZ_REPLAY"] {
            _ = try replay(URL(fileURLWithPath: dir), verbose: true)
            return
        }
        let counts = try replay(Self.crashers)
        XCTAssertGreaterThanOrEqual(counts[.yaml] ?? 0, 5)
        XCTAssertGreaterThanOrEqual(counts[.importer] ?? 0, 1)
    }

    func testSeedCorporaFromTheFixtures() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kh-seeds-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        let script = Golden.fixtures.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("Fuzz/seeds.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, out.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let counts = try replay(out)
        // Every YAML fixture, every document with its slot, every spreadsheet and its parts.
        XCTAssertGreaterThan(counts[.yaml] ?? 0, 100)
        XCTAssertGreaterThan(counts[.validate] ?? 0, 100)
        XCTAssertGreaterThanOrEqual(counts[.importer] ?? 0, 8)
    }

    /// The harness's properties can fail: a writer that leaves `: ` unquoted would be caught.
    func testPropertiesHoldAndCatchBrokenOutput() {
        XCTAssertTrue(YAMLWriter.isPlainSafe("星辰科技", flow: true))
        for value in [
            "a: b", "+:?", "a:]", "- x", "#x", " lead", "trail ", "\u{85}", "x\u{2028}y", "null", "年度:崹度 260x:?x",
            "a\u{7F}b", "\n  indented", "two\n\n", "\n", "\tx\ny",
        ] {
            FuzzHarness.roundTrip(value)
        }
        XCTAssertEqual(YAMLWriter.literal("  a\nb", indent: 2), "|2-\n    a\n  b\n")
        XCTAssertEqual(YAMLWriter.literal("a\n\n", indent: 2), "|+\n  a\n\n")
        XCTAssertEqual(YAMLWriter.literal(" \u{73A}x\ny", indent: 2), "|2-\n   \u{73A}x\n  y\n")
        XCTAssertEqual(YAMLWriter.literal("a\u{7F}\nb", indent: 2), "\"a\\x7F\\nb\"\n")
        // Decided by scalar (issue 12): ": " hidden in one Character with a combining mark, a final
        // ":" hidden in one Character with a prepended mark (U+0603), a tab before "#".
        XCTAssertEqual(
            YAMLWriter.scalar("00: \u{1A76}i;gg:ggg:g:67 r&D", flow: false), "\"00: \u{1A76}i;gg:ggg:g:67 r&D\"")
        XCTAssertEqual(YAMLWriter.scalar("gg--\u{623}\u{603}:", flow: false), "\"gg--\u{623}\u{603}:\"")
        XCTAssertEqual(YAMLWriter.scalar("a\t#b", flow: false), "\"a\\t#b\"")
        XCTAssertEqual(YAMLWriter.scalar("---x", flow: false), "\"---x\"")
        XCTAssertEqual(YAMLWriter.scalar("-12.5", flow: false), "-12.5")
        for value in [
            "00: \u{1A76}i;gg:ggg:g:67 r&D", "gg--\u{623}\u{603}:", "a\t#b", "e\u{301}", "\u{301}:", "...", "---",
        ] {
            FuzzHarness.roundTrip(value)
        }
        XCTAssertEqual(FuzzHarness.lineLengths(Array("a\r\nbc\rd\u{85}e\u{2028}".utf8)), [1, 2, 1, 1, 0])
    }
}

/// In-place edits with a value on several lines (what the fuzzer found): a literal block that
/// would swallow an indented comment or blank lines after it becomes a double-quoted value.
final class EditRegressionTests: XCTestCase {
    func edited(_ source: String, _ key: String, _ value: String) throws -> String {
        var doc = try EditableDocument(bytes: Array(source.utf8), path: "t.yaml")
        try doc.set(key, value)
        return String(decoding: doc.result(), as: UTF8.self)
    }

    func testLiteralBlockWhenNothingFollowsThatItWouldSwallow() throws {
        XCTAssertEqual(try edited("备注: 旧\n下一项: 1\n", "备注", "第一行\n第二行"), "备注: |-\n  第一行\n  第二行\n下一项: 1\n")
    }

    func testDoubleQuotedWhenAnIndentedCommentFollows() throws {
        XCTAssertEqual(
            try edited("备注: 旧\n   # 说明\n下一项: 1\n", "备注", "第一行\n第二行"),
            "备注: \"第一行\\n第二行\"\n   # 说明\n下一项: 1\n")
    }

    func testDoubleQuotedInAListItemWhoseKeyIsNotAtTheLineStart() throws {
        let source = "联系人:\n  - 姓名: 张三\n    备注: 旧\n"
        var doc = try EditableDocument(bytes: Array(source.utf8), path: "t.yaml")
        let item = try XCTUnwrap(doc.root.entry("联系人")?.value.sequence?.items.first?.mapping?.entry("备注")?.value.scalar)
        try doc.replace(item, with: "甲\n乙")
        let out = doc.result()
        let back = YAMLParser.parse(out, file: "t.yaml").root?.mapping?.entry("联系人")?.value.sequence?.items.first?
            .mapping
        XCTAssertEqual(back?.entry("备注")?.value.scalar?.value, "甲\n乙", String(decoding: out, as: UTF8.self))
        XCTAssertEqual(back?.entry("姓名")?.value.scalar?.value, "张三")
    }
}
