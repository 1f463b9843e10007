private typealias E = ExampleArchive

extension Rules {
    /// KH402 duplicate-credit-code.
    public enum DuplicateCreditCode: RuleDefinition {
        public static let rule = Rule(code: "KH402", name: "duplicate-credit-code", severity: .error,
                                      summary: Text(zh: "两个客户的统一社会信用代码相同（一个客户一份档案）", en: "two customers with one 统一社会信用代码 (one customer, one archive)"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.secondCustomer("统一社会信用代码: 91440300MA5FT8LC2E", "统一社会信用代码: 91110108MA01ABCDEN"), RuleExample.secondCustomer())
        }
    }
}

extension Rule {
    public static let duplicateCreditCode = Rules.DuplicateCreditCode.rule
}
