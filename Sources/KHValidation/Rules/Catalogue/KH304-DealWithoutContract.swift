import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH304 deal-without-contract.
    public enum DealWithoutContract: CustomerRule {
        public static let rule = Rule(
            code: "KH304", name: "deal-without-contract", severity: .warning,
            summary: Text(zh: "客户阶段为 成交 但没有合作背景记录", en: "客户阶段 成交 with no cooperation record"))

        static let message = Text(
            zh: "客户阶段为 成交，但 02-合作背景 中没有任何合作记录",
            en: "客户阶段 is 成交 but 02-合作背景 holds no cooperation record")

        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            guard let b = s.basic, b.stage?.same(FieldValue.stageDeal) == true, let node = b.node(FieldName.stage),
                !s.directory.documents.contains(where: { $0.type == .cooperation })
            else { return }
            out.append(
                Diagnostic(
                    rule: rule, file: b.path, start: node.start, end: node.end, path: FieldName.stage, message: message)
            )
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [(E.contractPath, nil)]), .file(E.contractPath, E.contract))
        }
    }
}
