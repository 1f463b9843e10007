private typealias E = ExampleArchive

extension Rules {
    /// KH304 deal-without-contract.
    public enum DealWithoutContract: RuleDefinition {
        public static let rule = Rule(code: "KH304", name: "deal-without-contract", severity: .warning,
                                      summary: Text(zh: "客户阶段为 成交 但没有合作背景记录", en: "客户阶段 成交 with no cooperation record"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [(E.contractPath, nil)]), .file(E.contractPath, E.contract))
        }
    }
}

extension Rule {
    public static let dealWithoutContract = Rules.DealWithoutContract.rule
}
