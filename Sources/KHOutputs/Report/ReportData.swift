import KHModel
import KHValidation
import KHYAML

/// What the report needs of one customer, gathered while its documents are read and kept
/// instead of them (memory stays flat): the basic facts, the 05 amounts, and only the
/// events of the period.
struct ReportCustomer: Sendable {
    struct Interaction: Sendable {
        /// Position of the month in `ReportPeriod.months`.
        var month: Int
        var method: String
        var type: String
    }

    /// A 问题处理 received in the period; times in minutes since 1970 (local time).
    struct Problem: Sendable {
        var level: String
        var received: Int
        var responded: Int?
        var resolved: Int?
    }

    struct Need: Sendable {
        var status: String?
        var low: Int64?
        var high: Int64?
    }

    /// A contract 执行中 or 待续约.
    struct Contract: Sendable {
        var project: String
        var file: String
        var end: Day
        var cents: Int64?
        var status: String
    }

    var number: String
    /// The number's year and sequence: customers are listed in number order.
    var year: Int
    var sequence: Int
    var name: String
    var person: Bool
    /// 基本信息's 创建时间.
    var created: Day?
    var owner: String?
    var industry: String?
    var region: String?
    var nature: String?
    var revenue: String?
    var stage: String?
    /// 维护级别 (absent: 普通).
    var tier: String
    /// 年度合作金额 per 年度, one per year, in year order.
    var assessments: [(year: Int, cents: Int64)] = []
    /// Each 02's 签订日期 (nil when not a date: the contract still counts as signed).
    var signed: [Day?] = []
    var signedCount = 0
    var signedCents: Int64 = 0
    var renewalCount = 0
    var renewalCents: Int64 = 0
    var interactions: [Interaction] = []
    var complaints = 0
    var problems: [Problem] = []
    var needs: [Need] = []
    var open: [Contract] = []

    func amount(_ year: Int) -> Int64? { assessments.first { $0.year == year }?.cents }
}

/// Reads the archive for the report: the snapshots of `ArchiveReader`, one task per
/// customer on all cores (as `kh validate` does), each kept as a `ReportCustomer`; no rules.
enum ReportReader {
    static func read(_ archive: Archive, period: ReportPeriod) -> (customers: [ReportCustomer], skipped: [Diagnostic]) {
        let (results, layout) = ArchiveReader(archive).map { s -> (ReportCustomer?, [Diagnostic]) in
            var diagnostics = s.directory.diagnostics + s.problems
            if s.basicFile == nil {
                diagnostics.append(
                    Diagnostic(rule: .missingBasicInfo, file: s.directory.path, message: Rules.MissingBasicInfo.message)
                )
            }
            // Only what means a file could not be read is kept (the rest is kh validate's).
            return (ReportCustomer(s, period: period), diagnostics.filter { IndexJSON.skipping.contains($0.code) })
        }
        var skipped = layout.filter { IndexJSON.skipping.contains($0.code) }
        for (_, d) in results { skipped += d }
        return (results.compactMap(\.0), skipped.sorted(by: Diagnostic.ordered))
    }
}

extension ReportCustomer {
    /// Nil without a readable 基本信息.
    init?(_ s: CustomerSnapshot, period: ReportPeriod) {
        guard let b = s.basic else { return nil }
        let dir = s.directory
        self.init(
            number: dir.number, year: dir.year, sequence: dir.sequence, name: s.name, person: b.isPerson,
            created: b.created, owner: b.owner, industry: b.industry, region: b.region, nature: b.nature,
            revenue: b.revenue, stage: b.stage, tier: b.tier)
        for c in s.contracts { addContract(c, period: period) }
        for r in s.interactions { addInteraction(r, period: period) }
        for n in s.needs {
            for need in n.needs where need.name != nil {
                needs.append(.init(status: need.status, low: need.low, high: need.high))
            }
        }
        assessments = s.yearlyAmounts.map { ($0.year, $0.cents) }
    }

    mutating func addContract(_ c: ContractDocument, period: ReportPeriod) {
        let signed = c.signed
        self.signed.append(signed)
        if let signed, period.contains(signed) {
            signedCount += 1
            signedCents += c.amount ?? 0
        }
        // Renewals known as of --as-of.
        for r in c.renewals(asOf: period.asOf) {
            guard let day = r.date, period.contains(day) else { continue }
            renewalCount += 1
            renewalCents += r.amount ?? 0
        }
        guard let status = c.status, c.isOpen, let end = c.end(asOf: period.asOf),
            signed.map({ $0 <= period.asOf }) ?? true
        else { return }
        open.append(
            .init(
                project: c.project ?? "", file: IndexRecord.local(c.path), end: end,
                cents: c.currentAmount(asOf: period.asOf), status: status))
    }

    mutating func addInteraction(_ r: InteractionRecord, period: ReportPeriod) {
        let time = r.time
        if let time, period.contains(time.day) {
            let type = r.contentType ?? Report.unfilled
            interactions.append(
                .init(month: period.monthIndex(time.day), method: r.method ?? Report.unfilled, type: type))
            if r.isComplaint { complaints += 1 }
        }
        guard let p = r.problem, let level = p.level, let received = p.received ?? time, period.contains(received.day)
        else { return }
        // A response or resolution after --as-of is not known as of it.
        let end = DayMath.ordinal(period.asOf) * 1440 + 1440
        func known(_ m: Moment?) -> Int? {
            m.map { DayMath.minutes($0) }.flatMap { $0 < end ? $0 : nil }
        }
        problems.append(
            .init(
                level: level, received: DayMath.minutes(received), responded: known(p.responded),
                resolved: known(p.resolved)))
    }
}
