import KHModel
import KHSpreadsheet
import KHSupport
import KHValidation
import KHYAML

/// `kh import`: rows of the collection template teams fill in today ([M5]) as new customers:
/// 基本信息 from the customer columns, 需求偏好 from the needs columns, an interaction record
/// from the 跟进 columns. Rows that match an existing customer or an earlier row are reported,
/// not duplicated; every value that cannot be mapped is reported with its row and column.
public struct Importer {
    /// Other headers people write for the template's columns (`TemplateColumn`).
    static let aliases: [String: String] = [
        "编号": TemplateColumn.number, "档案编号": TemplateColumn.number, "客户名称": TemplateColumn.name,
        "个人姓名": TemplateColumn.name, "名称": TemplateColumn.name, "客户": TemplateColumn.name,
        "姓名": TemplateColumn.name, "企业名称": TemplateColumn.name, "行业": TemplateColumn.industry,
        "客户来源": TemplateColumn.source, "来源": TemplateColumn.source, "联系人姓名": TemplateColumn.contact,
        "手机": TemplateColumn.mobile, "联系电话": TemplateColumn.mobile, "电话": TemplateColumn.mobile,
        "邮箱": TemplateColumn.email, "email": TemplateColumn.email, "地址": TemplateColumn.address,
        "需求": TemplateColumn.painPoints, "关注产品": TemplateColumn.products, "关注服务": TemplateColumn.products,
        "预算": TemplateColumn.budget, "跟进时间": TemplateColumn.followUpTime, "最近跟进": TemplateColumn.followUpTime,
        "负责人": TemplateColumn.follower, "跟进记录": TemplateColumn.followUp, "下一步": TemplateColumn.nextStep,
    ]

    /// A problem with one row (`column` nil: the whole row).
    public struct Issue: Sendable {
        public var row: Int
        public var column: String?
        public var message: Text
        /// True when the row is not imported because of it.
        public var skipsRow: Bool
    }

    public struct Report: Sendable {
        public var planned = Plans.Planned()
        /// Row, number given, name.
        public var imported: [(row: Int, number: String, name: String)] = []
        public var issues: [Issue] = []
        public var unknownColumns: [String] = []
        /// The spreadsheet row the header was found in.
        public var headerRow = 1
        /// The non-empty rows above the header (a title, a note), not imported.
        public var rowsAboveHeader: [Int] = []
    }

    /// How many rows from the top of a sheet are looked at for the header.
    public static let headerSearchRows = 10

    /// The sheet with its header found: the first of its first `headerSearchRows` non-empty
    /// rows that has a 客户名称/个人姓名 column (a collection template is often filled in below
    /// a title row merged across the columns, or a note). Refused when none has.
    public static func locateHeader(_ table: Table) throws(KHError) -> Table {
        if mapHeader(table.header).columns.contains(TemplateColumn.name) { return table }
        for i in 0..<min(table.rows.count, headerSearchRows - 1)
        where mapHeader(table.rows[i]).columns.contains(TemplateColumn.name) {
            return table.headed(byRow: i)
        }
        throw KHError(ImportMsg.noNameColumn(table.header, searched: min(table.rows.count + 1, headerSearchRows)))
    }

    public let registry: CustomerRegistry
    public let author: String
    public let today: Day
    /// 负责销售 when the row's 跟进人 is not a serving member of 团队.
    public let defaultOwner: String

    public init(registry: CustomerRegistry, author: String, today: Day, defaultOwner: String? = nil) {
        self.registry = registry
        self.author = author
        self.today = today
        self.defaultOwner = defaultOwner ?? author
    }

    var config: Config { registry.archive.config }

    /// The header's columns by their template name (nil: unknown), or the reason the sheet cannot be read.
    static func mapHeader(_ header: [String]) -> (columns: [String?], unknown: [String]) {
        var out: [String?] = []
        var unknown: [String] = []
        for h in header {
            let key = Repair.fold(h).replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "／", with: "/")
            if TemplateColumn.all.contains(key) {
                out.append(key)
            } else if let a = aliases[key] ?? aliases[key.lowercased()] {
                out.append(a)
            } else {
                out.append(nil)
                if !h.isEmpty { unknown.append(h) }
            }
        }
        return (out, unknown)
    }

    public func plan(_ sheet: Table) throws(KHError) -> Report {
        var report = Report()
        let table = try Self.locateHeader(sheet)
        report.headerRow = table.headerLine
        if table.headerLine != sheet.headerLine {
            report.rowsAboveHeader = [sheet.headerLine] + sheet.lines.prefix { $0 < table.headerLine }
        }
        let (columns, unknown) = Self.mapHeader(table.header)
        report.unknownColumns = unknown
        var taken = Set<String>()
        var planned = CustomerRegistry.IdentityIndex<Int>()  // earlier rows
        var created = Set<String>()
        let cellsByRow = table.rows.map { Self.cells($0, columns: columns) }
        // Numbers the sheet gives are kept for their rows: new numbers go around them.
        let reserved = Set(
            cellsByRow.compactMap { $0[TemplateColumn.number] }.filter {
                config.parseNumber(Substring($0)) != nil && !registry.isUsedOrRetired($0)
            })
        var sequence = registry.highestSequence(year: today.year)
        for (i, cell) in cellsByRow.enumerated() {
            let row = i < table.lines.count ? table.lines[i] : i + 2
            if cell.isEmpty { continue }
            var issues: [Issue] = []
            func issue(_ column: String?, _ m: Text, skip: Bool = false) {
                issues.append(Issue(row: row, column: column, message: m, skipsRow: skip))
            }
            guard let mappedRow = mapRow(cell, row: row, issue: issue) else {
                report.issues += issues
                continue
            }
            var (customer, interaction, needs, number) = mappedRow
            // One customer, one archive: the archive, then earlier rows.
            if let (existing, why) = registry.existing(customer.identity) {
                issue(nil, ImportMsg.exists(existing.number, why: why), skip: true)
            } else if let (earlier, why) = planned.find(customer.identity) {
                issue(nil, ImportMsg.sameAsRow(earlier, why: why), skip: true)
            }
            if let n = number, registry.isUsedOrRetired(n) || taken.contains(n) {
                if !issues.contains(where: { $0.skipsRow }) { issue(TemplateColumn.number, ImportMsg.numberTaken(n)) }
                number = nil
            }
            // A row left out is reported by why it is left out only.
            if issues.contains(where: { $0.skipsRow }) {
                report.issues += issues.filter(\.skipsRow)
                continue
            }
            report.issues += issues
            let assigned = number ?? newNumber(after: &sequence, reserved: reserved)
            taken.insert(assigned)
            planned.insert(customer.identity, row)
            if interaction != nil && config.groupByProject {
                issue(TemplateColumn.followUp, ImportMsg.projectGrouping)
                report.issues.append(issues.removeLast())
                interaction = nil
            }
            planFiles(
                customer, number: assigned, needs: needs, interaction: interaction, created: &created,
                into: &report.planned)
            report.imported.append((row, assigned, customer.name))
        }
        return report
    }

    /// A row's cells by their template column (the first non-empty one of a column repeated),
    /// trimmed, without the mark of a formula-safe cell.
    static func cells(_ cells: [String], columns: [String?]) -> [String: String] {
        var cell: [String: String] = [:]
        for (j, c) in columns.enumerated() where j < cells.count {
            guard let c else { continue }
            var v = cells[j].trimmingWhitespace()
            // The mark of a formula-safe cell (what kh export and careful spreadsheets write).
            if v.hasPrefix("'"), let next = v.dropFirst().first, "=+-@".contains(next) { v.removeFirst() }
            if !v.isEmpty && cell[c] == nil { cell[c] = v }
        }
        return cell
    }

    /// New numbers go up from the year's highest, around the numbers rows keep.
    func newNumber(after sequence: inout Int, reserved: Set<String>) -> String {
        repeat {
            sequence += 1
        } while reserved.contains(config.number(year: today.year, sequence: sequence))
        return config.number(year: today.year, sequence: sequence)
    }

    /// The new customer's files: 基本信息, 需求偏好 and the interaction record when there are.
    func planFiles(
        _ customer: NewCustomer, number: String, needs: NewNeeds?, interaction: NewInteraction?,
        created: inout Set<String>, into planned: inout Plans.Planned
    ) {
        let dir = customersFolder + "/" + customer.directoryName(number)
        planned.changes.create(
            dir + "/" + DocumentType.basicInfo.folder + "/基本信息.yaml",
            customer.document(number: number, author: author, today: today, config: config))
        if let needs {
            planned.changes.create(
                dir + "/" + DocumentType.needs.folder + "/需求偏好.yaml", needs.document(author: author, today: today))
        }
        if let interaction {
            let path = interaction.path(customer: dir, root: registry.archive.root, config: config, taken: created)
            created.insert(path)
            planned.changes.create(path, interaction.document(author: author, today: today))
        }
        planned.after.insert(Plans.folderName(dir))
    }

    typealias Mapped = (NewCustomer, NewInteraction?, NewNeeds?, String?)

    /// One row mapped; nil when it cannot become a customer (the reasons are in `issue`).
    func mapRow(_ cell: [String: String], row: Int, issue: (String?, Text, Bool) -> Void) -> Mapped? {
        func report(_ column: String?, _ m: Text) { issue(column, m, false) }
        guard let name = cell[TemplateColumn.name] else {
            issue(TemplateColumn.name, ImportMsg.noName, true)
            return nil
        }
        let (type, stage) = Self.customerType(cell[TemplateColumn.customerType], report: report)
        let isPerson = type.map { $0 == FieldValue.person } ?? Self.looksLikePerson(name)
        var c = NewCustomer(type: isPerson ? FieldValue.person : FieldValue.enterprise, name: name)
        c.stage = stage
        mapCompany(cell, isPerson: isPerson, into: &c, report: report)
        // The contact.
        let contactName = cell[TemplateColumn.contact] ?? (isPerson ? name : nil)
        var contact = NewCustomer.Contact(name: contactName ?? pendingValue, title: cell[TemplateColumn.title])
        mapReachability(cell, into: &contact, report: report)
        let preferences =
            cell[TemplateColumn.preference].map {
                Self.preferences($0, report: { report(TemplateColumn.preference, $0) })
            } ?? []
        contact.preference = preferences.first
        guard Rules.UnreachableContact.isReachable(mobile: contact.mobile, phone: contact.phone, email: contact.email)
        else {
            issue(TemplateColumn.mobile, ImportMsg.unreachable, true)
            return nil
        }
        if contactName == nil { report(TemplateColumn.contact, ImportMsg.pendingContact) }
        c.contacts = [contact]
        if let v = cell[TemplateColumn.note] { c.note = c.note.map { $0 + "\n" + v } ?? v }
        // Owner: the 跟进人 when serving in 团队.
        let follower = cell[TemplateColumn.follower]
        if let f = follower, config.member(named: f)?.active == true {
            c.owner = f
        } else {
            c.owner = defaultOwner
            if let f = follower { report(TemplateColumn.follower, ImportMsg.unknownPerson(f, owner: defaultOwner)) }
        }
        let needs = Self.needs(cell, preferences: preferences, report: report)
        let interaction = followUp(
            cell, owner: c.owner ?? defaultOwner, contact: contact.name, preferences: preferences, report: report)
        var number: String?
        if let n = cell[TemplateColumn.number] {
            if config.parseNumber(Substring(n)) != nil {
                number = n
            } else {
                report(TemplateColumn.number, ImportMsg.foreignNumber(n))
            }
        }
        return (c, interaction, needs.isEmpty ? nil : needs, number)
    }

    /// 客户类型: 企业/个人 and the stage, in any order ("个人/意向客户", "潜在客户").
    static func customerType(
        _ value: String?, report: (String?, Text) -> Void
    ) -> (type: String?, stage: String?) {
        var type: String?
        var stage: String?
        if let t = value {
            for part in split(t, by: "/／·、,， ") {
                if let s = Self.stage(part) {
                    stage = s
                } else if part.hasPrefix("企业") || part.hasPrefix("公司") {
                    type = FieldValue.enterprise
                } else if part.hasPrefix("个人") {
                    type = FieldValue.person
                } else {
                    report(TemplateColumn.customerType, ImportMsg.unmapped(part, allowed: Declarations.stages))
                }
            }
        }
        return (type, stage)
    }

    /// 所属行业 and 信息来源 (kh.yaml's values or their synonyms), 企业地址 and the region it names.
    func mapCompany(
        _ cell: [String: String], isPerson: Bool, into c: inout NewCustomer, report: (String?, Text) -> Void
    ) {
        if let v = cell[TemplateColumn.industry] {
            if let m = Self.choose(v, config.industries, synonyms: Self.industrySynonyms) {
                c.industry = m
            } else {
                report(TemplateColumn.industry, ImportMsg.unmappedPending(v, allowed: config.industries))
            }
        }
        if let v = cell[TemplateColumn.source] {
            if let m = Self.choose(v, config.sources, synonyms: Self.sourceSynonyms) {
                c.source = m
            } else {
                report(TemplateColumn.source, ImportMsg.unmapped(v, allowed: config.sources))
            }
        }
        if let address = cell[TemplateColumn.address] {
            if isPerson { c.note = "地址：" + address } else { c.address = address }
            c.region = Self.province(address)
        }
    }

    /// The contact's 手机 (or 电话, when the number is a landline) and 邮箱, repaired when they can be.
    func mapReachability(
        _ cell: [String: String], into contact: inout NewCustomer.Contact, report: (String?, Text) -> Void
    ) {
        if let v = cell[TemplateColumn.mobile] {
            if let m = Values.mobile(v) != nil ? v : Repair.value(v, type: .mobile, config: config) {
                contact.mobile = m
            } else if Values.isPhone(v) || Repair.value(v, type: .phone, config: config) != nil {
                contact.phone = Values.isPhone(v) ? v : Repair.value(v, type: .phone, config: config)
            } else {
                report(TemplateColumn.mobile, ImportMsg.badValue(v, expected: ValueType.mobile.expected))
            }
        }
        if let v = cell[TemplateColumn.email] {
            if let e = Values.isEmail(v) ? v : Repair.value(v, type: .email, config: config) {
                contact.email = e
            } else {
                report(TemplateColumn.email, ImportMsg.badValue(v, expected: ValueType.email.expected))
            }
        }
    }

    /// 需求偏好: 核心需求 as pain points, 关注产品/服务 as needs, 预算范围 on the first need.
    static func needs(
        _ cell: [String: String], preferences: [String], report: (String?, Text) -> Void
    ) -> NewNeeds {
        var needs = NewNeeds()
        if let v = cell[TemplateColumn.painPoints] { needs.painPoints = split(v, by: "；;、\n") }
        if let v = cell[TemplateColumn.products] { needs.needs = split(v, by: "；;、,，\n").map { .init(name: $0) } }
        needs.preferences = preferences
        if let v = cell[TemplateColumn.budget] {
            if let (low, high) = budget(v) {
                if needs.needs.isEmpty { needs.needs = [.init(name: needs.painPoints.first ?? v)] }
                needs.needs[0].low = low
                needs.needs[0].high = high
            } else {
                report(TemplateColumn.budget, ImportMsg.badBudget(v))
            }
        }
        return needs
    }

    /// The latest follow-up (跟进内容 at 最近跟进时间, 下一步计划) as an interaction record.
    func followUp(
        _ cell: [String: String], owner: String, contact: String, preferences: [String],
        report: (String?, Text) -> Void
    ) -> NewInteraction? {
        guard let content = cell[TemplateColumn.followUp] else {
            if cell[TemplateColumn.nextStep] != nil || cell[TemplateColumn.followUpTime] != nil {
                report(TemplateColumn.followUp, ImportMsg.noFollowUpContent)
            }
            return nil
        }
        var time: Moment?
        if let t = cell[TemplateColumn.followUpTime] {
            time = Values.datetime(t) ?? Repair.value(t, type: .datetime, config: config).flatMap(Values.datetime)
            if time == nil,
                let d = Values.date(t) ?? Repair.value(t, type: .date, config: config).flatMap(Values.date)
            {
                time = Moment(day: d, hour: 0, minute: 0)
                report(TemplateColumn.followUpTime, ImportMsg.noTimeOfDay(d.description))
            }
            if time == nil {
                report(TemplateColumn.followUpTime, ImportMsg.badValue(t, expected: ValueType.datetime.expected))
            }
        } else {
            report(TemplateColumn.followUpTime, ImportMsg.noFollowUpTime)
        }
        guard let time else { return nil }
        let method = preferences.first.map(Self.method) ?? "其他"
        var record = NewInteraction(
            time: time, method: method, contentType: "其他", ours: [owner], theirs: [contact], content: content)
        if let next = cell[TemplateColumn.nextStep] {
            if let step = Self.step(next, after: time.day, owner: owner) {
                record.steps = [step]
            } else {
                record.content += "\n下一步：" + next
                report(TemplateColumn.nextStep, ImportMsg.vagueStep(next))
            }
        }
        return record
    }

    // MARK: - Value mapping

    static func split(_ s: String, by separators: String) -> [String] {
        s.split(whereSeparator: { separators.contains($0) }).map { String($0).trimmingWhitespace() }.filter {
            !$0.isEmpty
        }
    }

    static func stage(_ s: String) -> String? {
        let t = s.hasSuffix("客户") ? String(s.dropLast(2)) : s
        switch t {
        case "潜在", "潜在意向", "线索": return "潜在"
        case "意向", "有意向", "跟进中": return "意向"
        case "成交", "已成交", "合作中", "签约", "已签约": return FieldValue.stageDeal
        case "沉睡", "休眠": return "沉睡"
        case "流失", "已流失": return FieldValue.stageLost
        default: return nil
        }
    }

    /// 个人 when the name reads as a person's: 2–4 Chinese characters with nothing of a company.
    static func looksLikePerson(_ name: String) -> Bool {
        let markers = [
            "公司", "集团", "厂", "店", "院", "所", "局", "中心", "银行", "学校", "大学", "协会", "合作社", "工作室", "部", "社",
            "馆", "站", "行", "科技", "贸易", "实业", "传媒", "物流", "电器", "餐饮", "置业", "控股", "制造", "酒店",
        ]
        guard (2...4).contains(name.count),
            name.unicodeScalars.allSatisfy({ (0x4E00...0x9FFF).contains($0.value) || $0 == "·" })
        else { return false }
        return !markers.contains { name.hasSuffix($0) }
    }

    static let industrySynonyms: [String: String] = [
        "IT": "信息技术", "互联网": "信息技术", "软件": "信息技术", "科技": "信息技术", "计算机": "信息技术", "通信": "信息技术",
        "制造": "制造业", "工业": "制造业", "生产": "制造业", "银行": "金融", "保险": "金融", "证券": "金融", "金融服务": "金融",
        "医药": "医疗", "医疗健康": "医疗", "医院": "医疗", "教育培训": "教育", "培训": "教育", "学校": "教育",
        "零售": "零售业", "电商": "零售业", "商超": "零售业", "服务": "服务业", "咨询": "服务业", "餐饮": "服务业",
        "物流运输": "物流", "运输": "物流", "快递": "物流", "电力": "能源", "新能源": "能源", "石油": "能源",
        "建筑工程": "建筑", "房地产": "建筑", "地产": "建筑", "政府机关": "政府", "事业单位": "政府",
    ]

    static let sourceSynonyms: [String: String] = [
        "官网": "官网表单", "网站": "官网表单", "官网咨询": "官网表单", "官网留言": "官网表单", "展会": "展会对接",
        "展会获取": "展会对接", "转介绍": "客户转介绍", "客户推荐": "客户转介绍", "朋友推荐": "客户转介绍", "老客户转介绍": "客户转介绍",
        "推荐": "客户转介绍", "电话": "电话咨询", "来电": "电话咨询", "来电咨询": "电话咨询", "平台": "第三方平台",
        "第三方": "第三方平台", "陌生拜访": "陌拜", "地推": "陌拜",
    ]

    /// The value itself when kh.yaml lists it, else its synonym when kh.yaml lists that.
    static func choose(_ v: String, _ allowed: [String], synonyms: [String: String]) -> String? {
        let t = Repair.fold(v)
        if allowed.containsSame(t) { return t }
        if let s = synonyms[t] ?? synonyms[t.uppercased()], allowed.containsSame(s) { return s }
        return nil
    }

    static let provinces = [
        "北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省", "江苏省", "浙江省",
        "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "海南省", "四川省", "贵州省",
        "云南省", "陕西省", "甘肃省", "青海省", "台湾省", "内蒙古自治区", "广西壮族自治区", "西藏自治区",
        "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
    ]

    /// 所在地区 from an address that starts with a province-level name.
    static func province(_ address: String) -> String? {
        provinces.first { address.hasPrefix($0) }
    }

    static func preferences(_ s: String, report: (Text) -> Void) -> [String] {
        var out: [String] = []
        for part in split(s, by: "+＋、/／,，;；和及 ") {
            let m: String?
            switch part.lowercased() {
            case "电话", "手机", "致电": m = "电话"
            case "邮件", "邮箱", "email", "e-mail", "电子邮件": m = "邮件"
            case "微信", "wechat", "企业微信": m = "微信"
            case "面谈", "见面", "拜访", "上门", "面对面": m = "面谈"
            case "短信", "sms": m = "短信"
            default: m = nil
            }
            if let m {
                if !out.contains(m) { out.append(m) }
            } else {
                report(ImportMsg.unmapped(part, allowed: Declarations.contactPreferences))
            }
        }
        return out
    }

    /// 沟通方式 of a follow-up made the customer's preferred way.
    static func method(_ preference: String) -> String {
        switch preference {
        case "电话": return "电话"
        case "邮件": return "邮件"
        case "微信": return "微信"
        case "面谈": return "拜访"
        default: return "其他"
        }
    }

    /// `50-80万`, `50万-80万`, `20万以内`, `100万以上`, `5000-8000元`, `1.5-2万` → amounts in yuan.
    static func budget(_ s: String) -> (low: String?, high: String?)? {
        var t = Repair.fold(s).replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "~", with: "-")
            .replacingOccurrences(of: "～", with: "-").replacingOccurrences(of: "至", with: "-").replacingOccurrences(
                of: "到", with: "-")
        var bound = 0  // -1: at most, 1: at least
        for s in ["以内", "以下", "之内"] where t.hasSuffix(s) {
            t = String(t.dropLast(s.count))
            bound = -1
        }
        for s in ["以上", "起"] where t.hasSuffix(s) {
            t = String(t.dropLast(s.count))
            bound = 1
        }
        if t.hasPrefix("约") || t.hasPrefix("大约") { return nil }
        var unit = ""
        for u in ["万元", "万", "元"] where t.hasSuffix(u) {
            unit = u == "元" ? "元" : "万"
            t = String(t.dropLast(u.count))
            break
        }
        guard unit != "" else { return nil }  // no unit: 50-80 of what?
        let parts = t.split(separator: "-", omittingEmptySubsequences: false).map { part -> String in
            var p = String(part)
            for u in ["万元", "万", "元"] where p.hasSuffix(u) { p = String(p.dropLast(u.count)) }
            return p
        }
        func amount(_ p: String) -> String? { Repair.money(p + (unit == "万" ? "万" : ""), wan: false) }
        switch (parts.count, bound) {
        case (1, -1): return amount(parts[0]).map { (nil, $0) }
        case (1, 1): return amount(parts[0]).map { ($0, nil) }
        case (1, 0): return amount(parts[0]).map { ($0, $0) }
        case (2, 0):
            guard let a = amount(parts[0]), let b = amount(parts[1]), let x = Values.money(a), let y = Values.money(b),
                x <= y
            else { return nil }
            return (a, b)
        default: return nil
        }
    }

    /// `5月15日前提供报价单`, `2024-05-15前 提供报价单`, `提供报价单（5月15日前）` → a concrete next step;
    /// nil without a date or when the action is vague.
    static func step(_ s: String, after day: Day, owner: String) -> NewInteraction.Step? {
        let t = Repair.fold(s)
        // Find a date: YYYY-MM-DD, YYYY年M月D日, M月D日 (the next such day on or after the follow-up).
        var found: (range: Range<String.Index>, day: Day)?
        let chars = Array(t)
        var i = 0
        while i < chars.count, found == nil {
            guard chars[i].isASCII && chars[i].isNumber else {
                i += 1
                continue
            }
            for length in stride(from: min(11, chars.count - i), through: 3, by: -1) {
                let piece = String(chars[i..<(i + length)])
                var d = Repair.day(piece)
                if d == nil, piece.hasSuffix("日"), piece.contains("月"), !piece.contains("年") {
                    let md = piece.dropLast().split(separator: "月")
                    if md.count == 2, let m = Int(md[0]), let dd = Int(md[1]) {
                        for y in [day.year, day.year + 1] where Day.isValid(y, m, dd) {
                            let c = Day(year: y, month: m, day: dd)
                            if c >= day {
                                d = c
                                break
                            }
                        }
                    }
                }
                if let d {
                    let start = t.index(t.startIndex, offsetBy: i)
                    let end = t.index(start, offsetBy: length)
                    found = (start..<end, d)
                    break
                }
            }
            i += 1
        }
        guard let (range, due) = found else { return nil }
        var task = t
        task.removeSubrange(range)
        for w in ["之前", "以前", "前", "截止", "（）", "()", "：", ":"] { task = task.replacingOccurrences(of: w, with: "") }
        task = task.trimmingWhitespace().trimmingCharacters(in: "，,。；;（）() ")
        guard !NewInteraction.isVague(task) else { return nil }
        return .init(task: task, owner: owner, due: due.description)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

/// Messages of `kh import`.
public enum ImportMsg {
    static func noNameColumn(_ header: [String], searched: Int) -> Text {
        searched <= 1
            ? Text(
                zh: "表头中没有「\(TemplateColumn.name)」列；表头是：\(header.joined(separator: "，"))",
                en: "the header has no \(TemplateColumn.name) column; it is: \(header.joined(separator: ", "))")
            : Text(
                zh: "前 \(searched) 行中没有表头（表头要有「\(TemplateColumn.name)」列）；第一行是：\(header.joined(separator: "，"))",
                en:
                    "none of the first \(searched) rows is a header (one with a \(TemplateColumn.name) column); the first is: \(header.joined(separator: ", "))"
            )
    }
    /// Which row held the header, when it was not the first.
    public static func headerFound(row: Int, above: [Int]) -> Text {
        let list = above.map(String.init)
        return above.isEmpty
            ? Text(zh: "表头：第 \(row) 行", en: "header: row \(row)")
            : Text(
                zh: "表头：第 \(row) 行（其上的第 \(list.joined(separator: "、")) 行是标题或说明，未导入）",
                en:
                    "header: row \(row) (row\(above.count > 1 ? "s" : "") \(list.joined(separator: ", ")) above it \(above.count > 1 ? "are" : "is") a title or a note, not imported)"
            )
    }
    static let noName = Text(zh: "没有客户名称，整行未导入", en: "no customer name; row not imported")
    static func exists(_ number: String, why: Text) -> Text {
        Text(
            zh: "档案库中已有这位客户（\(number)，\(why.zh)），未重复导入",
            en: "already in the archive (\(number), \(why.en)); not imported again")
    }
    static func sameAsRow(_ row: Int, why: Text) -> Text {
        Text(
            zh: "与第 \(row) 行是同一客户（\(why.zh)），未重复导入",
            en: "the same customer as row \(row) (\(why.en)); not imported again")
    }
    static func numberTaken(_ n: String) -> Text {
        Text(zh: "编号 \(n) 已被使用或已退役，改用新编号", en: "number \(n) is in use or retired; a new number is given")
    }
    static func foreignNumber(_ n: String) -> Text {
        Text(
            zh: "「\(n)」不是本档案库的编号格式，忽略并分配新编号", en: "'\(n)' is not an archive number here; ignored, a new number is given"
        )
    }
    static func unmapped(_ v: String, allowed: [String]) -> Text {
        Text(
            zh: "「\(v)」无法对应到可选值（\(allowed.joined(separator: "、"))），未导入该值",
            en: "'\(v)' matches none of \(allowed.joined(separator: ", ")); the value is left out")
    }
    static func unmappedPending(_ v: String, allowed: [String]) -> Text {
        Text(
            zh: "「\(v)」不在 kh.yaml 的列表中（\(allowed.joined(separator: "、"))），写为 待确认",
            en: "'\(v)' is not in kh.yaml's list (\(allowed.joined(separator: ", "))); written 待确认")
    }
    static func badValue(_ v: String, expected: Text) -> Text {
        Text(zh: "「\(v)」格式不对（应为\(expected.zh)），未导入该值", en: "'\(v)' is not \(expected.en); the value is left out")
    }
    static let unreachable = Text(
        zh: "联系人没有有效的手机、电话或邮箱，整行未导入（每位联系人至少要有一种联系方式）",
        en: "the contact has no valid mobile, phone or e-mail; row not imported (every contact needs one)")
    static let pendingContact = Text(zh: "没有联系人姓名，写为 待确认", en: "no contact name; written 待确认")
    static func unknownPerson(_ p: String, owner: String) -> Text {
        Text(zh: "「\(p)」不是 团队 中在职的成员，负责销售记为 \(owner)", en: "'\(p)' is not a serving member of 团队; 负责销售 is \(owner)")
    }
    static func badBudget(_ v: String) -> Text {
        Text(
            zh: "预算「\(v)」无法读出金额（可写 50-80万、20万以内、100万以上、5000-8000元），未导入该值",
            en: "budget '\(v)' cannot be read (write 50-80万, 20万以内, 100万以上, 5000-8000元); left out")
    }
    static func noTimeOfDay(_ d: String) -> Text {
        Text(zh: "只有日期没有时刻，沟通时间记为 \(d) 00:00", en: "a date without a time; 沟通时间 is \(d) 00:00")
    }
    static let noFollowUpTime = Text(
        zh: "有跟进内容但没有最近跟进时间，未生成互动记录", en: "a follow-up without its time; no interaction record made")
    static let noFollowUpContent = Text(zh: "没有跟进内容，未生成互动记录", en: "no follow-up content; no interaction record made")
    static func vagueStep(_ v: String) -> Text {
        Text(
            zh: "下一步计划「\(v)」没有具体日期或事项，未作为下一步计划，已附在沟通内容后",
            en: "next step '\(v)' has no concrete date or action; appended to 沟通内容 instead")
    }
    static let projectGrouping = Text(
        zh: "kh.yaml 按项目分组互动记录，新客户还没有合作项目，未生成互动记录",
        en: "kh.yaml groups 互动记录 by project and a new customer has none; no interaction record made")

    public static func summary(imported: Int, skipped: Int, issues: Int, write: Bool) -> Text {
        Text(
            zh: (write ? "已导入 \(imported) 位客户" : "可导入 \(imported) 位客户") + "，\(skipped) 行未导入，\(issues) 条说明"
                + (write ? "" : "（演练：未写入；加 --write 写入）"),
            en: (write ? "imported \(imported) customers" : "\(imported) customers can be imported")
                + ", \(skipped) rows not imported, \(issues) notes"
                + (write ? "" : " (dry run: nothing written; add --write to write)"))
    }
}
