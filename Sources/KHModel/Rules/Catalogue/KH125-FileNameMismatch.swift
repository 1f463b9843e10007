import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH125 file-name-mismatch.
    public enum FileNameMismatch: RuleDefinition {
        public static let rule = Rule(code: "KH125", name: "file-name-mismatch", severity: .error,
                                      summary: Text(zh: "文件名中的日期、沟通方式或合作项目与文件内容不一致", en: "date, method or project in the file name differs from the content"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [(E.interactionPath, nil), (E.customer + "/03-互动记录/2024-Q1/2024-03-06-电话.yaml", E.interaction)]),
                    .file(E.interactionPath, E.interaction))
        }
    }
}

extension Rule {
    public static let fileNameMismatch = Rules.FileNameMismatch.rule
}
