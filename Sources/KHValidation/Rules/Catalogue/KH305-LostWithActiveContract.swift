import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH305 lost-with-active-contract.
    public enum LostWithActiveContract: CustomerRule {
        public static let rule = Rule(
            code: "KH305", name: "lost-with-active-contract", severity: .warning,
            summary: Text(zh: "客户阶段为 流失 但仍有 执行中 的合作", en: "客户阶段 流失 with a contract still 执行中"))

        static func message(_ n: Int) -> Text {
            Text(
                zh: "客户阶段为 流失，但仍有 \(n) 份合作的 合作状态 为 执行中",
                en: "客户阶段 is 流失 but \(n) contract(s) are still 执行中")
        }

        static let activeContractHere = Text(zh: "执行中的合作", en: "contract still 执行中")

        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            guard let b = s.basic, b.stage?.same(FieldValue.stageLost) == true, let node = b.node(FieldName.stage)
            else { return }
            let active = s.contracts.filter { $0.status?.same(FieldValue.contractActive) == true }
            guard !active.isEmpty else { return }
            out.append(
                Diagnostic(
                    rule: rule, file: b.path, start: node.start, end: node.end, path: FieldName.stage,
                    message: message(active.count),
                    notes: active.map {
                        Note(
                            file: $0.path, start: $0.node(FieldName.contractStatus)?.start, message: activeContractHere)
                    }))
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "客户阶段: 成交", "客户阶段: 流失"),
                RuleExample(files: [
                    (E.basicInfoPath, E.basicInfo.replacingOccurrences(of: "客户阶段: 成交", with: "客户阶段: 流失")),
                    (E.contractPath, E.contract.replacingOccurrences(of: "合作状态: 执行中", with: "合作状态: 已终止")),
                ])
            )
        }
    }
}
