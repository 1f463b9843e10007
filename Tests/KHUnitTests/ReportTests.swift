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

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `kh report` on the fixture archive `Fixtures/report` (seven customers, dates around
/// 2025-06-30): exact figures, the period options, determinism, escaping, well-formed SVG, and
/// the three formats byte for byte against `Fixtures/golden/report.*` (`assertGolden`; re-record
/// with `KH_RECORD=1`).
final class ReportTests: XCTestCase {
    static let fixtures = Golden.fixtures
    static let archive = fixtures.appendingPathComponent("report").path
    static let asOf = Day(year: 2025, month: 6, day: 30)

    func report(_ period: ReportPeriod = .year(2025, asOf: ReportTests.asOf)) throws -> Report {
        Report.make(try Archive.open(Self.archive), period: period)
    }

    // MARK: - Golden files

    func testGoldenFiles() throws {
        let r = try report()
        assertGolden(r.markdown(), "report.md")
        assertGolden(r.html(), "report.html")
        assertGolden(r.json(), "report.json")
    }

    func testDeterministic() throws {
        let a = try report()
        let b = try report()
        XCTAssertEqual(a.markdown(), b.markdown())
        XCTAssertEqual(a.html(), b.html())
        XCTAssertEqual(a.json(), b.json())
    }

    // MARK: - Figures

    func testDistributions() throws {
        let r = try report()
        XCTAssertEqual(r.customers, 7)
        func rows(_ key: String) -> [String] {
            r.distributions.first { $0.key == key }!.rows.map { "\($0.label) \($0.count)" }
        }
        XCTAssertEqual(rows("industry"), ["教育 2", "信息技术 1", "制造业 1", "物流 1", "能源 1", "其他 1"])
        XCTAssertEqual(rows("region"), ["广东省 2", "上海市 1", "北京市 1", "四川省 1", "江苏省 1", "浙江省 1"])
        XCTAssertEqual(rows("nature"), ["民营 3", "国有 2", "个人客户 1", "未填写 1"])
        XCTAssertEqual(
            rows("revenue"), ["500万以下 0", "500万-2000万 1", "2000万-1亿 1", "1亿-10亿 1", "10亿以上 2", "个人客户 1", "未填写 1"])
        XCTAssertEqual(rows("stage"), ["潜在 1", "意向 2", "成交 4", "沉睡 0", "流失 0"])
        XCTAssertEqual(rows("grade"), ["A 4", "B 0", "C 0", "D 3"])
        XCTAssertEqual(rows("tier"), ["VIP 3", "重点 1", "普通 3"])
        let json = try JSONSerialization.jsonObject(with: Data(r.json().utf8)) as! [String: Any]
        let industry = (json["distributions"] as! [String: Any])["industry"] as! [[String: Any]]
        XCTAssertEqual(industry.first?["share"] as? String, "28.6")
        XCTAssertEqual(industry.last?["share"] as? String, "14.3")
    }

    func testClassificationUpgradesAndLosses() throws {
        let r = try report()
        XCTAssertEqual(
            r.classes.map { "\($0.name) \($0.count) \($0.previous)" }, ["重要 1 1", "稳定 1 2", "一般 2 1", "潜在 3 3"])
        XCTAssertEqual(
            r.upgrades.map { "\($0.customer.number) \($0.current)→\($0.target) \($0.year) \($0.years)/\($0.required)" },
            ["KH-2021-001 稳定→重要 2025 2/3", "KH-2024-001 一般→稳定 2024 1/2"])
        XCTAssertEqual(r.upgrades.first?.cents, 125_000_000)
        XCTAssertEqual(
            r.lost.map { "\($0.customer.number) \($0.previous)→\($0.current) \($0.year)" }, ["KH-2023-001 稳定→一般 2025"])
        XCTAssertEqual(r.lost.first?.cents, 12_000_000)
        // The class of the period's year agrees with the index's computation on the same years:
        // 星辰科技 is 重要 in both.
        let records = try Archive.open(Self.archive).index().records
        XCTAssertEqual(records.first { $0.number == "KH-2022-001" }?.customerClass, "重要")
    }

    func testClosedYearWithoutAssessmentLosesClass() throws {
        // As of the year's end, a year with no 05 counts as no amount: 星辰科技 (no 2025 05)
        // and 云帆物流 (2025 at 120,000.00) lose their class; 恒远能源 (2025 at 1,250,000.00) keeps 稳定.
        let r = try report(.year(2025, asOf: Day(year: 2025, month: 12, day: 31)))
        XCTAssertEqual(
            r.lost.map { "\($0.customer.number) \($0.previous)→\($0.current)" },
            ["KH-2022-001 重要→一般", "KH-2023-001 稳定→一般"])
        XCTAssertNil(r.lost.first?.cents)
        XCTAssertEqual(r.classes.map(\.count), [0, 1, 3, 3])
    }

    func testSatisfactionAndSLA() throws {
        let r = try report()
        // kh.yaml sets 三级 to 8 / 72 hours; 一级 and 二级 keep the spec's defaults.
        XCTAssertEqual(
            r.limits.levels.map { "\($0.level) \($0.respond) \($0.resolve)" },
            ["一级 60 240", "二级 120 1440", "三级 480 4320"])
        XCTAssertEqual(
            r.keyCustomers.map { "\($0.customer.number) \($0.customerClass) \($0.tier)" },
            ["KH-2022-001 重要 VIP", "KH-2021-001 稳定 VIP", "KH-2025-002 潜在 VIP"])
        let xingchen = r.keyCustomers[0]
        XCTAssertEqual(xingchen.complaints, 1)
        XCTAssertEqual(xingchen.problems.map(\.count), [2, 1, 0])
        XCTAssertEqual(xingchen.response, Report.Outcomes(inTime: 2, late: 1, overdue: 0, pending: 0))
        XCTAssertEqual(xingchen.resolution, Report.Outcomes(inTime: 2, late: 0, overdue: 1, pending: 0))
        // 恒远能源's problem of 2025-06-30 09:00 is answered, and has until 07-01 09:00 to be resolved.
        XCTAssertEqual(r.keyCustomers[1].resolution, Report.Outcomes(inTime: 0, late: 0, overdue: 0, pending: 1))
        func line(_ s: Report.SLA) -> String {
            "\(s.level) \(s.problems) r\(s.response.inTime)/\(s.response.late)/\(s.response.overdue)/\(s.response.pending) s\(s.resolution.inTime)/\(s.resolution.late)/\(s.resolution.overdue)/\(s.resolution.pending)"
        }
        XCTAssertEqual(
            r.keySLA.map(line), ["一级 2 r2/0/0/0 s1/0/1/0", "二级 2 r1/1/0/0 s1/0/0/1", "三级 0 r0/0/0/0 s0/0/0/0"])
        // 云帆物流's 三级 problem: answered after 11 h (late against 8 h), resolved in 47 h (within 72 h).
        XCTAssertEqual(
            r.allSLA.map(line), ["一级 2 r2/0/0/0 s1/0/1/0", "二级 2 r1/1/0/0 s1/0/0/1", "三级 1 r0/1/0/0 s1/0/0/0"])
        XCTAssertEqual(r.activity.complaints, 2)
    }

    func testOwnersAndActivity() throws {
        let r = try report()
        XCTAssertEqual(r.owners.map(\.name), ["王磊", "陈静", "张强"])  // kh.yaml 团队 order
        XCTAssertEqual(r.owners.map(\.customers), [2, 3, 2])
        XCTAssertEqual(r.owners.map { ReportNumbers.plain($0.signedCents) }, ["360000.00", "120000.00", "0.00"])
        XCTAssertEqual(r.owners.map { ReportNumbers.plain($0.renewalCents) }, ["850000.00", "0.00", "0.00"])
        XCTAssertEqual(r.owners.map(\.activity.total), [7, 5, 3])
        XCTAssertEqual(r.activity.total, 15)  // 恒远能源's record of 2025-07-03 is after --as-of
        XCTAssertEqual(r.activity.byMonth, [3, 2, 4, 2, 1, 3])
        XCTAssertEqual(
            r.activity.byMethod.map { "\($0.label)\($0.count)" }, ["电话6", "会议3", "拜访3", "邮件1", "微信2", "活动0", "其他0"])
        XCTAssertEqual(r.owners[0].stages.map(\.count), [0, 0, 2, 0, 0])
    }

    func testNeedsPipeline() throws {
        let r = try report()
        XCTAssertEqual(
            r.needs.map {
                "\($0.status) \($0.count) \(ReportNumbers.plain($0.low)) \(ReportNumbers.plain($0.high)) \($0.withoutBudget)"
            },
            [
                "挖掘中 3 150000.00 280000.00 1", "方案中 3 720000.00 1130000.00 0",
                "已满足 1 100000.00 150000.00 0", "已放弃 1 100000.00 0.00 0",
            ])
    }

    func testRenewals() throws {
        let r = try report()
        XCTAssertEqual(
            r.renewals.map {
                "\($0.end) \($0.customer.number) \($0.project) \(ReportNumbers.plain($0.cents!)) \($0.daysLeft)"
            },
            [
                "2025-05-09 KH-2024-001 设备数据采集 320000.00 -52",
                "2025-07-31 KH-2023-001 调度平台维保 120000.00 31",
                "2025-12-31 KH-2022-001 年度运维服务 360000.00 184",
            ])
        // 星辰科技's 数据安全平台 ended 2025-06-30 but was renewed to 2026-06-30: not due.
        XCTAssertFalse(r.renewals.contains { $0.project == "数据安全平台" })
    }

    // MARK: - Periods

    func testClosedYear2024() throws {
        let r = try report(.year(2024, asOf: Self.asOf))
        // Customers opened by 2024-12-31 only.
        XCTAssertEqual(r.customers, 5)
        XCTAssertEqual(
            r.classes.map { "\($0.name) \($0.count) \($0.previous)" }, ["重要 1 0", "稳定 2 2", "一般 1 1", "潜在 1 2"])
        XCTAssertEqual(
            r.upgrades.map { "\($0.customer.number) \($0.target) \($0.years)/\($0.required)" },
            ["KH-2021-001 重要 1/3", "KH-2024-001 稳定 1/2"])
        XCTAssertTrue(r.lost.isEmpty)
        XCTAssertEqual(r.activity.total, 1)
        XCTAssertEqual(r.activity.byMonth.count, 12)
        XCTAssertEqual(r.owners.map(\.signed).reduce(0, +), 4)
        XCTAssertEqual(ReportNumbers.plain(r.owners.map(\.signedCents).reduce(0, +)), "3920000.00")
        // Due within 60 days after --as-of, though outside the period.
        XCTAssertEqual(r.renewals.map(\.customer.number), ["KH-2023-001"])
    }

    func testDateRange() throws {
        let period = ReportPeriod(
            from: Day(year: 2024, month: 7, day: 1), to: Day(year: 2025, month: 6, day: 30), asOf: Self.asOf)
        let r = try report(period)
        XCTAssertEqual(period.months.count, 12)
        XCTAssertEqual(ReportNumbers.monthLabels(period).first, "2024-07")
        XCTAssertEqual(r.activity.total, 16)
        XCTAssertEqual(r.activity.byMonth[4], 1)  // 2024-11
        let json = try JSONSerialization.jsonObject(with: Data(r.json().utf8)) as! [String: Any]
        let p = json["period"] as! [String: Any]
        XCTAssertEqual(p["from"] as? String, "2024-07-01")
        XCTAssertNil(p["year"])
        XCTAssertTrue(r.markdown().contains("统计期：2024-07-01 至 2025-06-30"))
    }

    func testAsOfLaterCountsMore() throws {
        let r = try report(.year(2025, asOf: Day(year: 2025, month: 12, day: 31)))
        XCTAssertEqual(r.activity.total, 16)
        XCTAssertEqual(r.period.through, Day(year: 2025, month: 12, day: 31))
    }

    // MARK: - Output

    func testEscaping() throws {
        let r = try report()
        let html = r.html()
        XCTAssertFalse(html.lowercased().contains("<script"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&quot;档案&quot;)&lt;/script&gt; &amp; 测试|有限公司"))
        XCTAssertTrue(r.markdown().contains("&lt;script&gt;alert(\"档案\")&lt;/script&gt; &amp; 测试\\|有限公司"))
        XCTAssertTrue(r.json().contains("\"name\": \"<script>alert(\\\"档案\\\")</script> & 测试|有限公司\""))
        XCTAssertEqual(ReportTests.markdownCell("a|b*c_[d]<e>&"), "a\\|b\\*c\\_\\[d\\]&lt;e&gt;&amp;")
    }

    static func markdownCell(_ s: String) -> String { Report.md(s) }

    func testSVGIsWellFormed() throws {
        let html = try report().html()
        var svgs: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "),
            let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
        {
            svgs.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        // Seven distributions, the classes, contract value per owner, the monthly timeline.
        XCTAssertEqual(svgs.count, 10)
        for svg in svgs {
            let parser = XMLParser(data: Data(svg.utf8))
            XCTAssertTrue(
                parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")\n\(svg.prefix(300))")
        }
        // Pattern ids are unique in the page.
        for i in 1...10 { XCTAssertEqual(html.components(separatedBy: "id=\"hatch-\(i)\"").count, 2) }
        XCTAssertFalse(html.contains("<script"))
        XCTAssertTrue(html.contains("size: A4"))
    }

    func testNumbersAndDays() {
        XCTAssertEqual(ReportNumbers.yuan(123_456_789), "1,234,567.89")
        XCTAssertEqual(ReportNumbers.yuan(-5), "-0.05")
        XCTAssertEqual(ReportNumbers.plain(100), "1.00")
        XCTAssertEqual(ReportNumbers.share(1, of: 3), "33.3")
        XCTAssertEqual(ReportNumbers.share(2, of: 3), "66.7")
        XCTAssertEqual(ReportNumbers.share(1, of: 8), "12.5")
        XCTAssertEqual(ReportNumbers.share(0, of: 0), "0.0")
        for d in [
            Day(year: 2024, month: 2, day: 29), Day(year: 1970, month: 1, day: 1), Day(year: 2000, month: 12, day: 31),
        ] {
            XCTAssertEqual(DayMath.day(DayMath.ordinal(d)), d)
        }
        XCTAssertEqual(DayMath.adding(60, to: Self.asOf), Day(year: 2025, month: 8, day: 29))
    }

    // MARK: - Command line

}

extension ReportTests {
    /// Lists follow the archive number, not the text: KH-2021-147 before KH-2021-1141.
    func testNumberOrder() {
        func customer(_ sequence: Int) -> ReportCustomer {
            ReportCustomer(
                number: "KH-2021-\(sequence)", year: 2021, sequence: sequence, name: "客户\(sequence)", person: false,
                created: nil, owner: "王磊", industry: nil, region: nil, nature: nil, revenue: nil, stage: "成交",
                tier: "VIP")
        }
        let r = Report(
            title: "t", customers: [customer(1141), customer(147), customer(20)], config: Config(),
            period: .year(2025, asOf: Self.asOf), skipped: [])
        XCTAssertEqual(r.keyCustomers.map(\.customer.number), ["KH-2021-20", "KH-2021-147", "KH-2021-1141"])
        XCTAssertEqual(r.classes.map(\.count), [0, 0, 0, 3])
        XCTAssertEqual(r.distributions.first { $0.key == "industry" }?.rows.map(\.label), ["未填写"])
    }
}
