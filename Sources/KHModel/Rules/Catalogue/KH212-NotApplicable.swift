import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH212 not-applicable.
    public enum NotApplicable: RuleDefinition {
        public static let rule = Rule(code: "KH212", name: "not-applicable", severity: .warning,
                                      summary: Text(zh: "字段不适用于该 客户类型", en: "a field that does not apply to the 客户类型"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "客户类型: 企业", "客户类型: 企业\n姓名: 张伟"), .file(E.basicInfoPath, E.basicInfo))
        }
    }
}

extension Rule {
    public static let notApplicable = Rules.NotApplicable.rule
}
