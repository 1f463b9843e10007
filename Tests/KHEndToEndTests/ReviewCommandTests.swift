import Foundation
import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHOutputs
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// kh review as a command: exit codes, options, the default date (ReviewTests checks the review itself).
final class ReviewCommandTests: XCTestCase {
    static let fixture = Golden.fixtures.appendingPathComponent("review").path

    func review(_ asOf: Day = Day(year: 2025, month: 6, day: 30), owners: [String] = []) throws -> Review {
        Review.run(try Archive.open(Self.fixture), asOf: asOf, owners: owners)
    }

    func testCommandIsDeterministic() throws {
        let a = try review()
        let r1 = try KHCommand.run(["review", Self.fixture, "--as-of", "2025-06-30", "--format", "json"])
        let r2 = try KHCommand.run(["review", Self.fixture, "--as-of", "2025-06-30", "--format", "json"])
        XCTAssertEqual(r1.stdout, r2.stdout)
        XCTAssertEqual(r1.stdout, a.json(language: .zh))
    }

    func testCommandExitCodesAndOptions() throws {
        let f = Self.fixture
        let plain = try KHCommand.run(["review", f, "--as-of", "2025-06-30"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertEqual(plain.stdout, try review().markdown(language: .zh))
        XCTAssertEqual(plain.stderr, "注意：有 1 个文件无法读取，未纳入检查（kh validate 查看详情）\n")
        XCTAssertEqual(
            try KHCommand.run(["review", f, "--as-of", "2025-06-30", "--fail-on", "error"]).status, 1)
        // 郑凯's list holds one notice.
        XCTAssertEqual(
            try KHCommand.run(["review", f, "--as-of", "2025-06-30", "--owner", "郑凯", "--fail-on", "warning"])
                .status, 0)
        XCTAssertEqual(
            try KHCommand.run(["review", f, "--as-of", "2025-06-30", "--owner", "郑凯", "--fail-on", "notice"])
                .status, 1)
        // Comma-separated owners, and HTML and English.
        let two = try KHCommand.run([
            "review", f, "--as-of", "2025-06-30", "--owner", "王磊,郑凯", "--format", "json",
        ])
        XCTAssertEqual(two.stdout, try review(owners: ["王磊", "郑凯"]).json(language: .zh))
        let html = try KHCommand.run(["review", f, "--as-of", "2025-06-30", "--format", "html", "--lang", "en"])
        XCTAssertEqual(html.stdout, try review().html(language: .en))
        XCTAssertEqual(html.stderr, "note: 1 file could not be read and was left out (kh validate shows why)\n")
        // An owner not in 团队 is noted (a typo finds nothing).
        let typo = try KHCommand.run(["review", f, "--as-of", "2025-06-30", "--owner", "王雷"])
        XCTAssertEqual(typo.status, 0)
        XCTAssertTrue(typo.stderr.hasPrefix("注意：--owner「王雷」不在 kh.yaml 团队 中\n"), typo.stderr)
        // -o writes the file.
        let dir = NSTemporaryDirectory() + "kh-review-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let written = try KHCommand.run(["review", f, "--as-of", "2025-06-30", "-o", dir + "/待办.md"])
        XCTAssertEqual(written.status, 0)
        XCTAssertEqual(written.stdout, "")
        XCTAssertEqual(
            try String(contentsOfFile: dir + "/待办.md", encoding: .utf8), try review().markdown(language: .zh))
        // kh's own failures: 2.
        XCTAssertEqual(try KHCommand.run(["review", f, "--as-of", "2025-02-30"]).status, 2)
        XCTAssertEqual(try KHCommand.run(["review", f, "--format", "pdf"]).status, 2)
        XCTAssertEqual(try KHCommand.run(["review", f, "--fail-on", "fatal"]).status, 2)
        XCTAssertEqual(try KHCommand.run(["review", dir + "/none"]).status, 2)
        // The fixture stays as it is: no cache folder.
        XCTAssertFalse(FileManager.default.fileExists(atPath: f + "/.kh"))
    }

    func testDefaultDateIsTodayInTheArchiveTimeZone() throws {
        let config = try Archive.open(Self.fixture).config
        let before = Clock.now(config).day
        let r = try KHCommand.run(["review", Self.fixture, "--format", "json"])
        let after = Clock.now(config).day
        XCTAssertEqual(r.status, 0, r.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let asOf = try XCTUnwrap(object["asOf"] as? String)
        XCTAssertTrue(asOf == before.description || asOf == after.description, asOf)
    }
}
