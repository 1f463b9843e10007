import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH307 assessment-grade-mismatch.
    public enum AssessmentGradeMismatch: CustomerRule {
        public static let rule = Rule(
            code: "KH307", name: "assessment-grade-mismatch", severity: .error,
            summary: Text(
                zh: "价值评估的 价值等级 与其 年度合作金额 按阈值得出的等级不一致",
                en: "an assessment's 价值等级 differs from the grade its 年度合作金额 gives"))

        static func message(_ declared: String, computed: String, amount: String) -> Text {
            Text(
                zh: "价值等级 \(declared) 与 年度合作金额 \(amount) 按 kh.yaml 阈值得出的 \(computed) 不一致",
                en:
                    "价值等级 \(declared) differs from \(computed), the grade kh.yaml's thresholds give for 年度合作金额 \(amount)"
            )
        }

        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            for a in s.assessments {
                guard let cents = a.amount, let amount = a.amountText, let declared = a.declaredGrade,
                    Declarations.grades.contains(declared),
                    let node = a.node(FieldName.grade)
                else { continue }
                let grade = config.grade(forCents: cents)
                guard declared != grade else { continue }
                out.append(
                    Diagnostic(
                        rule: rule, file: a.path, start: node.start, end: node.end, path: FieldName.grade,
                        message: message(declared, computed: grade, amount: amount)))
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.assessmentPath, E.assessment, "价值等级: A", "价值等级: B"),
                .file(E.assessmentPath, E.assessment)
            )
        }
    }
}
