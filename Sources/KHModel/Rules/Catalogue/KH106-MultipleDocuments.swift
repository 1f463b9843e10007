import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH106 multiple-documents.
    public enum MultipleDocuments: RuleDefinition {
        public static let rule = Rule(
            code: "KH106", name: "multiple-documents", severity: .error,
            summary: Text(zh: "一个文件只能有一个 YAML 文档", en: "a file holds exactly one YAML document"))

        /// Raised by the YAML parser, where the second document starts.
        package static let message = Text(
            zh: "一个文件只能有一个 YAML 文档，这里出现了第二个（--- 分隔）；请把它拆成单独的文件",
            en: "a second YAML document starts here (after ---); a file holds exactly one document")

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (.file(E.contractPath, E.contract + "---\n合作项目: 运维服务\n"), .file(E.contractPath, E.contract))
        }
    }
}

extension Rule {
    public static let multipleDocuments = Rules.MultipleDocuments.rule
}
