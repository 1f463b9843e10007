/// A new customer as people know it at first contact (`kh new`, `kh import`).
public struct NewCustomer: Sendable {
    public struct Contact: Sendable {
        public var name: String
        public var title, mobile, phone, email, preference: String?
        public var decisionMaker: String?

        public init(name: String, title: String? = nil, mobile: String? = nil, phone: String? = nil, email: String? = nil,
                    preference: String? = nil, decisionMaker: String? = nil) {
            (self.name, self.title, self.mobile, self.phone, self.email, self.preference, self.decisionMaker)
                = (name, title, mobile, phone, email, preference, decisionMaker)
        }
    }

    /// 企业 or 个人.
    public var type: String
    public var name: String
    public var shortName, pinyin, creditCode, industry, region, address, owner, stage, tier, source, firstContact, note: String?
    public var tags: [String] = []
    public var contacts: [Contact] = []
    /// More top-level fields (kh.yaml 字段 新增, or any optional field), in order.
    public var extra: [(String, String)] = []

    public init(type: String, name: String) {
        self.type = type
        self.name = name
    }

    public var isPerson: Bool { type == "个人" }

    public var identity: CustomerRegistry.Identity {
        .init(name: isPerson ? nil : name, creditCode: creditCode, mobiles: contacts.compactMap(\.mobile), emails: contacts.compactMap(\.email))
    }

    /// What names the folder after the number: the 简称 (or 全称), or the person's 姓名.
    public var folderSuffix: String { isPerson ? name : (shortName ?? name) }

    /// `KH-2024-004_星辰科技`: the number and `folderSuffix` when it is a safe name.
    public func directoryName(_ number: String) -> String {
        FileNames.isSafeComponent(folderSuffix) ? number + "_" + folderSuffix : number
    }

    /// 基本信息.yaml. Fields kh.yaml makes required and nobody gave are written 待确认 (a
    /// warning until filled in, [M4]).
    public func document(number: String, author: String, today: Day, config: Config) -> String {
        var e: [(String, YAMLValue)] = [("档案编号", .scalar(number)), ("客户类型", .scalar(type))]
        if isPerson {
            e.append(("姓名", .scalar(name)))
            if let pinyin { e.append(("拼音", .scalar(pinyin))) }
        } else {
            var company: [(String, YAMLValue)] = [("全称", .scalar(name))]
            if let shortName { company.append(("简称", .scalar(shortName))) }
            if let pinyin { company.append(("拼音", .scalar(pinyin))) }
            e.append(("企业名称", .map(company)))
            if let creditCode { e.append(("统一社会信用代码", .scalar(creditCode))) }
        }
        e.append(("所属行业", .scalar(industry ?? pendingValue)))
        if let region { e.append(("所在地区", .scalar(region))) }
        if let address { e.append(("注册地址", .scalar(address))) }
        e.append(("负责销售", .scalar(owner ?? author)))
        e.append(("客户阶段", .scalar(stage ?? "潜在")))
        if let tier { e.append(("维护级别", .scalar(tier))) }
        if let source { e.append(("信息来源", .scalar(source))) }
        e.append(("首次接触时间", .scalar(firstContact ?? today.description)))
        if !tags.isEmpty { e.append(("标签", .list(tags.map { .scalar($0) }))) }
        e.append(("联系人", .list(contacts.map { c in
            var m: [(String, YAMLValue)] = [("姓名", .scalar(c.name))]
            for (k, v) in [("职位", c.title), ("手机", c.mobile), ("电话", c.phone), ("邮箱", c.email),
                           ("决策人", c.decisionMaker), ("沟通偏好", c.preference)] {
                if let v { m.append((k, .scalar(v))) }
            }
            return .map(m)
        })))
        for (k, v) in extra where !e.contains(where: { $0.0 == k }) { e.append((k, .scalar(v))) }
        // Required by kh.yaml and not given: 待确认.
        for f in config.schemas[.basicInfo]?.fields ?? [] where f.requirement == .required && !e.contains(where: { $0.0 == f.name }) {
            if ["创建时间", "创建人", "最后更新时间"].contains(f.name) { continue }
            e.append((f.name, .scalar(pendingValue)))
        }
        if let note { e.append(("备注", .scalar(note))) }
        e += Headers.fields(author: author, today: today)
        return YAMLWriter.document(e)
    }
}

/// The header fields every document carries (spec section 2).
enum Headers {
    static func fields(author: String, today: Day) -> [(String, YAMLValue)] {
        [("创建时间", .scalar(today.description)), ("创建人", .scalar(author)), ("最后更新时间", .scalar(today.description))]
    }
}

/// A new interaction record (`kh log`, the 跟进 columns of `kh import`).
public struct NewInteraction: Sendable {
    public struct Step: Sendable {
        public var task: String
        public var owner: String
        public var due: String
        public var priority: String
        public init(task: String, owner: String, due: String, priority: String = "中") {
            (self.task, self.owner, self.due, self.priority) = (task, owner, due, priority)
        }
    }

    public var time: Moment
    public var method: String
    public var contentType: String
    public var ours: [String]
    public var theirs: [String]
    public var content: String
    public var feedback, result: String?
    public var steps: [Step] = []
    /// The 合作项目 folder, when kh.yaml groups 互动记录 by project.
    public var project: String?

    public init(time: Moment, method: String, contentType: String, ours: [String], theirs: [String], content: String) {
        (self.time, self.method, self.contentType, self.ours, self.theirs, self.content) = (time, method, contentType, ours, theirs, content)
    }

    public func document(author: String, today: Day) -> String {
        var e: [(String, YAMLValue)] = [
            ("沟通时间", .scalar(time.description)), ("沟通方式", .scalar(method)),
            ("参与人员", .map([("我方", .list(ours.map { .scalar($0) })), ("客户方", .list(theirs.map { .scalar($0) }))])),
            ("内容类型", .scalar(contentType)), ("沟通内容", .scalar(content)),
        ]
        if let feedback { e.append(("客户反馈", .scalar(feedback))) }
        if let result { e.append(("处理结果", .scalar(result))) }
        if !steps.isEmpty {
            e.append(("下一步计划", .list(steps.map { s in
                .map([("事项", .scalar(s.task)), ("负责人", .scalar(s.owner)), ("截止日期", .scalar(s.due)),
                      ("优先级", .scalar(s.priority)), ("状态", .scalar("待办"))])
            })))
        }
        e += Headers.fields(author: author, today: today)
        return YAMLWriter.document(e)
    }

    /// The folder inside the customer directory: `03-互动记录/2024-Q2` or the project's.
    public func folder(config: Config) -> String {
        DocumentType.interaction.folder + "/" + (config.groupByProject ? (project ?? "") : "\(time.day.year)-Q\(time.day.quarter)")
    }

    /// `2024-05-08-电话.yaml`, or `-2`, `-3` … when that name is taken in `folder` (on disk
    /// or in `taken`, archive-relative paths).
    public func path(customer: String, root: String, config: Config, taken: Set<String>) -> String {
        let dir = customer + "/" + folder(config: config)
        let stem = "\(time.day)-\(method)"
        func free(_ p: String) -> Bool { !taken.contains(p) && FileSystem.kind(root + "/" + p) == nil }
        var candidate = dir + "/" + stem + ".yaml"
        var n = 2
        while !free(candidate) {
            candidate = dir + "/" + stem + "-\(n).yaml"
            n += 1
        }
        return candidate
    }

    /// Next steps must be concrete ([M5]): an action, an owner, a date — never just 继续跟进.
    public static func isVague(_ task: String) -> Bool {
        let t = String(task.unicodeScalars.filter { !$0.properties.isWhitespace && !$0.properties.generalCategory.isPunctuation }.map(Character.init))
        let vague: Set<String> = ["跟进", "继续跟进", "持续跟进", "后续跟进", "进一步跟进", "保持跟进", "保持联系", "再联系", "继续联系",
                                  "待定", "再说", "等待回复", "等通知", "待沟通", "继续沟通", "跟踪", "继续跟踪", "持续关注", "关注"]
        return t.count < 2 || vague.contains(t)
    }
}

private extension Unicode.GeneralCategory {
    var isPunctuation: Bool {
        switch self {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }
}

/// 04 需求偏好 from what people know (`kh import`).
public struct NewNeeds: Sendable {
    public struct Need: Sendable {
        public var name: String
        public var low, high: String?
        public init(name: String, low: String? = nil, high: String? = nil) { (self.name, self.low, self.high) = (name, low, high) }
    }

    public var painPoints: [String] = []
    public var preferences: [String] = []
    public var needs: [Need] = []

    public init() {}

    public var isEmpty: Bool { painPoints.isEmpty && preferences.isEmpty && needs.isEmpty }

    public func document(author: String, today: Day) -> String {
        var e: [(String, YAMLValue)] = []
        if !painPoints.isEmpty { e.append(("业务痛点", .list(painPoints.map { .scalar($0) }))) }
        if !preferences.isEmpty { e.append(("沟通偏好", .list(preferences.map { .scalar($0) }))) }
        if !needs.isEmpty {
            e.append(("需求", .list(needs.map { n in
                var m: [(String, YAMLValue)] = [("名称", .scalar(n.name)), ("优先级", .scalar("中"))]
                if let low = n.low { m.append(("预算下限", .scalar(low))) }
                if let high = n.high { m.append(("预算上限", .scalar(high))) }
                m.append(("状态", .scalar("挖掘中")))
                return .map(m)
            })))
        }
        e += Headers.fields(author: author, today: today)
        return YAMLWriter.document(e)
    }
}
