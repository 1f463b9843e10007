import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH202 pending-required.
    public enum PendingRequired: RuleDefinition {
        public static let rule = Rule(code: "KH202", name: "pending-required", severity: .warning,
                                      summary: Text(zh: "必填字段的值为 待确认", en: "a required field is 待确认 (to be confirmed)"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "所属行业: 信息技术", "所属行业: 待确认"), .file(E.basicInfoPath, E.basicInfo))
        }
    }
}

extension Rule {
    public static let pendingRequired = Rules.PendingRequired.rule
}
