import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH104 yaml-tag.
    public enum YAMLTag: RuleDefinition {
        public static let rule = Rule(code: "KH104", name: "yaml-tag", severity: .error,
                                      summary: Text(zh: "不允许使用标签（!、!!）", en: "tags (!, !!) are not allowed"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.contractPath, E.contract, "合作金额: 120000.00", "合作金额: !!str 120000.00"), .file(E.contractPath, E.contract))
        }
    }
}

extension Rule {
    public static let yamlTag = Rules.YAMLTag.rule
}
