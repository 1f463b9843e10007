private typealias E = ExampleArchive

extension Rules {
    /// KH405 retired-number.
    public enum RetiredNumber: RuleDefinition {
        public static let rule = Rule(code: "KH405", name: "retired-number", severity: .error,
                                      summary: Text(zh: "使用了已退役的档案编号", en: "a retired archive number in use"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.secondCustomer(number: "KH-2023-009", directory: "KH-2023-009_云帆物流"), RuleExample.secondCustomer())
        }
    }
}

extension Rule {
    public static let retiredNumber = Rules.RetiredNumber.rule
}
