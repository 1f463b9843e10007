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
