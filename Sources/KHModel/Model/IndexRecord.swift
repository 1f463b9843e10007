import KHPinyin
import KHYAML

/// One customer as the index (`kh index`) and the catalogue see it: spec section 7.
public struct IndexRecord: Sendable {
    public struct NextStep: Sendable {
        public var task: String
        public var owner: String?
        public var due: String?
        public var file: String
    }

    public var number: String
    public var directory: String
    public var type: String?
    /// 全称 (企业) or 姓名 (个人).
    public var name: String
    public var shortName: String?
    public var pinyin: PinyinKey
    public var industry: String?
    public var region: String?
    public var nature: String?
    public var owner: String?
    public var stage: String?
    /// 维护级别 (absent: 普通).
    public var tier: String
    public var declaredGrade: String?
    public var computedGrade: String
    /// 客户分类 [M3]: 重要, 稳定, 一般, or 潜在 (no contract).
    public var customerClass: String
    public var firstInteraction: String?
    public var lastInteraction: String?
    /// 年度合作金额 per 年度, from the value assessments.
    public var totals: [(year: Int, amount: String)]
    public var openNextSteps: [NextStep]
    /// Share of 基本信息's applicable fields filled (待确认 counts as missing), in percent.
    public var completeness: Int
    /// The latest 最后更新时间 of the customer's documents.
    public var updated: String?
    public var documents: [DocumentType: Int]
    /// The rows of the SQLite index (gathered only when asked for).
    public var details: Details?

    /// What the SQLite index holds beyond the record. Contacts carry no means of contact:
    /// mobiles, phones and e-mails are sensitive ([M1]) and stay in the archive.
    public struct Details: Sendable {
        public struct Contact: Sendable {
            public var name: String
            public var title, decisionMaker, preference, key: String?
        }
        public struct Contract: Sendable {
            public var file, project: String
            public var number, signed, start, end, amount, status: String?
        }
        public struct Interaction: Sendable {
            public var file: String
            public var time, method, contentType: String?
            public var ours, theirs: [String]
        }
        public struct Step: Sendable {
            public var file, task: String
            public var owner, due, priority, status: String?
        }
        public struct Need: Sendable {
            public var name: String
            public var priority, low, high, due, status: String?
        }
        public struct Assessment: Sendable {
            public var year: Int
            public var amount: String
            public var declared: String?
            public var grade: String
        }

        public var contacts: [Contact] = []
        public var contracts: [Contract] = []
        public var interactions: [Interaction] = []
        public var steps: [Step] = []
        public var needs: [Need] = []
        public var assessments: [Assessment] = []
    }
}

extension IndexRecord {
    /// The record of a customer, with the SQLite index's rows when `details`.
    public init(_ s: CustomerSnapshot, config: Config, details withDetails: Bool = false) {
        let basic = s.basic
        let person = basic?.isPerson ?? false
        var counts: [DocumentType: Int] = [:]
        for d in s.directory.documents { counts[d.type, default: 0] += 1 }
        let steps = s.openSteps.compactMap { r, step in
            step.task.map { NextStep(task: $0, owner: step.assignee, due: step.dueText, file: r.path) }
        }
        let name = s.name
        self.init(
            number: s.number, directory: s.directory.path, type: basic?.customerType, name: name,
            shortName: person ? nil : basic?.shortName,
            pinyin: Pinyin.key(for: name, override: basic?.pinyinOverride, person: person),
            industry: basic?.industry, region: basic?.region, nature: basic?.nature,
            owner: basic?.owner, stage: basic?.stage, tier: basic?.tier ?? FieldValue.defaultTier,
            declaredGrade: basic?.declaredGrade, computedGrade: s.computedGrade(config),
            customerClass: s.customerClass(config),
            firstInteraction: s.firstInteraction.map(Self.format), lastInteraction: s.lastInteraction.map(Self.format),
            totals: s.yearlyAmounts.map { ($0.year, $0.text) },
            openNextSteps: steps.sorted { ($0.due ?? "", $0.file) < ($1.due ?? "", $1.file) },
            completeness: s.completeness(config)?.percent ?? 0,
            updated: s.lastUpdated?.description, documents: counts,
            details: withDetails ? Details(s, config: config) : nil)
    }

    static func format(_ m: Moment) -> String {
        "\(m.day) \(Values.pad(m.hour, 2)):\(Values.pad(m.minute, 2))"
    }

    /// A document's path inside its customer folder (`03-互动记录/2024-Q1/…`): the
    /// customer is a column of its own, and the database stays small.
    package static func local(_ path: String) -> String {
        // `客户档案/<customer>/<rest>`: what follows the second slash.
        let u = path.utf8
        guard let first = u.firstIndex(of: UInt8(ascii: "/")),
            let second = u[u.index(after: first)...].firstIndex(of: UInt8(ascii: "/"))
        else { return path }
        return String(path[path.utf8.index(after: second)...])
    }
}

extension IndexRecord.Details {
    init(_ s: CustomerSnapshot, config: Config) {
        for b in [s.basic].compactMap({ $0 }) + s.strayBasics {
            for c in b.contacts {
                guard let name = c.name else { continue }
                contacts.append(
                    .init(
                        name: name, title: c.title, decisionMaker: c.decisionMaker, preference: c.preference,
                        key: c.isKey))
            }
        }
        for c in s.contracts {
            contracts.append(
                .init(
                    file: IndexRecord.local(c.path), project: c.project ?? "", number: c.contractNumber,
                    signed: c.mapping.text(FieldName.signed), start: c.term?.text(FieldName.start),
                    end: c.term?.text(FieldName.end), amount: c.mapping.text(FieldName.amount), status: c.status))
        }
        for n in s.needs {
            for need in n.needs {
                guard let name = need.name else { continue }
                needs.append(
                    .init(
                        name: name, priority: need.priority, low: need.lowText, high: need.highText,
                        due: need.delivery, status: need.status))
            }
        }
        for a in s.yearlyAmounts {
            let doc = s.assessments.first { $0.year == a.year && $0.amount != nil }
            assessments.append(
                .init(
                    year: a.year, amount: a.text, declared: doc?.declaredGrade, grade: config.grade(forCents: a.cents)))
        }
        for r in s.interactions {
            let local = IndexRecord.local(r.path)
            interactions.append(
                .init(
                    file: local, time: r.timeText, method: r.method, contentType: r.contentType,
                    ours: r.ours, theirs: r.theirs))
            for step in r.steps {
                guard let task = step.task else { continue }
                steps.append(
                    .init(
                        file: local, task: task, owner: step.assignee, due: step.dueText,
                        priority: step.priority, status: step.status))
            }
        }
    }
}
