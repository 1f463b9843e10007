import Foundation
import KHModel
import KHSupport
import Mustache

/// The templates of data/serve (embedded): Mustache, which escapes every `{{value}}` for
/// HTML. The only unescaped insertion is `{{{body}}}` in the layout, which is a page these
/// templates rendered. Each template is given a view model of its own (a struct per page and
/// per row, Sources/KHServe/Pages and Views/Rows.swift): swift-mustache reads a struct's
/// properties by name through Mirror, an optional that is nil as a value not there.
enum Views {
    static let library: MustacheLibrary = {
        var lib = MustacheLibrary()
        for (path, content) in ServeAssets.all where path.hasSuffix(".mustache") {
            // The templates are kh's own, tested: one that does not parse is a build defect.
            try! lib.register(content, named: String(path.dropLast(".mustache".count)))
        }
        return lib
    }()

    static let css: String = ServeAssets.all.first { $0.path == "kh.css" }?.content ?? ""

    /// What the layout shows around every page.
    struct Chrome {
        var language: Language
        var archiveName: String
        /// Who the visitor said they are (nil on error pages).
        var member: String?
        var settings: ServeSettings
        var git: GitBanner
        var viewer: Viewer
        /// The page follows a save (`?saved=1`): it says so.
        var saved = false
    }

    /// The layout's view model.
    struct Layout {
        let lang: String
        let title: String
        let archive: String
        let t: [String: String]
        let member: String?
        let readOnly: Bool
        /// The problems page is in the menu (team mode: 资料专员 and 管理员).
        let problemsLink: Bool
        /// The registers are in the menu (team mode: 资料专员 and 管理员).
        let registersLink: Bool
        /// Team mode, logged in: the account link and the logout button (a form: `token`).
        let loggedIn: Bool
        let saved: Bool
        let token: String
        let uncommitted: String?
        let gitProblem: String?
        let version: String
        let body: String
    }

    /// A page's view model with what every template may use besides: the words (`t`) and the
    /// session's token (`token`, for forms).
    struct Page<Model>: MustacheParent {
        let model: Model
        let t: [String: String]
        let token: String

        func child(named name: String) -> Any? {
            switch name {
            case "t": return t
            case "token": return token
            default:
                guard let value = Mirror(reflecting: model).children.first(where: { $0.label == name })?.value else {
                    return nil
                }
                let mirror = Mirror(reflecting: value)
                guard mirror.displayStyle == .optional else { return value }
                return mirror.children.first?.value
            }
        }
    }

    /// A page: `template` rendered with `model`, inside the layout.
    static func page<Model>(
        _ template: String, title: String, _ model: Model, token: String, chrome: Chrome
    ) -> String {
        let zh = chrome.language == .zh
        let t = labels(chrome.language)
        let body = library.render(Page(model: model, t: t, token: token), withTemplate: template) ?? ""
        let uncommitted = chrome.git.uncommitted.flatMap { n -> String? in
            guard n > 0 else { return nil }
            let commit = chrome.settings.commit
            return zh
                ? "档案库有 \(n) 个文件的修改尚未提交到 git"
                    + (commit ? "（不是经 kh serve 保存的）" : "；用 git 提交，或以 kh serve --commit 启动让每次保存自动提交")
                : "\(n) files of the archive have changes git has not recorded"
                    + (commit
                        ? " (not saved through kh serve)"
                        : ": commit them, or start kh serve --commit to commit every save")
        }
        let layout = Layout(
            lang: zh ? "zh-CN" : "en", title: title, archive: chrome.archiveName, t: t, member: chrome.member,
            readOnly: !chrome.viewer.team && chrome.settings.permission == .view,
            problemsLink: chrome.viewer.grants.problems,
            registersLink: chrome.viewer.team && chrome.viewer.grants.registers,
            loggedIn: chrome.viewer.team && chrome.viewer.member != nil,
            saved: chrome.saved, token: token, uncommitted: uncommitted,
            gitProblem: chrome.git.problem.map {
                (zh ? "上次保存未能提交到 git：" : "The last save could not be committed: ") + $0
            }, version: khVersion, body: body)
        return library.render(layout, withTemplate: "layout") ?? body
    }

    /// A select's options, `chosen` selected: a value not among them (as the file has it) is
    /// offered first so that it stays as it is; `empty` adds a blank choice (no value).
    static func options(_ values: [String], _ chosen: String, empty: Bool = false) -> [OptionRow] {
        var values = values
        if !chosen.isEmpty && !values.contains(chosen) { values.insert(chosen, at: 0) }
        if empty && !values.contains("") { values.insert("", at: 0) }
        return values.map { OptionRow(value: $0, selected: $0 == chosen) }
    }

    /// The pages' words in one language (made once: every page uses them twice).
    static func labels(_ l: Language) -> [String: String] { l == .zh ? zhLabels : enLabels }

    private static let zhLabels = Dictionary(uniqueKeysWithValues: table.map { ($0.0, $0.1) })
    private static let enLabels = Dictionary(uniqueKeysWithValues: table.map { ($0.0, $0.2) })

    private static let table: [(String, String, String)] = [
        ("week", "我的一周", "My week"), ("customers", "客户", "Customers"), ("problems", "问题", "Problems"),
        ("catalogue", "总目录", "Catalogue"), ("review", "复核", "Review"), ("report", "报告", "Report"),
        (
            "readOnly", "只读：kh serve 以 --allow view 启动，不能保存修改。",
            "Read only: kh serve was started with --allow view; nothing can be saved."
        ),
        ("footer", "页面内容来自档案库中的 YAML 文件", "pages show the archive's YAML files"),
        ("back", "返回首页", "Back to the start page"),
        ("whoAreYou", "你是哪位？", "Who are you?"), ("iAm", "我是", "I am"), ("remember", "记住我", "Remember me"),
        ("myWeek", "我的一周", "My week"), ("myCustomers", "我负责的客户", "my customers"), ("notMe", "不是我", "not me"),
        ("nothingDue", "没有逾期或将到期的事项。", "Nothing overdue or due soon."),
        ("markDone", "标记完成", "Mark done"), ("moveTo", "改期到", "Move to"), ("move", "改期", "Move"),
        ("search", "搜索", "Search"),
        ("searchHint", "编号、名称、简称、拼音或首字母（如 yf）", "number, name, short name, pinyin or initials (yf)"),
        ("clearFilters", "清除筛选", "Clear filters"), ("sortBy", "排序：", "Sort:"),
        ("number", FieldName.number, "Number"), ("name", "客户名称", "Name"), ("owner", FieldName.owner, "Owner"),
        ("stage", FieldName.stage, "Stage"),
        ("grade", FieldName.grade, "Grade"), ("lastContact", "最近沟通", "Last contact"),
        ("noMatch", "没有符合条件的客户。", "No customer matches."),
        ("prev", "上一页", "Previous"), ("next", "下一页", "Next"),
        ("logInteraction", "记录互动", "Log an interaction"), ("problemsHere", "本客户的问题", "This customer's problems"),
        ("basicInfo", "基本信息", "Basic information"), ("contacts", FieldName.contacts, "Contacts"),
        ("decisionMaker", FieldName.decisionMaker, "decision maker"), ("openSteps", "待办的下一步计划", "Open next steps"),
        ("timeline", "时间线", "Timeline"), ("needs", FieldName.needs, "Needs"), ("painPoints", "痛点", "Pain points"),
        ("none", "无", "None"),
        ("time", FieldName.time, "Time"), ("method", FieldName.method, "Method"),
        ("contentType", FieldName.contentType, "Type"),
        ("ours", "\(FieldName.ours)\(FieldName.participants)（逗号分隔）", "Our people (comma-separated)"),
        ("theirs", "\(FieldName.theirs)\(FieldName.participants)（逗号分隔）", "Their people (comma-separated)"),
        ("content", FieldName.content, "What was discussed"), ("feedback", FieldName.feedback, "Customer's feedback"),
        ("result", FieldName.result, "Outcome"),
        ("nextStep", "\(FieldName.nextSteps)（可选）", "Next step (optional)"), ("task", FieldName.task, "Task"),
        ("assignee", FieldName.assignee, "Owner"),
        ("due", FieldName.due, "Due"), ("priority", FieldName.priority, "Priority"), ("save", "保存", "Save"),
        ("preview", "预览将写入的内容", "Preview what will be written"), ("willWrite", "将写入的内容", "What will be written"),
        ("newFile", "新文件", "a new file"), ("editBasic", "修改基本信息", "Edit basic information"),
        ("editNeeds", "修改需求偏好", "Edit needs"),
        ("assess", "填写年度评估", "Assess a year"), ("year", FieldName.year, "Year"),
        ("newCustomer", "新建客户", "New customer"),
        ("nextNumber", "新客户的档案编号将是", "The new customer's number will be"),
        ("uncommitted", "档案库有尚未提交到 git 的修改：", "The archive has changes not committed to git: "),
        ("noProblems", "档案库没有问题。", "The archive has no problems."),
        ("login", "登录", "Log in"), ("logout", "退出", "Log out"), ("account", "我的账号", "My account"),
        ("nameOrAccount", "姓名或账号", "Name or account"), ("password", "密码", "Password"),
        (
            "proxyLogin", "请通过公司的统一登录进入（本服务器不保存密码）。",
            "Log in through your company's sign-in (this server keeps no passwords)."
        ),
        ("currentPassword", "当前密码", "Current password"),
        ("newPassword", "新密码（至少 8 个字符）", "New password (8 characters or more)"),
        ("repeatPassword", "再输入一次新密码", "The new password again"), ("setPassword", "设置新密码", "Set the new password"),
        ("role", "角色", "Role"),
        ("accounts", "团队的账号", "The team's accounts"),
        (
            "accountsHint", "在服务器上用 kh account set 姓名 --accounts 账号文件 设置或重置密码；离职（在职: 否）的成员不能登录。",
            "Set or reset a password on the server with kh account set NAME --accounts FILE; members who left (在职: 否) cannot log in."
        ),
        ("serving", "在职", "Serving"), ("passwordSet", "密码设置于", "Password set"),
        ("requiredHint", "带 * 的是必填项。", "Fields marked * are required."),
        ("saved", "已保存。", "Saved."), ("details", "详情", "Details"),
        ("secretDocs", "秘密和机密文档", "Secret and confidential documents"),
        (
            "secretHint", "这些文档的内容不在页面上显示；查阅时会写入查阅登记（谁、何时、哪份文档、原因）。",
            "Their content is not shown on this page; opening one writes the access register (who, when, which document, why)."
        ),
        ("status", "同步状态", "Sync status"),
        (
            "notConnected", "本服务器没有连接团队的远程仓库（本地模式，或当前分支没有上游）。",
            "This server is not connected to a team remote (local mode, or the branch has no upstream)."
        ),
        ("branch", "分支", "Branch"), ("ahead", "尚未推送的提交", "Commits not yet pushed"),
        ("behind", "尚未取回的提交", "Commits not yet fetched"), ("remoteContact", "上次与远程联系", "Last contact with the remote"),
        ("lastFetch", "上次取回", "Last fetch"), ("lastPush", "上次推送", "Last push"),
        (
            "remoteProblem", "远程仓库暂时无法访问，保存会先留在服务器上，恢复后按顺序推送：",
            "The remote cannot be reached; saves stay on the server and are pushed in order once it is back: "
        ),
        ("registers", "登记", "Registers"), ("noRegisters", "还没有登记。", "No register entries yet."),
        ("when", "时间", "When"), ("who", "人员", "Who"), ("action", "操作", "Action"), ("file", "文件", "File"),
        ("level", "密级", "Level"), ("why", "原因", "Why"),
        ("openSecret", "查阅", "Open"), ("noAccess", "你的角色无权查看", "your role may not open it"),
        ("reason", "查阅原因（可选）", "Why (optional)"), ("openAndRegister", "查阅并登记", "Open and register"),
        ("registered", "这次查阅已写入查阅登记", "This view was written to the access register"),
    ]
}
