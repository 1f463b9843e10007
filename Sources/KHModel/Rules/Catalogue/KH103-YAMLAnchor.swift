import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH103 yaml-anchor.
    public enum YAMLAnchor: RuleDefinition {
        public static let rule = Rule(
            code: "KH103", name: "yaml-anchor", severity: .error,
            summary: Text(zh: "不允许使用锚点（&）和别名（*）", en: "anchors (&) and aliases (*) are not allowed"))

        /// Raised by the YAML parser, at an anchor or an alias.
        static func anchorMessage(_ n: String) -> Text {
            Text(zh: "不允许使用锚点 &\(n)；请直接写出值", en: "anchor &\(n) is not allowed; write the value out")
        }

        static func aliasMessage(_ n: String) -> Text {
            Text(zh: "不允许使用别名 *\(n)；请直接写出值", en: "alias *\(n) is not allowed; write the value out")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.contractPath, E.contract, "合同期限:", "合同期限: &term"), .file(E.contractPath, E.contract)
            )
        }
    }
}

extension Rule {
    public static let yamlAnchor = Rules.YAMLAnchor.rule
}
