import Foundation

/// What the archive-wide rules need to know of one customer: kept instead of its trees.
public struct CustomerSummary: Sendable {
    public struct Key: Sendable {
        public var value: String
        public var file: String
        public var mark: Mark
    }

    public var directory: CustomerDirectory
    public var numberMark: (file: String, mark: Mark)?
    public var fullName: Key?
    public var normalizedName: String?
    public var creditCode: Key?
    public var mobiles: [Key] = []
    public var emails: [Key] = []
}

/// Everything one customer directory yields.
struct CustomerResult: Sendable {
    var diagnostics: [Diagnostic]
    var summary: CustomerSummary
    var documents: Int
    /// The index record, when asked for.
    var record: IndexRecord?
    /// The customer's documents as git would name them (the result cache's key), when asked for.
    var treeKey: String?
}

/// Validates one customer directory: each document against its schema, the rules inside
/// each document, and the rules that relate documents of the one customer (spec section 5).
struct CustomerValidator {
    let root: String
    let config: Config
    /// Also gather the customer's index record (kh index, kh catalogue).
    var collectRecords = false
    /// With the records, the SQLite index's rows.
    var collectDetails = false
    /// Only read the documents and gather the record: no rules (kh index, kh catalogue, which
    /// report only what they could not read).
    var rules = true
    /// Key the result by the documents' git blob ids (for the result cache).
    var hashContents = false

    /// What the archive-wide rules need of a customer, from its 01 基本信息 alone (read the
    /// same way as `validate` reads it, so the summary is the same); no diagnostics.
    func summarize(_ dir: CustomerDirectory) -> CustomerResult {
        var summary = CustomerSummary(directory: dir)
        if let basicFile = dir.documents.first(where: { $0.type == .basicInfo && $0.nameIsWellFormed }),
           let basic = DocumentLoader.loadMapping(root: root, file: basicFile, hash: false).root {
            var ctx = Context(config: config, dir: dir, basic: basic, customerType: basic.text("客户类型"))
            ctx.checkBasicInfo(basic, file: basicFile.path, summary: &summary)
        }
        summary.directory.documents = []
        summary.directory.diagnostics = []
        return CustomerResult(diagnostics: [], summary: summary, documents: 0)
    }

    func validate(_ dir: CustomerDirectory) -> CustomerResult {
        var blobs: [(String, String?)] = []
        var out = dir.diagnostics
        var summary = CustomerSummary(directory: dir)
        let basicFile = dir.documents.first { $0.type == .basicInfo && $0.nameIsWellFormed }

        var basic: YAMLMapping?
        var customerType: String?
        if let basicFile {
            let doc = DocumentLoader.loadMapping(root: root, file: basicFile, hash: hashContents)
            blobs.append((basicFile.path, doc.blob))
            out += doc.diagnostics
            basic = doc.root
            customerType = basic?.text("客户类型")
        } else {
            out.append(Diagnostic(rule: .missingBasicInfo, file: dir.path, message: Msg.missingBasicInfo))
        }
        var ctx = Context(config: config, dir: dir, basic: basic, customerType: customerType)
        var records = collectRecords ? RecordBuilder(config: config, details: collectDetails ? .init() : nil) : nil
        if let basic, let basicFile {
            if rules { ctx.checkBasicInfo(basic, file: basicFile.path, summary: &summary) }
            records?.add(basic, file: basicFile)
        }
        // 02 first: 03 project folders refer to its 合作项目.
        let order: [DocumentType] = [.basicInfo, .cooperation, .needs, .assessment, .interaction]
        let basicIndex = dir.documents.firstIndex { $0.type == .basicInfo && $0.nameIsWellFormed }
        for type in order {
            for (index, file) in dir.documents.enumerated() where file.type == type && index != basicIndex {
                let doc = DocumentLoader.loadMapping(root: root, file: file, hash: hashContents)
                blobs.append((file.path, doc.blob))
                ctx.diagnostics += doc.diagnostics
                guard let m = doc.root else { continue }
                records?.add(m, file: file)
                guard rules else { continue }
                ctx.checkFields(m, file: file)
                switch type {
                case .basicInfo: break
                case .cooperation: ctx.checkCooperation(m, file: file)
                case .interaction: ctx.checkInteraction(m, file: file)
                case .needs: ctx.checkNeeds(m, file: file)
                case .assessment: ctx.checkAssessment(m, file: file)
                }
            }
        }
        if rules { ctx.checkCustomer() }
        // An interaction record outside any quarter folder moves where its 沟通时间 says.
        for i in out.indices where out[i].fix == nil && out[i].code == Rule.wrongGroupFolder.code {
            if let to = ctx.moves[out[i].file] { out[i].fix = .move(from: out[i].file, to: to) }
        }
        out += ctx.diagnostics
        // The archive-wide rules need the folder's name and number only: its documents list
        // (2.3 million paths on 100,000 customers) is not kept past this point.
        summary.directory.documents = []
        summary.directory.diagnostics = []
        return CustomerResult(diagnostics: out, summary: summary, documents: dir.documents.count,
                              record: records?.record(dir, basic: basic),
                              treeKey: hashContents ? TreeKey.of(blobs) : nil)
    }
}

/// The state of one customer's validation.
private struct Context {
    let config: Config
    let dir: CustomerDirectory
    let basic: YAMLMapping?
    let customerType: String?
    var diagnostics: [Diagnostic] = []
    var basicPath: String?
    var contracts: [(file: String, status: String?, statusMark: Mark?)] = []
    var projects: Set<String> = []
    var assessments: [(year: Int, cents: Int64)] = []
    var reportedGroups: Set<String> = []
    /// 基本信息's 联系人 names, for 客户方 participants.
    let contactNames: [String]

    init(config: Config, dir: CustomerDirectory, basic: YAMLMapping?, customerType: String?) {
        self.config = config
        self.dir = dir
        self.basic = basic
        self.customerType = customerType
        self.contactNames = basic?.items("联系人").compactMap { $0.mapping?.text("姓名") } ?? []
    }

    /// Where `kh fix` would move a file (archive-relative), found while checking it.
    var moves: [String: String] = [:]

    mutating func add(_ rule: Rule, _ file: String, _ node: YAMLNode?, path: String?, _ message: Text, notes: [Note] = [],
                      fix: Fix? = nil) {
        diagnostics.append(Diagnostic(rule: rule, file: file, start: node?.start, end: node?.end, path: path,
                                      message: message, notes: notes, fix: fix))
    }

    /// A move fix for `file` to `name` in `folder` (both archive-relative), when the name is safe.
    mutating func move(_ file: DocumentFile, folder: String, name: String) -> Fix? {
        guard FileNames.isSafeComponent(name) else { return nil }
        let target = folder + "/" + name
        guard target != file.path else { return nil }
        moves[file.path] = target
        return .move(from: file.path, to: target)
    }

    // MARK: - Every document

    mutating func checkFields(_ m: YAMLMapping, file: DocumentFile) {
        var checker = FieldChecker(config: config, file: file.path, customerType: file.type == .basicInfo ? customerType : nil)
        checker.check(mapping: m, schema: config.schemas[file.type]!, path: "")
        diagnostics += checker.diagnostics
        if let (created, _) = m.date("创建时间"), let (updated, _) = m.date("最后更新时间"), updated < created {
            add(.dateOrder, file.path, m["最后更新时间"], path: "最后更新时间",
                Msg.dateOrder("最后更新时间", updated.description, notBefore: "创建时间", created.description))
        }
    }

    /// Is a person former staff? (nil when unknown)
    func isFormer(_ name: String) -> Bool {
        config.member(named: name).map { !$0.active } ?? false
    }

    // MARK: - 01 基本信息

    mutating func checkBasicInfo(_ m: YAMLMapping, file: String, summary: inout CustomerSummary) {
        basicPath = file
        let doc = DocumentFile(type: .basicInfo, path: file, name: "基本信息.yaml", group: nil, nameIsWellFormed: true)
        checkFields(m, file: doc)
        // Number, suffix, year.
        if let number = m.text("档案编号") {
            summary.numberMark = (file, m["档案编号"]!.start)
            if number != dir.number {
                add(.numberMismatch, file, m["档案编号"], path: "档案编号", Msg.numberMismatch(number, directory: dir.number))
            }
        }
        let company = m.submapping("企业名称")
        let displayName: (String, YAMLNode)?
        if customerType?.same("个人") == true {
            displayName = m.text("姓名").map { ($0, m["姓名"]!) }
        } else if let company, let short = company.text("简称") {
            displayName = (short, company["简称"]!)
        } else if let company, let full = company.text("全称") {
            displayName = (full, company["全称"]!)
        } else {
            displayName = nil
        }
        if let suffix = dir.suffix, let (name, node) = displayName, suffix != name {
            let parent = (dir.path as NSString).deletingLastPathComponent
            add(.suffixMismatch, file, node, path: nil, Msg.suffixMismatch(suffix, name: name, expected: "\(dir.number)_\(name)"),
                fix: FileNames.isSafeComponent(name) ? .move(from: dir.path, to: parent + "/\(dir.number)_\(name)") : nil)
        }
        if let (created, _) = m.date("创建时间"), created.year != dir.year {
            add(.numberYearMismatch, file, m["创建时间"], path: "创建时间",
                Msg.numberYearMismatch(dir.number, year: dir.year, created: created.description))
        }
        // 企业规模: both or neither.
        if let scale = m.submapping("企业规模") {
            let has = ["员工数", "年营收"].map { scale[$0].map { !$0.isAbsent } ?? false }
            if has[0] != has[1] {
                add(.halfFilledScale, file, m["企业规模"], path: "企业规模", Msg.halfFilledScale(missing: has[0] ? "年营收" : "员工数"))
            }
        }
        // 负责销售 former staff.
        if let owner = m.text("负责销售"), isFormer(owner) {
            add(.formerStaff, file, m["负责销售"], path: "负责销售", Msg.formerOwner(owner))
        }
        // Contacts: reachable; keys for duplicate detection.
        for (i, item) in m.items("联系人").enumerated() {
            guard let c = item.mapping else { continue }
            let path = "联系人[\(i + 1)]"
            let reachable = ["手机", "电话", "邮箱"].contains { c[$0].map { !$0.isAbsent } ?? false }
            if !reachable {
                add(.unreachableContact, file, item, path: path, Msg.unreachableContact(c.text("姓名")))
            }
            if let raw = c.text("手机"), let digits = Values.mobile(raw) {
                summary.mobiles.append(.init(value: digits, file: file, mark: c["手机"]!.start))
            }
            if let raw = c.text("邮箱"), Values.isEmail(raw) {
                summary.emails.append(.init(value: raw.lowercased(), file: file, mark: c["邮箱"]!.start))
            }
        }
        // KH701: the catalogue letter of the name is uncertain.
        let person = customerType?.same("个人") == true
        let owner = person ? m : company
        if let owner, let nameNode = owner[person ? "姓名" : "全称"], let name = owner.text(person ? "姓名" : "全称"),
           let (char, initials) = Pinyin.uncertainFirstCharacter(of: name, override: owner.text("拼音"), person: person) {
            add(.uncertainPinyin, file, nameNode, path: person ? "姓名" : "企业名称.全称",
                Msg.uncertainPinyin(name, char: char, initials: initials))
        }
        if customerType?.same("个人") != true, let company, let full = company.text("全称") {
            summary.fullName = .init(value: full, file: file, mark: company["全称"]!.start)
            summary.normalizedName = Normalize.name(full)
        }
        if let code = m.text("统一社会信用代码"), Values.isCreditCode(code) {
            summary.creditCode = .init(value: code, file: file, mark: m["统一社会信用代码"]!.start)
        }
    }

    // MARK: - 02 合作背景

    mutating func checkCooperation(_ m: YAMLMapping, file: DocumentFile) {
        let project = m.text("合作项目")
        if let project { projects.insert(project) }
        contracts.append((file.path, m.text("合作状态"), m["合作状态"]?.start))
        if let term = m.submapping("合同期限") {
            checkRange(term, file: file.path, path: "合同期限")
        }
        for (i, item) in m.items("续约记录").enumerated() {
            if let r = item.mapping { checkRange(r, file: file.path, path: "续约记录[\(i + 1)]") }
        }
        if file.nameIsWellFormed, let (day, rest) = FileNames.datedParts(file.name) {
            let signed = m.date("签订日期")
            let folder = (file.path as NSString).deletingLastPathComponent
            if let (d, _) = signed, d != day {
                let name = "\(d)-\(project ?? rest).yaml"
                add(.fileNameMismatch, file.path, m["签订日期"], path: "签订日期",
                    Msg.nameMismatch("日期", inName: day.description, inContent: d.description, expectedName: name),
                    fix: move(file, folder: folder, name: name))
            } else if let project, !FileNames.matches(rest, project) {
                let name = "\(signed?.0.description ?? day.description)-\(project).yaml"
                add(.fileNameMismatch, file.path, m["合作项目"], path: "合作项目",
                    Msg.nameMismatch("合作项目", inName: rest, inContent: project, expectedName: name),
                    fix: move(file, folder: folder, name: name))
            }
        }
    }

    /// 开始 ≤ 结束 in a mapping.
    mutating func checkRange(_ m: YAMLMapping, file: String, path: String) {
        if let (start, _) = m.date("开始"), let (end, _) = m.date("结束"), end < start {
            add(.dateOrder, file, m["结束"], path: path + ".结束", Msg.dateOrder("结束", end.description, notBefore: "开始", start.description))
        }
    }

    // MARK: - 03 互动记录

    mutating func checkInteraction(_ m: YAMLMapping, file: DocumentFile) {
        let time = m.datetime("沟通时间")
        let target = interactionPlace(m, file: file, time: time?.0)
        if file.group == nil, let target { _ = move(file, folder: target.folder, name: target.name) }
        // Folder.
        if let group = file.group {
            let quarter = FileNames.quarterFolder(group)
            let isProject = config.groupByProject && projects.contains(group)
            if quarter == nil && !isProject {
                let folderPath = (file.path as NSString).deletingLastPathComponent
                if !reportedGroups.contains(folderPath) {
                    reportedGroups.insert(folderPath)
                    add(.wrongGroupFolder, folderPath, nil, path: nil, Msg.badGroupFolder(group, byProject: config.groupByProject))
                }
            } else if let (y, q) = quarter, let (t, _) = time, (t.day.year, t.day.quarter) != (y, q) {
                let expected = "\(t.day.year)-Q\(t.day.quarter)"
                add(.wrongGroupFolder, file.path, m["沟通时间"], path: "沟通时间",
                    Msg.wrongQuarter(group, expected: expected, time: m.text("沟通时间") ?? ""),
                    fix: target.flatMap { move(file, folder: $0.folder, name: $0.name) })
            }
        }
        // File name.
        if file.nameIsWellFormed, let (day, rest) = FileNames.datedParts(file.name) {
            let method = m.text("沟通方式")
            if let (t, _) = time, t.day != day {
                add(.fileNameMismatch, file.path, m["沟通时间"], path: "沟通时间",
                    Msg.nameMismatch("日期", inName: day.description, inContent: t.day.description,
                                     expectedName: "\(t.day)-\(method ?? rest).yaml"),
                    fix: target.flatMap { move(file, folder: $0.folder, name: $0.name) })
            } else if let method, Declarations.methods.containsSame(method), !FileNames.matches(rest, method) {
                add(.fileNameMismatch, file.path, m["沟通方式"], path: "沟通方式",
                    Msg.nameMismatch("沟通方式", inName: rest, inContent: method,
                                     expectedName: "\(time?.0.day.description ?? day.description)-\(method).yaml"),
                    fix: target.flatMap { move(file, folder: $0.folder, name: $0.name) })
            }
        }
        // Participants among contacts.
        if basic != nil, let people = m.submapping("参与人员") {
            for (i, item) in people.items("客户方").enumerated() {
                guard let name = item.text?.trimmingWhitespace(), !name.isEmpty, !name.same(pendingValue),
                      !contactNames.containsSame(name) else { continue }
                add(.unknownParticipant, file.path, item, path: "参与人员.客户方[\(i + 1)]",
                    Msg.unknownParticipant(name, contacts: contactNames.sorted()))
            }
        }
        // Open next steps owned by former staff.
        for (i, item) in m.items("下一步计划").enumerated() {
            guard let step = item.mapping, let owner = step.text("负责人"), isFormer(owner) else { continue }
            let status = step.text("状态") ?? "待办"
            if status.same("待办") {
                add(.formerStaff, file.path, step["负责人"], path: "下一步计划[\(i + 1)].负责人", Msg.formerTaskOwner(owner))
            }
        }
        // Problem times in order.
        if let p = m.submapping("问题处理") {
            let received = p.datetime("接收时间"), responded = p.datetime("响应时间"), resolved = p.datetime("解决时间")
            if let (r, _) = received, let (s, _) = responded, s < r {
                add(.dateOrder, file.path, p["响应时间"], path: "问题处理.响应时间",
                    Msg.dateOrder("响应时间", p.text("响应时间")!, notBefore: "接收时间", p.text("接收时间")!))
            }
            let before = responded.map { ("响应时间", $0.0) } ?? received.map { ("接收时间", $0.0) }
            if let (name, b) = before, let (s, _) = resolved, s < b {
                add(.dateOrder, file.path, p["解决时间"], path: "问题处理.解决时间",
                    Msg.dateOrder("解决时间", p.text("解决时间")!, notBefore: name, p.text(name)!))
            }
        }
    }

    /// Where an interaction record belongs: the quarter folder of its 沟通时间 (or its
    /// project folder), named `<date>-<沟通方式>.yaml`; a name that already fits keeps its `-N`.
    func interactionPlace(_ m: YAMLMapping, file: DocumentFile, time: Moment?) -> (folder: String, name: String)? {
        guard let time else { return nil }
        let interactions = dir.path + "/" + DocumentType.interaction.folder
        let group: String
        if config.groupByProject {
            guard let g = file.group, projects.contains(g) else { return nil }
            group = g
        } else {
            group = "\(time.day.year)-Q\(time.day.quarter)"
        }
        var name = file.name
        let method = m.text("沟通方式").flatMap { Declarations.methods.containsSame($0) ? $0 : nil }
        if let (day, rest) = FileNames.datedParts(file.name), file.nameIsWellFormed, day == time.day,
           method.map({ FileNames.matches(rest, $0) }) ?? true {
            name = file.name
        } else if let method {
            name = "\(time.day)-\(method).yaml"
        } else {
            return nil
        }
        return (interactions + "/" + group, name)
    }

    // MARK: - 04 需求偏好

    mutating func checkNeeds(_ m: YAMLMapping, file: DocumentFile) {
        for (i, item) in m.items("需求").enumerated() {
            guard let need = item.mapping, let (low, _) = need.money("预算下限"), let (high, _) = need.money("预算上限"),
                  high < low else { continue }
            add(.dateOrder, file.path, need["预算上限"], path: "需求[\(i + 1)].预算上限",
                Msg.budgetOrder(high: need.text("预算上限")!, low: need.text("预算下限")!))
        }
    }

    // MARK: - 05 价值评估

    mutating func checkAssessment(_ m: YAMLMapping, file: DocumentFile) {
        let yearText = m.text("年度")
        let year = yearText.flatMap(Values.year)
        if file.nameIsWellFormed, let yearText, year != nil, !file.name.same("\(yearText).yaml") {
            add(.assessmentYearMismatch, file.path, m["年度"], path: "年度", Msg.yearMismatch(file.name, year: yearText),
                fix: move(file, folder: (file.path as NSString).deletingLastPathComponent, name: "\(yearText).yaml"))
        }
        guard let (cents, _) = m.money("年度合作金额") else { return }
        if let year { assessments.append((year, cents)) }
        let grade = config.grade(forCents: cents)
        if let declared = m.text("价值等级"), Declarations.grades.contains(declared), declared != grade {
            add(.assessmentGradeMismatch, file.path, m["价值等级"], path: "价值等级",
                Msg.assessmentGrade(declared, computed: grade, amount: m.text("年度合作金额")!))
        }
    }

    // MARK: - The customer as a whole

    mutating func checkCustomer() {
        guard let basic, let basicPath else { return }
        let stage = basic.text("客户阶段")
        if stage?.same("成交") == true && !dir.documents.contains(where: { $0.type == .cooperation }) {
            add(.dealWithoutContract, basicPath, basic["客户阶段"], path: "客户阶段", Msg.dealWithoutContract)
        }
        if stage?.same("流失") == true {
            let active = contracts.filter { $0.status?.same("执行中") == true }
            if !active.isEmpty {
                add(.lostWithActiveContract, basicPath, basic["客户阶段"], path: "客户阶段", Msg.lostWithActiveContract(active.count),
                    notes: active.map { Note(file: $0.file, start: $0.statusMark, message: Msg.activeContractHere) })
            }
        }
        if let declared = basic.text("价值等级"), Declarations.grades.contains(declared) {
            let latest = assessments.max { $0.year < $1.year }
            let computed = latest.map { config.grade(forCents: $0.cents) } ?? "D"
            if declared != computed {
                add(.declaredGradeMismatch, basicPath, basic["价值等级"], path: "价值等级",
                    Msg.declaredGrade(declared, computed: computed, year: latest?.year))
            }
        }
    }
}

/// The normalisation of spec section 5 for comparing full names.
public enum Normalize {
    public static func name(_ s: String) -> String {
        let nfkc = s.precomposedStringWithCompatibilityMapping
        var out = ""
        for ch in nfkc where !ch.isWhitespace {
            switch ch {
            case "（": out.append("(")
            case "）": out.append(")")
            default: out.append(ch)
            }
        }
        return out.lowercased()
    }
}
