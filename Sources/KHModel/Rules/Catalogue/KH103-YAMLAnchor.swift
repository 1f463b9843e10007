import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH103 yaml-anchor.
    public enum YAMLAnchor: RuleDefinition {
        public static let rule = Rule(code: "KH103", name: "yaml-anchor", severity: .error,
                                      summary: Text(zh: "不允许使用锚点（&）和别名（*）", en: "anchors (&) and aliases (*) are not allowed"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.contractPath, E.contract, "合同期限:", "合同期限: &term"), .file(E.contractPath, E.contract))
        }
    }
}

extension Rule {
    public static let yamlAnchor = Rules.YAMLAnchor.rule
}
