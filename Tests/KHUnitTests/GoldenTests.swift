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

/// The fixture archive `Fixtures/defects` in every output format and both languages,
/// compared byte for byte with `Fixtures/golden/` (`assertGolden`, Golden.swift). Re-record with
/// `KH_RECORD=1 swift test --filter GoldenTests` (the run fails; run it again without).
final class GoldenTests: XCTestCase {
    static let fixtures = Golden.fixtures

    func render(_ format: OutputFormat, _ language: Language, archive: String = "defects") throws -> String {
        let opened = try Archive.open(Self.fixtures.appendingPathComponent(archive).path)
        let result = opened.validate()
        let lines = SourceLines(root: opened.root)
        let ctx = FormatContext(
            result: result, language: language, pathPrefix: "",
            sourceLine: { lines.line($0, $1) })
        return format.formatter.format(ctx)
    }

    func testHuman() throws {
        try assertGolden(render(.human, .zh), "defects.human.zh.txt")
        try assertGolden(render(.human, .en), "defects.human.en.txt")
    }

    func testGitHub() throws {
        try assertGolden(render(.github, .zh), "defects.github.zh.txt")
    }

    func testJSON() throws {
        let json = try render(.json, .zh)
        assertGolden(json, "defects.json")
        try assertGolden(render(.json, .en), "defects.en.json")
        // Parsed, the document has the documented shape.
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let summary = object?["summary"] as? [String: Any]
        XCTAssertEqual(summary?["errors"] as? Int, 21)
        XCTAssertEqual(summary?["warnings"] as? Int, 8)
        XCTAssertEqual(summary?["waived"] as? Int, 1)
        XCTAssertEqual(summary?["passed"] as? Bool, false)
        XCTAssertEqual((object?["diagnostics"] as? [Any])?.count, 29)
    }

    func testSARIF() throws {
        let sarif = try render(.sarif, .zh)
        assertGolden(sarif, "defects.sarif")
        let object = try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any]
        XCTAssertEqual(object?["version"] as? String, "2.1.0")
        let run = (object?["runs"] as? [[String: Any]])?.first
        let results = run?["results"] as? [[String: Any]]
        XCTAssertEqual(results?.count, 29)
        // A diagnostic without a line has no region.
        let noLine = results?.first { ($0["ruleId"] as? String) == "KH120" }
        let physical = ((noLine?["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any]
        XCTAssertNotNil(physical?["artifactLocation"])
        XCTAssertNil(physical?["region"])
    }

    func testJUnit() throws {
        let xml = try render(.junit, .zh)
        assertGolden(xml, "defects.junit.xml")
        // Well-formed XML, with a failure per error and the counts in the summary testcase.
        let parsed = try XMLCheck.parse(xml)
        XCTAssertEqual(parsed.count("failure"), 21)
        XCTAssertEqual(parsed.count("testcase"), 12)
        XCTAssertEqual(parsed.elements.first { $0.name == "testsuites" }?.attributes["failures"], "10")
        XCTAssertTrue(
            parsed.texts("system-out").contains("检查了 3 位客户、8 个文件：21 个错误，8 个警告，0 个提示（已豁免 1 个）；其中 5 个可用 kh fix 自动修复"))
        // Under --strict the 8 warnings fail too.
        let opened = try Archive.open(Self.fixtures.appendingPathComponent("defects").path)
        let strict = JUnitFormatter.format(FormatContext(result: opened.validate(), language: .en, strict: true))
        XCTAssertEqual(try XMLCheck.parse(strict).count("failure"), 29)
    }

    /// Same files, same output: whatever order the files were created in.
    func testOutputIndependentOfCreationOrder() throws {
        let source = Self.fixtures.appendingPathComponent("defects")
        var files: [(String, String)] = []
        let enumerator = FileManager.default.enumerator(atPath: source.path)!
        while let rel = enumerator.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: source.appendingPathComponent(rel).path, isDirectory: &isDir),
                !isDir.boolValue
            {
                files.append((rel, try String(contentsOf: source.appendingPathComponent(rel), encoding: .utf8)))
            }
        }
        let reversed = try TempArchive(files: files.reversed())
        let a = try TempArchive(files: files.sorted { $0.0 < $1.0 })
        let ra = try reversed.validate()
        let rb = try a.validate()
        let render = { (r: ValidationResult) in JSONFormatter.format(FormatContext(result: r, language: .zh)) }
        XCTAssertEqual(render(ra), render(rb))
        XCTAssertEqual(ra.diagnostics.count, 29)
    }

    // MARK: - The golden-file helper (Golden.swift)

    func testHelperComparison() {
        func mismatch(_ actual: String, _ expected: String?) -> String? {
            Golden.mismatch(
                actual: Array(actual.utf8), expected: expected.map { Array($0.utf8) },
                path: "Fixtures/golden/x.txt", recordCommand: "KH_RECORD=1 swift test --filter XTests")
        }
        XCTAssertNil(mismatch("a\nb\n", "a\nb\n"))
        XCTAssertNil(mismatch("", ""))

        XCTAssertEqual(
            mismatch("a\nB\nc\n", "a\nb\nc\n"),
            """
            golden file Fixtures/golden/x.txt differs at line 2 (golden 6 bytes, actual 6 bytes):
              expected: "b"
              actual:   "B"
            if the new output is right, re-record with KH_RECORD=1 swift test --filter XTests, review git diff, and run again without KH_RECORD=1
            """)
        // Lines missing or added at the end, no final line end.
        XCTAssertTrue(
            mismatch("a\n", "a\nb\n")?.contains(
                "differs at line 2 (golden 4 bytes, actual 2 bytes):\n  expected: \"b\"\n  actual:   \"\"\n") == true)
        XCTAssertTrue(
            mismatch("a\nb", "a\nb\n")?.contains(
                "line 3 (golden 4 bytes, actual 3 bytes):\n  expected: \"\"\n  actual:   <end of file>\n") == true)
        XCTAssertTrue(
            mismatch("a\nb\n\nc", "a\nb\n")?.contains(
                "line 4 (golden 4 bytes, actual 6 bytes):\n  expected: <end of file>\n  actual:   \"c\"\n") == true)
        // Byte for byte: CRLF, a BOM, another normalization form of the same text.
        XCTAssertTrue(
            mismatch("a\r\n", "a\n")?.contains(
                "line 1 (golden 2 bytes, actual 3 bytes):\n  expected: \"a\"\n  actual:   \"a\\r\"\n") == true)
        XCTAssertNotNil(mismatch("\u{FEFF}a\n", "a\n"))
        let nfd = mismatch("caf\u{65}\u{301}\n", "caf\u{E9}\n")
        XCTAssertTrue(nfd?.contains("line 1 (golden 6 bytes, actual 7 bytes)") == true, nfd ?? "nil")
        XCTAssertTrue(
            nfd?.contains("expected bytes: 63 61 66 c3 a9\n  actual bytes:   63 61 66 65 cc 81\n") == true, nfd ?? "nil"
        )
        // No golden file: a failure message, not a crash.
        XCTAssertEqual(
            mismatch("a\n", nil),
            "golden file Fixtures/golden/x.txt does not exist: record it with "
                + "KH_RECORD=1 swift test --filter XTests, review it, and run again without KH_RECORD=1")
    }

    func testHelperVersionAndMessages() throws {
        XCTAssertEqual(
            Golden.normalizingVersion("{\"version\": \"\(khVersion)\", \"v\": \(khVersion)}"),
            "{\"version\": \"KH_VERSION\", \"v\": \(khVersion)}", "only the version as a JSON string")
        XCTAssertEqual(
            Golden.recordCommand(testFile: "/src/Tests/KHUnitTests/ReviewTests.swift", function: "testGoldenFiles()"),
            "KH_RECORD=1 swift test --filter ReviewTests/testGoldenFiles")
        XCTAssertEqual(
            Golden.recordCommand(testFile: "/src/Tests/KHUnitTests/ReviewTests.swift", function: "helper(_:)"),
            "KH_RECORD=1 swift test --filter ReviewTests")
        XCTAssertEqual(
            Golden.displayPath(Golden.directory.appendingPathComponent("defects.json")),
            "Tests/KHTestSupport/Fixtures/golden/defects.json")
        XCTAssertEqual(Golden.displayPath(URL(fileURLWithPath: "/elsewhere/x")), "/elsewhere/x")
        // A file that matches passes (under KH_RECORD=1 every comparison fails by design).
        if !Golden.isRecording {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "kh-golden-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: url) }
            try Data("{\"version\": \"KH_VERSION\"}\n".utf8).write(to: url)
            XCTAssertTrue(assertGolden("{\"version\": \"\(khVersion)\"}\n", at: url))
            XCTAssertTrue(assertGolden(bytes: Array("{\"version\": \"KH_VERSION\"}\n".utf8), at: url))
        }
    }
}
