private typealias E = ExampleArchive

extension Rules {
    /// KH307 assessment-grade-mismatch.
    public enum AssessmentGradeMismatch: RuleDefinition {
        public static let rule = Rule(code: "KH307", name: "assessment-grade-mismatch", severity: .error,
                                      summary: Text(zh: "价值评估的 价值等级 与其 年度合作金额 按阈值得出的等级不一致", en: "an assessment's 价值等级 differs from the grade its 年度合作金额 gives"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.assessmentPath, E.assessment, "价值等级: A", "价值等级: B"), .file(E.assessmentPath, E.assessment))
        }
    }
}

extension Rule {
    public static let assessmentGradeMismatch = Rules.AssessmentGradeMismatch.rule
}
