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
}
