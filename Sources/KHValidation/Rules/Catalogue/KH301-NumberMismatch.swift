import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH301 number-mismatch.
    public enum NumberMismatch: CustomerRule {
        public static let rule = Rule(
            code: "KH301", name: "number-mismatch", severity: .error,
            summary: Text(zh: "档案编号 与文件夹编号不一致", en: "档案编号 differs from the folder's number"))

        static func message(_ number: String, directory: String) -> Text {
            Text(
                zh: "档案编号\(Msg.q(number))与文件夹编号 \(directory) 不一致；编号以文件夹为准",
                en:
                    "档案编号 \(Msg.qe(number)) differs from the folder's number \(directory); the folder's number is the identity"
            )
        }

        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            guard let b = s.basic, let number = b.number, number != s.directory.number,
                let node = b.node(FieldName.number)
            else { return }
            out.append(
                Diagnostic(
                    rule: rule, file: b.path, start: node.start, end: node.end, path: FieldName.number,
                    message: message(number, directory: s.directory.number)))
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "档案编号: KH-2024-001", "档案编号: KH-2024-01"),
                .file(E.basicInfoPath, E.basicInfo)
            )
        }
    }
}

extension Rule {
    public static let numberMismatch = Rules.NumberMismatch.rule
}
