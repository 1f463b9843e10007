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
        public struct Contact: Sendable { public var name: String; public var title, decisionMaker, preference, key: String? }
        public struct Contract: Sendable { public var file, project: String; public var number, signed, start, end, amount, status: String? }
        public struct Interaction: Sendable { public var file: String; public var time, method, contentType: String?; public var ours, theirs: [String] }
        public struct Step: Sendable { public var file, task: String; public var owner, due, priority, status: String? }
        public struct Need: Sendable { public var name: String; public var priority, low, high, due, status: String? }
        public struct Assessment: Sendable { public var year: Int; public var amount: String; public var declared: String?; public var grade: String }

        public var contacts: [Contact] = []
        public var contracts: [Contract] = []
        public var interactions: [Interaction] = []
        public var steps: [Step] = []
        public var needs: [Need] = []
        public var assessments: [Assessment] = []
    }
}

/// Gathers a customer's record while its documents are validated (one reading serves both).
struct RecordBuilder {
    let config: Config
    /// Gather the SQLite index's rows too.
    var details: IndexRecord.Details?
    var moments: [Moment] = []
    var updated: Day?
    var assessments: [(year: Int, cents: Int64, text: String)] = []
    var steps: [IndexRecord.NextStep] = []
    var contracts = 0

    mutating func add(_ m: YAMLMapping, file: DocumentFile) {
        if let (d, _) = m.date("最后更新时间"), updated.map({ d > $0 }) ?? true { updated = d }
        if details != nil { addDetails(m, file: file) }
        switch file.type {
        case .cooperation:
            contracts += 1
        case .interaction:
            if let (t, _) = m.datetime("沟通时间") { moments.append(t) }
            for item in m.items("下一步计划") {
                guard let s = item.mapping, let task = s.text("事项") else { continue }
                let status = s.text("状态") ?? "待办"
                if status.same("待办") {
                    steps.append(.init(task: task, owner: s.text("负责人"), due: s.text("截止日期"), file: file.path))
                }
            }
        case .assessment:
            if let y = m.text("年度").flatMap(Values.year), let (c, _) = m.money("年度合作金额") {
                assessments.append((y, c, m.text("年度合作金额")!))
            }
        default:
            break
        }
    }

    func record(_ dir: CustomerDirectory, basic: YAMLMapping?) -> IndexRecord {
        let person = basic?.text("客户类型").map { $0.same("个人") } ?? false
        let company = basic?.submapping("企业名称")
        let name = (person ? basic?.text("姓名") : company?.text("全称")) ?? dir.suffix ?? dir.number
        let override = person ? basic?.text("拼音") : company?.text("拼音")
        let latest = assessments.max { $0.year < $1.year }
        let computed = latest.map { config.grade(forCents: $0.cents) } ?? "D"
        let byYear = assessments.sorted { $0.year < $1.year }
        var counts: [DocumentType: Int] = [:]
        for d in dir.documents { counts[d.type, default: 0] += 1 }
        return IndexRecord(
            number: dir.number, directory: dir.path, type: basic?.text("客户类型"), name: name,
            shortName: person ? nil : company?.text("简称"),
            pinyin: Pinyin.key(for: name, override: override, person: person),
            industry: basic?.text("所属行业"), region: basic?.text("所在地区"), nature: basic?.text("企业性质"),
            owner: basic?.text("负责销售"), stage: basic?.text("客户阶段"), tier: basic?.text("维护级别") ?? "普通",
            declaredGrade: basic?.text("价值等级"), computedGrade: computed,
            customerClass: customerClass(byYear),
            firstInteraction: moments.min().map(Self.format), lastInteraction: moments.max().map(Self.format),
            totals: byYear.map { ($0.year, $0.text) },
            openNextSteps: steps.sorted { ($0.due ?? "", $0.file) < ($1.due ?? "", $1.file) },
            completeness: basic.map { completeness($0, person: person) } ?? 0,
            updated: updated?.description, documents: counts, details: details)
    }

    /// 重要 / 稳定 with kh.yaml's thresholds over consecutive years; 一般 with a contract; else 潜在.
    func customerClass(_ byYear: [(year: Int, cents: Int64, text: String)]) -> String {
        guard contracts > 0 else { return "潜在" }
        for c in config.classes {
            var run = 0, previous: Int?
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
        return "一般"
    }

    /// Applicable top-level fields of 基本信息 (header fields and 备注 aside) that hold a value.
    func completeness(_ m: YAMLMapping, person: Bool) -> Int {
        let skip: Set<String> = ["创建时间", "创建人", "最后更新时间", "密级", "备注", "拼音"]
        var total = 0, filled = 0
        for f in config.schemas[.basicInfo]!.fields where !skip.contains(f.name) {
            switch f.requirement {
            case .requiredFor(let t), .onlyFor(let t):
                if (t == "个人") != person { continue }
            default:
                if person && Self.enterpriseOnly.contains(f.name) { continue }
            }
            total += 1
            if let v = m[f.name], !v.isAbsent, !v.isPending { filled += 1 }
        }
        return total == 0 ? 100 : filled * 100 / total
    }

    /// Facts about a company that a 个人 customer does not have: not counted against them.
    static let enterpriseOnly: Set<String> = ["企业性质", "注册地址", "成立时间", "注册资本", "官网", "企业规模"]

    static func format(_ m: Moment) -> String {
        "\(m.day) \(Values.pad(m.hour, 2)):\(Values.pad(m.minute, 2))"
    }
}

extension RecordBuilder {
    /// A document's path inside its customer folder (`03-互动记录/2024-Q1/…`): the
    /// customer is a column of its own, and the database stays small.
    static func local(_ path: String) -> String {
        // `客户档案/<customer>/<rest>`: what follows the second slash.
        let u = path.utf8
        guard let first = u.firstIndex(of: UInt8(ascii: "/")),
              let second = u[u.index(after: first)...].firstIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: second)...])
    }

    mutating func addDetails(_ m: YAMLMapping, file: DocumentFile) {
        let local = Self.local(file.path)
        switch file.type {
        case .basicInfo:
            for item in m.items("联系人") {
                guard let c = item.mapping, let name = c.text("姓名") else { continue }
                details!.contacts.append(.init(name: name, title: c.text("职位"), decisionMaker: c.text("决策人"),
                                               preference: c.text("沟通偏好"), key: c.text("重点")))
            }
        case .cooperation:
            let term = m.submapping("合同期限")
            details!.contracts.append(.init(file: local, project: m.text("合作项目") ?? "", number: m.text("合同编号"),
                                            signed: m.text("签订日期"), start: term?.text("开始"), end: term?.text("结束"),
                                            amount: m.text("合作金额"), status: m.text("合作状态")))
        case .interaction:
            let people = m.submapping("参与人员")
            details!.interactions.append(.init(file: local, time: m.text("沟通时间"), method: m.text("沟通方式"),
                                               contentType: m.text("内容类型"),
                                               ours: people?.items("我方").compactMap(\.text) ?? [],
                                               theirs: people?.items("客户方").compactMap(\.text) ?? []))
            for item in m.items("下一步计划") {
                guard let s = item.mapping, let task = s.text("事项") else { continue }
                details!.steps.append(.init(file: local, task: task, owner: s.text("负责人"), due: s.text("截止日期"),
                                            priority: s.text("优先级"), status: s.text("状态") ?? "待办"))
            }
        case .needs:
            for item in m.items("需求") {
                guard let n = item.mapping, let name = n.text("名称") else { continue }
                details!.needs.append(.init(name: name, priority: n.text("优先级"), low: n.text("预算下限"),
                                            high: n.text("预算上限"), due: n.text("期望交付"), status: n.text("状态")))
            }
        case .assessment:
            // One row per year (a stray 2024.yml beside 2024.yaml is a validate matter).
            if let y = m.text("年度").flatMap(Values.year), !details!.assessments.contains(where: { $0.year == y }),
               let amount = m.text("年度合作金额"), let (c, _) = m.money("年度合作金额") {
                details!.assessments.append(.init(year: y, amount: amount, declared: m.text("价值等级"),
                                                  grade: config.grade(forCents: c)))
            }
        }
    }
}
