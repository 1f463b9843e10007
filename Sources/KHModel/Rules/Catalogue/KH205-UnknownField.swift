import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH205 unknown-field.
    public enum UnknownField: RuleDefinition {
        public static let rule = Rule(code: "KH205", name: "unknown-field", severity: .warning,
                                      summary: Text(zh: "未定义的字段", en: "an unknown field"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "    决策人: 是", "    决策人: 是\n    备住: 周三下午方便"),
                    RuleExample.edit(E.basicInfoPath, E.basicInfo, "    决策人: 是", "    决策人: 是\n    备注: 周三下午方便"))
        }
    }
}

extension Rule {
    public static let unknownField = Rules.UnknownField.rule
}
