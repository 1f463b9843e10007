import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH208 unknown-person.
    public enum UnknownPerson: RuleDefinition {
        public static let rule = Rule(code: "KH208", name: "unknown-person", severity: .error,
                                      summary: Text(zh: "人员不在 kh.yaml 的 团队 中", en: "a person not in kh.yaml's 团队"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "负责销售: 王磊", "负责销售: 王雷"), .file(E.basicInfoPath, E.basicInfo))
        }
    }
}

extension Rule {
    public static let unknownPerson = Rules.UnknownPerson.rule
}
