private typealias E = ExampleArchive

extension Rules {
    /// KH303 number-year-mismatch.
    public enum NumberYearMismatch: RuleDefinition {
        public static let rule = Rule(code: "KH303", name: "number-year-mismatch", severity: .warning,
                                      summary: Text(zh: "编号中的年份与 创建时间 的年份不一致", en: "the number's year differs from 创建时间's year"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "创建时间: 2024-01-15", "创建时间: 2023-12-28"), .file(E.basicInfoPath, E.basicInfo))
        }
    }
}

extension Rule {
    public static let numberYearMismatch = Rules.NumberYearMismatch.rule
}
