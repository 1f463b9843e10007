private typealias E = ExampleArchive

extension Rules {
    /// KH207 date-order.
    public enum DateOrder: RuleDefinition {
        public static let rule = Rule(code: "KH207", name: "date-order", severity: .error,
                                      summary: Text(zh: "日期先后顺序不对", en: "dates in the wrong order"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.contractPath, E.contract, "结束: 2025-02-28", "结束: 2023-02-28"), .file(E.contractPath, E.contract))
        }
    }
}

extension Rule {
    public static let dateOrder = Rules.DateOrder.rule
}
