import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH402 duplicate-credit-code.
    public enum DuplicateCreditCode: ArchiveRule {
        public static let rule = Rule(
            code: "KH402", name: "duplicate-credit-code", severity: .error,
            summary: Text(
                zh: "两个客户的统一社会信用代码相同（一个客户一份档案）", en: "two customers with one 统一社会信用代码 (one customer, one archive)"))

        static func message(_ code: String, first: String) -> Text {
            Text(
                zh: "统一社会信用代码 \(code) 与 \(first) 相同；一个客户只能有一份档案，请合并",
                en: "统一社会信用代码 \(code) is the same as \(first)'s; one customer, one archive: merge them")
        }

        static func check(_ customers: [CustomerSummary], config: Config, into out: inout [Diagnostic]) {
            var codes: [String: Int] = [:]
            for (i, c) in customers.enumerated() {
                guard let code = c.creditCode else { continue }
                guard let f = codes[code.value], let fk = customers[f].creditCode else {
                    codes[code.value] = i
                    continue
                }
                let first = customers[f]
                out.append(
                    Diagnostic(
                        rule: rule, file: code.file, start: code.mark, path: FieldName.creditCode,
                        message: message(code.value, first: first.directory.name),
                        notes: [
                            Note(
                                file: fk.file, start: fk.mark,
                                message: ArchiveRules.firstCustomerHere(first.directory.name))
                        ]))
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.secondCustomer("统一社会信用代码: 91440300MA5FT8LC2E", "统一社会信用代码: 91110108MA01ABCDEN"),
                RuleExample.secondCustomer()
            )
        }
    }
}

extension Rule {
    public static let duplicateCreditCode = Rules.DuplicateCreditCode.rule
}
