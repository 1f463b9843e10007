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
        let scanner = LayoutScanner(root: archive.root, config: archive.config)
        let directories = scanner.scan().customers
        let root = archive.root, config = archive.config
        let customers = ParallelMap.map(directories) { ReviewCustomer.read(scanner.scanContents($0), root: root, config: config) }
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
    struct Completeness: Sendable { var filled: Int; var total: Int; var missing: [String] }

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

    static func read(_ dir: CustomerDirectory, root: String, config: Config) -> ReviewCustomer {
        var c = ReviewCustomer(number: dir.number, directory: dir.path, name: dir.suffix ?? dir.number)
        // 基本信息.yaml before a stray 基本信息.yml.
        let documents = dir.documents.sorted { ($0.type == .basicInfo && $0.nameIsWellFormed) && !($1.type == .basicInfo && $1.nameIsWellFormed) }
        // 04 and 05 hold nothing time-dependent: not read.
        for file in documents where file.type != .needs && file.type != .assessment {
            let (node, _, _) = DocumentLoader.load(root: root, path: file.path)
            guard let m = node?.mapping else {
                c.skipped.append(file.path)
                continue
            }
            switch file.type {
            case .basicInfo:
                if c.basicFile == nil { c.readBasic(m, file: file.path, config: config) }
            case .cooperation:
                c.readContract(m, file: file.path)
            case .interaction:
                c.readInteraction(m, file: file.path)
            case .needs, .assessment:
                break
            }
        }
        return c
    }

    mutating func readBasic(_ m: YAMLMapping, file: String, config: Config) {
        basicFile = file
        let person = m.text("客户类型").map { $0.same("个人") } ?? false
        if let n = (person ? m.text("姓名") : m.submapping("企业名称")?.text("全称")) { name = n }
        owner = m.text("负责销售")
        stage = m.text("客户阶段")
        tier = m.text("维护级别") ?? "普通"
        created = m.date("创建时间")?.0
        updated = m.date("最后更新时间")?.0
        firstContact = m.date("首次接触时间")?.0
        completeness = Self.completeness(m, person: person, config: config)
    }

    /// As the index counts it (`RecordBuilder.completeness`: 基本信息's applicable top-level
    /// fields, header fields, 备注 and 拼音 aside; 待确认 is missing), with the missing names.
    static func completeness(_ m: YAMLMapping, person: Bool, config: Config) -> Completeness {
        let skip: Set<String> = ["创建时间", "创建人", "最后更新时间", "密级", "备注", "拼音"]
        var total = 0, filled = 0
        var missing: [String] = []
        for f in config.schemas[.basicInfo]!.fields where !skip.contains(f.name) {
            switch f.requirement {
            case .requiredFor(let t), .onlyFor(let t):
                if (t == "个人") != person { continue }
            default:
                if person && RecordBuilder.enterpriseOnly.contains(f.name) { continue }
            }
            total += 1
            if let v = m[f.name], !v.isAbsent, !v.isPending { filled += 1 } else { missing.append(f.name) }
        }
        return Completeness(filled: filled, total: total, missing: missing)
    }

    mutating func readContract(_ m: YAMLMapping, file: String) {
        guard let status = m.text("合作状态"), status.same("执行中") || status.same("待续约") else { return }
        // The term as renewed: the latest 结束 of 合同期限 and 续约记录.
        var end = m.submapping("合同期限")?.date("结束")?.0
        for r in m.items("续约记录") {
            if let e = r.mapping?.date("结束")?.0, end.map({ e > $0 }) ?? true { end = e }
        }
        guard let end else { return }
        contracts.append(Contract(file: file, project: m.text("合作项目") ?? "", status: status, end: end))
    }

    mutating func readInteraction(_ m: YAMLMapping, file: String) {
        interactions.append(Interaction(file: file, time: m.datetime("沟通时间")?.0, created: m.date("创建时间")?.0))
        for item in m.items("下一步计划") {
            guard let s = item.mapping, let task = s.text("事项"), (s.text("状态") ?? "待办").same("待办"),
                  let due = s.date("截止日期")?.0 else { continue }
            steps.append(Step(file: file, task: task, assignee: s.text("负责人"), due: due, priority: s.text("优先级")))
        }
        if let p = m.submapping("问题处理"), let level = p.text("问题等级"), let received = p.datetime("接收时间")?.0 {
            problems.append(Problem(file: file, level: level, received: received,
                                    responded: p.datetime("响应时间")?.0, resolved: p.datetime("解决时间")?.0))
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

    static func day(_ ordinal: Int) -> Day { Day(ordinal: ordinal) }

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
