import KHYAML

/// The five documents of spec section 4, one per folder.
public enum DocumentType: String, CaseIterable, Sendable {
    case basicInfo = "客户基本信息"
    case cooperation = "合作背景"
    case interaction = "互动记录"
    case needs = "需求偏好"
    case assessment = "价值评估"

    /// The folder name, e.g. `01-客户基本信息`.
    public var folder: String {
        switch self {
        case .basicInfo: return "01-客户基本信息"
        case .cooperation: return "02-合作背景"
        case .interaction: return "03-互动记录"
        case .needs: return "04-需求偏好"
        case .assessment: return "05-价值评估"
        }
    }

    public init?(folder: String) {
        guard let t = DocumentType.allCases.first(where: { $0.folder == folder }) else { return nil }
        self = t
    }
}

/// The declarations of spec sections 2 and 4, as data.
public enum Declarations {
    public static let stages = ["潜在", "意向", "成交", "沉睡", "流失"]
    public static let tiers = ["VIP", "重点", "普通"]
    public static let grades = ["A", "B", "C", "D"]
    public static let methods = ["电话", "会议", "拜访", "邮件", "微信", "活动", "其他"]
    public static let contentTypes = ["需求反馈", "问题咨询", "建议投诉", "日常维护", "商务洽谈", "节日关怀", "其他"]
    public static let contactPreferences = ["电话", "邮件", "微信", "面谈", "短信"]
    public static let secrecy = ["公开", "内部", "秘密", "机密"]
    public static let roles = ["销售", "客服", "市场", "资料专员", "管理员"]
    public static let natures = ["国有", "民营", "外资", "合资", "事业单位", "政府机关", "其他"]
    public static let needStatuses = ["挖掘中", "方案中", "已满足", "已放弃"]

    /// 创建时间, 创建人, 最后更新时间, 密级: in every document of a customer directory.
    public static let header: [Field] = [
        Field("创建时间", .date, .required),
        Field("创建人", .person, .required),
        Field("最后更新时间", .date, .required),
        Field("密级", .choice(secrecy)),
    ]

    public static let basicInfo = Schema(
        [
            Field("档案编号", .text, .required),
            Field("客户类型", .choice(["企业", "个人"]), .required),
            Field(
                "企业名称",
                .mapping(
                    Schema([
                        Field("全称", .text, .required),
                        Field("简称", .text),
                        Field("拼音", .text),
                    ])), .requiredFor("企业")),
            Field("姓名", .text, .requiredFor("个人")),
            Field("拼音", .text, .onlyFor("个人")),
            Field("统一社会信用代码", .creditCode, .onlyFor("企业")),
            Field("所属行业", .configChoice(.industries), .required),
            Field("企业性质", .choice(natures)),
            Field("所在地区", .text),
            Field("注册地址", .text),
            Field("成立时间", .date),
            Field("注册资本", .moneyWan),
            Field("官网", .url),
            Field(
                "企业规模",
                .mapping(
                    Schema([
                        Field("员工数", .integer),
                        Field("年营收", .configChoice(.revenueRanges)),
                    ]))),
            Field(FieldName.owner, .person, .required),
            Field(FieldName.stage, .choice(stages), .required),
            Field("维护级别", .choice(tiers)),
            Field(FieldName.grade, .choice(grades)),
            Field("信息来源", .configChoice(.sources)),
            Field("首次接触时间", .date),
            Field("标签", .list(.text)),
            Field(
                FieldName.contacts,
                .list(
                    .mapping(
                        Schema([
                            Field("姓名", .text, .required),
                            Field("职位", .text),
                            Field("手机", .mobile, sensitive: true),
                            Field("电话", .phone, sensitive: true),
                            Field("邮箱", .email, sensitive: true),
                            Field("决策人", .yesno),
                            Field("沟通偏好", .choice(contactPreferences)),
                            Field("重点", .yesno),
                            Field("备注", .text),
                        ]))), .required),
            Field("备注", .text),
        ] + header)

    public static let cooperation = Schema(
        [
            Field("合作项目", .text, .required),
            Field("产品服务", .list(.text)),
            Field("合同编号", .text),
            Field("签订日期", .date, .required),
            Field(
                "合同期限",
                .mapping(
                    Schema([
                        Field("开始", .date, .required),
                        Field("结束", .date, .required),
                    ])), .required),
            Field("合作金额", .money, .required),
            Field(FieldName.contractStatus, .choice(["洽谈中", "执行中", "已完成", "已终止", "待续约"]), .required),
            Field(
                "续约记录",
                .list(
                    .mapping(
                        Schema([
                            Field("日期", .date, .required),
                            Field("金额", .money, .required),
                            Field("开始", .date, .required),
                            Field("结束", .date, .required),
                        ])))),
            Field(
                "重大事件",
                .list(
                    .mapping(
                        Schema([
                            Field("日期", .date, .required),
                            Field("类型", .choice(["中断", "特殊需求", "纠纷", "变更", "其他"]), .required),
                            Field("说明", .text, .required),
                        ])))),
        ] + header)

    public static let interaction = Schema(
        [
            Field(FieldName.time, .datetime, .required),
            Field("沟通方式", .choice(methods), .required),
            Field(
                "参与人员",
                .mapping(
                    Schema([
                        Field("我方", .list(.person), .required),
                        Field("客户方", .list(.text), .required),
                    ])), .required),
            Field("内容类型", .choice(contentTypes), .required),
            Field("沟通内容", .text, .required),
            Field("客户反馈", .text),
            Field("处理结果", .text),
            Field(
                "下一步计划",
                .list(
                    .mapping(
                        Schema([
                            Field("事项", .text, .required),
                            Field("负责人", .person, .required),
                            Field("截止日期", .date, .required),
                            Field("优先级", .level, .required),
                            Field("状态", .choice(["待办", "已完成", "已取消"])),
                        ])))),
            Field(
                "问题处理",
                .mapping(
                    Schema([
                        Field("问题等级", .choice(["一级", "二级", "三级"]), .required),
                        Field("接收时间", .datetime, .required),
                        Field("响应时间", .datetime),
                        Field("解决时间", .datetime),
                    ]))),
        ] + header)

    public static let needs = Schema(
        [
            Field("业务痛点", .list(.text)),
            Field("决策流程", .text),
            Field("价格敏感度", .level),
            Field("品牌忠诚度", .level),
            Field("沟通偏好", .list(.choice(contactPreferences))),
            Field("个人偏好", .text, sensitive: true),
            Field(
                "需求",
                .list(
                    .mapping(
                        Schema([
                            Field("名称", .text, .required),
                            Field("优先级", .level, .required),
                            Field("预算下限", .money),
                            Field("预算上限", .money),
                            Field("期望交付", .date),
                            Field("状态", .choice(needStatuses), .required),
                        ])))),
        ] + header)

    public static let assessment = Schema(
        [
            Field("年度", .year, .required),
            Field(FieldName.yearAmount, .money, .required),
            Field("利润贡献", .money),
            Field("行业影响力", .level),
            Field(
                "口碑推荐",
                .list(
                    .mapping(
                        Schema([
                            Field("日期", .date),
                            Field("说明", .text, .required),
                        ])))),
            Field(
                "潜在合作价值",
                .mapping(
                    Schema([
                        Field("说明", .text),
                        Field("预估金额", .money),
                    ]))),
            Field(FieldName.grade, .choice(grades)),
        ] + header)

    public static func schema(for type: DocumentType) -> Schema {
        switch type {
        case .basicInfo: return basicInfo
        case .cooperation: return cooperation
        case .interaction: return interaction
        case .needs: return needs
        case .assessment: return assessment
        }
    }

    /// kh.yaml, spec section 6.
    public static let config = Schema([
        Field(ConfigKey.archiveName, .text, .required),
        Field(ConfigKey.timeZone, .text),
        Field(ConfigKey.language, .choice(["zh", "en"])),
        Field(
            ConfigKey.numbering,
            .mapping(Schema([Field(ConfigKey.numberPrefix, .text), Field(ConfigKey.numberWidth, .integer)]))),
        Field(ConfigKey.interactionGrouping, .choice(["季度", "项目"])),
        Field(ConfigKey.retiredNumbers, .list(.text)),
        Field(ConfigKey.industries, .list(.text)),
        Field(ConfigKey.revenueRanges, .list(.text)),
        Field(ConfigKey.sources, .list(.text)),
        Field(
            ConfigKey.team,
            .list(
                .mapping(
                    Schema([
                        Field(ConfigKey.memberName, .text, .required),
                        Field(ConfigKey.department, .text),
                        Field(ConfigKey.role, .choice(roles), .required),
                        Field(ConfigKey.git, .text),
                        Field(ConfigKey.serving, .yesno),
                    ]))), .required),
        Field(ConfigKey.defaultCreator, .text),
        Field(
            ConfigKey.secrecyReaders,
            .mapping(Schema([Field("秘密", .list(.choice(roles))), Field("机密", .list(.choice(roles)))]))),
        Field(
            ConfigKey.gradeThresholds,
            .mapping(
                Schema([Field("A", .money, .required), Field("B", .money, .required), Field("C", .money, .required)]))),
        Field(
            ConfigKey.classes,
            .mapping(
                Schema(
                    ["重要", "稳定"].map {
                        Field(
                            $0,
                            .mapping(
                                Schema([
                                    Field(ConfigKey.consecutiveYears, .integer, .required),
                                    Field(ConfigKey.yearAmount, .money, .required),
                                ])))
                    }))),
        Field(
            ConfigKey.cadence,
            .mapping(
                Schema(
                    tiers.map {
                        Field(
                            $0,
                            .mapping(
                                Schema([
                                    Field(ConfigKey.cadencePeriod, .choice(["月", "季度", "半年", "年"]), .required),
                                    Field(ConfigKey.cadenceCount, .integer, .required),
                                ])))
                    }))),
        Field(
            ConfigKey.problemLimits,
            .mapping(
                Schema(
                    ["一级", "二级", "三级"].map {
                        Field(
                            $0,
                            .mapping(
                                Schema([
                                    Field(ConfigKey.respond, .hours, .required),
                                    Field(ConfigKey.resolve, .hours, .required),
                                ])))
                    }))),
        Field(ConfigKey.completeness, .fraction),
        Field(ConfigKey.fields, .any),
        Field(
            ConfigKey.waivers,
            .list(
                .mapping(
                    Schema([
                        Field(ConfigKey.waiverRule, .text, .required),
                        Field(ConfigKey.waiverFile, .text, .required),
                        Field(ConfigKey.waiverReason, .text, .required),
                    ])))),
    ])
}
