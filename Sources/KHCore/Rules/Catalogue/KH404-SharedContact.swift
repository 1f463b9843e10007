private typealias E = ExampleArchive

extension Rules {
    /// KH404 shared-contact.
    public enum SharedContact: RuleDefinition {
        public static let rule = Rule(code: "KH404", name: "shared-contact", severity: .warning,
                                      summary: Text(zh: "同一手机号或邮箱出现在两个客户下", en: "one mobile or e-mail under two customers"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.secondCustomer("手机: 13900001111", "手机: 13812345678"), RuleExample.secondCustomer())
        }
    }
}

extension Rule {
    public static let sharedContact = Rules.SharedContact.rule
}
