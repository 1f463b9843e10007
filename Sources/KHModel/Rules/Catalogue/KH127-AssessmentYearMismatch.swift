import Foundation
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH127 assessment-year-mismatch.
    public enum AssessmentYearMismatch: CustomerRule {
        public static let rule = Rule(
            code: "KH127", name: "assessment-year-mismatch", severity: .error,
            summary: Text(zh: "价值评估文件名不是其 年度", en: "value assessment file name is not its 年度"))

        package static func message(_ name: String, year: String) -> Text {
            Text(
                zh: "文件名\(Msg.q(name))与 年度 \(year) 不一致；应为 \(year).yaml",
                en: "file name \(Msg.qe(name)) differs from 年度 \(year); expected \(year).yaml")
        }

        /// An assessment's file is named after its 年度; the fix renames it.
        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            for a in s.assessments {
                let m = a.mapping
                let file = a.file
                guard file.nameIsWellFormed, let yearText = m.text(FieldName.year), Values.year(yearText) != nil,
                    !file.name.same("\(yearText).yaml")
                else { continue }
                let node = m[FieldName.year]
                out.append(
                    Diagnostic(
                        rule: rule, file: file.path, start: node?.start, end: node?.end, path: FieldName.year,
                        message: message(file.name, year: yearText),
                        fix: file.move(to: (file.path as NSString).deletingLastPathComponent, name: "\(yearText).yaml"))
                )
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample(files: [(E.assessmentPath, nil), (E.customer + "/05-价值评估/2023.yaml", E.assessment)]),
                .file(E.assessmentPath, E.assessment)
            )
        }
    }
}
