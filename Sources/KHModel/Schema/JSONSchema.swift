import KHSupport
import KHYAML

/// JSON Schema (draft 2020-12) for each document type and for kh.yaml, built from the same
/// declarations `kh validate` checks against (`Declarations`, with kh.yaml's lists, 团队 and
/// 字段 applied through `Config`), for editors such as VS Code with the YAML extension.
///
/// The schemas agree with kh's per-field ERRORS (KH201–KH206, KH208): what kh reports as an
/// error there the schema rejects, what kh accepts or only warns about (unknown keys, `待确认`
/// on a required field, a field that does not apply to the 客户类型) the schema accepts. Where
/// a JSON Schema cannot tell what kh can, the schema accepts (never a false error in the editor):
/// - rules relating two fields: dates in order (KH207), 企业规模 half filled (KH210), a contact
///   without 手机/电话/邮箱 (KH211);
/// - the check character of a 统一社会信用代码 (only its 18-character form is checked);
/// - how a number was written: an editor reads `1000` and `1000.00` as the same number, so an
///   amount written as a plain number is accepted whatever its decimals (kh wants exactly two);
///   likewise `+13812345678` or `0x1F` read as numbers;
/// - Unicode letters in e-mail and web addresses are approximated as "any non-ASCII character
///   but punctuation and spaces".
/// And one the other way: a value from a list (level, 是/否, enum, a person) written with
/// surrounding full-width spaces is trimmed by kh but not by the schema's `enum`.
///
/// Only keywords that mean the same in draft-07 are used (`type`, `enum`, `const`, `pattern`,
/// `minimum`/`maximum`, `properties`, `required`, `items` as one schema, `if`/`then`, `not`,
/// `allOf`, `anyOf`, `propertyNames`), without `$ref`, so that editors still on draft-07 validators read
/// the schemas the same way.
public enum JSONSchemaGenerator {
    public static let draft = "https://json-schema.org/draft/2020-12/schema"

    /// kh.yaml's schema file.
    public static let configFileName = "kh.schema.json"

    /// `客户基本信息.schema.json`.
    public static func fileName(for type: DocumentType) -> String { type.rawValue + ".schema.json" }

    /// The archive files a document type's schema applies to (a glob relative to the archive).
    public static func documents(for type: DocumentType) -> String {
        switch type {
        case .interaction: return "\(customersFolder)/*/\(type.folder)/*/*.yaml"
        case .basicInfo, .cooperation, .needs, .assessment: return "\(customersFolder)/*/\(type.folder)/*.yaml"
        }
    }

    /// One schema file: its name, the files it applies to (a glob relative to the archive), and its text.
    public struct File: Sendable {
        public var fileName: String
        public var documents: String
        public var json: String
    }

    /// Every schema, the five document types first (in folder order), then kh.yaml.
    public static func files(config: Config) -> [File] {
        let builder = Builder(config: config)
        var out = DocumentType.allCases.map { type in
            File(
                fileName: fileName(for: type), documents: documents(for: type),
                json: builder.document(type).rendered() + "\n")
        }
        out.append(
            File(
                fileName: configFileName, documents: ConfigLoader.fileName,
                json: builder.configDocument().rendered() + "\n"))
        return out
    }

    /// Every schema as (file name, JSON text ending in a newline).
    public static func schemas(config: Config) -> [(fileName: String, json: String)] {
        files(config: config).map { ($0.fileName, $0.json) }
    }
}

// MARK: - Patterns

/// Regular expressions (ECMA-262, as JSON Schema's `pattern` uses them) equivalent to `Values`.
enum SchemaPatterns {
    /// White space as `String.trimmingWhitespace` sees it (Unicode White_Space), spelled out
    /// rather than `\s` (which differs: it includes U+FEFF and lacks U+0085).
    static let space = #"[\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"#
    static let nonSpace = #"[^\t\n\u000B\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]"#

    /// A whole value of this form, white space around it allowed (kh trims), or exactly 待确认.
    static func whole(_ core: String) -> String {
        "^(?:\(space)*(?:\(core))\(space)*|\(pendingValue))$"
    }

    /// A real calendar date `YYYY-MM-DD`, leap years included (`Day.isValid`).
    static let date =
        "[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
        + "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29"
    static let datetime = "(?:\(date)) (?:[01][0-9]|2[0-3]):[0-5][0-9]"
    static let year = "[0-9]{4}"
    static let integer = "[0-9]{1,15}"
    package static let money = #"-?[0-9]{1,15}\.[0-9]{2}"#
    /// What `Double(text)` reads as a number from 0 to 1, without exponent (hexadecimal forms aside).
    static let fraction = #"(?=[^0-9]*[0-9])(?:\+?(?:0*(?:\.[0-9]*)?|0*1(?:\.0*)?)|-0*(?:\.0*)?)"#
    /// Hours, whole or decimal (`Values.hours`).
    static let hours = #"[0-9]{1,6}(?:\.[0-9]+)?"#
    /// `1[3-9]` and 9 digits, optional `+86`, one space or hyphen between any two digits.
    static let mobile = #"(?:\+86[ -]?)?1[ -]?[3-9](?:[ -]?[0-9]){9}"#
    /// 400/800 numbers (10 digits, spaces and single hyphens between), or a landline with its area code.
    static let phone =
        #"[48]00(?:-?(?: +-?)*[0-9]){7}|(?:\+86-[1-9][0-9]{1,2}|0[0-9]{2,3})-[1-9][0-9]{6,7}(?:-[0-9]{1,6})?"#
    /// A non-ASCII letter or digit, approximately: not ASCII, Latin-1 punctuation, general or CJK punctuation.
    static let unicodeLetter =
        #"[^\u0000-\u00BF\u2000-\u206F\u3000-\u303F\uFF00-\uFF0F\uFF1A-\uFF20\uFF3B-\uFF40\uFF5B-\uFF65]"#
    static let emailLocal = #"[A-Za-z0-9_%+!#$&'*/=?^`{|}~\-]"#
    static var email: String {
        let c = "(?:[A-Za-z0-9]|\(unicodeLetter))"
        let label = "\(c)(?:(?:\(c)|-)*\(c))?"
        let tld = "(?:[A-Za-z]|\(unicodeLetter)){2,}"
        return "(?=[^@]{1,64}@)\(emailLocal)+(?:\\.\(emailLocal)+)*@(?:\(label)\\.)+\(tld)"
    }
    static var url: String {
        let h = "(?:[A-Za-z0-9\\-]|\(unicodeLetter))"
        return "https?://(?:localhost|\(h)+(?:\\.\(h)+)+)(?:[/?#:]\(nonSpace)*)?"
    }
    /// 18 characters of GB 32100-2015's alphabet (no I, O, S, V, Z); the check character is not checked.
    static let creditCode = "[0-9A-HJ-NP-RTUW-Y]{18}"
}

// MARK: - Builder

private struct Builder {
    let config: Config

    func document(_ type: DocumentType) -> JSON {
        let schema = config.schemas[type] ?? Declarations.schema(for: type)
        var root = mapping(schema, conditions: type == .basicInfo)
        root["type"] = .string("object")
        root["$schema"] = .string(JSONSchemaGenerator.draft)
        root["title"] = .string(type.rawValue)
        root["description"] = .string(
            "客户档案 \(type.folder) 文件夹中的文档（由 kh schema 按 kh.yaml 生成，修改 kh.yaml 后请重新生成）。"
                + "未知字段在 kh 中只是警告，这里不报错；任何值都可以先写 待确认；以 kh validate 的结果为准。")
        return .object(root)
    }

    func configDocument() -> JSON {
        var root = mapping(Declarations.config, conditions: false)
        root["type"] = .string("object")
        root["$schema"] = .string(JSONSchemaGenerator.draft)
        root["title"] = .string("kh.yaml")
        root["description"] = .string("客户档案库的配置 kh.yaml（由 kh schema 生成）。以 kh validate 的结果为准。")
        if case .object(var properties)? = root["properties"] {
            properties[ConfigKey.fields] = fieldsSetting()
            root["properties"] = .object(properties)
        }
        return .object(root)
    }

    /// The members of a mapping's schema: properties, required, and (for 基本信息) the
    /// fields 客户类型 makes required.
    func mapping(_ schema: Schema, conditions: Bool) -> [String: JSON] {
        var properties: [String: JSON] = [:]
        var required: [JSON] = []
        var requiredFor: [(value: String, fields: [Field])] = []
        for field in schema.fields {
            let mustBePresent: Bool
            switch field.requirement {
            case .required: mustBePresent = true
            case .optional, .onlyFor: mustBePresent = false
            case .requiredFor(let t):
                mustBePresent = false
                if conditions {
                    if let i = requiredFor.firstIndex(where: { $0.value == t }) {
                        requiredFor[i].fields.append(field)
                    } else {
                        requiredFor.append((t, [field]))
                    }
                }
            }
            var s = value(field.type, nullable: !mustBePresent, required: mustBePresent)
            s["title"] = .string(field.name)
            s["description"] = .string(describe(field))
            properties[field.name] = .object(s)
            if mustBePresent { required.append(.string(field.name)) }
        }
        var out: [String: JSON] = ["properties": .object(properties)]
        if !required.isEmpty { out["required"] = .array(required) }
        if !requiredFor.isEmpty {
            // 企业名称 for 企业, 姓名 for 个人: present, not empty (an empty value is "missing" in kh).
            out["allOf"] = .array(
                requiredFor.map { value, fields in
                    var then: [String: JSON] = [:]
                    for f in fields {
                        var s: [String: JSON] = ["not": .object(["type": .string("null")])]
                        if case .list = f.type { s["minItems"] = .int(1) }
                        then[f.name] = .object(s)
                    }
                    return .object([
                        "if": .object([
                            "properties": .object([FieldName.customerType: .object(["const": .string(value)])]),
                            "required": .array([.string(FieldName.customerType)]),
                        ]),
                        "then": .object([
                            "required": .array(fields.map { .string($0.name) }), "properties": .object(then),
                        ]),
                    ])
                })
        }
        return out
    }

    static func types(_ names: [String]) -> JSON {
        names.count == 1 ? .string(names[0]) : .array(names.map { .string($0) })
    }

    /// What a value of the type looks like (`ValueType.expected`), a mapping's fields listed.
    static func describe(_ type: ValueType) -> String {
        switch type {
        case .mapping(let schema):
            let names = schema.fields.map { $0.requirement == .required ? $0.name + "*" : $0.name }
            return "映射，字段：" + names.joined(separator: "、") + (names.contains { $0.hasSuffix("*") } ? "（* 为必填）" : "")
        case .list(let item): return "列表，每项为" + describe(item)
        default: return type.expected.zh
        }
    }

    func describe(_ field: Field) -> String {
        var parts = [Self.describe(field.type)]
        switch field.requirement {
        case .required: parts.append("必填")
        case .requiredFor(let t): parts.append("\(t)客户必填")
        case .onlyFor(let t): parts.append("仅\(t)客户填写")
        case .optional: break
        }
        if field.sensitive { parts.append("敏感信息") }
        return parts.joined(separator: "；")
    }

    /// A value of `type`: its own form, `待确认`, and (when `nullable`) an empty value.
    /// YAML scalars an editor reads as numbers or booleans are accepted where kh, reading
    /// every value as text, accepts their text.
    func value(_ type: ValueType, nullable: Bool, required: Bool = false) -> [String: JSON] {
        func choice(_ values: [String]) -> [String: JSON] {
            var items: [JSON] = []
            for v in values + [pendingValue] {
                for j in Self.yamlForms(v) where !items.contains(j) { items.append(j) }
            }
            if nullable { items.append(.null) }
            return ["enum": .array(items)]
        }
        /// A collection, or the single value 待确认.
        func collection(_ type: String) -> [String: JSON] {
            [
                "type": Self.types([type, "string"] + (nullable ? ["null"] : [])),
                "pattern": .string("^\(pendingValue)$"),
            ]
        }
        switch type {
        case .text, .date, .datetime, .year, .money, .moneyWan, .integer, .fraction, .hours, .mobile, .phone, .email,
            .url, .creditCode:
            return Self.scalarValue(type, nullable: nullable)
        case .level: return choice(FieldChecker.levels)
        case .yesno: return choice(FieldChecker.yesno)
        case .person: return choice(config.team.map(\.name))
        case .choice(let values): return choice(values)
        case .configChoice(let list): return choice(config.list(list))
        case .list(let item):
            var s = collection("array")
            var i = value(item, nullable: false)
            i["description"] = .string(Self.describe(item))
            s["items"] = .object(i)
            if required { s["minItems"] = .int(1) }
            return s
        case .mapping(let schema):
            var s = collection("object")
            for (k, v) in mapping(schema, conditions: false) { s[k] = v }
            return s
        case .any:
            return [:]
        }
    }

    /// A value of a scalar type (text, dates, numbers, contact details): its JSON types, the
    /// pattern of its text and the bounds of its number.
    static func scalarValue(_ type: ValueType, nullable: Bool) -> [String: JSON] {
        func scalar(_ types: [String], _ core: String?) -> [String: JSON] {
            var s: [String: JSON] = ["type": Self.types(types + (nullable ? ["null"] : []))]
            if let core { s["pattern"] = .string(SchemaPatterns.whole(core)) }
            return s
        }
        switch type {
        case .text:
            var s = scalar(["boolean", "number", "string"], nil)
            s["pattern"] = .string(SchemaPatterns.nonSpace)
            return s
        case .date: return scalar(["string"], SchemaPatterns.date)
        case .datetime: return scalar(["string"], SchemaPatterns.datetime)
        case .year:
            var s = scalar(["integer", "string"], SchemaPatterns.year)
            s["minimum"] = .int(1000)
            s["maximum"] = .int(9999)
            return s
        case .money, .moneyWan:
            var s = scalar(["number", "string"], SchemaPatterns.money)
            s["exclusiveMinimum"] = .int(-1_000_000_000_000_000)
            s["exclusiveMaximum"] = .int(1_000_000_000_000_000)
            return s
        case .integer:
            var s = scalar(["integer", "string"], SchemaPatterns.integer)
            s["minimum"] = .int(0)
            s["maximum"] = .int(999_999_999_999_999)
            return s
        case .fraction:
            var s = scalar(["number", "string"], SchemaPatterns.fraction)
            s["minimum"] = .int(0)
            s["maximum"] = .int(1)
            return s
        case .hours:
            var s = scalar(["number", "string"], SchemaPatterns.hours)
            s["minimum"] = .int(0)
            s["exclusiveMaximum"] = .int(1_000_000)
            return s
        case .mobile:
            // 13812345678 and +8613812345678 are numbers to an editor.
            var s = scalar(["integer", "string"], SchemaPatterns.mobile)
            s["minimum"] = .int(13_000_000_000)
            s["maximum"] = .int(8_619_999_999_999)
            s["not"] = .object([
                "type": .string("integer"), "minimum": .int(20_000_000_000), "maximum": .int(8_612_999_999_999),
            ])
            return s
        case .phone:
            // 4008001234 is a number to an editor.
            var s = scalar(["integer", "string"], SchemaPatterns.phone)
            s["minimum"] = .int(4_000_000_000)
            s["maximum"] = .int(8_009_999_999)
            s["not"] = .object([
                "type": .string("integer"), "minimum": .int(4_010_000_000), "maximum": .int(7_999_999_999),
            ])
            return s
        case .email: return scalar(["string"], SchemaPatterns.email)
        case .url: return scalar(["string"], SchemaPatterns.url)
        case .creditCode:
            var s = scalar(["integer", "string"], SchemaPatterns.creditCode)
            s["minimum"] = .int(100_000_000_000_000_000)
            s["maximum"] = .int(999_999_999_999_999_999)
            return s
        default: return [:]  // not a scalar: value(_:nullable:required:) has it
        }
    }

    /// The JSON values an editor may read a list value as: the text, and the number or
    /// boolean YAML 1.2 makes of it when written plain (`2024`, `true`).
    static func yamlForms(_ text: String) -> [JSON] {
        var forms: [JSON] = [.string(text)]
        if let i = Int(text), String(i) == text { forms.append(.int(i)) }
        if text == "true" || text == "false" { forms.append(.bool(text == "true")) }
        return forms
    }

    /// kh.yaml 字段: per document type, 必填 (names) and 新增 (name: type).
    func fieldsSetting() -> JSON {
        let typeNames = ValueType.named.keys.sorted()
        let newType: JSON = .object([
            "anyOf": .array([
                .object(["enum": .array(typeNames.map { .string($0) })]),
                .object([
                    "type": .string("object"),
                    "required": .array([.string(ConfigKey.fieldType)]),
                    "propertyNames": .object([
                        "enum": .array([.string(ConfigKey.fieldType), .string(ConfigKey.fieldValues)])
                    ]),
                    "properties": .object([
                        ConfigKey.fieldType: .object([
                            "title": .string(ConfigKey.fieldType),
                            "enum": .array((typeNames + ["enum"]).map { .string($0) }),
                        ]),
                        ConfigKey.fieldValues: .object([
                            "title": .string(ConfigKey.fieldValues), "description": .string("类型为 enum 时的可选值"),
                            "type": .string("array"), "items": .object(["type": .string("string")]),
                        ]),
                    ]),
                ]),
            ])
        ])
        let perType: JSON = .object([
            "type": .array([.string("object"), .string("null")]),
            "propertyNames": .object([
                "enum": .array([.string(ConfigKey.requiredFields), .string(ConfigKey.addedFields)])
            ]),
            "properties": .object([
                ConfigKey.requiredFields: .object([
                    "title": .string(ConfigKey.requiredFields), "description": .string("把选填字段改为必填（字段名列表）"),
                    "type": .array([.string("array"), .string("null")]), "items": .object(["type": .string("string")]),
                ]),
                ConfigKey.addedFields: .object([
                    "title": .string(ConfigKey.addedFields),
                    "description": .string(
                        "新增字段：字段名: 类型（" + typeNames.joined(separator: "、") + "），或 {类型: enum, 取值: [...]}"),
                    "type": .array([.string("object"), .string("null")]), "additionalProperties": newType,
                ]),
            ]),
        ])
        let types = DocumentType.allCases.map(\.rawValue)
        return .object([
            "title": .string(ConfigKey.fields),
            "description": .string("按文档类型增加字段，或把选填字段改为必填；文档类型：" + types.joined(separator: "、")),
            "type": .array([.string("object"), .string("null")]),
            "propertyNames": .object(["enum": .array(types.map { .string($0) })]),
            "properties": .object(Dictionary(uniqueKeysWithValues: types.map { ($0, perType) })),
        ])
    }
}
