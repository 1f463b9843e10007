import KHYAML

/// The names of the documents' fields (spec section 4), declared once. The typed documents
/// (`BasicInfo`, `ContractDocument`, `InteractionRecord`, `NeedsDocument`, `Assessment`) read their fields
/// by these names, and diagnostics name a field's path with them; no other code spells a
/// field name. The schema (`Declarations`) is the other place that declares them.
public enum FieldName {
    // MARK: Every document
    public static let created = "创建时间"
    public static let creator = "创建人"
    public static let updated = "最后更新时间"
    public static let secrecy = "密级"
    public static let note = "备注"

    // MARK: 01 基本信息
    public static let number = "档案编号"
    public static let customerType = "客户类型"
    public static let company = "企业名称"
    public static let fullName = "全称"
    public static let shortName = "简称"
    public static let pinyin = "拼音"
    public static let personName = "姓名"
    public static let creditCode = "统一社会信用代码"
    public static let industry = "所属行业"
    public static let nature = "企业性质"
    public static let region = "所在地区"
    public static let address = "注册地址"
    public static let founded = "成立时间"
    public static let capital = "注册资本"
    public static let website = "官网"
    public static let scale = "企业规模"
    public static let employees = "员工数"
    public static let revenue = "年营收"
    public static let owner = "负责销售"
    public static let stage = "客户阶段"
    public static let tier = "维护级别"
    public static let grade = "价值等级"
    public static let source = "信息来源"
    public static let firstContact = "首次接触时间"
    public static let tags = "标签"
    public static let contacts = "联系人"
    // A contact
    public static let contactName = "姓名"
    public static let title = "职位"
    public static let mobile = "手机"
    public static let phone = "电话"
    public static let email = "邮箱"
    public static let decisionMaker = "决策人"
    public static let preference = "沟通偏好"
    public static let keyContact = "重点"

    // MARK: 02 合作背景
    public static let project = "合作项目"
    public static let contractNumber = "合同编号"
    public static let signed = "签订日期"
    public static let term = "合同期限"
    public static let start = "开始"
    public static let end = "结束"
    public static let amount = "合作金额"
    /// A renewal's, a need's or a problem's explanation.
    public static let explanation = "说明"
    public static let contractStatus = "合作状态"
    public static let renewals = "续约记录"
    public static let renewalDate = "日期"
    public static let renewalAmount = "金额"

    // MARK: 03 互动记录
    public static let time = "沟通时间"
    /// A register entry's fields (spec section 8).
    public static let registerTime = "时间"
    public static let registerPerson = "人员"
    public static let registerAction = "操作"
    public static let registerFile = "文件"
    public static let registerReason = "原因"
    public static let registerApprovers = "批准人"
    public static let method = "沟通方式"
    public static let contentType = "内容类型"
    public static let content = "沟通内容"
    public static let participants = "参与人员"
    public static let ours = "我方"
    public static let theirs = "客户方"
    public static let feedback = "客户反馈"
    public static let result = "处理结果"
    public static let nextSteps = "下一步计划"
    public static let task = "事项"
    public static let assignee = "负责人"
    public static let due = "截止日期"
    public static let priority = "优先级"
    public static let status = "状态"
    public static let problem = "问题处理"
    public static let problemLevel = "问题等级"
    public static let received = "接收时间"
    public static let responded = "响应时间"
    public static let resolved = "解决时间"

    // MARK: 04 需求偏好
    public static let painPoints = "业务痛点"
    public static let needs = "需求"
    public static let needName = "名称"
    public static let budgetLow = "预算下限"
    public static let budgetHigh = "预算上限"
    public static let delivery = "期望交付"
    public static let preferences = "沟通偏好"
    public static let decisionProcess = "决策流程"
    public static let personalPreferences = "个人偏好"

    // MARK: 05 价值评估
    public static let year = "年度"
    public static let yearAmount = "年度合作金额"
}

/// Values the model gives a meaning to (spec section 4's choices that change what kh does).
public enum FieldValue {
    public static let person = "个人"
    public static let enterprise = "企业"
    public static let stageProspect = "潜在"
    public static let stageIntent = "意向"
    public static let stageDeal = "成交"
    public static let stageLost = "流失"
    public static let contractActive = "执行中"
    public static let contractRenewing = "待续约"
    public static let stepOpen = "待办"
    public static let stepDone = "已完成"
    public static let complaint = "建议投诉"
    public static let defaultTier = "普通"
}

extension InternTable {
    /// Every field name the schema declares (kh.yaml's too): a parse of a document shares
    /// these Strings instead of allocating one per key.
    public static let fieldNames: InternTable = {
        var names: [String] = []
        func collect(_ schema: Schema) {
            for f in schema.fields {
                names.append(f.name)
                switch f.type {
                case .mapping(let s): collect(s)
                case .list(.mapping(let s)): collect(s)
                default: break
                }
            }
        }
        for t in DocumentType.allCases { collect(Declarations.schema(for: t)) }
        return InternTable(names)
    }()
}
