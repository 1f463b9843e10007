import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH120 bad-customer-directory.
    public enum BadCustomerDirectory: RuleDefinition {
        public static let rule = Rule(code: "KH120", name: "bad-customer-directory", severity: .error,
                                      summary: Text(zh: "客户档案/ 下的条目不是 KH-YYYY-NNN[_简称] 格式的文件夹", en: "an entry of 客户档案/ is not a KH-YYYY-NNN[_简称] folder"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.secondCustomer(directory: "2024-002_云帆物流"), RuleExample.secondCustomer())
        }
    }
}

extension Rule {
    public static let badCustomerDirectory = Rules.BadCustomerDirectory.rule
}
