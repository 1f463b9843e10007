private typealias E = ExampleArchive

extension Rules {
    /// KH403 duplicate-name.
    public enum DuplicateName: RuleDefinition {
        public static let rule = Rule(code: "KH403", name: "duplicate-name", severity: .error,
                                      summary: Text(zh: "两个客户的全称（规范化后）相同（一个客户一份档案）", en: "two customers with one normalised full name (one customer, one archive)"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.secondCustomer("全称: 上海云帆物流有限公司", "全称: 北京 星辰科技有限公司"), RuleExample.secondCustomer())
        }
    }
}

extension Rule {
    public static let duplicateName = Rules.DuplicateName.rule
}
