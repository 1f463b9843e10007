private typealias E = ExampleArchive

extension Rules {
    /// KH301 number-mismatch.
    public enum NumberMismatch: RuleDefinition {
        public static let rule = Rule(code: "KH301", name: "number-mismatch", severity: .error,
                                      summary: Text(zh: "档案编号 与文件夹编号不一致", en: "档案编号 differs from the folder's number"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "档案编号: KH-2024-001", "档案编号: KH-2024-01"), .file(E.basicInfoPath, E.basicInfo))
        }
    }
}

extension Rule {
    public static let numberMismatch = Rules.NumberMismatch.rule
}
