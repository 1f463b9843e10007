import KHModel
import KHSupport
import KHValidation
import KHYAML

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

    /// What an item is about: the check's code (R01–R08, in the order of spec section 5) and
    /// its level. Each check declares its kinds in its file of `Review/Checks/`
    /// (`Review.Kind.nextStepOverdue` is `ReviewRules.NextStep.overdue`); two kinds of one check
    /// tell its findings apart (overdue or merely due).
    public struct Kind: Sendable, Hashable {
        /// The JSON `kind`, e.g. `next-step-overdue`.
        public let rawValue: String
        public let code: String
        public let level: Severity
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

    /// Every item once (a next step filed under two people is one item).
    public var items: [Item] {
        var seen = Set<String>()
        return groups.flatMap(\.items).filter { i in
            seen.insert(
                [i.number, i.kind.rawValue, i.file, i.date?.description ?? "", i.message.zh].joined(separator: "\u{1F}")
            ).inserted
        }
    }

    public func count(_ level: Severity) -> Int { items.filter { $0.level == level }.count }

    /// Whether an item at `level` or more serious is on the list (`--fail-on`).
    public func has(atLeast level: Severity) -> Bool { items.contains { $0.level <= level } }

    // MARK: - Windows and thresholds (documented in docs/commands.md, kh review)

    /// Things already done, but done late (a problem handled late, a record entered late),
    /// are listed for this many days after they happened. (Each check's other windows are
    /// in its file of `Review/Checks/`.)
    public static let lateWindowDays = 30

    // MARK: - Running

    /// Reads the archive and checks every customer at `asOf`.
    public static func run(_ archive: Archive, asOf: Day, owners: [String] = []) -> Review {
        make(customers(archive, asOf: asOf), config: archive.config, asOf: asOf, owners: owners)
    }

    static func make(_ all: [ReviewCustomer], config: Config, asOf: Day, owners: [String]) -> Review {
        make(all.map { Reviewed($0, config: config, asOf: asOf) }, config: config, asOf: asOf, owners: owners)
    }

    /// What kh review finds for one customer at `asOf`: its 负责销售, its items, the files it
    /// could not read. Small (kh serve keeps one per folder and reads again only the folders
    /// that changed).
    package struct Reviewed: Sendable {
        var owner: String?
        var items: [Item]
        var skipped: [String]

        init(_ c: ReviewCustomer, config: Config, asOf: Day) {
            owner = c.owner
            items = ReviewRules.items(for: c, config: config, asOf: asOf)
            skipped = c.skipped
        }
    }

    /// One customer, by folder name.
    package static func customer(_ archive: Archive, folder: String, asOf: Day) -> Reviewed? {
        let reader = ArchiveReader(archive, kinds: [.basicInfo, .cooperation, .interaction])
        guard let dir = reader.scanner.customer(named: folder) else { return nil }
        return Reviewed(
            ReviewCustomer(reader.read(dir), config: archive.config, asOf: asOf), config: archive.config, asOf: asOf)
    }

    /// The review of customers already reviewed, in the order given.
    package static func make(_ all: [Reviewed], config: Config, asOf: Day) -> Review {
        make(all, config: config, asOf: asOf, owners: [])
    }

    /// Every customer's facts at `asOf`, in folder order.
    static func customers(_ archive: Archive, asOf: Day) -> [ReviewCustomer] {
        let config = archive.config
        // 04 and 05 hold nothing time-dependent: not read.
        return ArchiveReader(archive, kinds: [.basicInfo, .cooperation, .interaction]).map {
            ReviewCustomer($0, config: config, asOf: asOf)
        }.results
    }

    /// Items are filed under the customer's 负责销售; a next step (R01) is filed under its
    /// 负责人 as well when that is someone else, since it is theirs to do. `owners` keeps
    /// the groups of those people: a customer counts when one of its items is filed there.
    static func make(_ all: [Reviewed], config: Config, asOf: Day, owners: [String]) -> Review {
        func chosen(_ person: String?) -> Bool { owners.isEmpty || (person.map { owners.containsSame($0) } ?? false) }
        var byOwner: [String?: [Item]] = [:]
        var reviewed: [Reviewed] = []
        for c in all {
            var filed = chosen(c.owner)
            for item in c.items {
                for person in Self.people(item, owner: c.owner) where chosen(person) {
                    byOwner[person, default: []].append(item)
                    filed = true
                }
            }
            if filed { reviewed.append(c) }
        }
        let team = config.team.map(\.name)
        let keys = byOwner.keys.sorted { a, b in
            switch (a, b) {
            case (nil, _): return false
            case (_, nil): return true
            case (let a?, let b?):
                let ia = team.firstIndex { $0.same(a) } ?? Int.max
                let ib = team.firstIndex { $0.same(b) } ?? Int.max
                if ia != ib { return ia < ib }
                return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
            }
        }
        let groups = keys.compactMap { key -> Group? in
            let items = byOwner[key]!.sorted(by: Self.ordered)
            guard !items.isEmpty else { return nil }
            return Group(owner: key, active: key.flatMap { config.member(named: $0)?.active } ?? true, items: items)
        }
        return Review(
            title: config.archiveName, asOf: asOf, owners: owners, groups: groups, customers: reviewed.count,
            skipped: reviewed.flatMap(\.skipped).sorted {
                $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars)
            })
    }

    /// Whom an item is filed under: the customer's 负责销售, and a next step's 负责人 too when
    /// that is someone else.
    static func people(_ item: Item, owner: String?) -> [String?] {
        guard item.kind == .nextStepOverdue || item.kind == .nextStepDue,
            case .string(let assignee)? = item.details["assignee"], !(owner?.same(assignee) ?? false)
        else { return [owner] }
        return [owner, assignee]
    }

    /// Most urgent first: level, then days overdue (most first; no date last), then the
    /// customer's number, then code, kind, file, date and message (a total order).
    static func ordered(_ a: Item, _ b: Item) -> Bool {
        if a.level != b.level { return a.level < b.level }
        let da = a.overdueDays ?? Int.min
        let db = b.overdueDays ?? Int.min
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
    struct Contract: Sendable {
        var file: String
        var project: String
        var status: String
        var end: Day
    }
    struct Interaction: Sendable {
        var file: String
        var time: Moment?
        var created: Day?
    }
    struct Step: Sendable {
        var file: String
        var task: String
        var assignee: String?
        var due: Day
        var priority: String?
    }
    struct Problem: Sendable {
        var file: String
        var level: String
        var received: Moment
        var responded: Moment?
        var resolved: Moment?
    }
    typealias Completeness = CustomerSnapshot.Completeness

    var number: String
    var directory: String
    var name: String
    /// 01-客户基本信息/基本信息.yaml, when there is one that could be read.
    var basicFile: String?
    var owner: String?
    var stage: String?
    var tier = FieldValue.defaultTier
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

    /// Where an item about the customer as a whole points: 基本信息.yaml, or the folder.
    var basicOrFolder: String { basicFile ?? directory }

    /// The interactions that had happened by the end of `asOf`.
    func contacts(asOf: Day) -> [Moment] { interactions.compactMap(\.time).filter { $0.day <= asOf } }
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
                problems.append(
                    Problem(
                        file: r.path, level: level, received: received, responded: p.responded, resolved: p.resolved))
            }
        }
    }

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
