/// The period an analysis report (`kh report`) covers, and the day it is made as of.
///
/// Events (interactions, problems, contracts signed, renewals) count when dated from
/// `from` to `through`: the period's end, or `asOf` when that is earlier — a report as of
/// a day counts nothing dated after it. Renewals due look ahead (see `Report`).
public struct ReportPeriod: Sendable, Equatable {
    public var from: Day
    public var to: Day
    public var asOf: Day
    /// Set when the period is one calendar year (`--year`, or the default).
    public var year: Int?

    public init(from: Day, to: Day, asOf: Day, year: Int? = nil) {
        (self.from, self.to, self.asOf, self.year) = (from, to, asOf, year)
    }

    /// The calendar year `y`.
    public static func year(_ y: Int, asOf: Day) -> ReportPeriod {
        ReportPeriod(from: Day(year: y, month: 1, day: 1), to: Day(year: y, month: 12, day: 31), asOf: asOf, year: y)
    }

    /// The last day counted.
    public var through: Day { min(to, asOf) }

    public func contains(_ d: Day) -> Bool { d >= from && d <= through }

    /// The months from `from` to `through`, in order.
    public var months: [(year: Int, month: Int)] {
        var out: [(Int, Int)] = []
        var (y, m) = (from.year, from.month)
        while (y, m) <= (through.year, through.month) {
            out.append((y, m))
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        return out
    }

    /// The position of a day's month in `months`.
    func monthIndex(_ d: Day) -> Int { (d.year - from.year) * 12 + d.month - from.month }

    /// The year whose 客户分类 the report gives: the year of `through`.
    public var classYear: Int { through.year }

    /// Whether `classYear` had ended by `through` (its 05 is then due: a missing one counts as no amount).
    public var classYearClosed: Bool { through.month == 12 && through.day == 31 }
}

/// Day arithmetic on the proleptic Gregorian calendar, without time zones (dates and times
/// in the archive are local times of kh.yaml 时区).
enum DayMath {
    /// Days since 1970-01-01.
    static func ordinal(_ d: Day) -> Int { d.ordinal }

    static func day(_ ordinal: Int) -> Day { Day(ordinal: ordinal) }

    static func adding(_ days: Int, to d: Day) -> Day { day(ordinal(d) + days) }

    /// Minutes since 1970-01-01 00:00 of a local time.
    static func minutes(_ m: Moment) -> Int { ordinal(m.day) * 1440 + m.hour * 60 + m.minute }
}

/// kh.yaml 问题时限 ([M2]): hours to respond to and to resolve a problem, per 问题等级.
/// Read from kh.yaml here; a level or a limit not given keeps the spec's default.
public struct ProblemLimits: Sendable, Equatable {
    public struct Limit: Sendable, Equatable {
        public var level: String
        /// Minutes from 接收时间.
        public var respond: Int
        public var resolve: Int
    }

    public var levels: [Limit]

    public static let defaults = ProblemLimits(levels: [
        Limit(level: "一级", respond: 60, resolve: 240),
        Limit(level: "二级", respond: 120, resolve: 1440),
        Limit(level: "三级", respond: 240, resolve: 2880),
    ])

    public func limit(_ level: String) -> Limit? { levels.first { $0.level.same(level) } }

    /// kh.yaml's 问题时限 over the defaults (kh.yaml unreadable: the defaults).
    public static func load(root: String) -> ProblemLimits {
        guard case .success(let bytes) = FileSystem.read(root + "/" + ConfigLoader.fileName, limit: YAMLLimits.maxFileSize),
              case .mapping(let m)? = YAMLParser.parse(bytes, file: ConfigLoader.fileName).root else { return defaults }
        return parse(m.submapping("问题时限"))
    }

    /// `{一级: {响应: 1, 解决: 4}, …}`: hours, whole or decimal; anything else keeps the default.
    public static func parse(_ m: YAMLMapping?) -> ProblemLimits {
        var out = defaults
        guard let m else { return out }
        for i in out.levels.indices {
            guard let level = m.submapping(out.levels[i].level) else { continue }
            if let v = level.text("响应").flatMap(minutes) { out.levels[i].respond = v }
            if let v = level.text("解决").flatMap(minutes) { out.levels[i].resolve = v }
        }
        return out
    }

    static func minutes(_ hours: String) -> Int? {
        guard let h = Double(hours), h.isFinite, h >= 0, h < 1_000_000,
              hours.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        return Int((h * 60).rounded())
    }

    /// Minutes as hours for people: `4`, `0.5`.
    public static func hours(_ minutes: Int) -> String {
        if minutes % 60 == 0 { return String(minutes / 60) }
        let tenths = (minutes * 10 + 30) / 60
        return "\(tenths / 10).\(tenths % 10)"
    }
}
