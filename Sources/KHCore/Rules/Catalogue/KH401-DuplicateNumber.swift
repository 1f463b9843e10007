private typealias E = ExampleArchive

extension Rules {
    /// KH401 duplicate-number.
    public enum DuplicateNumber: RuleDefinition {
        public static let rule = Rule(code: "KH401", name: "duplicate-number", severity: .error,
                                      summary: Text(zh: "同一档案编号出现两次", en: "the same archive number twice"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.secondCustomer(number: "KH-2024-001", directory: "KH-2024-001_云帆物流"), RuleExample.secondCustomer())
        }
    }
}

extension Rule {
    public static let duplicateNumber = Rules.DuplicateNumber.rule
}
