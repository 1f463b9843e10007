import KHYAML
import KHModel
import KHRules

/// `kh review`: the weekly to-do list. Every time-dependent rule of the spec (section 5's
/// last paragraph) checked at one date, `asOf`, so the same files and the same date give
/// the same list, byte for byte. Items are grouped per 负责销售, most urgent first.
public struct Review: Sendable {
    /// One thing to do about one customer.
    public struct Item: Sendable, Equatable {
        public var kind: Kind
        public var number: String
        /// 全称 (企业) or 姓名 (个人).
        public var customer: String
        public var owner: String?
        /// Archive-relative: the document to open, or the customer folder.
        public var file: String
        /// The day it fell (or falls) due; nil when nothing is due on a date (completeness).
        public var date: Day?
        /// `asOf` minus `date` in days: positive overdue, 0 due today, negative days left.
        public var overdueDays: Int?
        public var message: Text
        /// For the "逾期" column of items that record lateness (a problem handled late, a
        /// record entered late): how late, instead of days since the deadline.
        public var lateness: Text?
        /// Kind-specific facts (the JSON `details`).
        public var details: [String: JSON]

        public var code: String { kind.code }
        public var level: Severity { kind.level }
    }

    /// What an item is about. The code names the spec's check (R01–R08, in the order of
    /// spec section 5); the kind tells the two findings of one check apart.
    public enum Kind: String, CaseIterable, Sendable {
        case nextStepOverdue = "next-step-overdue", nextStepDue = "next-step-due"
        case cadenceMissed = "cadence-missed", cadenceBehind = "cadence-behind"
        case noRecentContact = "no-recent-contact"
        case intentStale = "intent-stale"
        case problemOverdue = "problem-overdue", problemLate = "problem-late"
        case contractExpired = "contract-expired", contractRenewal = "contract-renewal"
        case lateEntry = "late-entry"
        case incomplete = "incomplete"

        public var code: String {
            switch self {
            case .nextStepOverdue, .nextStepDue: return "R01"
            case .cadenceMissed, .cadenceBehind: return "R02"
            case .noRecentContact: return "R03"
            case .intentStale: return "R04"
            case .problemOverdue, .problemLate: return "R05"
            case .contractExpired, .contractRenewal: return "R06"
            case .lateEntry: return "R07"
            case .incomplete: return "R08"
            }
        }

        public var level: Severity {
            switch self {
            case .nextStepOverdue, .problemOverdue, .contractExpired: return .error
            case .cadenceMissed, .noRecentContact, .intentStale, .contractRenewal: return .warning
            case .nextStepDue, .cadenceBehind, .problemLate, .lateEntry, .incomplete: return .notice
            }
        }
    }

    /// One 负责销售's list; `owner` nil for customers with none.
    public struct Group: Sendable {
        public var owner: String?
        /// False when the owner has left (团队 在职: 否): their customers need a new owner.
        public var active: Bool
        public var items: [Item]

        public func count(_ level: Severity) -> Int { items.filter { $0.level == level }.count }
    }

    public var title: String
    public var asOf: Day
    /// The `--owner` filter (empty: everyone).
    public var owners: [String]
    /// Owners in kh.yaml 团队 order, then other names (Unicode order), then no owner.
    public var groups: [Group]
    /// Customers reviewed (after the owner filter).
    public var customers: Int
    /// Documents that could not be read (kh validate says why); left out of the checks.
    public var skipped: [String]

    public var items: [Item] { groups.flatMap(\.items) }

    public func count(_ level: Severity) -> Int { items.filter { $0.level == level }.count }

    /// Whether an item at `level` or more serious is on the list (`--fail-on`).
    public func has(atLeast level: Severity) -> Bool { items.contains { $0.level <= level } }

    // MARK: - Windows and thresholds (documented in the README)

    /// Next steps due within this many days are listed ahead of time.
    public static let dueSoonDays = 7
    /// Contracts ending within this many days are due for renewal.
    public static let renewalDays = 60
    /// 意向 for longer than this many days.
    public static let intentDays = 30
    /// No interaction for this many months.
    public static let silenceMonths = 3
    /// Things already done, but done late (a problem handled late, a record entered late),
    /// are listed for this many days after they happened.
    public static let lateWindowDays = 30

    // MARK: - Running

    /// Reads the archive and checks every customer at `asOf`.
    public static func run(_ archive: Archive, asOf: Day, owners: [String] = []) -> Review {
        let config = archive.config
        // 04 and 05 hold nothing time-dependent: not read.
        let customers = ArchiveReader(archive, kinds: [.basicInfo, .cooperation, .interaction]).map {
            ReviewCustomer($0, config: config, asOf: asOf)
        }.results
        return make(customers, config: config, asOf: asOf, owners: owners)
    }

    static func make(_ all: [ReviewCustomer], config: Config, asOf: Day, owners: [String]) -> Review {
        let chosen = owners.isEmpty ? all : all.filter { c in c.owner.map { owners.containsSame($0) } ?? false }
        var byOwner: [String?: [Item]] = [:]
        for c in chosen {
            byOwner[c.owner, default: []] += ReviewChecks(config: config, asOf: asOf).items(for: c)
        }
        let team = config.team.map(\.name)
        let keys = byOwner.keys.sorted { a, b in
            switch (a, b) {
            case (nil, _): return false
            case (_, nil): return true
            case (let a?, let b?):
                let ia = team.firstIndex { $0.same(a) } ?? Int.max, ib = team.firstIndex { $0.same(b) } ?? Int.max
                if ia != ib { return ia < ib }
                return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
            }
        }
        let groups = keys.compactMap { key -> Group? in
            let items = byOwner[key]!.sorted(by: Self.ordered)
            guard !items.isEmpty else { return nil }
            return Group(owner: key, active: key.flatMap { config.member(named: $0)?.active } ?? true, items: items)
        }
        return Review(title: config.archiveName, asOf: asOf, owners: owners, groups: groups, customers: chosen.count,
                      skipped: chosen.flatMap(\.skipped).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) })
    }

    /// Most urgent first: level, then days overdue (most first; no date last), then the
    /// customer's number, then code, kind, file, date and message (a total order).
    static func ordered(_ a: Item, _ b: Item) -> Bool {
        if a.level != b.level { return a.level < b.level }
        let da = a.overdueDays ?? Int.min, db = b.overdueDays ?? Int.min
        if da != db { return da > db }
        func less(_ x: String, _ y: String) -> Bool? {
            x == y ? nil : x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
        }
        if let r = less(a.number, b.number) { return r }
        if let r = less(a.code, b.code) { return r }
        if let r = less(a.kind.rawValue, b.kind.rawValue) { return r }
        if let r = less(a.file, b.file) { return r }
        if let r = less(a.date?.description ?? "", b.date?.description ?? "") { return r }
        return less(a.message.zh, b.message.zh) ?? false
    }
}

// MARK: - What a customer's documents say

/// The facts of one customer that the checks need, read from its documents. Values that
/// are absent, 待确认 or malformed are left out (kh validate reports the malformed ones).
struct ReviewCustomer: Sendable {
    struct Contract: Sendable { var file: String; var project: String; var status: String; var end: Day }
    struct Interaction: Sendable { var file: String; var time: Moment?; var created: Day? }
    struct Step: Sendable { var file: String; var task: String; var assignee: String?; var due: Day; var priority: String? }
    struct Problem: Sendable { var file: String; var level: String; var received: Moment; var responded: Moment?; var resolved: Moment? }
    typealias Completeness = CustomerSnapshot.Completeness

    var number: String
    var directory: String
    var name: String
    /// 01-客户基本信息/基本信息.yaml, when there is one that could be read.
    var basicFile: String?
    var owner: String?
    var stage: String?
    var tier = "普通"
    /// 基本信息's 创建时间, 最后更新时间 and 首次接触时间.
    var created: Day?
    var updated: Day?
    var firstContact: Day?
    var completeness: Completeness?
    var contracts: [Contract] = []
    var interactions: [Interaction] = []
    /// 下一步计划 still 待办, with a due date.
    var steps: [Step] = []
    var problems: [Problem] = []
    var skipped: [String] = []

}

extension ReviewCustomer {
    /// The facts of a snapshot read with 01, 02 and 03, with contracts' ends as renewed by `asOf`.
    init(_ s: CustomerSnapshot, config: Config, asOf: Day) {
        let dir = s.directory
        self.init(number: dir.number, directory: dir.path, name: dir.suffix ?? dir.number)
        skipped = s.unreadable
        // 基本信息.yaml before a stray 基本信息.yml.
        if let b = s.basic ?? s.strayBasics.first {
            basicFile = b.path
            if let n = b.name { name = n }
            owner = b.owner
            stage = b.stage
            tier = b.tier
            created = b.created
            updated = b.updated
            firstContact = b.firstContact
            completeness = b.completeness(config)
        }
        for c in s.contracts {
            guard let status = c.status, c.isOpen, let end = c.end(asOf: asOf) else { continue }
            contracts.append(Contract(file: c.path, project: c.project ?? "", status: status, end: end))
        }
        for r in s.interactions {
            interactions.append(Interaction(file: r.path, time: r.time, created: r.created))
            for step in r.openSteps {
                guard let task = step.task, let due = step.due else { continue }
                steps.append(Step(file: r.path, task: task, assignee: step.assignee, due: due, priority: step.priority))
            }
            if let p = r.problem, let level = p.level, let received = p.received {
                problems.append(Problem(file: r.path, level: level, received: received, responded: p.responded, resolved: p.resolved))
            }
        }
    }

}

// MARK: - The checks

struct ReviewChecks {
    let config: Config
    let asOf: Day

    typealias C = ReviewCalendar

    func items(for c: ReviewCustomer) -> [Review.Item] {
        var out: [Review.Item] = []
        func add(_ kind: Review.Kind, _ file: String, date: Day?, _ message: Text, lateness: Text? = nil, _ details: [String: JSON]) {
            out.append(Review.Item(kind: kind, number: c.number, customer: c.name, owner: c.owner, file: file, date: date,
                                   overdueDays: date.map { C.days(from: $0, to: asOf) }, message: message,
                                   lateness: lateness, details: details))
        }
        let basicOrFolder = c.basicFile ?? c.directory
        // Interactions that had happened by the end of the as-of day.
        let contacts = c.interactions.compactMap(\.time).filter { $0.day <= asOf }

        // R01: next steps.
        for s in c.steps {
            var details: [String: JSON] = ["task": .string(s.task), "due": .string(s.due.description)]
            if let a = s.assignee { details["assignee"] = .string(a) }
            if let p = s.priority { details["priority"] = .string(p) }
            if s.due < asOf {
                add(.nextStepOverdue, s.file, date: s.due, ReviewText.stepOverdue(s), details)
            } else if C.days(from: asOf, to: s.due) <= Review.dueSoonDays {
                add(.nextStepDue, s.file, date: s.due, ReviewText.stepDue(s), details)
            }
        }

        let stage = c.stage ?? ""
        if c.basicFile != nil {
            // R02: contact cadence, for customers in 成交 or 意向.
            if stage.same("成交") || stage.same("意向"), let cadence = config.cadence[c.tier], cadence.count > 0 {
                let current = C.period(containing: asOf, cadence.period)
                let previous = C.period(containing: C.adding(current.start, days: -1), cadence.period)
                func count(_ p: (start: Day, end: Day)) -> Int { contacts.filter { $0.day >= p.start && $0.day <= min(p.end, asOf) }.count }
                func details(_ p: (start: Day, end: Day), _ n: Int) -> [String: JSON] {
                    ["tier": .string(c.tier), "period": .string(cadence.period.rawValue), "start": .string(p.start.description),
                     "end": .string(p.end.description), "count": .int(n), "required": .int(cadence.count)]
                }
                // The last complete period, when the customer was in the archive all of it.
                if c.created.map({ $0 <= previous.start }) ?? true {
                    let n = count(previous)
                    if n < cadence.count {
                        add(.cadenceMissed, c.directory, date: previous.end,
                            ReviewText.cadence(tier: c.tier, cadence, previous, count: n, current: false), details(previous, n))
                    }
                }
                let n = count(current)
                if n < cadence.count {
                    add(.cadenceBehind, c.directory, date: current.end,
                        ReviewText.cadence(tier: c.tier, cadence, current, count: n, current: true), details(current, n))
                }
            }
            // R03: no interaction for 3 months, for customers not 流失.
            if !stage.same("流失") {
                let last = contacts.max()
                if let base = last?.day ?? c.created {
                    let due = C.adding(base, months: Review.silenceMonths)
                    if due <= asOf {
                        var details: [String: JSON] = ["since": .string(base.description), "days": .int(C.days(from: base, to: asOf))]
                        if let last { details["lastInteraction"] = .string(last.description) }
                        add(.noRecentContact, c.directory, date: due,
                            ReviewText.silence(last: last, created: base, days: C.days(from: base, to: asOf)), details)
                    }
                }
            }
            // R04: 意向 for more than 30 days, measured from the latest date 基本信息 gives.
            if stage.same("意向"), let since = [c.updated, c.firstContact].compactMap({ $0 }).max() {
                let days = C.days(from: since, to: asOf)
                if days > Review.intentDays {
                    add(.intentStale, basicOrFolder, date: C.adding(since, days: Review.intentDays),
                        ReviewText.intent(since: since, days: days), ["since": .string(since.description), "days": .int(days)])
                }
            }
        }

        // R05: problems past their deadlines (as of the end of the as-of day), or handled late.
        let endOfDay = C.minutes(Moment(day: C.adding(asOf, days: 1), hour: 0, minute: 0))
        for p in c.problems where p.received.day <= asOf {
            guard let limit = config.problemLimits.limit(p.level) else { continue }
            let received = C.minutes(p.received)
            let respondBy = received + limit.respond, resolveBy = received + limit.resolve
            // What happened after the as-of day is not known at it.
            let resolved = p.resolved.map(C.minutes).flatMap { $0 < endOfDay ? $0 : nil }
            let respondedAt = p.responded.map(C.minutes).flatMap { $0 < endOfDay ? $0 : nil }
            // A resolution without a recorded response answered the customer too.
            let responded = respondedAt ?? resolved
            var details: [String: JSON] = ["problemLevel": .string(p.level), "received": .string(p.received.description),
                                           "respondBy": .string(C.moment(respondBy).description),
                                           "resolveBy": .string(C.moment(resolveBy).description)]
            if let respondedAt { details["responded"] = .string(C.moment(respondedAt).description) }
            if let resolved { details["resolved"] = .string(C.moment(resolved).description) }
            if resolved == nil && resolveBy < endOfDay {
                details["stage"] = .string("resolution")
                add(.problemOverdue, p.file, date: C.moment(resolveBy).day,
                    ReviewText.problemOpen(p, deadline: C.moment(resolveBy), minutes: limit.resolve, resolution: true, responded: responded != nil), details)
            } else if responded == nil && respondBy < endOfDay {
                details["stage"] = .string("response")
                add(.problemOverdue, p.file, date: C.moment(respondBy).day,
                    ReviewText.problemOpen(p, deadline: C.moment(respondBy), minutes: limit.respond, resolution: false, responded: false), details)
            } else {
                let lateResponse = responded.map { $0 - respondBy }.flatMap { $0 > 0 ? $0 : nil }
                let lateResolution = resolved.map { $0 - resolveBy }.flatMap { $0 > 0 ? $0 : nil }
                guard lateResponse != nil || lateResolution != nil else { continue }
                // Listed while recent: the last late event within the window.
                let last = C.moment(lateResolution != nil ? resolved! : responded!).day
                guard C.days(from: last, to: asOf) <= Review.lateWindowDays else { continue }
                if let l = lateResponse { details["lateResponseMinutes"] = .int(l) }
                if let l = lateResolution { details["lateResolutionMinutes"] = .int(l) }
                let deadline = C.moment(lateResolution != nil ? resolveBy : respondBy).day
                add(.problemLate, p.file, date: deadline,
                    ReviewText.problemLate(p, limit: limit, lateResponse: lateResponse, lateResolution: lateResolution),
                    lateness: ReviewText.minutesLate(max(lateResponse ?? 0, lateResolution ?? 0)), details)
            }
        }

        // R06: contracts 执行中 or 待续约 ending within 60 days, or 执行中 past their end.
        for k in c.contracts {
            let details: [String: JSON] = ["project": .string(k.project), "status": .string(k.status), "end": .string(k.end.description)]
            if k.status.same("执行中") && k.end < asOf {
                add(.contractExpired, k.file, date: k.end, ReviewText.contractExpired(k), details)
            } else if C.days(from: asOf, to: k.end) <= Review.renewalDays {
                add(.contractRenewal, k.file, date: k.end, ReviewText.contractRenewal(k, ended: k.end < asOf), details)
            }
        }

        // R07: records entered more than 24 h after the interaction: 创建时间 two or more
        // calendar days after 沟通时间's day; listed for 30 days after they were entered.
        for i in c.interactions {
            guard let t = i.time, let created = i.created, created <= asOf else { continue }
            let late = C.days(from: t.day, to: created)
            guard late >= 2, C.days(from: created, to: asOf) <= Review.lateWindowDays else { continue }
            add(.lateEntry, i.file, date: C.adding(t.day, days: 1), ReviewText.lateEntry(time: t, created: created),
                lateness: ReviewText.daysLate(late), ["time": .string(t.description), "created": .string(created.description), "daysLate": .int(late)])
        }

        // R08: completeness below kh.yaml 完整度.
        if c.basicFile == nil {
            add(.incomplete, c.directory, date: nil, ReviewText.noBasicInfo,
                ["completeness": .int(0), "threshold": .int(threshold), "missing": .array([.string("基本信息.yaml")])])
        } else if let k = c.completeness, k.total > 0, Double(k.filled) < config.completeness * Double(k.total) - 1e-9 {
            let percent = k.filled * 100 / k.total
            add(.incomplete, basicOrFolder, date: nil, ReviewText.incomplete(percent: percent, threshold: threshold, missing: k.missing),
                ["completeness": .int(percent), "threshold": .int(threshold), "missing": .array(k.missing.map { .string($0) })])
        }
        return out
    }

    var threshold: Int { Int((config.completeness * 100).rounded()) }
}

// MARK: - Calendar arithmetic

/// Days and minutes on the proleptic Gregorian calendar, in the archive's local time (all
/// of the archive's dates and times are local to kh.yaml 时区).
enum ReviewCalendar {
    /// Days since 1970-01-01.
    static func ordinal(_ d: Day) -> Int { d.ordinal }

    package static func day(_ ordinal: Int) -> Day { Day(ordinal: ordinal) }

    static func days(from a: Day, to b: Day) -> Int { ordinal(b) - ordinal(a) }

    static func adding(_ d: Day, days: Int) -> Day { day(ordinal(d) + days) }

    /// Calendar months later, the day clamped to the month's end (03-31 + 3 months = 06-30).
    static func adding(_ d: Day, months: Int) -> Day {
        let index = d.year * 12 + (d.month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        var day = d.day
        while !Day.isValid(y, m, day) { day -= 1 }
        return Day(year: y, month: m, day: day)
    }

    static func minutes(_ m: Moment) -> Int { ordinal(m.day) * 1440 + m.hour * 60 + m.minute }

    static func moment(_ minutes: Int) -> Moment {
        let d = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440
        let rest = minutes - d * 1440
        return Moment(day: day(d), hour: rest / 60, minute: rest % 60)
    }

    /// The calendar month, quarter, half-year or year holding `d`.
    static func period(containing d: Day, _ p: CadencePeriod) -> (start: Day, end: Day) {
        let first = (d.month - 1) / p.months * p.months + 1
        let start = Day(year: d.year, month: first, day: 1)
        return (start, adding(adding(start, months: p.months), days: -1))
    }
}
