import KHModel
import KHSupport
import KHValidation
import KHYAML

/// The plans of the writing commands: each checks what it was given, says clearly what is
/// wrong before anything is written, and returns the change set to apply (or show).
public enum Plans {
    /// A planned change and the customer folders it touches (before and after).
    public struct Planned: Sendable {
        public var changes = ChangeSet()
        public var before = Set<String>()
        public var after = Set<String>()
        /// What the plan decided for people to know (numbers given, values assumed).
        public var notes: [Text] = []
        public init() {}
    }

    static func folderName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }

    // MARK: - kh new

    /// A new customer: the next number of `today`'s year, its folder and 基本信息.yaml.
    public static func new(
        _ c: NewCustomer, registry: CustomerRegistry, author: String, today: Day,
        taken: Set<String> = []
    ) throws(KHError) -> (number: String, planned: Planned) {
        let config = registry.archive.config
        try check(c, config: config)
        if let (existing, why) = registry.existing(c.identity) {
            throw KHError(PlanMsg.duplicate(existing.number, directory: existing.directory.path, why: why))
        }
        let number = registry.nextNumber(year: today.year, taken: taken)
        let dir = customersFolder + "/" + c.directoryName(number)
        var p = Planned()
        p.changes.create(
            dir + "/" + DocumentType.basicInfo.folder + "/基本信息.yaml",
            c.document(number: number, author: author, today: today, config: config))
        p.after.insert(folderName(dir))
        if c.industry == nil { p.notes.append(PlanMsg.pending(FieldName.industry)) }
        if !FileNames.isSafeComponent(c.folderSuffix) { p.notes.append(PlanMsg.unsafeSuffix(c.folderSuffix)) }
        return (number, p)
    }

    /// What `kh new` was given, before anything else is looked at: 客户类型 企业 or 个人, a name,
    /// a contact who can be reached, a serving 负责销售. Each fault is bad input (exit 2).
    public static func check(_ c: NewCustomer, config: Config) throws(KHError) {
        guard c.type == FieldValue.enterprise || c.type == FieldValue.person else {
            throw .badInput(PlanMsg.badType(c.type))
        }
        guard !c.name.trimmingWhitespace().isEmpty else { throw .badInput(PlanMsg.noName) }
        guard !c.contacts.isEmpty else { throw .badInput(PlanMsg.noContact) }
        for contact in c.contacts
        where !Rules.UnreachableContact.isReachable(mobile: contact.mobile, phone: contact.phone, email: contact.email)
        {
            throw .badInput(PlanMsg.unreachable(contact.name))
        }
        if let owner = c.owner { try activeMember(owner, config: config) }
    }

    /// A 负责销售 given on the command line: a serving member of 团队.
    public static func checkOwner(_ name: String, config: Config) throws(KHError) {
        try activeMember(name, config: config)
    }

    static func activeMember(_ name: String, config: Config) throws(KHError) {
        guard let m = config.member(named: name) else {
            throw .badInput(AuthorMsg.unknown(name, suggestion: Suggest.nearest(name, in: config.team.map(\.name))))
        }
        guard m.active else { throw .badInput(AuthorMsg.former(name)) }
    }

    // MARK: - kh log

    /// An interaction record in the folder and under the name its date and 沟通方式 give.
    public static func log(
        _ i: NewInteraction, customer: CustomerRegistry.Entry, archive: Archive, author: String, today: Day,
        taken: Set<String> = []
    ) throws(KHError) -> (path: String, planned: Planned) {
        let config = archive.config
        try checkChoices(method: i.method, contentType: i.contentType)
        guard !i.content.trimmingWhitespace().isEmpty else { throw .badInput(PlanMsg.noContent) }
        guard !i.ours.isEmpty else { throw .badInput(PlanMsg.noParticipants(FieldName.ours)) }
        guard !i.theirs.isEmpty else { throw .badInput(PlanMsg.noParticipants(FieldName.theirs)) }
        for person in i.ours where config.member(named: person) == nil {
            throw .badInput(AuthorMsg.unknown(person, suggestion: Suggest.nearest(person, in: config.team.map(\.name))))
        }
        for s in i.steps {
            // A vague step is well formed: the archive's rule (KH213) refuses it (exit 1).
            guard !NewInteraction.isVague(s.task) else { throw KHError(PlanMsg.vagueStep(s.task)) }
            try activeMember(s.owner, config: config)
            guard Values.date(s.due) != nil else { throw .badInput(PlanMsg.badStepDate(s.due)) }
            guard FieldChecker.levels.contains(s.priority) else {
                throw .badInput(PlanMsg.notIn(FieldName.priority, s.priority, FieldChecker.levels))
            }
        }
        if config.groupByProject {
            let projects = Self.projects(customer.directory, archive: archive)
            guard let project = i.project, projects.contains(project) else {
                throw .badInput(PlanMsg.needsProject(i.project, projects: projects))
            }
        }
        let path = i.path(customer: customer.directory.path, root: archive.root, config: config, taken: taken)
        var p = Planned()
        p.changes.create(path, i.document(author: author, today: today))
        p.before.insert(customer.directory.name)
        p.after.insert(customer.directory.name)
        return (path, p)
    }

    /// 沟通方式 and 内容类型 are among the format's values (bad input otherwise: exit 2). `kh log`
    /// asks before it looks for the customer; `log` asks again of a draft.
    public static func checkChoices(method: String, contentType: String) throws(KHError) {
        guard Declarations.methods.containsSame(method) else {
            throw .badInput(PlanMsg.notIn(FieldName.method, method, Declarations.methods))
        }
        guard Declarations.contentTypes.containsSame(contentType) else {
            throw .badInput(PlanMsg.notIn(FieldName.contentType, contentType, Declarations.contentTypes))
        }
    }

    /// The 合作项目 of a customer's 02 documents (`dir` as the registry scanned it).
    public static func projects(_ dir: CustomerDirectory, archive: Archive) -> [String] {
        CustomerReader(root: archive.root, kinds: [.cooperation]).read(dir).contracts.compactMap(\.project).sorted()
    }

    // MARK: - kh renumber, kh retire, kh reassign

    /// kh.yaml with `number` added to 退役编号 (its layout kept).
    static func retire(_ number: String, archive: Archive) throws(KHError) -> ChangeSet.Change {
        let path = archive.root + "/" + ConfigLoader.fileName
        guard case .success(let bytes) = FileSystem.read(path, limit: YAMLLimits.maxFileSize) else {
            throw KHError(Msg.configUnreadable)
        }
        do {
            var doc = try EditableDocument(bytes: bytes, path: ConfigLoader.fileName)
            try doc.append(to: ConfigKey.retiredNumbers, number)
            return .modify(path: ConfigLoader.fileName, original: bytes, bytes: doc.result())
        } catch {
            throw KHError(PlanMsg.cannotEdit(ConfigLoader.fileName))
        }
    }

    /// A customer's 基本信息 with some top-level fields set and 最后更新时间 made today.
    package static func edit(
        _ e: CustomerRegistry.Entry, archive: Archive, today: Day,
        _ body: (inout EditableDocument) throws(EditableDocument.Problem) -> Void
    ) throws(KHError) -> ChangeSet.Change {
        guard let rel = e.basicPath else { throw KHError(PlanMsg.noBasicInfo(e.directory.path)) }
        return try editFile(rel, root: archive.root, today: today, body)
    }

    /// One document edited in place (comments, order and layout kept; only the values changed
    /// change) with its 最后更新时间 set to `today`: the change, which carries the bytes it was
    /// planned from (a page compares their hash with the one its form was built from).
    package static func editFile(
        _ rel: String, root: String, today: Day,
        _ body: (inout EditableDocument) throws(EditableDocument.Problem) -> Void
    ) throws(KHError) -> ChangeSet.Change {
        guard let bytes = CustomerReader.source(root: root, path: rel) else { throw KHError(PlanMsg.cannotEdit(rel)) }
        do {
            var doc = try EditableDocument(bytes: bytes, path: rel)
            try body(&doc)
            try doc.set(FieldName.updated, today.description)
            return .modify(path: rel, original: bytes, bytes: doc.result())
        } catch {
            throw KHError(PlanMsg.cannotEdit(rel))
        }
    }

    /// `kh renumber OLD NEW`: the folder renamed, 档案编号 changed, OLD retired (a number is
    /// never reused), waivers in kh.yaml pointing into the folder follow it.
    public static func renumber(
        _ old: String, to new: String, registry: CustomerRegistry, today: Day
    ) throws(KHError) -> Planned {
        let archive = registry.archive
        let config = archive.config
        guard let e = registry.entries.first(where: { $0.number == old }) else {
            throw .badInput(PlanMsg.noSuchNumber(old))
        }
        guard config.parseNumber(Substring(new)) != nil else {
            throw .badInput(PlanMsg.badNumber(new, example: config.number(year: e.directory.year, sequence: 1)))
        }
        guard !registry.isUsedOrRetired(new) else { throw KHError(PlanMsg.numberTaken(new)) }
        let newName = new + (e.directory.suffix.map { "_" + $0 } ?? "")
        let newPath = customersFolder + "/" + newName
        var p = Planned()
        p.changes.changes.append(
            try edit(e, archive: archive, today: today) { (doc) throws(EditableDocument.Problem) in
                try doc.set(FieldName.number, new)
            })
        // kh.yaml: OLD retired; waivers follow the folder.
        let cfgPath = archive.root + "/" + ConfigLoader.fileName
        guard case .success(let bytes) = FileSystem.read(cfgPath, limit: YAMLLimits.maxFileSize) else {
            throw KHError(Msg.configUnreadable)
        }
        do {
            var doc = try EditableDocument(bytes: bytes, path: ConfigLoader.fileName)
            try doc.append(to: ConfigKey.retiredNumbers, old)
            for item in doc.root[ConfigKey.waivers]?.sequence?.items ?? [] {
                guard let w = item.mapping, let f = w[ConfigKey.waiverFile]?.scalar,
                    f.value.hasPrefix(e.directory.path + "/")
                else {
                    continue
                }
                try doc.replace(f, with: newPath + f.value.dropFirst(e.directory.path.count))
            }
            p.changes.changes.append(.modify(path: ConfigLoader.fileName, original: bytes, bytes: doc.result()))
        } catch {
            throw KHError(PlanMsg.cannotEdit(ConfigLoader.fileName))
        }
        p.changes.changes.append(.move(from: e.directory.path, to: newPath))
        p.before.insert(e.directory.name)
        p.after.insert(newName)
        return p
    }

    /// `kh retire NUMBER`: a failed prospect's folder removed ([M3]) and its number retired.
    /// A customer with contracts, or one in 成交, is not removed unless `force`.
    public static func retire(_ number: String, registry: CustomerRegistry, force: Bool) throws(KHError) -> Planned {
        let archive = registry.archive
        guard let e = registry.entries.first(where: { $0.number == number }) else {
            throw .badInput(PlanMsg.noSuchNumber(number))
        }
        let contracts = e.directory.documents.filter { $0.type == .cooperation }.count
        if !force && (contracts > 0 || e.stage == FieldValue.stageDeal) {
            throw KHError(PlanMsg.notAProspect(number, stage: e.stage ?? "", contracts: contracts))
        }
        var p = Planned()
        p.changes.changes.append(.remove(path: e.directory.path))
        p.changes.changes.append(try retire(number, archive: archive))
        return p
    }

    /// `kh reassign --from A --to B`: 负责销售 handed over in each of A's customers (or the
    /// named ones), the hand-over recorded in 备注 with its date.
    public static func reassign(
        from: String, to: String, only: [String], registry: CustomerRegistry, author: String,
        today: Day
    ) throws(KHError) -> Planned {
        let config = registry.archive.config
        guard config.member(named: from) != nil else {
            throw .badInput(AuthorMsg.unknown(from, suggestion: Suggest.nearest(from, in: config.team.map(\.name))))
        }
        try activeMember(to, config: config)
        var chosen: [CustomerRegistry.Entry] = []
        if only.isEmpty {
            chosen = registry.entries.filter { $0.owner == from }
        } else {
            for q in only {
                switch registry.find(q) {
                case .found(let e):
                    guard e.owner == from else {
                        throw .badInput(PlanMsg.notOwnedBy(e.number, owner: e.owner ?? "", from: from))
                    }
                    chosen.append(e)
                case .none: throw .badInput(PlanMsg.noSuchCustomer(q))
                case .ambiguous(let es):
                    throw .badInput(PlanMsg.ambiguous(q, es.map { "\($0.number) \($0.name ?? "")" }))
                }
            }
        }
        var p = Planned()
        let line = PlanMsg.handover(today, from: from, to: to, by: author)
        for e in chosen {
            let previous = e.basicInfo?.note
            p.changes.changes.append(
                try edit(e, archive: registry.archive, today: today) { (doc) throws(EditableDocument.Problem) in
                    try doc.set(FieldName.owner, to)
                    try doc.set(FieldName.note, previous.map { $0 + "\n" + line } ?? line)
                })
            p.before.insert(e.directory.name)
            p.after.insert(e.directory.name)
        }
        return p
    }
}

/// Messages of the plans.
public enum PlanMsg {
    static func badType(_ t: String) -> Text {
        Text(zh: "客户类型必须是 企业 或 个人，这里是「\(t)」", en: "客户类型 must be 企业 or 个人, got '\(t)'")
    }
    static func badAssignment(_ s: String) -> Text {
        Text(zh: "--set 需要 字段=值，这里是「\(s)」", en: "--set needs KEY=VALUE, got '\(s)'")
    }
    static let noName = Text(zh: "缺少客户名称（--name）", en: "the customer's name is missing (--name)")
    static let noContact = Text(
        zh: "至少需要一位联系人（--contact 姓名，并给出 --mobile、--phone 或 --email）",
        en: "at least one contact is needed (--contact NAME with --mobile, --phone or --email)")
    static func unreachable(_ name: String) -> Text {
        Text(zh: "联系人「\(name)」需要手机、电话或邮箱之一", en: "contact '\(name)' needs a mobile, a phone or an e-mail")
    }
    static func duplicate(_ number: String, directory: String, why: Text) -> Text {
        Text(
            zh: "这位客户已有档案 \(number)（\(directory)）：\(why.zh)。一个客户只建一份档案，请在原档案中更新",
            en:
                "this customer already has an archive, \(number) (\(directory)): \(why.en). One customer, one archive: update that one"
        )
    }
    static func unsafeSuffix(_ s: String) -> Text {
        let shown = Terminal.sanitize(s)
        return Text(
            zh: "「\(shown)」不能用作文件夹名的一部分（含 / \\ 等字符、控制字符、以点开头或结尾，或太长），文件夹只用编号",
            en:
                "'\(shown)' cannot be part of a folder name (it holds / \\ or other such characters, control characters, starts or ends with a dot, or is too long): the folder is named by the number alone"
        )
    }

    static func pending(_ field: String) -> Text {
        Text(zh: "\(field) 未给出，已写为 待确认（补充后再改）", en: "\(field) was not given and is written 待确认 (fill it in later)")
    }
    static func notIn(_ field: String, _ v: String, _ allowed: [String]) -> Text {
        Text(
            zh: "\(field)「\(v)」不在可选值中：\(allowed.joined(separator: "、"))",
            en: "\(field) '\(v)' is not one of: \(allowed.joined(separator: ", "))")
    }
    static let noContent = Text(
        zh: "沟通内容不能为空（--content，或不带 --content 在编辑器中填写）",
        en: "沟通内容 cannot be empty (--content, or leave it out to write it in your editor)")
    static func noParticipants(_ side: String) -> Text {
        Text(zh: "参与人员.\(side) 至少需要一人", en: "参与人员.\(side) needs at least one person")
    }
    /// KH213's message (the rule kh validate reports), and what a new step needs besides.
    static func vagueStep(_ task: String) -> Text {
        let rule = Rules.VagueNextStep.message(task)
        return Text(zh: rule.zh + "，并给出负责人和截止日期", en: rule.en + ", with an owner and a due date")
    }
    static func badStepDate(_ d: String) -> Text {
        Text(zh: "下一步计划的截止日期「\(d)」不是 YYYY-MM-DD 日期", en: "next step due date '\(d)' is not a YYYY-MM-DD date")
    }
    static func needsProject(_ given: String?, projects: [String]) -> Text {
        Text(
            zh: "kh.yaml 按项目分组互动记录：请用 --project 指定 02-合作背景 中的 合作项目" + (given.map { "（「\($0)」不在其中）" } ?? "")
                + "：" + (projects.isEmpty ? "（该客户还没有合作项目）" : projects.joined(separator: "、")),
            en: "kh.yaml groups 互动记录 by project: name one of the customer's 合作项目 with --project"
                + (given.map { " ('\($0)' is not one)" } ?? "")
                + ": " + (projects.isEmpty ? "(the customer has none yet)" : projects.joined(separator: ", ")))
    }
    static func cannotEdit(_ path: String) -> Text {
        Text(
            zh: "\(path) 无法按原样修改（不是有效的 YAML，或字段写法特殊）；请手工修改",
            en: "\(path) cannot be edited in place (not valid YAML, or an unusual layout); edit it by hand")
    }
    static func noBasicInfo(_ dir: String) -> Text {
        Text(zh: "\(dir) 没有可读的 01-客户基本信息/基本信息.yaml", en: "\(dir) has no readable 01-客户基本信息/基本信息.yaml")
    }
    static func noSuchNumber(_ n: String) -> Text {
        Text(zh: "没有档案编号为 \(n) 的客户", en: "no customer has the number \(n)")
    }
    public static func noSuchCustomerText(_ q: String) -> Text { noSuchCustomer(q) }
    public static func ambiguousText(_ q: String, _ c: [String]) -> Text { ambiguous(q, c) }
    static func noSuchCustomer(_ q: String) -> Text {
        Text(
            zh: "找不到客户「\(q)」（可用档案编号、全称、简称或姓名）",
            en: "no customer matches '\(q)' (use a number, full name, short name or 姓名)")
    }
    static func ambiguous(_ q: String, _ candidates: [String]) -> Text {
        Text(
            zh: "「\(q)」对应多位客户，请用档案编号：\(candidates.joined(separator: "；"))",
            en: "'\(q)' matches several customers; use a number: \(candidates.joined(separator: "; "))")
    }
    static func badNumber(_ n: String, example: String) -> Text {
        Text(zh: "「\(n)」不是有效的档案编号（如 \(example)）", en: "'\(n)' is not a valid archive number (e.g. \(example))")
    }
    static func numberTaken(_ n: String) -> Text {
        Text(zh: "\(n) 已被使用或已退役，编号永不重复使用", en: "\(n) is in use or retired; a number is never reused")
    }
    static func notAProspect(_ n: String, stage: String, contracts: Int) -> Text {
        Text(
            zh: "\(n) 不是失败的潜在客户（客户阶段 \(stage)，\(contracts) 份合作记录），不删除；确需删除请加 --force",
            en:
                "\(n) is not a failed prospect (客户阶段 \(stage), \(contracts) cooperation records) and is not removed; add --force if you must"
        )
    }
    static func notOwnedBy(_ n: String, owner: String, from: String) -> Text {
        Text(zh: "\(n) 的负责销售是 \(owner)，不是 \(from)", en: "\(n) is owned by \(owner), not \(from)")
    }
    static func handover(_ day: Day, from: String, to: String, by: String) -> String {
        "\(day) 负责销售由 \(from) 移交给 \(to)（\(by) 经办）"
    }
}
