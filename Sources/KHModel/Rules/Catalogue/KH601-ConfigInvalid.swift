import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH601 config-invalid.
    public enum ConfigInvalid: RuleDefinition {
        public static let rule = Rule(code: "KH601", name: "config-invalid", severity: .error,
                                      summary: Text(zh: "kh.yaml 的配置无效", en: "kh.yaml is invalid"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (.file("kh.yaml", E.config + "价值等级: {A: 50000.00, B: 100000.00, C: 10000.00}\n"),
                    .file("kh.yaml", E.config + "价值等级: {A: 100000.00, B: 50000.00, C: 10000.00}\n"))
        }
    }
}

extension Rule {
    public static let configInvalid = Rules.ConfigInvalid.rule
}
