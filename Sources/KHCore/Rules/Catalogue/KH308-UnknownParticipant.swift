private typealias E = ExampleArchive

extension Rules {
    /// KH308 unknown-participant.
    public enum UnknownParticipant: RuleDefinition {
        public static let rule = Rule(code: "KH308", name: "unknown-participant", severity: .warning,
                                      summary: Text(zh: "客户方参与人员不在 联系人 中", en: "a 客户方 participant not among the 联系人"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.interactionPath, E.interaction, "客户方: [张伟]", "客户方: [张伟, 陈总]"), .file(E.interactionPath, E.interaction))
        }
    }
}

extension Rule {
    public static let unknownParticipant = Rules.UnknownParticipant.rule
}
