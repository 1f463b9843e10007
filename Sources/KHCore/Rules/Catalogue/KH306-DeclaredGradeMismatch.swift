private typealias E = ExampleArchive

extension Rules {
    /// KH306 declared-grade-mismatch.
    public enum DeclaredGradeMismatch: RuleDefinition {
        public static let rule = Rule(code: "KH306", name: "declared-grade-mismatch", severity: .warning,
                                      summary: Text(zh: "基本信息中的 价值等级 与最新价值评估计算出的等级不一致", en: "基本信息's 价值等级 differs from the grade of the latest assessment"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "价值等级: A", "价值等级: B"), .file(E.basicInfoPath, E.basicInfo))
        }
    }
}

extension Rule {
    public static let declaredGradeMismatch = Rules.DeclaredGradeMismatch.rule
}
