import Foundation
import KHModel
import KHSupport
import KHValidation
import KHYAML

/// The generated parts of the archive format reference, `docs/archive-format.md` (`kh docs`).
///
/// The document is prose written by hand around blocks that kh generates from the data it
/// validates with: the value types (`ValueType`, `Repair`), the fields of each document and of
/// kh.yaml (`Declarations`, with the defaults of `Config`), the template's kh.yaml
/// (`TemplateFiles`) and the rules (`Rule`). Each block stands between two markers:
///
///     <!-- generated: fields 客户基本信息 -->
///     …
///     <!-- end generated -->
///
/// `FormatReferenceTests` fails when a block differs from what `block(_:)` gives now, and
/// rewrites the blocks with `KH_RECORD=1`.
public enum FormatReference {
    /// The document, relative to the repository's root.
    public static let documentPath = "docs/archive-format.md"

    public static let endMarker = "<!-- end generated -->"

    public static func startMarker(_ name: String) -> String { "<!-- generated: \(name) -->" }

    /// The name of a document type's field block, e.g. `fields 客户基本信息`.
    public static func fieldsBlock(_ type: DocumentType) -> String { "fields " + type.rawValue }

    /// Every generated block, in the order the document shows them.
    public static var blockNames: [String] {
        ["types", "fields 共同字段"] + DocumentType.allCases.map(fieldsBlock) + ["fields kh.yaml", "kh.yaml 模板", "rules"]
    }

    /// A block's Markdown (it starts and ends with an empty line), or nil for an unknown name.
    public static func block(_ name: String) -> String? {
        let config = Config()
        switch name {
        case "types": return "\n" + typesTable(config: config) + "\n"
        case "fields 共同字段": return "\n" + fieldTable(headerRows(config: config)) + "\n"
        case "fields kh.yaml": return "\n" + configTable(config: config) + "\n"
        case "kh.yaml 模板": return "\n```yaml\n" + templateConfig + "```\n\n"
        case "rules": return "\n" + rulesTable() + "\n"
        default:
            guard let type = DocumentType.allCases.first(where: { fieldsBlock($0) == name }) else { return nil }
            return "\n" + fieldTable(rows(for: type, config: config)) + "\n"
        }
    }

    // MARK: - The document's blocks

    /// A generated block as it stands in the document.
    public struct Block: Sendable, Equatable {
        public var name: String
        /// The lines between the markers, each with its line break.
        public var content: String
        /// 1-based line of the start marker.
        public var line: Int
    }

    /// What is wrong with the document's blocks.
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// The block differs from what kh generates now.
        case stale(name: String, line: Int)
        /// A block kh generates has no markers in the document.
        case missing(name: String)
        /// Markers naming a block kh does not generate.
        case unknown(name: String, line: Int)
        /// The same block twice.
        case duplicate(name: String, line: Int)
        /// A start marker without its end marker (or an end marker without a start).
        case unterminated(name: String, line: Int)

        /// Whether `update` can put it right (it rewrites what stands between markers, nothing else).
        public var isRecordable: Bool {
            if case .stale = self { return true }
            return false
        }

        public var description: String {
            switch self {
            case .stale(let name, let line): return "line \(line): block \"\(name)\" differs from what kh generates"
            case .missing(let name):
                return
                    "block \"\(name)\" is missing: add \(FormatReference.startMarker(name)) and \(FormatReference.endMarker) where it belongs"
            case .unknown(let name, let line):
                return
                    "line \(line): kh generates no block \"\(name)\" (known: \(FormatReference.blockNames.joined(separator: ", ")))"
            case .duplicate(let name, let line): return "line \(line): block \"\(name)\" appears a second time"
            case .unterminated(let name, let line): return "line \(line): \"\(name)\" has no matching marker"
            }
        }
    }

    /// The generated blocks of a document, and the markers that do not pair up.
    public static func blocks(in document: String) -> (blocks: [Block], unpaired: [Problem]) {
        let lines = document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [Block] = []
        var unpaired: [Problem] = []
        var open: (name: String, line: Int)?
        var content = ""
        let prefix = "<!-- generated: "
        let suffix = " -->"
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix(prefix) && line.hasSuffix(suffix) && line.count > prefix.count + suffix.count {
                if let o = open { unpaired.append(.unterminated(name: o.name, line: o.line)) }
                open = (String(line.dropFirst(prefix.count).dropLast(suffix.count)), i + 1)
                content = ""
            } else if line == endMarker {
                if let o = open {
                    blocks.append(Block(name: o.name, content: content, line: o.line))
                    open = nil
                } else {
                    unpaired.append(.unterminated(name: endMarker, line: i + 1))
                }
            } else if open != nil {
                content += raw + "\n"
            }
        }
        if let o = open { unpaired.append(.unterminated(name: o.name, line: o.line)) }
        return (blocks, unpaired)
    }

    /// Every difference between the document's blocks and what kh generates now.
    public static func problems(in document: String) -> [Problem] {
        let (found, unpaired) = blocks(in: document)
        var problems = unpaired
        var seen: Set<String> = []
        for b in found {
            if seen.contains(b.name) {
                problems.append(.duplicate(name: b.name, line: b.line))
                continue
            }
            seen.insert(b.name)
            guard let expected = block(b.name) else {
                problems.append(.unknown(name: b.name, line: b.line))
                continue
            }
            if b.content != expected { problems.append(.stale(name: b.name, line: b.line)) }
        }
        // A block whose end marker is missing is reported as such, not also as missing.
        for case .unterminated(let name, _) in unpaired { seen.insert(name) }
        for name in blockNames where !seen.contains(name) { problems.append(.missing(name: name)) }
        return problems
    }

    /// The document with every known block replaced by what kh generates now; the prose and
    /// the markers stay byte for byte.
    public static func update(_ document: String) -> String {
        // Only blocks whose markers pair up are rewritten: an unterminated marker never swallows prose.
        let paired = Dictionary(blocks(in: document).blocks.map { ($0.line, $0.name) }, uniquingKeysWith: { a, _ in a })
        var out: [String] = []
        var inside = false
        for (i, raw) in document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).enumerated()
        {
            if inside {
                if raw.trimmingCharacters(in: .whitespaces) == endMarker {
                    inside = false
                    out.append(raw)
                }
                continue
            }
            out.append(raw)
            if let name = paired[i + 1], let generated = block(name) {
                inside = true
                out.append(
                    contentsOf: generated.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
                        String.init))
            }
        }
        return out.joined(separator: "\n")
    }

    // MARK: - Field rows

    /// One row of a field table: the field's path (`联系人[n].手机`), its declaration, and an
    /// example value as it would be written in a document.
    struct FieldRow {
        var path: String
        var field: Field
        var example: String?
    }

    /// The header fields (`Declarations.header`), with examples from the template.
    static func headerRows(config: Config) -> [FieldRow] {
        let examples = templateExamples(DocumentType.basicInfo)
        return Declarations.header.flatMap { rows($0, prefix: "", examples: examples, config: config) }
    }

    /// The fields of a document type, header fields left out (they have their own table).
    static func rows(for type: DocumentType, config: Config) -> [FieldRow] {
        let header = Set(Declarations.header.map(\.name))
        let examples = templateExamples(type)
        return Declarations.schema(for: type).fields.filter { !header.contains($0.name) }
            .flatMap { rows($0, prefix: "", examples: examples, config: config) }
    }

    /// A field's row, then the rows of its sub-fields.
    static func rows(_ field: Field, prefix: String, examples: [String: String], config: Config) -> [FieldRow] {
        let path = prefix + field.name
        switch field.type {
        case .mapping(let schema):
            return [FieldRow(path: path, field: field, example: nil)]
                + schema.fields.flatMap { rows($0, prefix: path + ".", examples: examples, config: config) }
        case .list(.mapping(let schema)):
            return [FieldRow(path: path, field: field, example: nil)]
                + schema.fields.flatMap { rows($0, prefix: path + "[n].", examples: examples, config: config) }
        case .text:
            return [FieldRow(path: path, field: field, example: examples[path].map(clip))]
        default:
            return [
                FieldRow(path: path, field: field, example: examples[path] ?? example(for: field.type, config: config))
            ]
        }
    }

    static func fieldTable(_ rows: [FieldRow]) -> String {
        var out = "| 字段 Field | 类型 Type | 必填 Required | 取值与格式 Allowed values | 示例 Example |\n|---|---|---|---|---|\n"
        for r in rows {
            let name = "`\(r.path)`" + (r.field.sensitive ? "（敏感）" : "")
            out += row([
                name, typeName(r.field.type), requirement(r.field), allowed(r.field.type, config: Config()),
                r.example.map(code) ?? "—",
            ])
        }
        return out
    }

    static func requirement(_ field: Field) -> String {
        let atLeastOne: Bool = { if case .list = field.type { return true } else { return false } }()
        switch field.requirement {
        case .required: return atLeastOne ? "必填，至少一项" : "必填"
        case .optional: return "选填"
        case .requiredFor(let t): return "\(t)客户必填"
        case .onlyFor(let t): return "选填，仅\(t)客户"
        }
    }

    /// What a value may be: the form or the list of values kh checks against.
    static func allowed(_ type: ValueType, config: Config) -> String {
        switch type {
        case .choice(let values): return values.joined(separator: " / ")
        case .configChoice(let list):
            return "kh.yaml `\(list.rawValue)` 中的一项（默认：\(config.list(list).joined(separator: "、"))）"
        case .list(.mapping): return "列表，每项含下列字段"
        case .list(let item): return "列表，每项：" + allowed(item, config: config)
        case .mapping: return "映射，含下列字段"
        default: return type.expected.zh
        }
    }

    /// The type as people read it, with the name kh.yaml `字段.新增` uses.
    static func typeName(_ type: ValueType) -> String {
        switch type {
        case .text: return "文字 text"
        case .date: return "日期 date"
        case .datetime: return "日期时间 datetime"
        case .year: return "年份 year"
        case .money: return "金额（元）money"
        case .moneyWan: return "金额（万元）"
        case .integer: return "整数 integer"
        case .fraction: return "小数"
        case .hours: return "小时数"
        case .level: return "高中低 level"
        case .yesno: return "是否 yesno"
        case .mobile: return "手机 mobile"
        case .phone: return "电话 phone"
        case .email: return "邮箱 email"
        case .url: return "网址 url"
        case .person: return "人员 person"
        case .creditCode: return "信用代码 credit-code"
        case .choice, .configChoice: return "选项 enum"
        case .list(let item): return "列表 list（\(typeName(item))）"
        case .mapping: return "映射 mapping"
        case .any: return "映射 mapping"
        }
    }

    /// An example when the template has none: a value of the type that kh accepts.
    static func example(for type: ValueType, config: Config) -> String? {
        switch type {
        case .text, .mapping, .any: return nil
        case .date: return "2024-03-05"
        case .datetime: return "2024-03-05 14:30"
        case .year: return "2024"
        case .money: return "120000.00"
        case .moneyWan: return "5000.00"
        case .integer: return "320"
        case .fraction: return "0.8"
        case .hours: return "4"
        case .level: return FieldChecker.levels[0]
        case .yesno: return FieldChecker.yesno[0]
        case .mobile: return "13812345678"
        case .phone: return "010-62345678"
        case .email: return "zhangwei@example.com"
        case .url: return "https://www.example.com"
        case .person: return templateTeam.first ?? "王磊"
        case .creditCode: return "91110108MA01XK7Q3G"
        case .choice(let values): return values.first
        case .configChoice(let list): return config.list(list).first
        case .list(let item): return example(for: item, config: config).map { "[\($0)]" }
        }
    }

    // MARK: - Examples from the template

    /// The first value of each field path in the template's documents of a type (`待确认` and
    /// empty values skipped; lists of single values written as a flow list).
    static func templateExamples(_ type: DocumentType) -> [String: String] {
        var out: [String: String] = [:]
        for (path, content) in TemplateFiles.all {
            let parts = path.split(separator: "/")
            guard parts.count >= 4, parts[0] == Substring(customersFolder),
                DocumentType(folder: String(parts[2])) == type,
                path.hasSuffix(".yaml"), let root = YAMLParser.parse(Array(content.utf8), file: path).root
            else { continue }
            collect(root, prefix: "", into: &out)
        }
        return out
    }

    static var templateConfig: String {
        TemplateFiles.all.first { $0.path == ConfigLoader.fileName }?.content ?? ""
    }

    static var templateTeam: [String] {
        guard let root = YAMLParser.parse(Array(templateConfig.utf8), file: ConfigLoader.fileName).root?.mapping,
            let team = root[ConfigKey.team]?.sequence
        else { return [] }
        return team.items.compactMap { $0.mapping?.text(ConfigKey.memberName) }
    }

    static func collect(_ node: YAMLNode, prefix: String, into out: inout [String: String]) {
        guard case .mapping(let m) = node else { return }
        for entry in m.entries {
            let path = prefix + entry.key.value
            switch entry.value {
            case .scalar(let s):
                let v = s.value.trimmingWhitespace()
                if !s.isNull, !v.isEmpty, !v.same(pendingValue), out[path] == nil { out[path] = v }
            case .mapping:
                collect(entry.value, prefix: path + ".", into: &out)
            case .sequence(let q):
                let scalars = q.items.compactMap {
                    $0.scalar.flatMap { $0.isNull ? nil : $0.value.trimmingWhitespace() }
                }
                if !q.items.isEmpty, scalars.count == q.items.count,
                    !scalars.contains(where: { $0.same(pendingValue) }), out[path] == nil
                {
                    out[path] = "[" + scalars.joined(separator: ", ") + "]"
                }
                for item in q.items where item.mapping != nil { collect(item, prefix: path + "[n].", into: &out) }
            }
        }
    }

    /// A long text shortened to about 40 columns (a Chinese character takes two), and to its first line.
    static func clip(_ s: String) -> String {
        let line = s.split(separator: "\n").first.map(String.init) ?? s
        var out = ""
        var width = 0
        for ch in line {
            width += ch.unicodeScalars.first.map { $0.value < 0x1100 ? 1 : 2 } ?? 1
            if width > 40 { return out + "…" }
            out.append(ch)
        }
        return line == s ? out : out + "…"
    }

    // MARK: - Value types

    /// The value types in the order the document lists them, each with a value kh accepts and
    /// values people often write instead.
    static var types: [(type: ValueType, valid: [String], wrong: [String])] {
        [
            (.text, ["北京星辰科技有限公司"], []),
            (.date, ["2024-03-05"], ["2024/3/5", "2024年3月5日", "2024-02-30"]),
            (.datetime, ["2024-03-05 14:30"], ["2024/3/5 9:05", "2024-03-05"]),
            (.year, ["2024"], ["２０２４年", "24"]),
            (.money, ["120000.00", "-500.00"], ["120,000", "12万", "120000", "1000.005"]),
            (.moneyWan, ["5000.00"], ["5000"]),
            (.integer, ["320"], ["３２０", "约300"]),
            (.level, ["高", "中", "低"], ["high"]),
            (.yesno, ["是", "否"], ["Y", "true"]),
            (
                .mobile, ["13812345678", "+86 138 1234 5678", "138-1234-5678"],
                ["(+86)138.1234.5678", "1381234567", "010-62345678"]
            ),
            (
                .phone, ["010-62345678", "0755-86012345-806", "+86-10-62345678", "400-800-1234"],
                ["(010)62345678", "62345678", "13812345678"]
            ),
            (.email, ["zhangwei@example.com"], ["zhangwei#example.com"]),
            (.url, ["https://www.example.com"], ["www.example.com"]),
            (.person, [templateTeam.first ?? "王磊"], ["王经理"]),
            (.creditCode, ["91110108MA01XK7Q3G"], ["91110108ma01xk7q3g", "91110108MA01XK7Q3A"]),
            (.choice(Declarations.stages), ["成交"], ["已成交"]),
            (.list(.text), ["[数据安全, 老客户]"], ["数据安全"]),
            (.fraction, ["0.8"], ["80%"]),
            (.hours, ["0.5", "24"], ["半小时", "1小时"]),
        ]
    }

    static func typesTable(config: Config) -> String {
        var out = "| 类型 Type | 写法要求 Form | 正确示例 Valid | 常见写错 Wrong → kh fix |\n|---|---|---|---|\n"
        for (type, valid, wrong) in types {
            let form: String
            switch type {
            case .choice: form = "列表中的一项：文档中各字段的取值见下文，kh.yaml 中的列表（行业、信息来源、营收区间）可自行修改"
            case .list: form = "用 `[ ]` 写成列表，或每项一行以 `- ` 开头；只有一项也要写成列表"
            default: form = type.expected.zh
            }
            let wrongCell = wrong.map { w -> String in
                if w.isEmpty { return "" }
                if let fixed = Repair.value(w, type: type, config: config) { return "\(code(w)) → \(code(fixed))" }
                return "\(code(w))（需手工改正）"
            }.joined(separator: "<br>")
            out += row([
                typeName(type), form, valid.map(code).joined(separator: "<br>"), wrongCell.isEmpty ? "—" : wrongCell,
            ])
        }
        return out
    }

    // MARK: - kh.yaml

    static func configTable(config: Config) -> String {
        var out = "| 键 Key | 类型 Type | 必填 Required | 取值与格式 Allowed values | 默认值 Default |\n|---|---|---|---|---|\n"
        for r in configRows() {
            let allowedCell: String
            if case .any = r.field.type, r.path == ConfigKey.fields {
                allowedCell =
                    "按文档类型（" + DocumentType.allCases.map(\.rawValue).joined(separator: "、")
                    + "）写 `必填: [字段名]` 把选填字段改为必填，写 `新增: {字段名: 类型}` 增加字段；类型为 "
                    + ValueType.named.keys.sorted().map(code).joined(separator: "、") + " 或 `{类型: enum, 取值: [...]}`"
            } else {
                allowedCell = allowed(r.field.type, config: config)
            }
            out += row([
                "`\(r.path)`", typeName(r.field.type), requirement(r.field), allowedCell,
                configDefault(r.path, config: config).map(code) ?? "—",
            ])
        }
        return out
    }

    /// Every key of kh.yaml, sub-keys after their key.
    static func configRows() -> [FieldRow] {
        Declarations.config.fields.flatMap { rows($0, prefix: "", examples: [:], config: Config()) }
            .map { FieldRow(path: $0.path, field: $0.field, example: nil) }
    }

    /// Keys kh.yaml has no default for: what they hold is the archive's own.
    static let keysWithoutDefault: Set<String> = [
        ConfigKey.archiveName, member(ConfigKey.memberName), member(ConfigKey.department), member(ConfigKey.role),
        member(ConfigKey.git), ConfigKey.defaultCreator, waiver(ConfigKey.waiverRule), waiver(ConfigKey.waiverFile),
        waiver(ConfigKey.waiverReason),
    ]

    /// `团队[n].姓名`: a key of every member of 团队 as the reference lists it.
    static func member(_ key: String) -> String { "\(ConfigKey.team)[n].\(key)" }

    /// `豁免[n].规则`: a key of every waiver as the reference lists it.
    static func waiver(_ key: String) -> String { "\(ConfigKey.waivers)[n].\(key)" }

    /// What kh uses when kh.yaml leaves the key out (`Config`'s defaults).
    static func configDefault(_ path: String, config c: Config) -> String? {
        func money(_ cents: Int64) -> String {
            let v = abs(cents)
            return (cents < 0 ? "-" : "") + "\(v / 100)." + (v % 100 < 10 ? "0" : "") + "\(v % 100)"
        }
        func list(_ values: [String]) -> String { "[" + values.joined(separator: ", ") + "]" }
        let parts = path.split(separator: ".").map(String.init)
        switch parts.first {
        case ConfigKey.timeZone: return c.timeZone
        case ConfigKey.language: return c.language.rawValue
        case ConfigKey.numbering where parts.count == 2:
            return parts[1] == ConfigKey.numberPrefix ? c.numberPrefix : String(c.numberWidth)
        case ConfigKey.interactionGrouping: return c.groupByProject ? "项目" : "季度"
        case ConfigKey.retiredNumbers: return list(c.retiredNumbers)
        case ConfigKey.industries: return list(c.industries)
        case ConfigKey.revenueRanges: return list(c.revenueRanges)
        case ConfigKey.sources: return list(c.sources)
        case "\(ConfigKey.team)[n]" where parts.count == 2 && parts[1] == ConfigKey.serving: return "是"
        case ConfigKey.gradeThresholds where parts.count == 2:
            switch parts[1] {
            case "A": return money(c.gradeThresholds.a)
            case "B": return money(c.gradeThresholds.b)
            case "C": return money(c.gradeThresholds.c)
            default: return nil
            }
        case ConfigKey.classes where parts.count == 3:
            guard let cls = c.classes.first(where: { $0.name == parts[1] }) else { return nil }
            return parts[2] == ConfigKey.consecutiveYears ? String(cls.years) : money(cls.cents)
        case ConfigKey.cadence where parts.count == 3:
            guard let cadence = c.cadence[parts[1]] else { return nil }
            return parts[2] == ConfigKey.cadencePeriod ? cadence.period.rawValue : String(cadence.count)
        case ConfigKey.problemLimits where parts.count == 3:
            guard let limit = c.problemLimits.limit(parts[1]) else { return nil }
            return ProblemLimits.hours(parts[2] == ConfigKey.respond ? limit.respond : limit.resolve)
        case ConfigKey.completeness: return String(c.completeness)
        case ConfigKey.secrecyReaders where parts.count == 2: return list(c.secrecyReaders[parts[1]] ?? [])
        case ConfigKey.fields: return "{}"
        case ConfigKey.waivers where parts.count == 1: return list(c.waivers.map(\.code))
        default: return nil
        }
    }

    // MARK: - Rules

    static func rulesTable() -> String {
        var out = "| 编号 Code | 名称 Name | 级别 Severity | 类别 Category | 说明 | Summary |\n|---|---|---|---|---|---|\n"
        for r in Rule.all {
            out += row([
                r.code, "`\(r.name)`", r.severity.word(.zh) + " " + r.severity.word(.en),
                r.category.zh + " " + r.category.en, text(r.summary.zh), text(r.summary.en),
            ])
        }
        return out
    }

    // MARK: - Markdown

    static func row(_ cells: [String]) -> String {
        "| "
            + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
            .joined(separator: " | ") + " |\n"
    }

    /// Plain text in a table cell: the characters Markdown would take as markup are escaped.
    static func text(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "*", "_", "`", "[", "]", "\\": out += "\\" + String(ch)
            case "<": out += "&lt;"
            case "&": out += "&amp;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A code span that holds any text (backticks inside widen the fence).
    static func code(_ s: String) -> String {
        var fence = "`"
        while s.contains(fence) { fence += "`" }
        let pad = s.hasPrefix("`") || s.hasSuffix("`") ? " " : ""
        return fence + pad + s + pad + fence
    }
}
