import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH127 assessment-year-mismatch.
    public enum AssessmentYearMismatch: RuleDefinition {
        public static let rule = Rule(code: "KH127", name: "assessment-year-mismatch", severity: .error,
                                      summary: Text(zh: "价值评估文件名不是其 年度", en: "value assessment file name is not its 年度"))

        package static func message(_ name: String, year: String) -> Text {
            Text(zh: "文件名\(Msg.q(name))与 年度 \(year) 不一致；应为 \(year).yaml", en: "file name \(Msg.qe(name)) differs from 年度 \(year); expected \(year).yaml")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [(E.assessmentPath, nil), (E.customer + "/05-价值评估/2023.yaml", E.assessment)]),
                    .file(E.assessmentPath, E.assessment))
        }
    }
}

extension Rule {
    public static let assessmentYearMismatch = Rules.AssessmentYearMismatch.rule
}
