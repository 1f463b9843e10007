import Foundation
import XCTest
@testable import KHCore

/// The fixture archive `Fixtures/defects` in every output format and both languages,
/// compared byte for byte with `Fixtures/golden/`. Re-record with `KH_RECORD=1 swift test`.
final class GoldenTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func render(_ format: ReportFormat, _ language: Language, archive: String = "defects") throws -> String {
        let opened = try Archive.open(Self.fixtures.appendingPathComponent(archive).path)
        let result = opened.validate()
        let lines = SourceLines(root: opened.root)
        let ctx = ReportContext(result: result, language: language, pathPrefix: "",
                                sourceLine: { lines.line($0, $1) })
        return format.reporter.report(ctx)
    }

    func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try Self.assertGolden(actual, name, file: file, line: line)
    }

    static func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        // kh's version (JSON, SARIF) is written as "KH_VERSION": a release changes no golden file.
        let actual = actual.replacingOccurrences(of: "\"\(khVersion)\"", with: "\"KH_VERSION\"")
        let url = fixtures.appendingPathComponent("golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["KH_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        // Byte for byte (a BOM and CRLF line ends included).
        let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
            XCTFail("\(name) differs at line \(first + 1):\n  expected: \(first < e.count ? String(e[first]) : "<end>")\n  actual:   \(first < a.count ? String(a[first]) : "<end>")",
                    file: file, line: line)
        }
    }

    func testHuman() throws {
        try assertGolden(try render(.human, .zh), "defects.human.zh.txt")
        try assertGolden(try render(.human, .en), "defects.human.en.txt")
    }

    func testGitHub() throws {
        try assertGolden(try render(.github, .zh), "defects.github.zh.txt")
    }

    func testJSON() throws {
        let json = try render(.json, .zh)
        try assertGolden(json, "defects.json")
        try assertGolden(try render(.json, .en), "defects.en.json")
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
        try assertGolden(sarif, "defects.sarif")
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
        try assertGolden(xml, "defects.junit.xml")
        // Well-formed XML, with a failure per error and the counts in the summary testcase.
        let parsed = try XMLCheck.parse(xml)
        XCTAssertEqual(parsed.count("failure"), 21)
        XCTAssertEqual(parsed.count("testcase"), 12)
        XCTAssertEqual(parsed.elements.first { $0.name == "testsuites" }?.attributes["failures"], "10")
        XCTAssertTrue(parsed.texts("system-out").contains("检查了 3 位客户、8 个文件：21 个错误，8 个警告，0 个提示（已豁免 1 个）；其中 5 个可用 kh fix 自动修复"))
        // Under --strict the 8 warnings fail too.
        let opened = try Archive.open(Self.fixtures.appendingPathComponent("defects").path)
        let strict = JUnitReporter.report(ReportContext(result: opened.validate(), language: .en, strict: true))
        XCTAssertEqual(try XMLCheck.parse(strict).count("failure"), 29)
    }

    /// Same files, same output: whatever order the files were created in.
    func testOutputIndependentOfCreationOrder() throws {
        let source = Self.fixtures.appendingPathComponent("defects")
        var files: [(String, String)] = []
        let enumerator = FileManager.default.enumerator(atPath: source.path)!
        while let rel = enumerator.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: source.appendingPathComponent(rel).path, isDirectory: &isDir), !isDir.boolValue {
                files.append((rel, try String(contentsOf: source.appendingPathComponent(rel), encoding: .utf8)))
            }
        }
        let reversed = try TempArchive(files: files.reversed())
        let a = try TempArchive(files: files.sorted { $0.0 < $1.0 })
        let ra = try reversed.validate(), rb = try a.validate()
        let render = { (r: ValidationResult) in JSONReporter.report(ReportContext(result: r, language: .zh)) }
        XCTAssertEqual(render(ra), render(rb))
        XCTAssertEqual(ra.diagnostics.count, 29)
    }
}
