import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH123 yml-extension.
    public enum YmlExtension: RuleDefinition {
        public static let rule = Rule(
            code: "KH123", name: "yml-extension", severity: .error,
            summary: Text(zh: "扩展名必须是 .yaml，不是 .yml", en: "the extension is .yaml, not .yml"))

        /// Raised by the layout scan (with a fix that renames the file).
        package static func message(_ name: String) -> Text {
            let fixed = String(name.dropLast(4)) + ".yaml"
            return Text(
                zh: "扩展名应为 .yaml；请改名为\(Msg.q(fixed))", en: "the extension is .yaml: rename it to \(Msg.qe(fixed))")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample(files: [
                    (E.interactionPath, nil), (E.customer + "/03-互动记录/2024-Q1/2024-03-05-电话.yml", E.interaction),
                ]),
                .file(E.interactionPath, E.interaction)
            )
        }
    }
}

extension Rule {
    public static let ymlExtension = Rules.YmlExtension.rule
}
