import KHModel
import KHPinyin
import KHSpreadsheet
import KHSupport
import KHValidation
import KHYAML

/// 客户档案总目录 ([M1], spec section 7): customers under the first pinyin letter of their
/// name, A–Z then #, sorted by full pinyin, then name, then number.
public struct Catalogue: Sendable {
    /// A column people can ask for (`--columns`). None of them is a sensitive field.
    public enum Column: CaseIterable, Sendable, RawRepresentable {
        case number, name, shortName, industry, owner, updated, region, stage, tier, grade, customerClass,
            lastInteraction, pinyin

        /// The column's title, also its name for `--columns`: the field's name where the
        /// column shows a field of 基本信息.
        public var rawValue: String {
            switch self {
            case .number: return FieldName.number
            case .name: return "客户名称"
            case .shortName: return FieldName.shortName
            case .industry: return FieldName.industry
            case .owner: return FieldName.owner
            case .updated: return "档案更新日期"
            case .region: return FieldName.region
            case .stage: return FieldName.stage
            case .tier: return FieldName.tier
            case .grade: return FieldName.grade
            case .customerClass: return "客户分类"
            case .lastInteraction: return "最近互动"
            case .pinyin: return FieldName.pinyin
            }
        }

        public init?(rawValue: String) {
            guard let column = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
            self = column
        }

        public static let defaults: [Column] = [.number, .name, .industry, .owner, .updated]

        func value(_ r: IndexRecord) -> String {
            switch self {
            case .number: return r.number
            case .name: return r.name
            case .shortName: return r.shortName ?? ""
            case .industry: return r.industry ?? ""
            case .owner: return r.owner ?? ""
            case .updated: return r.updated ?? ""
            case .region: return r.region ?? ""
            case .stage: return r.stage ?? ""
            case .tier: return r.tier
            case .grade: return r.computedGrade
            case .customerClass: return r.customerClass
            case .lastInteraction: return r.lastInteraction ?? ""
            case .pinyin: return r.pinyin.full
            }
        }
    }

    public struct Filter: Sendable {
        public var owners: [String] = []
        public var industries: [String] = []
        public var stages: [String] = []

        public init(owners: [String] = [], industries: [String] = [], stages: [String] = []) {
            self.owners = owners
            self.industries = industries
            self.stages = stages
        }

        func keeps(_ r: IndexRecord) -> Bool {
            (owners.isEmpty || owners.containsSame(r.owner ?? ""))
                && (industries.isEmpty || industries.containsSame(r.industry ?? ""))
                && (stages.isEmpty || stages.containsSame(r.stage ?? ""))
        }
    }

    public var title: String
    public var columns: [Column]
    /// Letter sections in order, each with its customers in catalogue order.
    public var sections: [(letter: String, records: [IndexRecord])]

    public init(title: String, records: [IndexRecord], columns: [Column] = Column.defaults, filter: Filter = Filter()) {
        self.title = title
        self.columns = columns
        let sorted = records.filter(filter.keeps)
            .map { (key: $0.pinyin, name: $0.name, number: $0.number, record: $0) }
            .sorted { PinyinKey.precedes(($0.key, $0.name, $0.number), ($1.key, $1.name, $1.number)) }
        var sections: [(letter: String, records: [IndexRecord])] = []
        for s in sorted {
            if sections.last?.letter != s.key.initial { sections.append((s.key.initial, [])) }
            sections[sections.count - 1].records.append(s.record)
        }
        self.sections = sections
    }

    public var count: Int { sections.reduce(0) { $0 + $1.records.count } }

    // MARK: - Markdown

    /// Renders well on GitHub and GitLab; nothing in it depends on the date, so a committed
    /// 客户档案总目录.md changes only when the archive does.
    public func markdown() -> String {
        var out = "# 客户档案总目录\n\n"
        out += "\(Self.cell(title)) · 共 \(count) 位客户 · 按客户名称拼音首字母排列\n\n"
        if !sections.isEmpty {
            out += sections.map { "[\($0.letter)](#\(anchor($0.letter)))" }.joined(separator: " · ") + "\n"
        }
        for section in sections {
            // Headings GitHub and GitLab turn into the anchors above: `c`, and `其他` for #.
            out += "\n## \(section.letter == "#" ? "其他（#）" : section.letter)\n\n\(section.records.count) 位客户\n\n"
            out += "| " + columns.map(\.rawValue).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: "---|", count: columns.count) + "\n"
            for r in section.records {
                out += "| " + columns.map { Self.cell($0.value(r)) }.joined(separator: " | ") + " |\n"
            }
        }
        return out
    }

    private func anchor(_ letter: String) -> String { letter == "#" ? "其他" : letter.lowercased() }

    /// A Markdown table cell: pipes escaped, line breaks and control characters as spaces.
    static func cell(_ s: String) -> String { DocumentText.markdown(s) }

    // MARK: - CSV

    /// UTF-8 with a BOM (Excel on Chinese Windows opens it right), CRLF lines, RFC 4180
    /// quoting, and cells that start with = + - @ (or a tab or CR) prefixed with ' so no
    /// spreadsheet reads them as formulas.
    /// Written by the project's one CSV writer, `Spreadsheet.csvText`.
    public func csv() -> String {
        var records = [["首字母"] + columns.map(\.rawValue)]
        for section in sections {
            for r in section.records {
                records.append([section.letter] + columns.map { $0.value(r) })
            }
        }
        return Spreadsheet.csvText(records)
    }

    /// One CSV cell, quoted and formula-safe: `Spreadsheet.csvCell`.
    static func csvCell(_ raw: String) -> String { Spreadsheet.csvCell(raw) }

    // MARK: - JSON

    public func json() -> String {
        JSON.object([
            ("title", .string(title)),
            ("count", .int(count)),
            ("columns", .array(columns.map { .string($0.rawValue) })),
            (
                "sections",
                .array(
                    sections.map { section in
                        .object([
                            ("letter", .string(section.letter)),
                            (
                                "customers",
                                .array(
                                    section.records.map { r in
                                        .object(columns.map { ($0.rawValue, JSON.string($0.value(r))) })
                                    })
                            ),
                        ])
                    })
            ),
        ]).rendered() + "\n"
    }
}
