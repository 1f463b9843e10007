import KHYAML

/// The five documents of a customer, typed. Each keeps its YAML mapping, so a value's
/// position (for a diagnostic, for an in-place edit) is one lookup away: `node(_:)`. The
/// typed values are read on demand from the mapping: absent, 待确认 and malformed values read
/// as nil (kh validate reports the malformed ones).
public protocol TypedDocument: Sendable {
    var file: DocumentFile { get }
    var mapping: YAMLMapping { get }
}

extension TypedDocument {
    public var path: String { file.path }
    /// The node of a top-level field.
    public func node(_ field: String) -> YAMLNode? { mapping[field] }
    /// The header's 创建时间 and 最后更新时间.
    public var created: Day? { mapping.date(FieldName.created)?.0 }
    public var updated: Day? { mapping.date(FieldName.updated)?.0 }
}

// MARK: - 01 基本信息

public struct BasicInfo: TypedDocument {
    public let file: DocumentFile
    public let mapping: YAMLMapping

    public init(file: DocumentFile, mapping: YAMLMapping) {
        self.file = file
        self.mapping = mapping
    }

    public var number: String? { mapping.text(FieldName.number) }
    public var customerType: String? { mapping.text(FieldName.customerType) }
    /// 客户类型 个人 (anything else, or nothing, is an enterprise).
    public var isPerson: Bool { customerType?.same(FieldValue.person) ?? false }
    /// 企业名称, the mapping of 全称, 简称 and 拼音.
    public var company: YAMLMapping? { mapping.submapping(FieldName.company) }
    public var fullName: String? { company?.text(FieldName.fullName) }
    public var shortName: String? { company?.text(FieldName.shortName) }
    public var personName: String? { mapping.text(FieldName.personName) }
    /// 全称 (企业) or 姓名 (个人).
    public var name: String? { isPerson ? personName : fullName }
    /// The mapping that holds the name and its 拼音: the document (个人) or 企业名称.
    public var nameOwner: YAMLMapping? { isPerson ? mapping : company }
    /// The name's node and its path (`姓名`, `企业名称.全称`).
    public var nameNode: (node: YAMLNode, path: String)? {
        isPerson
            ? mapping[FieldName.personName].map { ($0, FieldName.personName) }
            : company?[FieldName.fullName].map { ($0, FieldName.company + "." + FieldName.fullName) }
    }
    /// The 拼音 written beside the name (overrides the catalogue's reading).
    public var pinyinOverride: String? { nameOwner?.text(FieldName.pinyin) }
    public var creditCode: String? { mapping.text(FieldName.creditCode) }
    public var industry: String? { mapping.text(FieldName.industry) }
    public var nature: String? { mapping.text(FieldName.nature) }
    public var region: String? { mapping.text(FieldName.region) }
    public var address: String? { mapping.text(FieldName.address) }
    public var scale: YAMLMapping? { mapping.submapping(FieldName.scale) }
    public var revenue: String? { scale?.text(FieldName.revenue) }
    public var owner: String? { mapping.text(FieldName.owner) }
    public var stage: String? { mapping.text(FieldName.stage) }
    /// 维护级别 as written.
    public var declaredTier: String? { mapping.text(FieldName.tier) }
    /// 维护级别 (absent: 普通).
    public var tier: String { declaredTier ?? FieldValue.defaultTier }
    /// 价值等级 as written.
    public var declaredGrade: String? { mapping.text(FieldName.grade) }
    public var source: String? { mapping.text(FieldName.source) }
    public var firstContact: Day? { mapping.date(FieldName.firstContact)?.0 }
    public var note: String? { mapping.text(FieldName.note) }
    /// How much of this document is filled (`CustomerSnapshot.Completeness`).
    public func completeness(_ config: Config) -> CustomerSnapshot.Completeness {
        let person = isPerson
        var total = 0
        var filled = 0
        var missing: [String] = []
        for f in config.schemas[.basicInfo]!.fields where !CustomerSnapshot.completenessSkips.contains(f.name) {
            switch f.requirement {
            case .requiredFor(let t), .onlyFor(let t):
                if t.same(FieldValue.person) != person { continue }
            default:
                if person && CustomerSnapshot.enterpriseOnly.contains(f.name) { continue }
            }
            total += 1
            if let v = mapping[f.name], !v.isAbsent, !v.isPending { filled += 1 } else { missing.append(f.name) }
        }
        return .init(filled: filled, total: total, missing: missing)
    }

    public var contacts: [Contact] {
        mapping.items(FieldName.contacts).enumerated().compactMap { i, item in
            item.mapping.map { Contact(mapping: $0, node: item, index: i + 1) }
        }
    }

    public struct Contact: Sendable {
        public let mapping: YAMLMapping
        /// The list item's node, and its 1-based place (`联系人[2]`).
        public let node: YAMLNode
        public let index: Int

        public var path: String { "\(FieldName.contacts)[\(index)]" }
        public var name: String? { mapping.text(FieldName.contactName) }
        public var title: String? { mapping.text(FieldName.title) }
        public var mobile: String? { mapping.text(FieldName.mobile) }
        public var phone: String? { mapping.text(FieldName.phone) }
        public var email: String? { mapping.text(FieldName.email) }
        public var decisionMaker: String? { mapping.text(FieldName.decisionMaker) }
        public var preference: String? { mapping.text(FieldName.preference) }
        public var isKey: String? { mapping.text(FieldName.keyContact) }
        /// The field holds something (a value, 待确认, or one kh validate reports as malformed).
        public func isGiven(_ field: String) -> Bool { mapping[field].map { !$0.isAbsent } ?? false }
        /// The mobile's 11 digits, when it is one.
        public var mobileDigits: String? { mobile.flatMap(Values.mobile) }
        /// The e-mail lower-cased, when it is one.
        public var normalizedEmail: String? { email.flatMap { Values.isEmail($0) ? $0.lowercased() : nil } }
    }
}

// MARK: - 02 合作背景

public struct ContractDocument: TypedDocument {
    public let file: DocumentFile
    public let mapping: YAMLMapping

    public init(file: DocumentFile, mapping: YAMLMapping) {
        self.file = file
        self.mapping = mapping
    }

    public var project: String? { mapping.text(FieldName.project) }
    public var contractNumber: String? { mapping.text(FieldName.contractNumber) }
    public var signed: Day? { mapping.date(FieldName.signed)?.0 }
    public var term: YAMLMapping? { mapping.submapping(FieldName.term) }
    public var termStart: Day? { term?.date(FieldName.start)?.0 }
    public var termEnd: Day? { term?.date(FieldName.end)?.0 }
    /// 合作金额 in cents.
    public var amount: Int64? { mapping.money(FieldName.amount)?.0 }
    public var status: String? { mapping.text(FieldName.contractStatus) }
    /// 执行中 or 待续约: a contract that runs (or is about to be renewed).
    public var isOpen: Bool {
        guard let s = status else { return false }
        return s.same(FieldValue.contractActive) || s.same(FieldValue.contractRenewing)
    }
    public var renewals: [Renewal] {
        mapping.items(FieldName.renewals).enumerated().compactMap { i, item in
            item.mapping.map { Renewal(mapping: $0, index: i + 1) }
        }
    }

    public struct Renewal: Sendable {
        public let mapping: YAMLMapping
        public let index: Int
        public var date: Day? { mapping.date(FieldName.renewalDate)?.0 }
        public var end: Day? { mapping.date(FieldName.end)?.0 }
        public var amount: Int64? { mapping.money(FieldName.renewalAmount)?.0 }
    }

    /// The renewals known on `asOf`: dated on or before it. A renewal whose 日期 cannot be read
    /// counts (kh validate reports the date); without `asOf`, every renewal.
    public func renewals(asOf: Day?) -> [Renewal] {
        renewals.filter { r in asOf.map { day in r.date.map { $0 <= day } ?? true } ?? true }
    }

    /// The contract's end as renewed: the latest 结束 of 合同期限 and of the renewals known on
    /// `asOf`. The one definition kh review, kh report and the pages use.
    public func end(asOf: Day?) -> Day? {
        var end = termEnd
        for r in renewals(asOf: asOf) {
            if let e = r.end, end.map({ e > $0 }) ?? true { end = e }
        }
        return end
    }

    /// The amount as renewed on `asOf`: the latest dated renewal's 金额, else 合作金额.
    public func currentAmount(asOf: Day?) -> Int64? {
        var current = amount
        var latest: Day?
        for r in renewals(asOf: asOf) {
            guard let day = r.date else { continue }
            if latest.map({ day >= $0 }) ?? true {
                latest = day
                if let cents = r.amount { current = cents }
            }
        }
        return current
    }
}

// MARK: - 03 互动记录

public struct InteractionRecord: TypedDocument {
    public let file: DocumentFile
    public let mapping: YAMLMapping

    public init(file: DocumentFile, mapping: YAMLMapping) {
        self.file = file
        self.mapping = mapping
    }

    public var time: Moment? { mapping.datetime(FieldName.time)?.0 }
    public var timeText: String? { mapping.text(FieldName.time) }
    public var method: String? { mapping.text(FieldName.method) }
    public var contentType: String? { mapping.text(FieldName.contentType) }
    public var content: String? { mapping.text(FieldName.content) }
    public var feedback: String? { mapping.text(FieldName.feedback) }
    public var result: String? { mapping.text(FieldName.result) }
    public var isComplaint: Bool { contentType?.same(FieldValue.complaint) ?? false }
    public var participants: YAMLMapping? { mapping.submapping(FieldName.participants) }
    /// 参与人员.我方 / 客户方: the names given.
    public var ours: [String] { participants?.items(FieldName.ours).compactMap(\.text) ?? [] }
    public var theirs: [String] { participants?.items(FieldName.theirs).compactMap(\.text) ?? [] }
    public var steps: [NextStep] {
        mapping.items(FieldName.nextSteps).enumerated().compactMap { i, item in
            item.mapping.map { NextStep(mapping: $0, index: i + 1) }
        }
    }
    /// The 下一步计划 still 待办 (no 状态 means 待办).
    public var openSteps: [NextStep] { steps.filter(\.isOpen) }
    public var problem: Problem? { mapping.submapping(FieldName.problem).map(Problem.init) }

    public struct NextStep: Sendable {
        public let mapping: YAMLMapping
        public let index: Int
        public var path: String { "\(FieldName.nextSteps)[\(index)]" }
        public var task: String? { mapping.text(FieldName.task) }
        public var assignee: String? { mapping.text(FieldName.assignee) }
        public var dueText: String? { mapping.text(FieldName.due) }
        public var due: Day? { mapping.date(FieldName.due)?.0 }
        public var priority: String? { mapping.text(FieldName.priority) }
        /// 状态 (absent: 待办).
        public var status: String { mapping.text(FieldName.status) ?? FieldValue.stepOpen }
        public var isOpen: Bool { status.same(FieldValue.stepOpen) }
    }

    /// 问题处理: a problem the customer raised.
    public struct Problem: Sendable {
        public let mapping: YAMLMapping
        public var level: String? { mapping.text(FieldName.problemLevel) }
        public var received: Moment? { mapping.datetime(FieldName.received)?.0 }
        public var responded: Moment? { mapping.datetime(FieldName.responded)?.0 }
        public var resolved: Moment? { mapping.datetime(FieldName.resolved)?.0 }
    }
}

// MARK: - 04 需求偏好

public struct NeedsDocument: TypedDocument {
    public let file: DocumentFile
    public let mapping: YAMLMapping

    public init(file: DocumentFile, mapping: YAMLMapping) {
        self.file = file
        self.mapping = mapping
    }

    public var painPoints: [String] { mapping.items(FieldName.painPoints).compactMap(\.text) }
    public var preferences: [String] { mapping.items(FieldName.preferences).compactMap(\.text) }
    public var needs: [Need] {
        mapping.items(FieldName.needs).enumerated().compactMap { i, item in
            item.mapping.map { Need(mapping: $0, index: i + 1) }
        }
    }

    public struct Need: Sendable {
        public let mapping: YAMLMapping
        public let index: Int
        public var path: String { "\(FieldName.needs)[\(index)]" }
        public var name: String? { mapping.text(FieldName.needName) }
        public var priority: String? { mapping.text(FieldName.priority) }
        public var low: Int64? { mapping.money(FieldName.budgetLow)?.0 }
        public var high: Int64? { mapping.money(FieldName.budgetHigh)?.0 }
        public var lowText: String? { mapping.text(FieldName.budgetLow) }
        public var highText: String? { mapping.text(FieldName.budgetHigh) }
        public var delivery: String? { mapping.text(FieldName.delivery) }
        public var status: String? { mapping.text(FieldName.status) }
    }
}

// MARK: - 05 价值评估

public struct Assessment: TypedDocument {
    public let file: DocumentFile
    public let mapping: YAMLMapping

    public init(file: DocumentFile, mapping: YAMLMapping) {
        self.file = file
        self.mapping = mapping
    }

    public var yearText: String? { mapping.text(FieldName.year) }
    public var year: Int? { yearText.flatMap(Values.year) }
    /// 年度合作金额 in cents, and as written.
    public var amount: Int64? { mapping.money(FieldName.yearAmount)?.0 }
    public var amountText: String? { mapping.text(FieldName.yearAmount) }
    public var declaredGrade: String? { mapping.text(FieldName.grade) }
}
