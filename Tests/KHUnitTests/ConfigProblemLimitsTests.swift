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

/// kh.yaml 问题时限: read once, by `ConfigLoader`, into `Config.problemLimits` (minutes), with
/// one rule (`Values.hours`: hours, whole or decimal) that kh validate, kh review and kh report
/// all share. The archive is `Fixtures/report` with its kh.yaml's 问题时限 replaced; its 一级
/// problem of 2025-02-14 was received 09:00, responded 09:40 and resolved 12:30.
final class ConfigProblemLimitsTests: XCTestCase {
    static let fixture = ReportTests.archive
    static let lateProblem = "客户档案/KH-2022-001_星辰科技/03-互动记录/2025-Q1/2025-02-14-电话.yaml"
    static let openProblem = "客户档案/KH-2022-001_星辰科技/03-互动记录/2025-Q2/2025-06-28-电话.yaml"

    /// A copy of the report fixture whose kh.yaml gives `limits` as its 问题时限 block.
    func archive(limits: String) throws -> String {
        let dir = NSTemporaryDirectory() + "kh-limits-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: dir)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/" + ConfigLoader.fileName
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let start = try XCTUnwrap(text.range(of: "问题时限:"))
        let rest = text[start.lowerBound...]
        let end = rest.range(of: "\n  三级: {响应: 8, 解决: 72}\n").map(\.upperBound) ?? rest.endIndex
        try Data((String(text[..<start.lowerBound]) + limits + String(text[end...])).utf8).write(
            to: URL(fileURLWithPath: path))
        return dir
    }

    func sla(_ report: Report, _ level: String) throws -> Report.SLA {
        try XCTUnwrap(report.allSLA.first { $0.level == level })
    }

    func problemItems(_ review: Review, _ file: String) -> [Review.Item] {
        review.items.filter { $0.file == file && ($0.kind == .problemLate || $0.kind == .problemOverdue) }
    }

    // MARK: - Decimal hours, in every command

    func testDecimalHoursValidateAndApplyInReviewAndReport() throws {
        let root = try archive(limits: "问题时限:\n  一级: {响应: 0.5, 解决: 2.5}\n  三级: {响应: 8, 解决: 72}\n")
        let archive = try Archive.open(root)
        // kh validate: no error on kh.yaml.
        XCTAssertEqual(archive.configDiagnostics.map(brief), [])
        XCTAssertEqual(archive.validate().diagnostics.filter { $0.file == ConfigLoader.fileName }.map(brief), [])
        // One representation: minutes, in Config.
        XCTAssertEqual(
            archive.config.problemLimits.levels,
            [
                ProblemLimits.Limit(level: "一级", respond: 30, resolve: 150),
                ProblemLimits.Limit(level: "二级", respond: 120, resolve: 1440),
                ProblemLimits.Limit(level: "三级", respond: 480, resolve: 4320),
            ])

        // kh report: 40 minutes to respond and 3.5 hours to resolve are late against 0.5 / 2.5 hours;
        // the problem of 06-28 (responded after 30 minutes, unresolved) is on time, then overdue.
        let report = Report.make(archive, period: .year(2025, asOf: ReportTests.asOf))
        XCTAssertEqual(report.limits, archive.config.problemLimits)
        let first = try sla(report, "一级")
        XCTAssertEqual(first.problems, 2)
        XCTAssertEqual(first.response, Report.Outcomes(inTime: 1, late: 1, overdue: 0, pending: 0))
        XCTAssertEqual(first.resolution, Report.Outcomes(inTime: 0, late: 1, overdue: 1, pending: 0))
        XCTAssertTrue(report.markdown().contains("0.5 / 2.5 小时"), "the report names the limits")
        XCTAssertTrue(report.json().contains("\"respondHours\": \"0.5\""))
        XCTAssertTrue(report.json().contains("\"resolveHours\": \"2.5\""))

        // The same archive with the spec's defaults: both on time (the fixture's golden figures).
        let defaults = Report.make(try Archive.open(ReportTests.archive), period: .year(2025, asOf: ReportTests.asOf))
        XCTAssertEqual(try sla(defaults, "一级").response, Report.Outcomes(inTime: 2, late: 0, overdue: 0, pending: 0))
        XCTAssertEqual(try sla(defaults, "一级").resolution.late, 0)

        // kh review: the same problem, late by 10 minutes and by 1 hour, limits printed as the report prints them.
        let review = Review.run(archive, asOf: Day(year: 2025, month: 2, day: 20))
        let late = problemItems(review, Self.lateProblem)
        XCTAssertEqual(late.map(\.kind), [.problemLate])
        XCTAssertEqual(late.first?.details["lateResponseMinutes"], .int(10))
        XCTAssertEqual(late.first?.details["lateResolutionMinutes"], .int(60))
        XCTAssertEqual(late.first?.details["respondBy"], .string("2025-02-14 09:30"))
        XCTAssertEqual(late.first?.details["resolveBy"], .string("2025-02-14 11:30"))
        XCTAssertEqual(late.first?.message.zh, "一级问题（接收于 2025-02-14 09:00）响应晚了 10 分钟（时限 0.5 小时），解决晚了 1 小时（时限 2.5 小时）")
        XCTAssertEqual(
            late.first?.message.en,
            "一级 problem received 2025-02-14 09:00: responded 10 min late (limit 0.5 h); resolved 1 h late (limit 2.5 h)"
        )
        // With the defaults kh review finds nothing late there either.
        XCTAssertEqual(
            problemItems(
                Review.run(try Archive.open(ReportTests.archive), asOf: Day(year: 2025, month: 2, day: 20)),
                Self.lateProblem), [])

        // Open past its 2.5 hours: overdue in kh review as in kh report.
        let open = problemItems(Review.run(archive, asOf: ReportTests.asOf), Self.openProblem)
        XCTAssertEqual(open.map(\.kind), [.problemOverdue])
        XCTAssertEqual(open.first?.details["resolveBy"], .string("2025-06-28 17:30"))
        XCTAssertTrue(
            open.first?.message.zh.contains("解决时限 2025-06-28 17:30（2.5 小时）") == true, open.first?.message.zh ?? "")
    }

    // MARK: - Malformed values

    /// The schema's error at the value's exact place; the level keeps its default in every command.
    func testMalformedHoursAreReportedAndKeepTheDefault() throws {
        // `  一级: {响应: ` is 11 characters: the value starts in column 12.
        for value in ["半小时", "-1", "1小时", "0.5h", ".5", "1.", "1e1", "1000000"] {
            let column = 12
            let root = try archive(limits: "问题时限:\n  一级: {响应: \(value), 解决: 2.5}\n")
            let archive = try Archive.open(root)
            let line =
                try XCTUnwrap(
                    String(contentsOfFile: root + "/kh.yaml", encoding: .utf8).split(
                        separator: "\n", omittingEmptySubsequences: false
                    )
                    .firstIndex { $0.hasPrefix("  一级:") }) + 1
            XCTAssertEqual(archive.configDiagnostics.map(brief), ["KH203 kh.yaml:\(line):\(column) 问题时限.一级.响应"], value)
            let d = try XCTUnwrap(archive.configDiagnostics.first)
            XCTAssertEqual(d.severity, .error)
            XCTAssertEqual(d.message.zh, "「响应」的值「\(value)」格式不对；应为小时数（整数或小数，如 0.5、4、24）", value)
            XCTAssertEqual(
                d.message.en.contains("a number of hours, whole or decimal, e.g. 0.5, 4, 24"), true, d.message.en)
            XCTAssertEqual(
                archive.validate().diagnostics.filter { $0.file == ConfigLoader.fileName }.map(brief),
                ["KH203 kh.yaml:\(line):\(column) 问题时限.一级.响应"], value)
            // The whole level keeps the spec's default (1 h / 4 h), 解决 included; in review and report alike.
            XCTAssertEqual(
                archive.config.problemLimits.limit("一级"), ProblemLimits.Limit(level: "一级", respond: 60, resolve: 240),
                value)
            XCTAssertEqual(
                Report.make(archive, period: .year(2025, asOf: ReportTests.asOf)).limits.limit("一级")?.respond, 60, value
            )
            XCTAssertEqual(
                problemItems(Review.run(archive, asOf: Day(year: 2025, month: 2, day: 20)), Self.lateProblem), [], value
            )
        }
    }

    // MARK: - The one rule

    func testHoursRule() {
        XCTAssertEqual(Values.hours("0.5"), 30)
        XCTAssertEqual(Values.hours("2.5"), 150)
        XCTAssertEqual(Values.hours("4"), 240)
        XCTAssertEqual(Values.hours("24"), 1440)
        XCTAssertEqual(Values.hours("0"), 0)
        XCTAssertEqual(Values.hours("0.25"), 15)
        XCTAssertEqual(Values.hours("1.01"), 61, "0.6 minutes round to 1")
        XCTAssertEqual(Values.hours("0.001"), 0, "0.06 minutes round to 0")
        XCTAssertEqual(Values.hours("0.1"), 6)
        XCTAssertEqual(Values.hours("999999.99"), 59_999_999)
        XCTAssertEqual(Values.hours("1.000000000000000000000001"), 60)
        for bad in [
            "", "-1", "+1", ".5", "1.", "1..5", "1.5.5", "1e1", "0x1", "1,5", "１", "半小时", "1小时", "1 h", "1000000",
            "nan", "inf",
        ] {
            XCTAssertNil(Values.hours(bad), bad)
        }
    }

    func testHoursForPeople() {
        XCTAssertEqual(ProblemLimits.hours(30), "0.5")
        XCTAssertEqual(ProblemLimits.hours(150), "2.5")
        XCTAssertEqual(ProblemLimits.hours(240), "4")
        XCTAssertEqual(ProblemLimits.hours(0), "0")
        XCTAssertEqual(ProblemLimits.hours(15), "0.25")
        XCTAssertEqual(ProblemLimits.hours(6), "0.1")
        XCTAssertEqual(ProblemLimits.hours(61), "1.02")
        XCTAssertEqual(ProblemLimits.hours(20), "0.33")
        XCTAssertEqual(ProblemLimits.hours(3), "0.05")
        // What kh.yaml says comes back as it was written (to two decimals).
        for text in ["0.5", "2.5", "0.25", "0.75", "1.5", "4", "24", "48", "0.1", "1.25"] {
            XCTAssertEqual(Values.hours(text).map(ProblemLimits.hours), text)
        }
    }

    func testDefaultsAreTheSpecs() throws {
        XCTAssertEqual(Config().problemLimits, .defaults)
        XCTAssertEqual(
            ProblemLimits.defaults.levels.map {
                "\($0.level) \(ProblemLimits.hours($0.respond))/\(ProblemLimits.hours($0.resolve))"
            },
            ["一级 1/4", "二级 2/24", "三级 4/48"])
        let (config, diagnostics) = try ConfigLoader.load(
            bytes: Array("档案库: 测试\n团队: [{姓名: 王磊, 角色: 销售}]\n问题时限:\n  二级: {响应: 0.75, 解决: 12}\n".utf8))
        XCTAssertEqual(diagnostics.map(brief), [])
        XCTAssertEqual(
            config.problemLimits.levels.map { "\($0.level) \($0.respond) \($0.resolve)" },
            ["一级 60 240", "二级 45 720", "三级 240 2880"])
    }

    // MARK: - Read once

    /// kh.yaml is read by `Archive.open` (ConfigLoader) only: nothing in Report/ or Review/ reads
    /// it again or parses 问题时限; `ProblemLimits` lives in Config/.
    func testProblemLimitsAreReadOnlyByTheConfigLoader() throws {
        let sources = TestPaths.packageRoot.appendingPathComponent("Sources/KHOutputs")
        func files(_ folder: String) throws -> [(name: String, text: String)] {
            let dir = sources.appendingPathComponent(folder)
            return try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".swift") }
                .sorted().map {
                    ($0, try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8))
                }
        }
        for folder in ["Report", "Review"] {
            for (name, text) in try files(folder) {
                for forbidden in [
                    "ConfigLoader", "YAMLParser", "FileSystem.read", "\"问题时限\")", "\"响应\")", "Values.hours",
                    "ConfigKey.problemLimits", "ConfigKey.respond", "ConfigKey.resolve",
                ] {
                    XCTAssertFalse(text.contains(forbidden), "\(folder)/\(name) uses \(forbidden)")
                }
                // 问题时限 appears in Report/ only in the report's own prose (naming the kh.yaml key):
                // a `.paragraph(` argument, on its line or on the next one, or a comment.
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for (n, line) in lines.enumerated() where line.contains("问题时限") {
                    let before = lines[..<n].last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
                    XCTAssertTrue(
                        line.contains(".paragraph(") || line.contains("///") || line.contains("// ")
                            || before.trimmingCharacters(in: .whitespaces).hasSuffix(".paragraph("),
                        "\(folder)/\(name): \(line)")
                }
            }
        }
        var readers: [String] = []
        var declarations: [String] = []
        let all = TestPaths.packageRoot.appendingPathComponent("Sources")
        let enumerator = FileManager.default.enumerator(atPath: all.path)!
        while let rel = enumerator.nextObject() as? String {
            guard rel.hasSuffix(".swift") else { continue }
            let text = try String(contentsOf: all.appendingPathComponent(rel), encoding: .utf8)
            if text.contains("submapping(\"问题时限\")") || text.contains("submapping(ConfigKey.problemLimits)") {
                readers.append(rel)
            }
            if text.contains("struct ProblemLimits") { declarations.append(rel) }
        }
        XCTAssertEqual(readers, ["KHModel/Config/ConfigLoader.swift"])
        XCTAssertEqual(declarations, ["KHModel/Config/Config.swift"])
    }
}
