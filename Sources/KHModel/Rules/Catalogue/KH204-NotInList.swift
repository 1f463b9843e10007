import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH204 not-in-list.
    public enum NotInList: RuleDefinition {
        public static let rule = Rule(code: "KH204", name: "not-in-list", severity: .error,
                                      summary: Text(zh: "值不在允许的取值列表中", en: "a value not in its list of allowed values"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "客户阶段: 成交", "客户阶段: 成交了"), .file(E.basicInfoPath, E.basicInfo))
        }
    }
}

extension Rule {
    public static let notInList = Rules.NotInList.rule
}
