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

/// `kh review` over `Fixtures/review` at a fixed date: every check's items, their order,
/// the owner filter, `--fail-on`, determinism, escaping, and the golden outputs
/// (`Fixtures/golden/review.*`, re-recorded with `KH_RECORD=1`).
final class ReviewTests: XCTestCase {
    static let fixture = Golden.fixtures.appendingPathComponent("review").path
    static let asOf = Day(year: 2025, month: 6, day: 30)
    static let c1 = "客户档案/KH-2024-001_星辰科技", c2 = "客户档案/KH-2024-002_云帆物流", c5 = "客户档案/KH-2023-005"
    static let c3 = "客户档案/KH-2024-003_刘洋", c6 = "客户档案/KH-2025-001_海川制造"

    func review(_ asOf: Day = ReviewTests.asOf, owners: [String] = []) throws -> Review {
        Review.run(try Archive.open(Self.fixture), asOf: asOf, owners: owners)
    }

    /// `CODE kind level number file date overdue`.
    func summary(_ i: Review.Item) -> String {
        "\(i.code) \(i.kind.rawValue) \(i.level.rawValue) \(i.number) \(i.file) \(i.date?.description ?? "-") \(i.overdueDays.map(String.init) ?? "-")"
    }

    func day(_ s: String) -> Day { Values.date(s)! }

    // MARK: - The checks, exactly

    func testEveryCheckAtTheFixedDate() throws {
        let r = try review()
        let (c1, c2, c5, c3, c6) = (Self.c1, Self.c2, Self.c5, Self.c3, Self.c6)
        // A next step is filed under its 负责人 too: 李娜's step at 王磊's customer, 陈静's at 刘洋
        // (whose 负责销售 is 待确认).
        XCTAssertEqual(r.groups.map(\.owner), ["王磊", "陈静", "郑凯", "李娜", nil])
        XCTAssertEqual(r.groups.map(\.active), [true, true, false, true, true])
        XCTAssertEqual(r.customers, 7)
        XCTAssertEqual(
            r.groups[0].items.map(summary),
            [
                "R01 next-step-overdue error KH-2024-001 \(c1)/03-互动记录/2025-Q2/2025-05-20-拜访.yaml 2025-06-20 10",
                "R05 problem-overdue error KH-2024-001 \(c1)/03-互动记录/2025-Q2/2025-06-28-电话.yaml 2025-06-29 1",
                "R02 cadence-missed warning KH-2024-001 \(c1) 2025-05-31 30",
                "R02 cadence-missed warning KH-2024-002 \(c2) 2025-05-31 30",
                "R04 intent-stale warning KH-2024-002 \(c2)/01-客户基本信息/基本信息.yaml 2025-05-31 30",
                "R03 no-recent-contact warning KH-2024-002 \(c2) 2025-06-15 15",
                "R06 contract-renewal warning KH-2024-001 \(c1)/02-合作背景/2024-08-10-年度运维服务.yaml 2025-08-15 -46",
                "R07 late-entry notice KH-2024-001 \(c1)/03-互动记录/2025-Q2/2025-06-10-电话.yaml 2025-06-11 19",
                "R02 cadence-behind notice KH-2024-002 \(c2) 2025-06-30 0",
                "R01 next-step-due notice KH-2024-001 \(c1)/03-互动记录/2025-Q2/2025-06-10-电话.yaml 2025-07-03 -3",
                "R08 incomplete notice KH-2024-002 \(c2)/01-客户基本信息/基本信息.yaml - -",
            ])
        XCTAssertEqual(
            r.groups[1].items.map(summary),
            [
                "R06 contract-expired error KH-2023-005 \(c5)/02-合作背景/2024-06-01-数据平台.yaml 2025-05-31 30",
                "R05 problem-overdue error KH-2023-005 \(c5)/03-互动记录/2025-Q2/2025-06-30-电话.yaml 2025-06-30 0",
                "R02 cadence-missed warning KH-2023-005 \(c5) 2025-03-31 91",
                "R06 contract-renewal warning KH-2023-005 \(c5)/02-合作背景/2023-03-10-咨询服务.yaml 2025-06-15 15",
                "R05 problem-late notice KH-2023-005 \(c5)/03-互动记录/2025-Q2/2025-06-02-电话.yaml 2025-06-02 28",
                "R01 next-step-due notice KH-2024-003 \(c3)/03-互动记录/2024-Q4/2024-12-01-微信.yaml 2025-07-07 -7",
            ])
        XCTAssertEqual(
            r.groups[2].items.map(summary),
            [
                "R08 incomplete notice KH-2025-001 \(c6)/01-客户基本信息/基本信息.yaml - -"
            ])
        XCTAssertEqual(
            r.groups[3].items.map(summary),
            [
                "R01 next-step-due notice KH-2024-001 \(c1)/03-互动记录/2025-Q2/2025-06-10-电话.yaml 2025-07-03 -3"
            ])
        // Each item once in the whole list, though filed under two people.
        XCTAssertEqual(r.items.count, r.groups.map(\.items.count).reduce(0, +) - 2)
        XCTAssertEqual(
            r.groups[4].items.map(summary),
            [
                "R03 no-recent-contact warning KH-2024-003 \(c3) 2025-03-01 121",
                "R01 next-step-due notice KH-2024-003 \(c3)/03-互动记录/2024-Q4/2024-12-01-微信.yaml 2025-07-07 -7",
            ])
        // Nothing for the 流失 customer (no cadence, no silence check) or the well-kept one
        // (contract ends in 61 days, both months contacted, next step done).
        XCTAssertFalse(r.items.contains { $0.number == "KH-2024-004" || $0.number == "KH-2024-005" })
        XCTAssertEqual(r.skipped, ["客户档案/KH-2024-005_华庭酒店/03-互动记录/2025-Q2/2025-06-20-微信.yaml"])
        XCTAssertEqual([r.count(.error), r.count(.warning), r.count(.notice)], [4, 8, 7])
    }

    func testDetailsAndMessages() throws {
        let r = try review()
        func item(_ number: String, _ kind: Review.Kind) throws -> Review.Item {
            try XCTUnwrap(r.items.first { $0.number == number && $0.kind == kind })
        }
        // R01: the step's owner and priority.
        let step = try item("KH-2024-001", .nextStepOverdue)
        XCTAssertEqual(step.details["assignee"], .string("王磊"))
        XCTAssertEqual(step.message.zh, "下一步计划「6月20日前提交数据脱敏方案和报价」仍为待办（负责人 王磊，优先级 高），截止日期 2025-06-20")
        XCTAssertEqual(
            step.message.en, "next step '6月20日前提交数据脱敏方案和报价' is still open (owner 王磊, priority 高); it was due 2025-06-20"
        )
        // R02: counted per period.
        let cadence = try item("KH-2024-001", .cadenceMissed)
        XCTAssertEqual(cadence.details["count"], .int(1))
        XCTAssertEqual(cadence.details["required"], .int(2))
        XCTAssertEqual(cadence.message.zh, "维护级别 VIP 应每月至少联系 2 次：上月（2025-05-01 至 2025-05-31）只有 1 次互动")
        // R04: measured from 基本信息's 最后更新时间 (later than 首次接触时间).
        XCTAssertEqual(try item("KH-2024-002", .intentStale).details["since"], .string("2025-05-01"))
        // R05: the open problem was responded in time; resolution is the breach.
        let open = try item("KH-2024-001", .problemOverdue)
        XCTAssertEqual(open.details["stage"], .string("resolution"))
        XCTAssertEqual(open.details["resolveBy"], .string("2025-06-29 09:00"))
        // Received 20:00 on the as-of day, 1 h to respond: past at the day's end; the 4 h
        // resolution (midnight) is not.
        let unanswered = try item("KH-2023-005", .problemOverdue)
        XCTAssertEqual(unanswered.details["stage"], .string("response"))
        XCTAssertEqual(ReviewText.timing(unanswered).zh, "今天已超时")
        let late = try item("KH-2023-005", .problemLate)
        XCTAssertEqual(late.details["lateResponseMinutes"], .int(30))
        XCTAssertNil(late.details["lateResolutionMinutes"])
        XCTAssertEqual(ReviewText.timing(late), Text(zh: "晚 30 分钟", en: "30 min late"))
        // R06: 待续约 already ended is a renewal to chase; 执行中 ended is an error.
        XCTAssertEqual(
            try item("KH-2023-005", .contractRenewal).message.zh, "合同「咨询服务」已于 2025-06-15 到期，待续约：跟进续约，或改为 已终止")
        // R07: three calendar days late.
        let entry = try item("KH-2024-001", .lateEntry)
        XCTAssertEqual(entry.details["daysLate"], .int(3))
        XCTAssertEqual(ReviewText.timing(entry).zh, "晚录入 3 天")
        // R08: the missing fields by name, 待确认 counted as missing.
        let incomplete = try item("KH-2024-002", .incomplete)
        XCTAssertEqual(
            incomplete.details["missing"],
            .array(
                [
                    "统一社会信用代码", "企业性质", "注册地址", "成立时间", "注册资本", "官网",
                    "企业规模", "价值等级", "标签",
                ].map { .string($0) }))
        XCTAssertEqual(incomplete.details["completeness"], .int(55))
        XCTAssertEqual(incomplete.details["threshold"], .int(80))
        // The silent 沉睡 customer: no cadence duty, but three months without contact.
        XCTAssertEqual(
            try item("KH-2024-003", .noRecentContact).message.zh, "最近一次互动在 2024-12-01 11:00，已 211 天没有互动（超过 3 个月）")
    }

    func testOrderIsLevelThenDaysOverdueThenNumber() throws {
        for g in try review().groups {
            for (a, b) in zip(g.items, g.items.dropFirst()) {
                let ka = (a.level, -(a.overdueDays ?? Int.min + 1), a.number)
                let kb = (b.level, -(b.overdueDays ?? Int.min + 1), b.number)
                XCTAssertTrue(
                    ka.0 < kb.0 || (ka.0 == kb.0 && (ka.1 < kb.1 || (ka.1 == kb.1 && ka.2 <= kb.2))),
                    "\(summary(a)) before \(summary(b))")
            }
        }
    }

    // MARK: - The date matters, and only the date

    func testAnEarlierDateSeesAnEarlierArchive() throws {
        let r = try review(day("2025-06-15"))
        let star = r.items.filter { $0.number == "KH-2024-001" }.map(summary)
        let c1 = Self.c1
        // No problem yet (received 06-28), the step of 06-20 not yet overdue, the contract
        // 61 days from its end.
        XCTAssertEqual(
            star,
            [
                "R02 cadence-missed warning KH-2024-001 \(c1) 2025-05-31 15",
                "R07 late-entry notice KH-2024-001 \(c1)/03-互动记录/2025-Q2/2025-06-10-电话.yaml 2025-06-11 4",
                "R01 next-step-due notice KH-2024-001 \(c1)/03-互动记录/2025-Q2/2025-05-20-拜访.yaml 2025-06-20 -5",
                // June so far: the 06-10 call; the 06-28 one has not happened yet.
                "R02 cadence-behind notice KH-2024-001 \(c1) 2025-06-30 -15",
            ])
        // 60 days ahead: a renewal.
        XCTAssertEqual(
            try review(day("2025-06-16")).items.first { $0.kind == .contractRenewal && $0.number == "KH-2024-001" }?
                .overdueDays, -60)
        // The problem of 06-28 09:00 (二级, 24 h): past at the end of 06-29, not of 06-28.
        XCTAssertEqual(
            try review(day("2025-06-29")).items.first { $0.kind == .problemOverdue && $0.number == "KH-2024-001" }?
                .overdueDays, 0)
        XCTAssertFalse(
            try review(day("2025-06-28")).items.contains { $0.kind == .problemOverdue && $0.number == "KH-2024-001" })
        // A record entered late is listed for 30 days after it was entered.
        XCTAssertTrue(
            try review(day("2025-07-13")).items.contains { $0.kind == .lateEntry && $0.number == "KH-2024-001" })
        XCTAssertFalse(
            try review(day("2025-07-14")).items.contains { $0.kind == .lateEntry && $0.number == "KH-2024-001" })
        // 意向 for exactly 30 days is not yet more than 30.
        XCTAssertFalse(try review(day("2025-05-31")).items.contains { $0.kind == .intentStale })
        XCTAssertTrue(try review(day("2025-06-01")).items.contains { $0.kind == .intentStale })
    }

    func testRenewalRecordExtendsTheContract() throws {
        let template = TestPaths.packageRoot.appendingPathComponent("archive-template").path
        let archive = try Archive.open(template)
        // 合同期限 ends 2025-02-28, 续约记录 runs to 2026-02-28.
        XCTAssertFalse(Review.run(archive, asOf: day("2025-02-20")).items.contains { $0.code == "R06" })
        let later = Review.run(archive, asOf: day("2026-01-15")).items.filter { $0.code == "R06" }.map(summary)
        XCTAssertEqual(
            later,
            [
                "R06 contract-renewal warning KH-2024-001 客户档案/KH-2024-001_星辰科技/02-合作背景/2024-03-01-数据安全平台.yaml 2026-02-28 -44"
            ])
    }

    func testCustomerWithoutBasicInfo() throws {
        let tmp = try TempArchive(files: [
            ("kh.yaml", "档案库: 测试\n团队: [{姓名: 王磊, 角色: 销售}]\n"),
            (
                "客户档案/KH-2025-001/03-互动记录/2025-Q1/2025-01-10-电话.yaml",
                "沟通时间: 2025-01-10 10:00\n下一步计划:\n  - {事项: 寄资料, 负责人: 王磊, 截止日期: 2025-01-20, 优先级: 中}\n创建时间: 2025-01-10\n"
            ),
        ])
        let r = Review.run(try Archive.open(tmp.root), asOf: day("2025-06-30"))
        XCTAssertEqual(r.groups.map(\.owner), ["王磊", nil], "the step is 王磊's; the customer has no owner")
        XCTAssertEqual(
            r.items.map(summary),
            [
                "R01 next-step-overdue error KH-2025-001 客户档案/KH-2025-001/03-互动记录/2025-Q1/2025-01-10-电话.yaml 2025-01-20 161",
                "R08 incomplete notice KH-2025-001 客户档案/KH-2025-001 - -",
            ])
        XCTAssertEqual(r.items.last?.message.zh, "没有可读的 01-客户基本信息/基本信息.yaml")
    }

    // MARK: - kh.yaml 维护频率 and 问题时限

    func testConfigCadenceAndLimits() throws {
        let text = """
            档案库: 测试
            团队: [{姓名: 王磊, 角色: 销售}]
            维护频率:
              VIP: {周期: 季度, 次数: 3}
              重点: {周期: 周, 次数: 1}
              普通: {周期: 半年, 次数: 2}
            问题时限:
              三级: {响应: 8, 解决: 72}
              二级: {响应: 两小时, 解决: 24}

            """
        let (config, diagnostics) = try ConfigLoader.load(bytes: Array(text.utf8))
        // The schema check's diagnostics, nothing more; wrong entries keep their defaults.
        XCTAssertEqual(
            diagnostics.sorted(by: Diagnostic.ordered).map { brief($0) },
            ["KH204 kh.yaml:5:12 维护频率.重点.周期", "KH203 kh.yaml:9:12 问题时限.二级.响应"])
        XCTAssertEqual(config.cadence["VIP"], Cadence(period: .quarter, count: 3))
        XCTAssertEqual(config.cadence["重点"], Cadence(period: .month, count: 1))
        XCTAssertEqual(config.cadence["普通"], Cadence(period: .halfYear, count: 2))
        XCTAssertEqual(
            config.problemLimits.limit("三级"), ProblemLimits.Limit(level: "三级", respond: 8 * 60, resolve: 72 * 60))
        XCTAssertEqual(
            config.problemLimits.limit("二级"), ProblemLimits.Limit(level: "二级", respond: 2 * 60, resolve: 24 * 60))
        XCTAssertEqual(
            config.problemLimits.limit("一级"), ProblemLimits.Limit(level: "一级", respond: 1 * 60, resolve: 4 * 60))
        let defaults = try ConfigLoader.load(bytes: Array("档案库: 测试\n团队: [{姓名: 王磊, 角色: 销售}]\n".utf8)).0
        XCTAssertEqual(
            defaults.cadence,
            [
                "VIP": Cadence(period: .month, count: 2), "重点": Cadence(period: .month, count: 1),
                "普通": Cadence(period: .quarter, count: 1),
            ])
        XCTAssertEqual(defaults.problemLimits, .defaults)
    }

    func testReviewFollowsTheConfiguredCadenceAndLimits() throws {
        var archive = try Archive.open(Self.fixture)
        archive.config.cadence["VIP"] = Cadence(period: .quarter, count: 3)
        archive.config.problemLimits.set(ProblemLimits.Limit(level: "二级", respond: 2 * 60, resolve: 72 * 60))
        let star = Review.run(archive, asOf: Self.asOf).items.filter { $0.number == "KH-2024-001" }
        // Q2 holds three contacts (05-20, 06-10, 06-28); Q1 none, but the customer was there.
        XCTAssertEqual(
            star.filter { $0.code == "R02" }.map(summary),
            ["R02 cadence-missed warning KH-2024-001 \(Self.c1) 2025-03-31 91"])
        XCTAssertFalse(star.contains { $0.kind == .problemOverdue })
    }

    // MARK: - Pieces

    func testCompletenessIsTheIndexOne() throws {
        let archive = try Archive.open(Self.fixture)
        let records = archive.index().records
        for snapshot in ArchiveReader(archive).map({ $0 }).results {
            let c = ReviewCustomer(snapshot, config: archive.config, asOf: day("2025-06-30"))
            let k = try XCTUnwrap(c.completeness)
            XCTAssertEqual(k.filled * 100 / k.total, records.first { $0.number == c.number }?.completeness, c.number)
            XCTAssertEqual(k.total - k.filled, k.missing.count)
        }
    }

    func testCalendar() {
        typealias C = ReviewCalendar
        for o in stride(from: -800_000, through: 800_000, by: 997) { XCTAssertEqual(C.ordinal(C.day(o)), o) }
        XCTAssertEqual(C.ordinal(day("1970-01-01")), 0)
        XCTAssertEqual(C.days(from: day("2024-02-28"), to: day("2024-03-01")), 2)
        XCTAssertEqual(C.adding(day("2025-03-31"), months: 3), day("2025-06-30"))
        XCTAssertEqual(C.adding(day("2023-11-30"), months: 3), day("2024-02-29"))
        XCTAssertEqual(C.adding(day("2025-01-15"), months: -3), day("2024-10-15"))
        XCTAssertTrue(C.period(containing: day("2025-06-30"), .quarter) == (day("2025-04-01"), day("2025-06-30")))
        XCTAssertTrue(C.period(containing: day("2025-07-01"), .halfYear) == (day("2025-07-01"), day("2025-12-31")))
        XCTAssertTrue(C.period(containing: day("2024-02-10"), .month) == (day("2024-02-01"), day("2024-02-29")))
        XCTAssertTrue(C.period(containing: day("2025-05-05"), .year) == (day("2025-01-01"), day("2025-12-31")))
        XCTAssertEqual(
            C.moment(C.minutes(Moment(day: day("2025-06-30"), hour: 23, minute: 59)) + 2).description,
            "2025-07-01 00:01")
    }

    // MARK: - Filters and outputs

    func testOwnerFilter() throws {
        let chen = try review(owners: ["陈静"])
        XCTAssertEqual(chen.groups.map(\.owner), ["陈静"])
        XCTAssertEqual(chen.customers, 4, "her own three, and 刘洋, whose next step is hers")
        XCTAssertEqual(chen.items.count, 6)
        XCTAssertEqual(try review(owners: ["王磊", "郑凯"]).groups.map(\.owner), ["王磊", "郑凯"])
        let nobody = try review(owners: ["无名氏"])
        XCTAssertTrue(nobody.groups.isEmpty)
        XCTAssertTrue(nobody.markdown(language: .zh).contains("没有待办事项。"))
    }

    func testGoldenFiles() throws {
        let r = try review()
        assertGolden(r.markdown(language: .zh), "review.md")
        assertGolden(r.html(language: .zh), "review.html")
        let json = r.json(language: .zh)
        assertGolden(json, "review.json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["asOf"] as? String, "2025-06-30")
        XCTAssertEqual((object["summary"] as? [String: Any])?["items"] as? Int, 19)
        let groups = try XCTUnwrap(object["groups"] as? [[String: Any]])
        XCTAssertTrue(groups.last?["owner"] is NSNull)
        let first = try XCTUnwrap((groups.first?["items"] as? [[String: Any]])?.first)
        XCTAssertEqual(
            Set(first.keys), ["code", "kind", "level", "customer", "file", "date", "overdueDays", "message", "details"])
    }

    func testDeterministic() throws {
        let a = try review()
        let b = try review()
        for lang in Language.allCases {
            XCTAssertEqual(a.markdown(language: lang), b.markdown(language: lang))
            XCTAssertEqual(a.html(language: lang), b.html(language: lang))
            XCTAssertEqual(a.json(language: lang), b.json(language: lang))
        }
    }

    func testArchiveContentIsEscaped() throws {
        let r = try review()
        let html = r.html(language: .zh)
        XCTAssertTrue(html.contains("KH-2023-005 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;有限公司"))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("alert(\""))
        let md = r.markdown(language: .zh)
        // One Markdown rule for every document (DocumentText.markdown): markup as entities.
        XCTAssertTrue(md.contains("KH-2023-005 &lt;script&gt;alert(\"x\")&lt;/script&gt;有限公司"))
        XCTAssertFalse(md.contains("<script>"))
        XCTAssertTrue(r.json(language: .zh).contains("\"name\": \"<script>alert(\\\"x\\\")</script>有限公司\""))
    }

    func testEnglish() throws {
        let md = try review().markdown(language: .en)
        XCTAssertTrue(
            md.hasPrefix(
                "# Customer to-do list\n\n回访测试档案库 · as of 2025-06-30 · 7 customers, 19 items: 4 errors, 8 warnings, 7 notices\n"
            ))
        XCTAssertTrue(
            md.contains(
                "| error | R01 | KH-2024-001 北京星辰科技有限公司 | next step '6月20日前提交数据脱敏方案和报价' is still open (owner 王磊, priority 高); it was due 2025-06-20 | 2025-06-20 | 10 days overdue |"
            ))
        XCTAssertTrue(md.contains("## 郑凯 (has left)"))
        XCTAssertTrue(md.contains("## No owner"))
    }

}
