import Foundation
import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHOutputs
@testable import KHSpreadsheet
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// kh report as a command: the JSON it prints, its period options and their refusals (ReportTests checks the report).
final class ReportCommandTests: XCTestCase {
    static let archive = Golden.fixtures.appendingPathComponent("report").path
    static let asOf = Day(year: 2025, month: 6, day: 30)

    func report(_ period: ReportPeriod = .year(2025, asOf: ReportCommandTests.asOf)) throws -> Report {
        Report.make(try Archive.open(Self.archive), period: period)
    }

    func testCommandLine() throws {
        func run(_ arguments: [String]) throws -> KHCommand.Run { try KHCommand.run(arguments) }
        let json = try run(["report", Self.archive, "--as-of", "2025-06-30", "--format", "json"])
        XCTAssertEqual(json.status, 0, json.stderr)
        assertGolden(json.stdout, "report.json")
        let year = try run(["report", Self.archive, "--year", "2024", "--as-of", "2025-06-30", "--format", "json"])
        XCTAssertEqual(year.stdout, try report(.year(2024, asOf: Self.asOf)).json())
        for bad in [
            ["--year", "2024", "--from", "2024-01-01", "--to", "2024-12-31"], ["--from", "2024-01-01"],
            ["--from", "2024-13-01", "--to", "2024-12-31"], ["--from", "2024-12-01", "--to", "2024-01-01"],
            ["--year", "2026", "--as-of", "2025-06-30"], ["--as-of", "30/06/2025"],
        ] {
            let r = try run(["report", Self.archive] + bad)
            XCTAssertEqual(r.status, 2, "\(bad): \(r.stderr)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kh-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("报告.html").path
        let html = try run(["report", Self.archive, "--as-of", "2025-06-30", "--format", "html", "-o", out])
        XCTAssertEqual(html.status, 0, html.stderr)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), try report().html())
    }
}
