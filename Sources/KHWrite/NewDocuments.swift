import KHModel
import KHSupport
import KHValidation
import KHYAML

/// A new customer as people know it at first contact (`kh new`, `kh import`).
public struct NewCustomer: Sendable {
    public struct Contact: Sendable {
        public var name: String
        public var title, mobile, phone, email, preference: String?
        public var decisionMaker: String?

        public init(
            name: String, title: String? = nil, mobile: String? = nil, phone: String? = nil, email: String? = nil,
            preference: String? = nil, decisionMaker: String? = nil
        ) {
            (self.name, self.title, self.mobile, self.phone, self.email, self.preference, self.decisionMaker) = (
                name, title, mobile, phone, email, preference, decisionMaker
            )
        }
    }

    /// 企业 or 个人.
    public var type: String
    public var name: String
    public var shortName, pinyin, creditCode, industry, region, address, owner, stage, tier, source, firstContact,
        note: String?
    public var tags: [String] = []
    public var contacts: [Contact] = []
    /// More top-level fields (kh.yaml 字段 新增, or any optional field), in order.
    public var extra: [(String, String)] = []

    public init(type: String, name: String) {
        self.type = type
        self.name = name
    }

    public var isPerson: Bool { type == FieldValue.person }

    /// `--set 字段=值`: one more field (after `extra`'s), both sides trimmed.
    public mutating func set(_ assignment: String) throws(KHError) {
        guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
            throw KHError(PlanMsg.badAssignment(assignment))
        }
        extra.append(
            (
                String(assignment[..<eq]).trimmingWhitespace(),
                String(assignment[assignment.index(after: eq)...]).trimmingWhitespace()
            ))
    }

    public var identity: CustomerRegistry.Identity {
        .init(
            name: isPerson ? nil : name, creditCode: creditCode, mobiles: contacts.compactMap(\.mobile),
            emails: contacts.compactMap(\.email))
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
        var e: [(String, YAMLValue)] = [(FieldName.number, .scalar(number)), (FieldName.customerType, .scalar(type))]
        if isPerson {
            e.append((FieldName.personName, .scalar(name)))
            if let pinyin { e.append((FieldName.pinyin, .scalar(pinyin))) }
        } else {
            var company: [(String, YAMLValue)] = [(FieldName.fullName, .scalar(name))]
            if let shortName { company.append((FieldName.shortName, .scalar(shortName))) }
            if let pinyin { company.append((FieldName.pinyin, .scalar(pinyin))) }
            e.append((FieldName.company, .map(company)))
            if let creditCode { e.append((FieldName.creditCode, .scalar(creditCode))) }
        }
        e.append((FieldName.industry, .scalar(industry ?? pendingValue)))
        if let region { e.append((FieldName.region, .scalar(region))) }
        if let address { e.append((FieldName.address, .scalar(address))) }
        e.append((FieldName.owner, .scalar(owner ?? author)))
        e.append((FieldName.stage, .scalar(stage ?? FieldValue.stageProspect)))
        if let tier { e.append((FieldName.tier, .scalar(tier))) }
        if let source { e.append((FieldName.source, .scalar(source))) }
        e.append((FieldName.firstContact, .scalar(firstContact ?? today.description)))
        if !tags.isEmpty { e.append((FieldName.tags, .list(tags.map { .scalar($0) }))) }
        e.append(
            (
                FieldName.contacts,
                .list(
                    contacts.map { c in
                        var m: [(String, YAMLValue)] = [(FieldName.personName, .scalar(c.name))]
                        for (k, v) in [
                            (FieldName.title, c.title), (FieldName.mobile, c.mobile), (FieldName.phone, c.phone),
                            (FieldName.email, c.email),
                            (FieldName.decisionMaker, c.decisionMaker), (FieldName.preference, c.preference),
                        ] {
                            if let v { m.append((k, .scalar(v))) }
                        }
                        return .map(m)
                    })
            ))
        for (k, v) in extra where !e.contains(where: { $0.0 == k }) { e.append((k, .scalar(v))) }
        // Required by kh.yaml and not given: 待确认.
        for f in config.schemas[.basicInfo]?.fields ?? []
        where f.requirement == .required && !e.contains(where: { $0.0 == f.name }) {
            if [FieldName.created, FieldName.creator, FieldName.updated].contains(f.name) { continue }
            e.append((f.name, .scalar(pendingValue)))
        }
        if let note { e.append((FieldName.note, .scalar(note))) }
        e += Headers.fields(author: author, today: today)
        return YAMLWriter.document(e)
    }
}

/// The header fields every document carries (spec section 2).
package enum Headers {
    package static func fields(author: String, today: Day) -> [(String, YAMLValue)] {
        [
            (FieldName.created, .scalar(today.description)), (FieldName.creator, .scalar(author)),
            (FieldName.updated, .scalar(today.description)),
        ]
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
        (self.time, self.method, self.contentType, self.ours, self.theirs, self.content) = (
            time, method, contentType, ours, theirs, content
        )
    }

    public func document(author: String, today: Day) -> String {
        var e: [(String, YAMLValue)] = [
            (FieldName.time, .scalar(time.description)), (FieldName.method, .scalar(method)),
            (
                FieldName.participants,
                .map([
                    (FieldName.ours, .list(ours.map { .scalar($0) })),
                    (FieldName.theirs, .list(theirs.map { .scalar($0) })),
                ])
            ),
            (FieldName.contentType, .scalar(contentType)), (FieldName.content, .scalar(content)),
        ]
        if let feedback { e.append((FieldName.feedback, .scalar(feedback))) }
        if let result { e.append((FieldName.result, .scalar(result))) }
        if !steps.isEmpty {
            e.append(
                (
                    FieldName.nextSteps,
                    .list(
                        steps.map { s in
                            .map([
                                (FieldName.task, .scalar(s.task)), (FieldName.assignee, .scalar(s.owner)),
                                (FieldName.due, .scalar(s.due)),
                                (FieldName.priority, .scalar(s.priority)),
                                (FieldName.status, .scalar(FieldValue.stepOpen)),
                            ])
                        })
                ))
        }
        e += Headers.fields(author: author, today: today)
        return YAMLWriter.document(e)
    }

    /// The folder inside the customer directory: `03-互动记录/2024-Q2` or the project's.
    public func folder(config: Config) -> String {
        DocumentType.interaction.folder + "/"
            + (config.groupByProject ? (project ?? "") : "\(time.day.year)-Q\(time.day.quarter)")
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

    /// Next steps must be concrete ([M5]): an action, an owner, a date — never just 继续跟进
    /// (the rule KH213 decides what is vague).
    public static func isVague(_ task: String) -> Bool { Rules.VagueNextStep.isVague(task) }
}

/// 04 需求偏好 from what people know (`kh import`).
public struct NewNeeds: Sendable {
    public struct Need: Sendable {
        public var name: String
        public var low, high: String?
        public init(name: String, low: String? = nil, high: String? = nil) {
            (self.name, self.low, self.high) = (name, low, high)
        }
    }

    public var painPoints: [String] = []
    public var preferences: [String] = []
    public var needs: [Need] = []

    public init() {}

    public var isEmpty: Bool { painPoints.isEmpty && preferences.isEmpty && needs.isEmpty }

    public func document(author: String, today: Day) -> String {
        var e: [(String, YAMLValue)] = []
        if !painPoints.isEmpty { e.append((FieldName.painPoints, .list(painPoints.map { .scalar($0) }))) }
        if !preferences.isEmpty { e.append((FieldName.preference, .list(preferences.map { .scalar($0) }))) }
        if !needs.isEmpty {
            e.append(
                (
                    FieldName.needs,
                    .list(
                        needs.map { n in
                            var m: [(String, YAMLValue)] = [
                                (FieldName.needName, .scalar(n.name)), (FieldName.priority, .scalar("中")),
                            ]
                            if let low = n.low { m.append((FieldName.budgetLow, .scalar(low))) }
                            if let high = n.high { m.append((FieldName.budgetHigh, .scalar(high))) }
                            m.append((FieldName.status, .scalar("挖掘中")))
                            return .map(m)
                        })
                ))
        }
        e += Headers.fields(author: author, today: today)
        return YAMLWriter.document(e)
    }
}
