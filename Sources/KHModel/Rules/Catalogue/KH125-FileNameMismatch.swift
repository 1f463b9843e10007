import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH125 file-name-mismatch.
    public enum FileNameMismatch: RuleDefinition {
        public static let rule = Rule(code: "KH125", name: "file-name-mismatch", severity: .error,
                                      summary: Text(zh: "文件名中的日期、沟通方式或合作项目与文件内容不一致", en: "date, method or project in the file name differs from the content"))

        package static func message(_ what: String, inName: String, inContent: String, expectedName: String) -> Text {
            Text(zh: "文件名中的\(what)\(Msg.q(inName))与内容中的\(Msg.q(inContent))不一致；文件名应为\(Msg.q(expectedName))",
                 en: "the \(what) in the file name \(Msg.qe(inName)) differs from the content's \(Msg.qe(inContent)); the file should be named \(Msg.qe(expectedName))")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [(E.interactionPath, nil), (E.customer + "/03-互动记录/2024-Q1/2024-03-06-电话.yaml", E.interaction)]),
                    .file(E.interactionPath, E.interaction))
        }
    }
}

extension Rule {
    public static let fileNameMismatch = Rules.FileNameMismatch.rule
}
