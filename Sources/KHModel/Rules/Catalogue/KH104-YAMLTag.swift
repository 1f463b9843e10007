import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH104 yaml-tag.
    public enum YAMLTag: RuleDefinition {
        public static let rule = Rule(
            code: "KH104", name: "yaml-tag", severity: .error,
            summary: Text(zh: "不允许使用标签（!、!!）", en: "tags (!, !!) are not allowed"))

        /// Raised by the YAML parser, at a tag or a %TAG directive.
        package static func message(_ t: String) -> Text {
            Text(
                zh: "不允许使用标签 \(t)；值一律按文字读取，由字段类型检查",
                en: "tag \(t) is not allowed; values are read as text and checked by the field's type")
        }

        static let tagDirective = Text(zh: "不允许使用 %TAG 指令", en: "%TAG directives are not allowed")

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.contractPath, E.contract, "合作金额: 120000.00", "合作金额: !!str 120000.00"),
                .file(E.contractPath, E.contract)
            )
        }
    }
}

extension Rule {
    public static let yamlTag = Rules.YAMLTag.rule
}
