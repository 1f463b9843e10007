import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH110 not-a-mapping.
    public enum NotAMapping: RuleDefinition {
        public static let rule = Rule(
            code: "KH110", name: "not-a-mapping", severity: .error,
            summary: Text(zh: "文件为空或顶层不是映射（键: 值）", en: "file is empty or its top level is not a mapping"))

        /// Raised by the reader (documents) and `ConfigLoader` (kh.yaml).
        package static func message(_ kind: (zh: String, en: String)) -> Text {
            Text(
                zh: "文件顶层应为映射（键: 值），这里是\(kind.zh)",
                en: "the top level should be a mapping (key: value), found \(kind.en)")
        }

        static let emptyDocument = Text(
            zh: "文件是空的（或只有注释）；应为一个映射（键: 值）", en: "the file is empty (or only comments); expected a mapping (key: value)"
        )

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (.file(E.needsPath, "- 数据分散\n- 预算有限\n"), .file(E.needsPath, E.needs))
        }
    }
}

extension Rule {
    public static let notAMapping = Rules.NotAMapping.rule
}
