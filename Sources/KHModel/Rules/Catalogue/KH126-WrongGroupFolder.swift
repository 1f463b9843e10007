import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH126 wrong-group-folder.
    public enum WrongGroupFolder: RuleDefinition {
        public static let rule = Rule(code: "KH126", name: "wrong-group-folder", severity: .error,
                                      summary: Text(zh: "互动记录不在其沟通时间所属的季度（或项目）文件夹中", en: "interaction record not in the quarter (or project) folder its time gives"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [(E.interactionPath, nil), (E.customer + "/03-互动记录/2024-Q2/2024-03-05-电话.yaml", E.interaction)]),
                    .file(E.interactionPath, E.interaction))
        }
    }
}

extension Rule {
    public static let wrongGroupFolder = Rules.WrongGroupFolder.rule
}
