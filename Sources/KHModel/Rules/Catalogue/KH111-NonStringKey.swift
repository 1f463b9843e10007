import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH111 non-string-key.
    public enum NonStringKey: RuleDefinition {
        public static let rule = Rule(
            code: "KH111", name: "non-string-key", severity: .error,
            summary: Text(zh: "键必须是文字，不能是列表或映射", en: "keys must be strings, not lists or mappings"))

        /// Raised by the YAML parser.
        package static func message(_ kind: (zh: String, en: String)) -> Text {
            Text(zh: "键必须是文字，这里是\(kind.zh)", en: "keys must be strings, found \(kind.en)")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (.file(E.needsPath, E.needs + "? [预算, 周期]\n: 待定\n"), .file(E.needsPath, E.needs))
        }
    }
}

extension Rule {
    public static let nonStringKey = Rules.NonStringKey.rule
}
