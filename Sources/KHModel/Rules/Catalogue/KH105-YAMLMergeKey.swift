import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH105 yaml-merge-key.
    public enum YAMLMergeKey: RuleDefinition {
        public static let rule = Rule(
            code: "KH105", name: "yaml-merge-key", severity: .error,
            summary: Text(zh: "不允许使用合并键 <<", en: "merge keys (<<) are not allowed"))

        /// Raised by the YAML parser.
        package static let message = Text(
            zh: "不允许使用合并键 <<；请直接写出各字段", en: "merge key << is not allowed; write the fields out")

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.contractPath, E.contract, "  开始: 2024-03-01\n", "  <<: {开始: 2024-03-01}\n"),
                .file(E.contractPath, E.contract)
            )
        }
    }
}

extension Rule {
    public static let yamlMergeKey = Rules.YAMLMergeKey.rule
}
