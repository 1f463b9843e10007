import KHSupport
import KHYAML

/// One member of kh.yaml 团队.
public struct TeamMember: Sendable, Equatable {
    public var name: String
    public var department: String?
    public var role: String
    public var git: String?
    public var active: Bool
}

/// A waiver: rule `code` does not apply to `file` ([M5]: never globally).
public struct Waiver: Sendable, Equatable {
    public var code: String
    public var file: String
    public var reason: String
    /// Where the waiver stands in kh.yaml.
    public var mark: Mark
}

/// kh.yaml 维护频率: the period over which a 维护级别's minimum contact count is counted.
public enum CadencePeriod: String, Sendable, Equatable, CaseIterable {
    case month = "月"
    case quarter = "季度"
    case halfYear = "半年"
    case year = "年"

    /// Its length in months.
    public var months: Int {
        switch self {
        case .month: return 1
        case .quarter: return 3
        case .halfYear: return 6
        case .year: return 12
        }
    }
}

/// kh.yaml 维护频率 for one 维护级别: at least `count` interactions per `period` ([M2]).
public struct Cadence: Sendable, Equatable {
    public var period: CadencePeriod
    public var count: Int

    public init(period: CadencePeriod, count: Int) {
        self.period = period
        self.count = count
    }
}

/// kh.yaml 问题时限 ([M2]): the time to respond to and to resolve a problem, per 问题等级, in
/// minutes from 接收时间. kh.yaml gives hours, whole or decimal (`Values.hours`: `0.5`, `4`,
/// `24`), rounded to the minute; a level not given keeps the spec's default. kh review and kh
/// report both take it from `Config`.
public struct ProblemLimits: Sendable, Equatable {
    public struct Limit: Sendable, Equatable {
        public var level: String
        /// Minutes from 接收时间.
        public var respond: Int
        public var resolve: Int

        public init(level: String, respond: Int, resolve: Int) {
            (self.level, self.respond, self.resolve) = (level, respond, resolve)
        }
    }

    /// 一级, 二级, 三级, in this order.
    public var levels: [Limit]

    /// Spec section 6: 一级 1 h / 4 h, 二级 2 h / 24 h, 三级 4 h / 48 h.
    public static let defaults = ProblemLimits(levels: [
        Limit(level: "一级", respond: 60, resolve: 240),
        Limit(level: "二级", respond: 120, resolve: 1440),
        Limit(level: "三级", respond: 240, resolve: 2880),
    ])

    public func limit(_ level: String) -> Limit? { levels.first { $0.level.same(level) } }

    /// Replaces the limit of `limit.level`.
    public mutating func set(_ limit: Limit) {
        if let i = levels.firstIndex(where: { $0.level.same(limit.level) }) {
            levels[i] = limit
        } else {
            levels.append(limit)
        }
    }

    /// Minutes as hours for people (kh review and kh report alike): `4`, `0.5`, `0.25`; to a
    /// hundredth of an hour, trailing zeros dropped.
    public static func hours(_ minutes: Int) -> String {
        if minutes % 60 == 0 { return String(minutes / 60) }
        let hundredths = (minutes * 100 + 30) / 60
        let whole = hundredths / 100
        let fraction = hundredths % 100
        if fraction == 0 { return String(whole) }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// kh.yaml, with the defaults of spec section 6 for every key not given.
public struct Config: Sendable {
    public var archiveName: String = ""
    public var timeZone: String = "Asia/Shanghai"
    public var language: Language = .zh
    public var numberPrefix: String = "KH"
    public var numberWidth: Int = 3
    public var groupByProject: Bool = false
    public var retiredNumbers: [String] = []
    public var industries = ["信息技术", "制造业", "金融", "医疗", "教育", "零售业", "服务业", "物流", "能源", "建筑", "政府", "其他"]
    public var revenueRanges = ["500万以下", "500万-2000万", "2000万-1亿", "1亿-10亿", "10亿以上"]
    public var sources = ["官网表单", "展会对接", "客户转介绍", "电话咨询", "第三方平台", "陌拜", "其他"]
    public var team: [TeamMember] = []
    /// Lower bounds on 年度合作金额, in cents, for A, B, C.
    public var gradeThresholds: (a: Int64, b: Int64, c: Int64) = (10_000_000, 5_000_000, 1_000_000)
    public var completeness: Double = 0.8
    /// 维护频率 per 维护级别 (VIP, 重点, 普通).
    public var cadence: [String: Cadence] = [
        "VIP": Cadence(period: .month, count: 2),
        "重点": Cadence(period: .month, count: 1),
        "普通": Cadence(period: .quarter, count: 1),
    ]
    /// 问题时限 per 问题等级 (一级, 二级, 三级), in minutes.
    public var problemLimits = ProblemLimits.defaults
    /// 客户分类 [M3]: consecutive years at or above an annual amount (cents).
    public var classes: [(name: String, years: Int, cents: Int64)] = [("重要", 3, 100_000_000), ("稳定", 2, 30_000_000)]
    /// Document schemas with kh.yaml 字段 applied.
    public var schemas: [DocumentType: Schema] = Dictionary(
        uniqueKeysWithValues: DocumentType.allCases.map { ($0, Declarations.schema(for: $0)) })
    public var waivers: [Waiver] = []
    /// 密级查阅: per 密级 (秘密, 机密), the roles that may read such documents besides the
    /// customer's 负责销售 and the roles the data policy names (kh serve's team mode).
    public var secrecyReaders: [String: [String]] = [:]
    /// kh.yaml 默认创建人: who the writing commands name as 创建人 when not told (`--by`).
    public var defaultCreator: String?

    public init() {}

    public func list(_ list: ConfigList) -> [String] {
        switch list {
        case .industries: return industries
        case .revenueRanges: return revenueRanges
        case .sources: return sources
        }
    }

    public func member(named name: String) -> TeamMember? {
        team.first { $0.name.same(name) }
    }

    /// The grade kh.yaml's thresholds give for an annual amount (cents).
    public func grade(forCents cents: Int64) -> String {
        if cents >= gradeThresholds.a { return "A" }
        if cents >= gradeThresholds.b { return "B" }
        if cents >= gradeThresholds.c { return "C" }
        return "D"
    }

    /// The directory/archive number for a year and sequence, e.g. `KH-2024-001`.
    public func number(year: Int, sequence: Int) -> String {
        "\(numberPrefix)-\(Values.pad(year, 4))-\(Values.pad(sequence, numberWidth))"
    }

    /// Parses `KH-2024-001` (exactly `位数` digits, wider only past the width's maximum).
    public func parseNumber(_ text: Substring) -> (year: Int, sequence: Int)? {
        let prefix = numberPrefix + "-"
        guard text.hasPrefix(prefix) else { return nil }
        let rest = text.dropFirst(prefix.count)
        let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, let year = Values.digits(parts[0].utf8),
            let seq = Values.digits(parts[1].utf8), seq >= 1
        else { return nil }
        let width = parts[1].count
        if width < numberWidth { return nil }
        if width > numberWidth && (parts[1].first == "0" || String(seq).count != width) { return nil }
        return (year, seq)
    }
}
