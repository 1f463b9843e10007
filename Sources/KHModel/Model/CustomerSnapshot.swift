import KHYAML

/// One customer as read from disk: its folder, its documents typed, and what could not be
/// read. Produced by `CustomerReader` only; validation, the index and catalogue, review,
/// report, export, the registry of the writing commands and the pages all take snapshots
/// and never open a customer's files themselves.
public struct CustomerSnapshot: Sendable {
    /// The folder, with the documents found in it.
    public var directory: CustomerDirectory
    /// The kinds of document that were read (the others were not even listed when only 01 was asked).
    public var kinds: Set<DocumentType>
    /// `01-客户基本信息/基本信息.yaml`, when it is there (read or not).
    public var basicFile: DocumentFile?
    /// That file, when it read as a mapping.
    public var basic: BasicInfo?
    /// Other documents in the 01 folder (a stray `基本信息.yml`), read as mappings.
    public var strayBasics: [BasicInfo] = []
    /// The other four kinds, in folder order.
    public var contracts: [ContractDocument] = []
    public var interactions: [InteractionRecord] = []
    public var needs: [NeedsDocument] = []
    public var assessments: [Assessment] = []
    /// Problems of reading the documents: unreadable files, YAML syntax, a document that is
    /// not a mapping. (The layout's own problems are in `directory.diagnostics`.)
    public var problems: [Diagnostic] = []
    /// Documents that did not read as a mapping (archive-relative paths, in folder order).
    public var unreadable: [String] = []
    /// Documents whose text holds a run of 16 digits or more: the personal-data rule looks
    /// closer at these only.
    public var longDigitRuns: [(file: String, node: YAMLNode)] = []
    /// git's blob id of each document read, by path (when asked for: pages check them
    /// before a write).
    public var hashes: [String: String] = [:]

    public var number: String { directory.number }
    /// The number of documents in the folder.
    public var documentCount: Int { directory.documents.count }

    /// 全称 (企业) or 姓名 (个人); the folder's suffix or the number when 基本信息 is missing.
    public var name: String { basic?.name ?? directory.suffix ?? directory.number }

    /// Every document read, typed, in the order validation checks them (02 before 03:
    /// an interaction's project folder refers to a contract's 合作项目).
    public var documents: [any TypedDocument] {
        var out: [any TypedDocument] = []
        if let basic { out.append(basic) }
        out += strayBasics as [any TypedDocument]
        out += contracts as [any TypedDocument]
        out += needs as [any TypedDocument]
        out += assessments as [any TypedDocument]
        out += interactions as [any TypedDocument]
        return out
    }
}

// MARK: - Derived values, defined once

extension CustomerSnapshot {
    /// How much of 基本信息 is filled: its applicable top-level fields (header fields, 备注
    /// and 拼音 aside; a 个人 is not asked for company facts); 待确认 counts as missing.
    public struct Completeness: Sendable, Equatable {
        public var filled: Int
        public var total: Int
        public var missing: [String]
        /// In whole percent (100 when nothing applies).
        public var percent: Int { total == 0 ? 100 : filled * 100 / total }
    }

    /// Fields left out of the completeness count.
    static let completenessSkips: Set<String> = [
        FieldName.created, FieldName.creator, FieldName.updated, FieldName.secrecy,
        FieldName.note, FieldName.pinyin,
    ]
    /// Facts about a company that a 个人 customer does not have: not counted against them.
    public static let enterpriseOnly: Set<String> = [
        FieldName.nature, FieldName.address, FieldName.founded, FieldName.capital,
        FieldName.website, FieldName.scale,
    ]

    /// Nil without a readable 基本信息.
    public func completeness(_ config: Config) -> Completeness? { basic?.completeness(config) }

    /// 年度合作金额 per 年度, one per year (the first in folder order: a stray `2024.yml`
    /// beside `2024.yaml` is kh validate's matter), in year order.
    public var yearlyAmounts: [(year: Int, cents: Int64, text: String)] {
        var out: [(year: Int, cents: Int64, text: String)] = []
        for a in assessments {
            guard let y = a.year, !out.contains(where: { $0.year == y }), let cents = a.amount, let text = a.amountText
            else { continue }
            out.append((y, cents, text))
        }
        return out.sorted { $0.year < $1.year }
    }

    /// The grade kh.yaml's thresholds give the latest year's amount (D with no assessment).
    public func computedGrade(_ config: Config) -> String {
        yearlyAmounts.last.map { config.grade(forCents: $0.cents) } ?? "D"
    }

    /// The year of the latest assessment, when there is one.
    public var latestAssessedYear: Int? { yearlyAmounts.last?.year }

    /// 客户分类 [M3]: 重要 / 稳定 by kh.yaml's thresholds over consecutive years; 一般 with a
    /// contract; else 潜在.
    public func customerClass(_ config: Config) -> String {
        guard !contracts.isEmpty else { return "潜在" }
        return Self.customerClass(yearlyAmounts.map { ($0.year, $0.cents) }, classes: config.classes) ?? "一般"
    }

    /// The first of `classes` (kh.yaml 客户分类: 重要, 稳定) whose amount the amounts per year
    /// (in year order) reach in enough consecutive years, or nil.
    public static func customerClass(
        _ byYear: [(year: Int, cents: Int64)], classes: [(name: String, years: Int, cents: Int64)]
    ) -> String? {
        for c in classes {
            var run = 0
            var previous: Int?
            for a in byYear {
                if a.cents >= c.cents {
                    run = (previous == a.year - 1) ? run + 1 : 1
                    previous = a.year
                    if run >= c.years { return c.name }
                } else {
                    run = 0
                    previous = nil
                }
            }
        }
        return nil
    }

    /// The first and last 沟通时间.
    public var firstInteraction: Moment? { interactions.compactMap(\.time).min() }
    public var lastInteraction: Moment? { interactions.compactMap(\.time).max() }

    /// The 下一步计划 still 待办, with their records.
    public var openSteps: [(record: InteractionRecord, step: InteractionRecord.NextStep)] {
        interactions.flatMap { r in r.openSteps.map { (r, $0) } }
    }

    /// The latest 最后更新时间 of the documents read.
    public var lastUpdated: Day? { documents.compactMap(\.updated).max() }
}
