import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH102 duplicate-key.
    public enum DuplicateKey: RuleDefinition {
        public static let rule = Rule(code: "KH102", name: "duplicate-key", severity: .error,
                                      summary: Text(zh: "同一映射中的键重复", en: "a key repeated in one mapping"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.contractPath, E.contract, "合作状态: 执行中", "合作状态: 执行中\n合作金额: 150000.00"), .file(E.contractPath, E.contract))
        }
    }
}

extension Rule {
    public static let duplicateKey = Rules.DuplicateKey.rule
}
