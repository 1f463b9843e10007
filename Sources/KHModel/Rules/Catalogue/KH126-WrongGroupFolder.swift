import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH126 wrong-group-folder.
    public enum WrongGroupFolder: RuleDefinition {
        public static let rule = Rule(code: "KH126", name: "wrong-group-folder", severity: .error,
                                      summary: Text(zh: "互动记录不在其沟通时间所属的季度（或项目）文件夹中", en: "interaction record not in the quarter (or project) folder its time gives"))

        /// Raised by the layout scan for a record directly in 03-互动记录/.
        static let outsideGroup = Text(
            zh: "互动记录应放在 03-互动记录/YYYY-Qn/（或项目）文件夹中，不能直接放在 03-互动记录/ 下",
            en: "interaction records go in a 03-互动记录/YYYY-Qn/ (or project) folder, not directly in 03-互动记录/")

        package static func badFolderMessage(_ name: String, byProject: Bool) -> Text {
            byProject
                ? Text(zh: "互动记录文件夹\(Msg.q(name))既不是 YYYY-Qn 季度，也不是 02-合作背景 中的 合作项目",
                       en: "interaction folder \(Msg.qe(name)) is neither a YYYY-Qn quarter nor a 合作项目 of 02-合作背景")
                : Text(zh: "互动记录文件夹\(Msg.q(name))应为季度 YYYY-Qn，如 2024-Q1", en: "interaction folder \(Msg.qe(name)) should be a quarter YYYY-Qn, e.g. 2024-Q1")
        }

        package static func wrongQuarterMessage(_ folder: String, expected: String, time: String) -> Text {
            Text(zh: "沟通时间 \(time) 属于 \(expected)，但记录放在 \(folder)；请移到 03-互动记录/\(expected)/",
                 en: "沟通时间 \(time) falls in \(expected), but the record is in \(folder); move it to 03-互动记录/\(expected)/")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [(E.interactionPath, nil), (E.customer + "/03-互动记录/2024-Q2/2024-03-05-电话.yaml", E.interaction)]),
                    .file(E.interactionPath, E.interaction))
        }
    }
}

extension Rule {
    public static let wrongGroupFolder = Rules.WrongGroupFolder.rule
}
