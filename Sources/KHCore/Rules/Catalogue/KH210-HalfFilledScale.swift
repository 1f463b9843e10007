private typealias E = ExampleArchive

extension Rules {
    /// KH210 half-filled-scale.
    public enum HalfFilledScale: RuleDefinition {
        public static let rule = Rule(code: "KH210", name: "half-filled-scale", severity: .error,
                                      summary: Text(zh: "企业规模 的 员工数 和 年营收 须同时填写或都不填", en: "企业规模 needs both 员工数 and 年营收, or neither"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "  年营收: 1亿-10亿\n", ""), .file(E.basicInfoPath, E.basicInfo))
        }
    }
}

extension Rule {
    public static let halfFilledScale = Rules.HalfFilledScale.rule
}
