import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH110 not-a-mapping.
    public enum NotAMapping: RuleDefinition {
        public static let rule = Rule(code: "KH110", name: "not-a-mapping", severity: .error,
                                      summary: Text(zh: "文件为空或顶层不是映射（键: 值）", en: "file is empty or its top level is not a mapping"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (.file(E.needsPath, "- 数据分散\n- 预算有限\n"), .file(E.needsPath, E.needs))
        }
    }
}

extension Rule {
    public static let notAMapping = Rules.NotAMapping.rule
}
