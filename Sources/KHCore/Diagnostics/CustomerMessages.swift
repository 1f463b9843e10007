extension Msg {
    // MARK: - Relations inside a customer

    static func dateOrder(_ field: String, _ value: String, notBefore other: String, _ otherValue: String) -> Text {
        Text(zh: "「\(field)」\(value) 早于「\(other)」\(otherValue)；应不早于\(other)",
             en: "'\(field)' \(value) is before '\(other)' \(otherValue); expected no earlier than \(other)")
    }

    static func budgetOrder(high: String, low: String) -> Text {
        Text(zh: "「预算上限」\(high) 低于「预算下限」\(low)；上限应不低于下限",
             en: "'预算上限' \(high) is below '预算下限' \(low); the upper bound must not be below the lower")
    }

    static func numberMismatch(_ number: String, directory: String) -> Text {
        Text(zh: "档案编号\(q(number))与文件夹编号 \(directory) 不一致；编号以文件夹为准",
             en: "档案编号 \(qe(number)) differs from the folder's number \(directory); the folder's number is the identity")
    }

    static func suffixMismatch(_ suffix: String, name: String, expected: String) -> Text {
        Text(zh: "文件夹后缀\(q(suffix))与\(q(name))不一致；文件夹可改名为 \(expected)",
             en: "folder suffix \(qe(suffix)) differs from \(qe(name)); rename the folder to \(expected)")
    }

    static func numberYearMismatch(_ number: String, year: Int, created: String) -> Text {
        Text(zh: "编号 \(number) 的年份 \(year) 与 创建时间 \(created) 的年份不一致",
             en: "the year \(year) of number \(number) differs from the year of 创建时间 \(created)")
    }

    static func halfFilledScale(missing: String) -> Text {
        Text(zh: "企业规模 的 员工数 和 年营收 须同时填写或都不填；缺少「\(missing)」（不确定可写 待确认）",
             en: "企业规模 needs both 员工数 and 年营收 or neither; '\(missing)' is missing (write 待确认 if unsure)")
    }

    static func formerOwner(_ name: String) -> Text {
        Text(zh: "负责销售 \(name) 已离职（kh.yaml 团队 中 在职: 否）；请将客户交接给在职同事",
             en: "负责销售 \(name) has left (在职: 否 in kh.yaml 团队); hand the customer over to a current colleague")
    }

    static func formerTaskOwner(_ name: String) -> Text {
        Text(zh: "待办事项的负责人 \(name) 已离职；请改派给在职同事", en: "the open task's owner \(name) has left; reassign it")
    }

    static func unknownParticipant(_ name: String, contacts: [String]) -> Text {
        let list = contacts.isEmpty ? ("（无）", "(none)") : (contacts.joined(separator: "、"), contacts.joined(separator: ", "))
        return Text(zh: "客户方参与人员\(q(name))不在基本信息的 联系人 中（联系人：\(list.0)）；新联系人请补充到基本信息",
                    en: "客户方 participant \(qe(name)) is not among the 联系人 of 基本信息 (\(list.1)); add new contacts there")
    }

    static func assessmentGrade(_ declared: String, computed: String, amount: String) -> Text {
        Text(zh: "价值等级 \(declared) 与 年度合作金额 \(amount) 按 kh.yaml 阈值得出的 \(computed) 不一致",
             en: "价值等级 \(declared) differs from \(computed), the grade kh.yaml's thresholds give for 年度合作金额 \(amount)")
    }

    static func declaredGrade(_ declared: String, computed: String, year: Int?) -> Text {
        if let year {
            return Text(zh: "价值等级 \(declared) 与最新价值评估（\(year) 年）计算出的 \(computed) 不一致",
                        en: "价值等级 \(declared) differs from \(computed), computed from the latest assessment (\(year))")
        }
        return Text(zh: "价值等级 \(declared) 与计算结果 D 不一致（没有价值评估时为 D）",
                    en: "价值等级 \(declared) differs from the computed D (no assessment means D)")
    }

    static let dealWithoutContract = Text(zh: "客户阶段为 成交，但 02-合作背景 中没有任何合作记录",
                                          en: "客户阶段 is 成交 but 02-合作背景 holds no cooperation record")

    static func lostWithActiveContract(_ n: Int) -> Text {
        Text(zh: "客户阶段为 流失，但仍有 \(n) 份合作的 合作状态 为 执行中",
             en: "客户阶段 is 流失 but \(n) contract(s) are still 执行中")
    }

    static let activeContractHere = Text(zh: "执行中的合作", en: "contract still 执行中")

    static func uncertainPinyin(_ name: String, char: Character, initials: [String]) -> Text {
        Text(zh: "\(q(name))的首字「\(char)」是多音字（\(initials.joined(separator: "/"))），总目录按哪个字母排列无法确定；请在同级填写 拼音，如 拼音: xing chen ke ji",
             en: "the first character '\(char)' of \(qe(name)) has readings with different letters (\(initials.joined(separator: "/"))); add 拼音 beside it to fix its place in the catalogue")
    }

    // MARK: - Archive

    static func duplicateNumber(_ number: String, first: String) -> Text {
        Text(zh: "档案编号 \(number) 已被 \(first) 使用；一个编号只能对应一个客户",
             en: "archive number \(number) is already used by \(first); a number belongs to one customer")
    }

    static func duplicateCreditCode(_ code: String, first: String) -> Text {
        Text(zh: "统一社会信用代码 \(code) 与 \(first) 相同；一个客户只能有一份档案，请合并",
             en: "统一社会信用代码 \(code) is the same as \(first)'s; one customer, one archive: merge them")
    }

    static func duplicateName(_ name: String, first: String) -> Text {
        Text(zh: "全称\(q(name))（规范化后）与 \(first) 相同；一个客户只能有一份档案，请合并",
             en: "full name \(qe(name)) (normalised) is the same as \(first)'s; one customer, one archive: merge them")
    }

    static func sharedContact(_ what: String, _ value: String, first: String) -> Text {
        Text(zh: "\(what) \(value) 也出现在 \(first) 中；请确认是否为同一客户",
             en: "\(what) \(value) also appears under \(first); check whether they are one customer")
    }

    static func firstCustomerHere(_ number: String) -> Text {
        Text(zh: "\(number) 在这里", en: "\(number) here")
    }

    static func retiredNumber(_ number: String) -> Text {
        Text(zh: "编号 \(number) 已在 kh.yaml 退役编号 中，不得再次使用；请用新编号",
             en: "number \(number) is retired in kh.yaml 退役编号 and may not be used again; take a new number")
    }
}
