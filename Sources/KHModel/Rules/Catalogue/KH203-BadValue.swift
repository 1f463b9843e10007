import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH203 bad-value.
    public enum BadValue: RuleDefinition {
        public static let rule = Rule(code: "KH203", name: "bad-value", severity: .error,
                                      summary: Text(zh: "值的格式或类型不对", en: "a value of the wrong type or form"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "手机: 13812345678", "手机: 1381234567"), .file(E.basicInfoPath, E.basicInfo))
        }
    }
}

extension Rule {
    public static let badValue = Rules.BadValue.rule
}
