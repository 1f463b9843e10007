import KHModel
import KHValidation
import KHYAML

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

    package static func day(_ ordinal: Int) -> Day { Day(ordinal: ordinal) }

    static func adding(_ days: Int, to d: Day) -> Day { day(ordinal(d) + days) }

    /// Minutes since 1970-01-01 00:00 of a local time.
    static func minutes(_ m: Moment) -> Int { ordinal(m.day) * 1440 + m.hour * 60 + m.minute }
}
