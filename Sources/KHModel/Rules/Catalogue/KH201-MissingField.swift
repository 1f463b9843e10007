import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH201 missing-field.
    public enum MissingField: RuleDefinition {
        public static let rule = Rule(code: "KH201", name: "missing-field", severity: .error,
                                      summary: Text(zh: "缺少必填字段", en: "a required field is missing"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.contractPath, E.contract, "合作金额: 120000.00\n", ""), .file(E.contractPath, E.contract))
        }
    }
}

extension Rule {
    public static let missingField = Rules.MissingField.rule
}
