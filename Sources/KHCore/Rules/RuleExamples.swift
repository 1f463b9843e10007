private typealias E = ExampleArchive

/// One base file with `from` replaced by `to`.
private func edit(_ path: String, _ base: String, _ from: String, _ to: String) -> RuleExample {
    precondition(base.contains(from), "example edit must apply: \(from)")
    return .file(path, base.replacingOccurrences(of: from, with: to))
}

private let second = "客户档案/KH-2024-002_云帆物流/01-客户基本信息/基本信息.yaml"

/// A second customer's 基本信息, valid on its own.
private func secondCustomer(_ from: String = "", _ to: String = "", number: String = "KH-2024-002",
                            directory: String = "KH-2024-002_云帆物流") -> RuleExample {
    var text = """
        档案编号: \(number)
        客户类型: 企业
        企业名称:
          全称: 上海云帆物流有限公司
          简称: 云帆物流
        统一社会信用代码: 91440300MA5FT8LC2E
        所属行业: 物流
        负责销售: 王磊
        客户阶段: 意向
        联系人:
          - 姓名: 陈晨
            手机: 13900001111
        创建时间: \(number.contains("2023") ? "2023-05-01" : "2024-02-01")
        创建人: 王磊
        最后更新时间: 2024-02-01

        """
    if !from.isEmpty {
        precondition(text.contains(from), "example edit must apply: \(from)")
        text = text.replacingOccurrences(of: from, with: to)
    }
    return .file("客户档案/\(directory)/01-客户基本信息/基本信息.yaml", text)
}

private let usedWaiver = RuleExample(files: [
    (E.basicInfoPath, E.basicInfo.replacingOccurrences(of: "密级: 内部", with: "密级: 内部\n开票抬头: 北京星辰科技有限公司")),
    ("kh.yaml", E.config + "豁免:\n  - {规则: KH205, 文件: \(E.basicInfoPath), 原因: 财务部试点字段}\n"),
])

extension Rule {
    /// A failing and a passing example, each laid over `ExampleArchive`: the failing one
    /// yields this rule's code, the passing one no diagnostic at all.
    public var examples: (failing: RuleExample, passing: RuleExample) {
        switch self {
        // MARK: - Structure
        case .yamlSyntax:
            return (edit(E.interactionPath, E.interaction, "沟通内容: 回访平台上线情况，客户反馈运行稳定。", "沟通内容: 客户问: 能否延期上线"),
                    edit(E.interactionPath, E.interaction, "沟通内容: 回访平台上线情况，客户反馈运行稳定。", "沟通内容: \"客户问: 能否延期上线\""))
        case .duplicateKey:
            return (edit(E.contractPath, E.contract, "合作状态: 执行中", "合作状态: 执行中\n合作金额: 150000.00"), .file(E.contractPath, E.contract))
        case .yamlAnchor:
            return (edit(E.contractPath, E.contract, "合同期限:", "合同期限: &term"), .file(E.contractPath, E.contract))
        case .yamlTag:
            return (edit(E.contractPath, E.contract, "合作金额: 120000.00", "合作金额: !!str 120000.00"), .file(E.contractPath, E.contract))
        case .yamlMergeKey:
            return (edit(E.contractPath, E.contract, "  开始: 2024-03-01\n", "  <<: {开始: 2024-03-01}\n"), .file(E.contractPath, E.contract))
        case .multipleDocuments:
            return (.file(E.contractPath, E.contract + "---\n合作项目: 运维服务\n"), .file(E.contractPath, E.contract))
        case .fileTooLarge:
            return (.file(E.needsPath, E.needs + "# " + String(repeating: "会议纪要全文", count: 60_000) + "\n"), .file(E.needsPath, E.needs))
        case .tooDeep:
            return (edit(E.needsPath, E.needs, "业务痛点: [数据分散]", "业务痛点: " + String(repeating: "[", count: 40) + "数据分散" + String(repeating: "]", count: 40)),
                    .file(E.needsPath, E.needs))
        case .invalidUTF8:
            // 数据 saved in GBK (CA FD BE DD), as an editor on Chinese Windows might.
            return (RuleExample(rawFiles: [(E.needsPath, Array("业务痛点: [".utf8) + [0xCA, 0xFD, 0xBE, 0xDD] + Array("]\n".utf8))]),
                    .file(E.needsPath, E.needs))
        case .notAMapping:
            return (.file(E.needsPath, "- 数据分散\n- 预算有限\n"), .file(E.needsPath, E.needs))
        case .nonStringKey:
            return (.file(E.needsPath, E.needs + "? [预算, 周期]\n: 待定\n"), .file(E.needsPath, E.needs))
        case .unreadable:
            return (RuleExample(files: [(E.needsPath, nil)], directories: [E.needsPath]), .file(E.needsPath, E.needs))
        case .symlink:
            return (RuleExample(symlinks: [(E.customer + "/05-价值评估/2023.yaml", "2024.yaml")]),
                    .file(E.customer + "/05-价值评估/2023.yaml", "年度: 2023\n年度合作金额: 30000.00\n价值等级: C\n创建时间: 2023-12-31\n创建人: 王磊\n最后更新时间: 2023-12-31\n"))
        case .interruptedWrite:
            // kh was killed (SIGKILL, a power cut) while it replaced 基本信息.yaml: the journal
            // and the original are under .kh/tx-4242/. `kh recover` puts the original back.
            return (RuleExample(files: [(".kh/tx-4242/journal", "modify\t0\t\(E.basicInfoPath)\n"), (".kh/tx-4242/0", E.basicInfo)]),
                    RuleExample())
        case .badCustomerDirectory:
            return (secondCustomer(directory: "2024-002_云帆物流"), secondCustomer())
        case .strayInCustomer:
            return (.file(E.customer + "/合同扫描.pdf", "%PDF-1.4 …"), .file(E.customer + "/02-合作背景/附件/合同扫描.pdf", "%PDF-1.4 …"))
        case .strayInFolder:
            return (.file(E.customer + "/02-合作背景/合同扫描.pdf", "%PDF-1.4 …"), .file(E.customer + "/02-合作背景/附件/合同扫描.pdf", "%PDF-1.4 …"))
        case .ymlExtension:
            return (RuleExample(files: [(E.interactionPath, nil), (E.customer + "/03-互动记录/2024-Q1/2024-03-05-电话.yml", E.interaction)]),
                    .file(E.interactionPath, E.interaction))
        case .badFileName:
            return (RuleExample(files: [(E.contractPath, nil), (E.customer + "/02-合作背景/数据安全平台合同.yaml", E.contract)]),
                    .file(E.contractPath, E.contract))
        case .fileNameMismatch:
            return (RuleExample(files: [(E.interactionPath, nil), (E.customer + "/03-互动记录/2024-Q1/2024-03-06-电话.yaml", E.interaction)]),
                    .file(E.interactionPath, E.interaction))
        case .wrongGroupFolder:
            return (RuleExample(files: [(E.interactionPath, nil), (E.customer + "/03-互动记录/2024-Q2/2024-03-05-电话.yaml", E.interaction)]),
                    .file(E.interactionPath, E.interaction))
        case .assessmentYearMismatch:
            return (RuleExample(files: [(E.assessmentPath, nil), (E.customer + "/05-价值评估/2023.yaml", E.assessment)]),
                    .file(E.assessmentPath, E.assessment))
        case .missingBasicInfo:
            return (RuleExample(files: [(E.basicInfoPath, nil)]), .file(E.basicInfoPath, E.basicInfo))
        // MARK: - Fields
        case .missingField:
            return (edit(E.contractPath, E.contract, "合作金额: 120000.00\n", ""), .file(E.contractPath, E.contract))
        case .pendingRequired:
            return (edit(E.basicInfoPath, E.basicInfo, "所属行业: 信息技术", "所属行业: 待确认"), .file(E.basicInfoPath, E.basicInfo))
        case .badValue:
            return (edit(E.basicInfoPath, E.basicInfo, "手机: 13812345678", "手机: 1381234567"), .file(E.basicInfoPath, E.basicInfo))
        case .notInList:
            return (edit(E.basicInfoPath, E.basicInfo, "客户阶段: 成交", "客户阶段: 成交了"), .file(E.basicInfoPath, E.basicInfo))
        case .unknownField:
            return (edit(E.basicInfoPath, E.basicInfo, "    决策人: 是", "    决策人: 是\n    备住: 周三下午方便"),
                    edit(E.basicInfoPath, E.basicInfo, "    决策人: 是", "    决策人: 是\n    备注: 周三下午方便"))
        case .wrongShape:
            return (edit(E.basicInfoPath, E.basicInfo, "信息来源: 展会对接", "信息来源: 展会对接\n标签: 数据安全"),
                    edit(E.basicInfoPath, E.basicInfo, "信息来源: 展会对接", "信息来源: 展会对接\n标签: [数据安全]"))
        case .dateOrder:
            return (edit(E.contractPath, E.contract, "结束: 2025-02-28", "结束: 2023-02-28"), .file(E.contractPath, E.contract))
        case .unknownPerson:
            return (edit(E.basicInfoPath, E.basicInfo, "负责销售: 王磊", "负责销售: 王雷"), .file(E.basicInfoPath, E.basicInfo))
        case .formerStaff:
            return (edit(E.basicInfoPath, E.basicInfo, "负责销售: 王磊", "负责销售: 郑凯"), .file(E.basicInfoPath, E.basicInfo))
        case .halfFilledScale:
            return (edit(E.basicInfoPath, E.basicInfo, "  年营收: 1亿-10亿\n", ""), .file(E.basicInfoPath, E.basicInfo))
        case .unreachableContact:
            return (edit(E.basicInfoPath, E.basicInfo, "    决策人: 是\n", "    决策人: 是\n  - 姓名: 刘芳\n    职位: 财务经理\n"),
                    edit(E.basicInfoPath, E.basicInfo, "    决策人: 是\n", "    决策人: 是\n  - 姓名: 刘芳\n    职位: 财务经理\n    邮箱: liufang@xingchen.example.com\n"))
        case .notApplicable:
            return (edit(E.basicInfoPath, E.basicInfo, "客户类型: 企业", "客户类型: 企业\n姓名: 张伟"), .file(E.basicInfoPath, E.basicInfo))
        // MARK: - Customer
        case .numberMismatch:
            return (edit(E.basicInfoPath, E.basicInfo, "档案编号: KH-2024-001", "档案编号: KH-2024-01"), .file(E.basicInfoPath, E.basicInfo))
        case .suffixMismatch:
            return (edit(E.basicInfoPath, E.basicInfo, "简称: 星辰科技", "简称: 星辰"), .file(E.basicInfoPath, E.basicInfo))
        case .numberYearMismatch:
            return (edit(E.basicInfoPath, E.basicInfo, "创建时间: 2024-01-15", "创建时间: 2023-12-28"), .file(E.basicInfoPath, E.basicInfo))
        case .dealWithoutContract:
            return (RuleExample(files: [(E.contractPath, nil)]), .file(E.contractPath, E.contract))
        case .lostWithActiveContract:
            return (edit(E.basicInfoPath, E.basicInfo, "客户阶段: 成交", "客户阶段: 流失"),
                    RuleExample(files: [(E.basicInfoPath, E.basicInfo.replacingOccurrences(of: "客户阶段: 成交", with: "客户阶段: 流失")),
                                        (E.contractPath, E.contract.replacingOccurrences(of: "合作状态: 执行中", with: "合作状态: 已终止"))]))
        case .declaredGradeMismatch:
            return (edit(E.basicInfoPath, E.basicInfo, "价值等级: A", "价值等级: B"), .file(E.basicInfoPath, E.basicInfo))
        case .assessmentGradeMismatch:
            return (edit(E.assessmentPath, E.assessment, "价值等级: A", "价值等级: B"), .file(E.assessmentPath, E.assessment))
        case .unknownParticipant:
            return (edit(E.interactionPath, E.interaction, "客户方: [张伟]", "客户方: [张伟, 陈总]"), .file(E.interactionPath, E.interaction))
        // MARK: - Archive
        case .duplicateNumber:
            return (secondCustomer(number: "KH-2024-001", directory: "KH-2024-001_云帆物流"), secondCustomer())
        case .duplicateCreditCode:
            return (secondCustomer("统一社会信用代码: 91440300MA5FT8LC2E", "统一社会信用代码: 91110108MA01ABCDEN"), secondCustomer())
        case .duplicateName:
            return (secondCustomer("全称: 上海云帆物流有限公司", "全称: 北京 星辰科技有限公司"), secondCustomer())
        case .sharedContact:
            return (secondCustomer("手机: 13900001111", "手机: 13812345678"), secondCustomer())
        case .retiredNumber:
            return (secondCustomer(number: "KH-2023-009", directory: "KH-2023-009_云帆物流"), secondCustomer())
        // MARK: - Personal data
        case .residentID:
            return (edit(E.basicInfoPath, E.basicInfo, "密级: 内部", "密级: 内部\n备注: 法人身份证 11010519491231002X"),
                    edit(E.basicInfoPath, E.basicInfo, "密级: 内部", "密级: 内部\n备注: 法人身份已核验（证件号码不入档）"))
        case .bankCard:
            return (edit(E.basicInfoPath, E.basicInfo, "密级: 内部", "密级: 内部\n备注: 回款账户 6222 0212 3456 7890 128"),
                    edit(E.basicInfoPath, E.basicInfo, "密级: 内部", "密级: 内部\n备注: 回款账户见财务系统"))
        // MARK: - kh.yaml
        case .configInvalid:
            return (.file("kh.yaml", E.config + "价值等级: {A: 50000.00, B: 100000.00, C: 10000.00}\n"),
                    .file("kh.yaml", E.config + "价值等级: {A: 100000.00, B: 50000.00, C: 10000.00}\n"))
        case .waiverInvalid:
            return (RuleExample(files: [usedWaiver.files[0], ("kh.yaml", E.config + "豁免:\n  - {规则: KH2O5, 文件: \(E.basicInfoPath), 原因: 财务部试点字段}\n")]),
                    usedWaiver)
        case .uncertainPinyin:
            return (RuleExample(files: [(E.basicInfoPath, E.basicInfo.replacingOccurrences(of: "全称: 北京星辰科技有限公司", with: "全称: 朝晖星辰科技有限公司"))]),
                    RuleExample(files: [(E.basicInfoPath, E.basicInfo.replacingOccurrences(
                        of: "全称: 北京星辰科技有限公司", with: "全称: 朝晖星辰科技有限公司\n  拼音: zhao hui xing chen ke ji you xian gong si"))]))
        case .unusedWaiver:
            return (.file("kh.yaml", E.config + "豁免:\n  - {规则: KH205, 文件: \(E.basicInfoPath), 原因: 财务部试点字段}\n"), usedWaiver)
        }
    }
}
