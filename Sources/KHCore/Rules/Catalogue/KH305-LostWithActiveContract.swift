private typealias E = ExampleArchive

extension Rules {
    /// KH305 lost-with-active-contract.
    public enum LostWithActiveContract: RuleDefinition {
        public static let rule = Rule(code: "KH305", name: "lost-with-active-contract", severity: .warning,
                                      summary: Text(zh: "客户阶段为 流失 但仍有 执行中 的合作", en: "客户阶段 流失 with a contract still 执行中"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "客户阶段: 成交", "客户阶段: 流失"),
                    RuleExample(files: [(E.basicInfoPath, E.basicInfo.replacingOccurrences(of: "客户阶段: 成交", with: "客户阶段: 流失")),
                                        (E.contractPath, E.contract.replacingOccurrences(of: "合作状态: 执行中", with: "合作状态: 已终止"))]))
        }
    }
}

extension Rule {
    public static let lostWithActiveContract = Rules.LostWithActiveContract.rule
}
