import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH303 number-year-mismatch.
    public enum NumberYearMismatch: CustomerRule {
        public static let rule = Rule(
            code: "KH303", name: "number-year-mismatch", severity: .warning,
            summary: Text(zh: "编号中的年份与 创建时间 的年份不一致", en: "the number's year differs from 创建时间's year"))

        static func message(_ number: String, year: Int, created: String) -> Text {
            Text(
                zh: "编号 \(number) 的年份 \(year) 与 创建时间 \(created) 的年份不一致",
                en: "the year \(year) of number \(number) differs from the year of 创建时间 \(created)")
        }

        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            let dir = s.directory
            guard let b = s.basic, let created = b.created, created.year != dir.year,
                let node = b.node(FieldName.created)
            else { return }
            out.append(
                Diagnostic(
                    rule: rule, file: b.path, start: node.start, end: node.end, path: FieldName.created,
                    message: message(dir.number, year: dir.year, created: created.description)))
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "创建时间: 2024-01-15", "创建时间: 2023-12-28"),
                .file(E.basicInfoPath, E.basicInfo)
            )
        }
    }
}
