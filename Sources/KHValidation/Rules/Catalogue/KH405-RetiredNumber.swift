import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH405 retired-number.
    public enum RetiredNumber: ArchiveRule {
        public static let rule = Rule(
            code: "KH405", name: "retired-number", severity: .error,
            summary: Text(zh: "使用了已退役的档案编号", en: "a retired archive number in use"))

        static func message(_ number: String) -> Text {
            Text(
                zh: "编号 \(number) 已在 kh.yaml 退役编号 中，不得再次使用；请用新编号",
                en: "number \(number) is retired in kh.yaml 退役编号 and may not be used again; take a new number")
        }

        static func check(_ customers: [CustomerSummary], config: Config, into out: inout [Diagnostic]) {
            let retired = Set(config.retiredNumbers)
            guard !retired.isEmpty else { return }
            for c in customers where retired.contains(c.directory.number) {
                let (file, mark) = ArchiveRules.location(c)
                out.append(
                    Diagnostic(
                        rule: rule, file: file, start: mark, path: c.numberMark == nil ? nil : FieldName.number,
                        message: message(c.directory.number)))
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.secondCustomer(number: "KH-2023-009", directory: "KH-2023-009_云帆物流"),
                RuleExample.secondCustomer()
            )
        }
    }
}
