import KHModel
import KHValidation
import KHYAML

/// How the report writes numbers: amounts in yuan with two decimals, shares in percent with
/// one decimal (rounded half up, in integers: the same on every machine).
enum ReportNumbers {
    /// `1234567.00` (JSON).
    static func plain(_ cents: Int64) -> String {
        let negative = cents < 0
        let v = negative ? -cents : cents
        return (negative ? "-" : "") + String(v / 100) + "." + Values.pad(Int(v % 100), 2)
    }

    /// `1,234,567.00` (Markdown, HTML).
    static func yuan(_ cents: Int64) -> String {
        let negative = cents < 0
        let v = negative ? -cents : cents
        var whole = String(v / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        return (negative ? "-" : "") + whole + grouped + "." + Values.pad(Int(v % 100), 2)
    }

    /// `1,234,567.00`, or `—` when unknown.
    static func yuan(_ cents: Int64?) -> String { cents.map { yuan($0) } ?? "—" }

    /// `33.3` (percent of `total`; `0.0` when total is 0).
    static func share(_ n: Int, of total: Int) -> String {
        guard total > 0 else { return "0.0" }
        let permille = (n * 2000 + total) / (2 * total)
        return "\(permille / 10).\(permille % 10)"
    }

    /// `2025-01` for a month of the period.
    static func month(_ m: (year: Int, month: Int)) -> String { "\(Values.pad(m.year, 4))-\(Values.pad(m.month, 2))" }

    /// Short month labels: `1月` when the period lies in one year, else `2024-12`.
    static func monthLabels(_ period: ReportPeriod) -> [String] {
        let months = period.months
        let oneYear = Set(months.map(\.year)).count <= 1
        return months.map { oneYear ? "\($0.month)月" : month($0) }
    }

    /// `2025 年（截至 2025-06-30）` / `2024-07-01 至 2025-06-30`.
    static func periodTitle(_ p: ReportPeriod) -> String {
        var s = p.year.map { "\($0) 年" } ?? "\(p.from) 至 \(p.to)"
        if p.asOf < p.to { s += "（截至 \(p.asOf)）" }
        return s
    }

    /// Days left before a renewal: `还有 12 天`, `今天到期`, `已过期 3 天`.
    static func daysLeft(_ d: Int) -> String {
        d > 0 ? "还有 \(d) 天" : d == 0 ? "今天到期" : "已过期 \(-d) 天"
    }

    /// SLA cell: `3/4`, met out of decided (in time + late + overdue); pending shown apart.
    static func met(_ o: Report.Outcomes) -> String {
        let decided = o.inTime + o.late + o.overdue
        return decided == 0 ? "—" : "\(o.inTime)/\(decided)"
    }
}
