import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH306 declared-grade-mismatch.
    public enum DeclaredGradeMismatch: CustomerRule {
        public static let rule = Rule(
            code: "KH306", name: "declared-grade-mismatch", severity: .warning,
            summary: Text(
                zh: "基本信息中的 价值等级 与最新价值评估计算出的等级不一致", en: "基本信息's 价值等级 differs from the grade of the latest assessment"))

        static func message(_ declared: String, computed: String, year: Int?) -> Text {
            if let year {
                return Text(
                    zh: "价值等级 \(declared) 与最新价值评估（\(year) 年）计算出的 \(computed) 不一致",
                    en: "价值等级 \(declared) differs from \(computed), computed from the latest assessment (\(year))")
            }
            return Text(
                zh: "价值等级 \(declared) 与计算结果 D 不一致（没有价值评估时为 D）",
                en: "价值等级 \(declared) differs from the computed D (no assessment means D)")
        }

        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            guard let b = s.basic, let declared = b.declaredGrade, Declarations.grades.contains(declared),
                let node = b.node(FieldName.grade)
            else { return }
            let computed = s.computedGrade(config)
            guard declared != computed else { return }
            out.append(
                Diagnostic(
                    rule: rule, file: b.path, start: node.start, end: node.end, path: FieldName.grade,
                    message: message(declared, computed: computed, year: s.latestAssessedYear)))
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "价值等级: A", "价值等级: B"),
                .file(E.basicInfoPath, E.basicInfo)
            )
        }
    }
}
