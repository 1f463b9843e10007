private typealias E = ExampleArchive

extension Rules {
    /// KH209 former-staff.
    public enum FormerStaff: RuleDefinition {
        public static let rule = Rule(code: "KH209", name: "former-staff", severity: .warning,
                                      summary: Text(zh: "已离职人员仍负责客户或待办事项", en: "former staff still responsible for a customer or an open task"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "负责销售: 王磊", "负责销售: 郑凯"), .file(E.basicInfoPath, E.basicInfo))
        }
    }
}

extension Rule {
    public static let formerStaff = Rules.FormerStaff.rule
}
