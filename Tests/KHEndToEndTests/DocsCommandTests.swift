import Foundation
import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHOutputs
@testable import KHSpreadsheet
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// kh docs: the format reference printed and written (FormatReferenceTests checks the document).
final class DocsCommandTests: XCTestCase {
    static var documentURL: URL { TestPaths.packageRoot.appendingPathComponent(FormatReference.documentPath) }

    func testKhDocsPrintsTheDocument() throws {
        let onDisk = try String(contentsOf: Self.documentURL, encoding: .utf8)
        let printed = try KHCommand.run(["docs"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertTrue(printed.stdout == onDisk, "kh docs does not print \(FormatReference.documentPath)")
        XCTAssertEqual(printed.stderr, "")

        let dir = NSTemporaryDirectory() + "kh-docs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let zh = try KHCommand.run(["docs", "-o", dir + "/格式说明.md"])
        XCTAssertEqual(zh.status, 0, zh.stderr)
        XCTAssertEqual(zh.stdout, "")
        XCTAssertEqual(zh.stderr, "已把档案格式说明写入 \(dir)/格式说明.md\n")
        XCTAssertTrue(try String(contentsOfFile: dir + "/格式说明.md", encoding: .utf8) == onDisk)
        let en = try KHCommand.run(["docs", "--lang", "en", "--output", dir + "/format.md"])
        XCTAssertEqual(en.status, 0, en.stderr)
        XCTAssertEqual(en.stderr, "wrote the archive format reference to \(dir)/format.md\n")
        XCTAssertTrue(try String(contentsOfFile: dir + "/format.md", encoding: .utf8) == onDisk)
        // A folder that does not exist is created; a file in its place: kh cannot run.
        XCTAssertEqual(try KHCommand.run(["docs", "-o", dir + "/新文件夹/format.md"]).status, 0)
        XCTAssertTrue(try String(contentsOfFile: dir + "/新文件夹/format.md", encoding: .utf8) == onDisk)
        let bad = try KHCommand.run(["docs", "-o", dir + "/format.md/format.md"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.hasPrefix("kh：无法写入 \(dir)/format.md/format.md"), bad.stderr)
        XCTAssertEqual(try KHCommand.run(["docs", "--lang", "fr"]).status, 2)
    }
}
