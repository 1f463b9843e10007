import KHModel
import KHValidation
import KHYAML

/// `kh report`: the analysis report of the data-management policy [M3] for a period —
/// distributions, 客户分类 with upgrades and losses, key customers' satisfaction signals,
/// per-owner portfolio and activity, the needs pipeline and renewals due. Everything is a
/// function of the archive's files, the period and `asOf`: the same inputs give the same
/// report, byte for byte, in each format (`json()`, `markdown()`, `html()`).
public struct Report: Sendable {
    /// A label and how many.
    public struct Count: Sendable, Equatable {
        public var label: String
        public var count: Int
    }

    public struct Distribution: Sendable {
        /// The JSON member (`industry`).
        public var key: String
        /// The field's name (`所属行业`).
        public var title: String
        public var rows: [Count]
    }

    public struct CustomerRef: Sendable, Equatable {
        public var number: String
        public var name: String
        public var owner: String?
        /// Position in number order (KH-2021-147 before KH-2021-1141).
        var order: Int
    }

    public struct ClassCount: Sendable, Equatable {
        public var name: String
        public var count: Int
        /// As of the end of the previous year.
        public var previous: Int
    }

    /// A customer at the next class's amount in its basis year, short of its consecutive years.
    public struct Upgrade: Sendable, Equatable {
        public var customer: CustomerRef
        public var current: String
        public var target: String
        /// The year the amount is of.
        public var year: Int
        public var cents: Int64
        /// Consecutive years at the target's amount, ending with `year`.
        public var years: Int
        /// The target's 连续年数.
        public var required: Int
    }

    public struct Lost: Sendable, Equatable {
        public var customer: CustomerRef
        public var previous: String
        public var current: String
        /// The basis year of the current class, and its amount (nil: no 05 for that year).
        public var year: Int
        public var cents: Int64?
    }

    /// SLA results of problems: in time, late (done after the deadline), overdue (not done,
    /// deadline passed as of `asOf`), pending (not done, deadline still ahead).
    public struct Outcomes: Sendable, Equatable {
        public var inTime = 0, late = 0, overdue = 0, pending = 0
        public var met: Int { inTime }
        public var missed: Int { late + overdue }

        mutating func add(received: Int, done: Int?, limit: Int, now: Int) {
            if let done {
                if done - received <= limit { inTime += 1 } else { late += 1 }
            } else if now - received > limit {
                overdue += 1
            } else {
                pending += 1
            }
        }

        static func + (a: Outcomes, b: Outcomes) -> Outcomes {
            Outcomes(
                inTime: a.inTime + b.inTime, late: a.late + b.late, overdue: a.overdue + b.overdue,
                pending: a.pending + b.pending)
        }
    }

    public struct SLA: Sendable, Equatable {
        public var level: String
        public var problems = 0
        public var response = Outcomes()
        public var resolution = Outcomes()
    }

    public struct KeyCustomer: Sendable {
        public var customer: CustomerRef
        public var customerClass: String
        public var tier: String
        public var complaints: Int
        /// Problems per level, in `ProblemLimits` order.
        public var problems: [Count]
        public var response: Outcomes
        public var resolution: Outcomes
    }

    public struct Activity: Sendable {
        public var total = 0
        public var complaints = 0
        public var byMethod: [Count] = []
        public var byType: [Count] = []
        /// Per month of `ReportPeriod.months`.
        public var byMonth: [Int] = []
    }

    public struct Owner: Sendable {
        public var name: String
        public var customers: Int
        public var stages: [Count]
        public var signed: Int
        public var signedCents: Int64
        public var renewals: Int
        public var renewalCents: Int64
        public var activity: Activity
        public var value: Int64 { signedCents + renewalCents }
    }

    public struct NeedRow: Sendable, Equatable {
        public var status: String
        public var count: Int
        public var low: Int64
        public var high: Int64
        /// Needs with neither 预算下限 nor 预算上限.
        public var withoutBudget: Int
    }

    public struct Renewal: Sendable, Equatable {
        public var customer: CustomerRef
        public var project: String
        public var file: String
        public var end: Day
        public var cents: Int64?
        public var status: String
        /// From `asOf` to `end`; negative: ended that many days ago.
        public var daysLeft: Int
    }

    public var title: String
    public var period: ReportPeriod
    /// kh.yaml 问题时限 (`Config.problemLimits`).
    public var limits: ProblemLimits
    /// kh.yaml 客户分类, best first.
    public var classRules: [(name: String, years: Int, cents: Int64)]
    /// Customers counted: those whose archive was opened (基本信息 创建时间) by `period.through`.
    public var customers: Int
    /// Files and folders that could not be read.
    public var skipped: [Diagnostic]
    public var distributions: [Distribution] = []
    /// The classes as of the period's end (`period.classYear`) and of the previous year's end.
    public var classes: [ClassCount] = []
    public var upgrades: [Upgrade] = []
    public var lost: [Lost] = []
    public var keyCustomers: [KeyCustomer] = []
    public var keySLA: [SLA] = []
    public var allSLA: [SLA] = []
    public var owners: [Owner] = []
    public var activity = Activity()
    public var needs: [NeedRow] = []
    public var renewals: [Renewal] = []

    /// How far ahead of `asOf` renewals are due.
    public static let renewalDays = 60
    /// The label of a value not filled in.
    public static let unfilled = "未填写"
    /// The label of 企业性质 and 企业规模 for 个人 customers.
    public static let personal = "个人客户"
    // The choices the report counts by, in the order of their declarations (spec section 4).
    static let stages = Declarations.stages
    static let tiers = Declarations.tiers
    static let grades = Declarations.grades
    static let natures = Declarations.natures
    static let methods = Declarations.methods
    package static let contentTypes = Declarations.contentTypes
    static let needStatuses = Declarations.needStatuses
    static let owner = "未指定"

    /// Reads the archive and makes the report.
    public static func make(_ archive: Archive, period: ReportPeriod) -> Report {
        let (customers, skipped) = ReportReader.read(archive, period: period)
        return Report(
            title: archive.config.archiveName, customers: customers, config: archive.config, period: period,
            skipped: skipped)
    }

    init(title: String, customers all: [ReportCustomer], config: Config, period: ReportPeriod, skipped: [Diagnostic]) {
        self.title = title
        self.period = period
        self.limits = config.problemLimits
        self.classRules = config.classes
        self.skipped = skipped
        let customers = all.filter { $0.created.map { $0 <= period.through } ?? true }
            .sorted { ($0.year, $0.sequence, $0.number.utf8.count) < ($1.year, $1.sequence, $1.number.utf8.count) }
        self.customers = customers.count
        let classes = ClassRules(config: config, period: period)
        let current = customers.map { classes.classAsOf($0, previous: false) }
        let previous = customers.map { classes.classAsOf($0, previous: true) }
        distributions = Self.distributions(customers, config: config, year: period.classYear)
        self.classes = classes.names.map { n in
            ClassCount(
                name: n, count: current.filter { $0.name == n }.count, previous: previous.filter { $0.name == n }.count)
        }
        (upgrades, lost) = Self.upgradesAndLosses(customers, classes: classes, current: current, previous: previous)
        // Satisfaction: key customers (重要, 稳定, VIP), SLA per level.
        let now = DayMath.ordinal(period.asOf) * 1440 + 1440
        let key = Self.keyCustomers(customers, classes: classes, current: current)
        keyCustomers = key.map { c, cls, i in
            let s = Self.sla([c], limits: limits, now: now)
            return KeyCustomer(
                customer: CustomerRef(number: c.number, name: c.name, owner: c.owner, order: i), customerClass: cls,
                tier: c.tier,
                complaints: c.complaints, problems: s.map { Count(label: $0.level, count: $0.problems) },
                response: s.map(\.response).reduce(Outcomes(), +), resolution: s.map(\.resolution).reduce(Outcomes(), +)
            )
        }
        keySLA = Self.sla(key.map(\.0), limits: limits, now: now)
        allSLA = Self.sla(customers, limits: limits, now: now)
        activity = Self.activity(customers, months: period.months.count)
        owners = Self.owners(customers, team: config.team.map(\.name), months: period.months.count)
        needs = Self.needRows(customers)
        renewals = Self.renewals(customers, period: period)
    }

    // MARK: - The report's parts, in its order

    /// The distributions of 基本信息's fields, 价值等级 as of the class year.
    private static func distributions(_ customers: [ReportCustomer], config: Config, year: Int) -> [Distribution] {
        func grade(_ c: ReportCustomer) -> String {
            c.assessments.last { $0.year <= year }.map { config.grade(forCents: $0.cents) } ?? "D"
        }
        return [
            distribution(
                "industry", FieldName.industry, customers.map(\.industry), order: config.industries, fixed: false),
            distribution("region", FieldName.region, customers.map(\.region), order: [], fixed: false),
            distribution(
                "nature", FieldName.nature, customers.map { $0.person ? personal : $0.nature },
                order: natures, fixed: false),
            distribution(
                "revenue", "企业规模（年营收）", customers.map { $0.person ? personal : $0.revenue },
                order: config.revenueRanges, fixed: true),
            distribution("stage", FieldName.stage, customers.map(\.stage), order: stages, fixed: true),
            distribution("grade", FieldName.grade, customers.map(grade), order: grades, fixed: true),
            distribution("tier", FieldName.tier, customers.map(\.tier), order: tiers, fixed: true),
        ]
    }

    /// The customers that may move up a class, and those that moved down since the previous year's end.
    private static func upgradesAndLosses(
        _ customers: [ReportCustomer], classes: ClassRules, current: [(name: String, basis: Int)],
        previous: [(name: String, basis: Int)]
    ) -> ([Upgrade], [Lost]) {
        var upgrades: [Upgrade] = []
        var lost: [Lost] = []
        for (i, c) in customers.enumerated() {
            let ref = CustomerRef(number: c.number, name: c.name, owner: c.owner, order: i)
            if let u = classes.upgrade(c, current: current[i]) {
                upgrades.append(
                    Upgrade(
                        customer: ref, current: current[i].name, target: u.target, year: current[i].basis,
                        cents: u.cents, years: u.years, required: u.required))
            }
            if classes.rank(previous[i].name) < classes.rank(current[i].name) {
                lost.append(
                    Lost(
                        customer: ref, previous: previous[i].name, current: current[i].name,
                        year: current[i].basis, cents: c.amount(current[i].basis)))
            }
        }
        upgrades.sort {
            (classes.rank($0.target), $0.required - $0.years, $0.customer.order) < (
                classes.rank($1.target), $1.required - $1.years, $1.customer.order
            )
        }
        lost.sort { (classes.rank($0.previous), $0.customer.order) < (classes.rank($1.previous), $1.customer.order) }
        return (upgrades, lost)
    }

    /// The key customers (重要, 稳定, VIP) with their class and position, best class first.
    private static func keyCustomers(
        _ customers: [ReportCustomer], classes: ClassRules, current: [(name: String, basis: Int)]
    ) -> [(ReportCustomer, String, Int)] {
        var key: [(ReportCustomer, String, Int)] = []
        for (i, c) in customers.enumerated()
        where current[i].name == "重要" || current[i].name == "稳定" || c.tier.same("VIP") {
            key.append((c, current[i].name, i))
        }
        key.sort { (classes.rank($0.1), $0.2) < (classes.rank($1.1), $1.2) }
        return key
    }

    /// The problems of `list` per level of 问题时限, judged as of `now` (minutes).
    private static func sla(_ list: [ReportCustomer], limits: ProblemLimits, now: Int) -> [SLA] {
        var out = limits.levels.map { SLA(level: $0.level) }
        for c in list {
            for p in c.problems {
                guard let i = limits.levels.firstIndex(where: { $0.level.same(p.level) }) else { continue }
                out[i].problems += 1
                // A resolution is a response when none is recorded.
                out[i].response.add(
                    received: p.received, done: p.responded ?? p.resolved, limit: limits.levels[i].respond, now: now
                )
                out[i].resolution.add(
                    received: p.received, done: p.resolved, limit: limits.levels[i].resolve, now: now)
            }
        }
        return out
    }

    /// Owners: portfolio and activity, in 团队's order (未指定 last).
    private static func owners(_ customers: [ReportCustomer], team: [String], months: Int) -> [Owner] {
        var byOwner: [String: [ReportCustomer]] = [:]
        for c in customers { byOwner[c.owner ?? owner, default: []].append(c) }
        let ownerNames = byOwner.keys.sorted { a, b in
            let ia = a == owner ? Int.max : team.firstIndex(of: a) ?? team.count
            let ib = b == owner ? Int.max : team.firstIndex(of: b) ?? team.count
            return ia != ib ? ia < ib : a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        }
        return ownerNames.map { name in
            let list = byOwner[name]!
            return Owner(
                name: name, customers: list.count,
                stages: counts(list.map { $0.stage ?? unfilled }, order: stages),
                signed: list.map(\.signedCount).reduce(0, +), signedCents: list.map(\.signedCents).reduce(0, +),
                renewals: list.map(\.renewalCount).reduce(0, +), renewalCents: list.map(\.renewalCents).reduce(0, +),
                activity: activity(list, months: months))
        }
    }

    /// The needs pipeline: the known statuses in order, then others (未填写 last).
    private static func needRows(_ customers: [ReportCustomer]) -> [NeedRow] {
        var needRows = needStatuses.map { NeedRow(status: $0, count: 0, low: 0, high: 0, withoutBudget: 0) }
        for c in customers {
            for n in c.needs {
                let status = n.status ?? unfilled
                var i = needRows.firstIndex { $0.status.same(status) }
                if i == nil {
                    needRows.append(NeedRow(status: status, count: 0, low: 0, high: 0, withoutBudget: 0))
                    i = needRows.count - 1
                }
                needRows[i!].count += 1
                needRows[i!].low += n.low ?? 0
                needRows[i!].high += n.high ?? 0
                if n.low == nil && n.high == nil { needRows[i!].withoutBudget += 1 }
            }
        }
        let known = needRows.prefix(needStatuses.count)
        let others = needRows.dropFirst(needStatuses.count).sorted { a, b in
            (a.status == unfilled ? 1 : 0, a.status) < (b.status == unfilled ? 1 : 0, b.status)
        }
        return Array(known) + others
    }

    /// Renewals due: ending within the period, or within 60 days after asOf.
    private static func renewals(_ customers: [ReportCustomer], period: ReportPeriod) -> [Renewal] {
        var renewals: [Renewal] = []
        let horizon = DayMath.adding(renewalDays, to: period.asOf)
        let asOf = DayMath.ordinal(period.asOf)
        for (i, c) in customers.enumerated() {
            for k in c.open
            where (k.end >= period.from && k.end <= period.to) || (k.end >= period.asOf && k.end <= horizon) {
                renewals.append(
                    Renewal(
                        customer: CustomerRef(number: c.number, name: c.name, owner: c.owner, order: i),
                        project: k.project,
                        file: k.file, end: k.end, cents: k.cents, status: k.status,
                        daysLeft: DayMath.ordinal(k.end) - asOf))
            }
        }
        renewals.sort { a, b in
            (a.end, a.customer.order) != (b.end, b.customer.order)
                ? (a.end, a.customer.order) < (b.end, b.customer.order)
                : a.file.unicodeScalars.lexicographicallyPrecedes(b.file.unicodeScalars)
        }
        return renewals
    }

    static func activity(_ list: [ReportCustomer], months: Int) -> Activity {
        var a = Activity(byMonth: Array(repeating: 0, count: months))
        var methods: [String] = []
        var types: [String] = []
        for c in list {
            a.complaints += c.complaints
            for i in c.interactions {
                a.total += 1
                methods.append(i.method)
                types.append(i.type)
                if i.month >= 0 && i.month < months { a.byMonth[i.month] += 1 }
            }
        }
        a.byMethod = counts(methods, order: Self.methods)
        a.byType = counts(types, order: Self.contentTypes)
        return a
    }

    /// Counts in `order` (zeros included), then other values by count and Unicode order, 未填写 last.
    static func counts(_ values: [String], order: [String]) -> [Count] {
        var tally: [String: Int] = [:]
        for v in values { tally[v, default: 0] += 1 }
        var rows = order.map { Count(label: $0, count: tally.removeValue(forKey: $0) ?? 0) }
        let unfilled = tally.removeValue(forKey: Self.unfilled)
        rows += tally.map { Count(label: $0.key, count: $0.value) }.sorted(by: byCount)
        if let unfilled { rows.append(Count(label: Self.unfilled, count: unfilled)) }
        return rows
    }

    static func byCount(_ a: Count, _ b: Count) -> Bool {
        a.count != b.count
            ? a.count > b.count : a.label.unicodeScalars.lexicographicallyPrecedes(b.label.unicodeScalars)
    }

    /// A field's distribution. `fixed`: every value of `order` in that order, zeros included;
    /// otherwise the values found, most frequent first (ties in `order`, then Unicode order).
    /// Values outside `order` follow; 个人客户 and 未填写 come last.
    static func distribution(
        _ key: String, _ title: String, _ values: [String?], order: [String], fixed: Bool
    ) -> Distribution {
        var tally: [String: Int] = [:]
        for v in values { tally[v ?? unfilled, default: 0] += 1 }
        let special = [personal, unfilled]
        let tail = special.compactMap { s in tally.removeValue(forKey: s).map { Count(label: s, count: $0) } }
        var rows: [Count]
        if fixed {
            rows = order.map { Count(label: $0, count: tally.removeValue(forKey: $0) ?? 0) }
            rows += tally.map { Count(label: $0.key, count: $0.value) }.sorted(by: byCount)
        } else {
            rows = tally.map { Count(label: $0.key, count: $0.value) }.sorted { a, b in
                let ia = order.firstIndex(of: a.label) ?? order.count
                let ib = order.firstIndex(of: b.label) ?? order.count
                if a.count != b.count { return a.count > b.count }
                if ia != ib { return ia < ib }
                return a.label.unicodeScalars.lexicographicallyPrecedes(b.label.unicodeScalars)
            }
        }
        return Distribution(key: key, title: title, rows: rows + tail)
    }
}

/// 客户分类 [M3] as of a year's end, with `CustomerSnapshot.customerClass` (the index's
/// computation): a class holds when its 连续年数 consecutive years *ending with the basis
/// year* are each at or above its 年度合作金额 — the computation is given exactly those years
/// (a run long ago does not make a customer 重要 today). The basis year is the class's year,
/// or the year before while that year is still running and has no 05 yet. Contracts count
/// when signed by the year's end (or by `through`).
struct ClassRules {
    let config: Config
    let period: ReportPeriod

    init(config: Config, period: ReportPeriod) {
        self.config = config
        self.period = period
    }

    /// Best first: 重要, 稳定, 一般, 潜在.
    var names: [String] { config.classes.map(\.name) + ["一般", "潜在"] }

    func rank(_ name: String) -> Int { names.firstIndex(of: name) ?? names.count }

    /// The class as of the period's end, or (`previous`) as of the end of the year before.
    func classAsOf(_ c: ReportCustomer, previous: Bool) -> (name: String, basis: Int) {
        let year = previous ? period.classYear - 1 : period.classYear
        let cutoff = previous ? Day(year: year, month: 12, day: 31) : period.through
        let closed = previous || period.classYearClosed
        let basis = closed || c.amount(year) != nil ? year : year - 1
        let contracts = c.signed.filter { $0.map { $0 <= cutoff } ?? true }.count
        guard contracts > 0 else { return ("潜在", basis) }
        for cls in config.classes {
            let window = c.assessments.filter { $0.year > basis - cls.years && $0.year <= basis }.map {
                ($0.year, $0.cents)
            }
            if CustomerSnapshot.customerClass(window, classes: [cls]) == cls.name { return (cls.name, basis) }
        }
        return ("一般", basis)
    }

    /// The nearest better class whose amount the customer reached in its basis year, without
    /// yet enough consecutive years.
    func upgrade(
        _ c: ReportCustomer, current: (name: String, basis: Int)
    ) -> (target: String, cents: Int64, years: Int, required: Int)? {
        guard current.name != "潜在", let cents = c.amount(current.basis) else { return nil }
        let better = config.classes.filter { rank($0.name) < rank(current.name) }
        for cls in better.reversed() where cents >= cls.cents {
            var run = 0
            var y = current.basis
            while let a = c.amount(y), a >= cls.cents {
                run += 1
                y -= 1
            }
            if run < cls.years { return (cls.name, cents, run, cls.years) }
        }
        return nil
    }
}
