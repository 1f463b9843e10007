import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH101 yaml-syntax.
    public enum YAMLSyntax: RuleDefinition {
        public static let rule = Rule(code: "KH101", name: "yaml-syntax", severity: .error,
                                      summary: Text(zh: "YAML 语法错误（libyaml 报告的位置）", en: "YAML syntax error (at libyaml's position)"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.interactionPath, E.interaction, "沟通内容: 回访平台上线情况，客户反馈运行稳定。", "沟通内容: 客户问: 能否延期上线"),
                    RuleExample.edit(E.interactionPath, E.interaction, "沟通内容: 回访平台上线情况，客户反馈运行稳定。", "沟通内容: \"客户问: 能否延期上线\""))
        }
    }
}

extension Rule {
    public static let yamlSyntax = Rules.YAMLSyntax.rule
}
