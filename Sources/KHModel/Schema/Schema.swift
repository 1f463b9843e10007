import KHSupport
import KHYAML

/// The lists of allowed values that come from kh.yaml.
public enum ConfigList: String, Sendable {
    case industries = "行业"
    case revenueRanges = "营收区间"
    case sources = "信息来源"
}

/// A value type of spec section 3.
public indirect enum ValueType: Sendable {
    case text, date, datetime, year, money, moneyWan, integer, fraction, level, yesno
    /// A number of hours, whole or decimal (kh.yaml 问题时限; `Values.hours`).
    case hours
    case mobile, phone, email, url, person, creditCode
    case choice([String])
    case configChoice(ConfigList)
    case list(ValueType)
    case mapping(Schema)
    /// Checked by hand elsewhere (kh.yaml 字段).
    case any

    /// The type's name as kh.yaml 字段.新增 writes it.
    public static let named: [String: ValueType] = [
        "text": .text, "date": .date, "datetime": .datetime, "year": .year, "money": .money,
        "integer": .integer, "level": .level, "yesno": .yesno, "mobile": .mobile, "phone": .phone,
        "email": .email, "url": .url, "person": .person, "credit-code": .creditCode,
    ]

    /// What a value of this type looks like, for "expected …" in messages.
    public var expected: Text {
        switch self {
        case .text: return Text(zh: "非空文字", en: "non-empty text")
        case .date: return Text(zh: "日期 YYYY-MM-DD（真实存在的日期）", en: "a date YYYY-MM-DD (a real calendar date)")
        case .datetime: return Text(zh: "日期时间 YYYY-MM-DD HH:MM", en: "a date and time YYYY-MM-DD HH:MM")
        case .year: return Text(zh: "年份 YYYY", en: "a year YYYY")
        case .money:
            return Text(zh: "金额（元），保留两位小数，如 1000.00", en: "an amount in yuan with exactly two decimals, e.g. 1000.00")
        case .moneyWan:
            return Text(zh: "金额（万元），保留两位小数，如 500.00", en: "an amount in 万元 with exactly two decimals, e.g. 500.00")
        case .integer: return Text(zh: "整数（只含数字）", en: "a whole number (digits only)")
        case .fraction: return Text(zh: "0 到 1 之间的小数，如 0.8", en: "a number from 0 to 1, e.g. 0.8")
        case .hours:
            return Text(zh: "小时数（整数或小数，如 0.5、4、24）", en: "a number of hours, whole or decimal, e.g. 0.5, 4, 24")
        case .level: return Text(zh: "高、中、低 之一", en: "one of 高, 中, 低")
        case .yesno: return Text(zh: "是 或 否", en: "是 or 否")
        case .mobile:
            return Text(
                zh: "11 位手机号码，以 13–19 开头，可加 +86，分组可用空格或连字符",
                en: "an 11-digit mobile number starting 13–19, optional +86, groups separated by spaces or hyphens")
        case .phone:
            return Text(
                zh: "带区号的电话，如 010-62345678、0755-8888888-123、+86-10-62345678 或 400-800-1234",
                en:
                    "a phone number with area code, e.g. 010-62345678, 0755-8888888-123, +86-10-62345678 or 400-800-1234"
            )
        case .email: return Text(zh: "电子邮箱，如 name@example.com", en: "an e-mail address, e.g. name@example.com")
        case .url: return Text(zh: "以 http:// 或 https:// 开头的网址", en: "a URL starting with http:// or https://")
        case .person: return Text(zh: "kh.yaml 团队 中的姓名", en: "a name from kh.yaml's 团队")
        case .creditCode:
            return Text(
                zh: "18 位统一社会信用代码（校验位符合 GB 32100-2015）",
                en: "an 18-character 统一社会信用代码 with a valid GB 32100-2015 check character")
        case .choice(let values):
            return Text(zh: "以下之一：" + values.joined(separator: "、"), en: "one of: " + values.joined(separator: ", "))
        case .configChoice(let list):
            return Text(zh: "kh.yaml \(list.rawValue) 中的一项", en: "one of kh.yaml's \(list.rawValue)")
        case .list(let t): return Text(zh: "列表（每项为\(t.expected.zh)）", en: "a list (each item \(t.expected.en))")
        case .mapping: return Text(zh: "映射（键: 值）", en: "a mapping (key: value)")
        case .any: return Text(zh: "任意值", en: "any value")
        }
    }

    var isCollection: Bool {
        switch self {
        case .list, .mapping: return true
        default: return false
        }
    }
}

/// When a field must be present.
public enum Requirement: Sendable, Equatable {
    case optional, required
    /// Required when 客户类型 has this value; not applicable for the other type.
    case requiredFor(String)
    /// Optional, and only applicable when 客户类型 has this value.
    case onlyFor(String)
}

/// One field of a mapping.
public struct Field: Sendable {
    public var name: String
    public var type: ValueType
    public var requirement: Requirement
    /// Sensitive fields never appear in outputs unless asked for ([M1], [M3]).
    public var sensitive: Bool

    public init(_ name: String, _ type: ValueType, _ requirement: Requirement = .optional, sensitive: Bool = false) {
        self.name = name
        self.type = type
        self.requirement = requirement
        self.sensitive = sensitive
    }
}

/// The fields of a mapping, in declaration order.
public struct Schema: Sendable {
    public var fields: [Field]
    /// Field indices by a cheap key of the name's bytes (length and first eight bytes);
    /// String hashing would normalise the Chinese names on every lookup.
    private var byKey: [UInt64: [Int]] = [:]

    public init(_ fields: [Field]) {
        self.fields = fields
        for (i, f) in fields.enumerated() { byKey[Self.key(f.name), default: []].append(i) }
    }

    static func key(_ name: String) -> UInt64 {
        Values.bytes(name) { b in
            var k = UInt64(truncatingIfNeeded: b.count) << 56
            for i in 0..<min(7, b.count) { k |= UInt64(b[i]) << UInt64(8 * i) }
            return k
        }
    }

    public func index(_ name: String) -> Int? {
        guard let candidates = byKey[Self.key(name)] else { return nil }
        return candidates.first { fields[$0].name.same(name) }
    }

    public subscript(name: String) -> Field? {
        index(name).map { fields[$0] }
    }

    public var names: [String] { fields.map(\.name) }

    /// Adds a field, or replaces the one of the same name.
    public mutating func add(_ field: Field) {
        if let i = index(field.name) {
            fields[i] = field
        } else {
            byKey[Self.key(field.name), default: []].append(fields.count)
            fields.append(field)
        }
    }

    public mutating func makeRequired(_ name: String) -> Bool {
        guard let i = index(name) else { return false }
        if fields[i].requirement == .optional { fields[i].requirement = .required }
        if case .onlyFor(let t) = fields[i].requirement { fields[i].requirement = .requiredFor(t) }
        return true
    }
}
