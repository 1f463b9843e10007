import Foundation
import KHModel
import KHSupport

/// Which customers a grant covers.
enum Reach: Int, Comparable, Sendable {
    /// None.
    case none
    /// The customers the member owns (负责销售).
    case owned
    /// Those, and the customers where an open next step is the member's (负责人).
    case involved
    /// Every customer.
    case all

    static func < (a: Reach, b: Reach) -> Bool { a.rawValue < b.rawValue }
}

/// What a role may do: the data policy's table (docs/serve.md prints it). Every page and form
/// asks a `Viewer`, which asks this; no page tests a role by name.
struct Grants: Sendable, Equatable {
    /// Log an interaction (a problem is logged as one).
    var log: Reach
    /// Mark a next step done or move it: `involved` is the customer's owner or the step's 负责人.
    var steps: Reach
    /// Edit 基本信息, 需求偏好 and 价值评估.
    var edit: Reach
    /// Create a customer.
    var create: Bool
    /// See contacts' 手机, 电话, 邮箱 and 微信 in full.
    var sensitive: Reach
    /// Read 秘密 and 机密 documents beyond the customer's owner, who always may (kh.yaml
    /// 密级查阅 may add roles).
    var secret: Reach
    var confidential: Reach
    /// The problems page (every customer's validation problems).
    var problems: Bool
    /// The registers (查阅登记 …).
    var registers: Bool
    /// Rule codes and file paths shown without a "details" toggle.
    var details: Bool
    /// Accounts: see who has one (kh account sets them).
    var accounts: Bool

    /// The five roles of kh.yaml 团队 角色 ([M1] 销售初填，客服补充互动记录；销售仅可编辑负责客户信息;
    /// the data policy's 密级).
    static let table: [(role: String, grants: Grants)] = [
        (
            "销售",
            Grants(
                log: .involved, steps: .involved, edit: .owned, create: true, sensitive: .owned, secret: .owned,
                confidential: .owned, problems: false, registers: false, details: false, accounts: false)
        ),
        (
            "客服",
            Grants(
                log: .all, steps: .involved, edit: .none, create: false, sensitive: .none, secret: .none,
                confidential: .none, problems: false, registers: false, details: false, accounts: false)
        ),
        (
            "市场",
            Grants(
                log: .none, steps: .none, edit: .none, create: false, sensitive: .none, secret: .none,
                confidential: .none, problems: false, registers: false, details: false, accounts: false)
        ),
        (
            "资料专员",
            Grants(
                log: .all, steps: .all, edit: .all, create: true, sensitive: .all, secret: .all, confidential: .none,
                problems: true, registers: true, details: true, accounts: false)
        ),
        (
            "管理员",
            Grants(
                log: .all, steps: .all, edit: .all, create: true, sensitive: .all, secret: .all, confidential: .all,
                problems: true, registers: true, details: true, accounts: true)
        ),
    ]

    /// Nobody logged in (team mode): nothing.
    static let none = Grants(
        log: .none, steps: .none, edit: .none, create: false, sensitive: .none, secret: .none, confidential: .none,
        problems: false, registers: false, details: false, accounts: false)

    static func of(role: String) -> Grants? { table.first { $0.role == role }?.grants }

    /// Local mode (no accounts): what `--allow` lets whoever reaches the server do, to every
    /// customer. Nothing is masked or hidden: the person has the files in their own clone.
    static func local(_ permission: Permission) -> Grants {
        let log: Reach = permission >= .log ? .all : .none
        let edit: Reach = permission >= .edit ? .all : .none
        return Grants(
            log: log, steps: log, edit: edit, create: permission >= .edit, sensitive: .all, secret: .all,
            confidential: .all, problems: true, registers: true, details: true, accounts: false)
    }
}

/// What ties a member to a customer: its 负责销售 and the 负责人 of its open next steps.
struct CustomerTies: Sendable {
    var owner: String?
    var assignees: Set<String>

    init(owner: String?, assignees: some Sequence<String>) {
        self.owner = owner
        self.assignees = Set(assignees)
    }

    init(_ s: CustomerSnapshot) {
        self.init(owner: s.basic?.owner, assignees: s.openSteps.compactMap { $0.step.assignee })
    }

    init(_ r: IndexRecord) {
        self.init(owner: r.owner, assignees: r.openNextSteps.compactMap(\.owner))
    }
}

/// Who is looking: the member (logged in, or chosen on the start page in local mode), their
/// grants, and whether the server is a team's (then every request needs a login).
struct Viewer: Sendable {
    var member: String?
    var role: String?
    var grants: Grants
    var team: Bool
    /// kh.yaml 密级查阅: roles that may also read 秘密 / 机密 documents.
    var widened: [String: [String]] = [:]

    func reaches(_ reach: Reach, _ ties: CustomerTies) -> Bool {
        switch reach {
        case .all: return true
        case .none: return false
        case .owned: return member != nil && ties.owner == member
        case .involved:
            guard let member else { return false }
            return ties.owner == member || ties.assignees.contains(member)
        }
    }

    func mayLog(_ t: CustomerTies) -> Bool { reaches(grants.log, t) }
    func mayEdit(_ t: CustomerTies) -> Bool { reaches(grants.edit, t) }
    func seesSensitive(_ t: CustomerTies) -> Bool { reaches(grants.sensitive, t) }

    /// A next step may be changed by a grant over every customer, or by the customer's owner or
    /// the step's own 负责人 under an `involved` grant.
    func mayChangeStep(_ t: CustomerTies, assignee: String?) -> Bool {
        switch grants.steps {
        case .all: return true
        case .none: return false
        case .owned: return reaches(.owned, t)
        case .involved: return member != nil && (t.owner == member || assignee == member)
        }
    }

    /// Whether a document of this 密级 may be read (公开, 内部 and none: by everyone logged in).
    func reads(secrecy: String?, _ t: CustomerTies) -> Bool {
        let reach: Reach
        switch secrecy {
        case "秘密": reach = grants.secret
        case "机密": reach = grants.confidential
        default: return true
        }
        if reaches(reach, t) || reaches(.owned, t) { return true }
        guard let role, let level = secrecy else { return false }
        return widened[level]?.contains(role) == true
    }
}

extension Grants {
    /// The table as docs/serve.md prints it (a test keeps the two the same).
    static func markdown() -> String {
        func reach(_ r: Reach) -> String {
            switch r {
            case .none: return "—"
            case .owned: return "负责的客户 own"
            case .involved: return "负责的客户及自己的下一步 own + their steps"
            case .all: return "全部 all"
            }
        }
        func yes(_ b: Bool) -> String { b ? "是 yes" : "—" }
        let rows: [(String, (Grants) -> String)] = [
            ("查看客户、列表、总目录、复核、报告 read", { _ in "全部 all" }),
            ("记录互动（含问题）log an interaction", { reach($0.log) }),
            ("标记下一步完成、改期 a next step", { reach($0.steps) }),
            ("修改基本信息、需求偏好、价值评估 edit", { reach($0.edit) }),
            ("新建客户 new customer", { yes($0.create) }),
            ("完整的手机、电话、邮箱、微信 contacts in full", { reach($0.sensitive) }),
            ("秘密 文档 secret documents", { reach($0.secret) }),
            ("机密 文档 confidential documents", { reach($0.confidential) }),
            ("问题页 the problems page", { yes($0.problems) }),
            ("登记 the registers", { yes($0.registers) }),
            ("规则编号和文件路径直接显示 codes and paths shown", { yes($0.details) }),
        ]
        var out = "| | " + table.map(\.role).joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---|", count: table.count) + "\n"
        for (label, value) in rows {
            out += "| " + label + " | " + table.map { value($0.grants) }.joined(separator: " | ") + " |\n"
        }
        return out
    }
}
