import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH401 duplicate-number.
    public enum DuplicateNumber: ArchiveRule {
        public static let rule = Rule(
            code: "KH401", name: "duplicate-number", severity: .error,
            summary: Text(zh: "同一档案编号出现两次", en: "the same archive number twice"))

        static func message(_ number: String, first: String) -> Text {
            Text(
                zh: "档案编号 \(number) 已被 \(first) 使用；一个编号只能对应一个客户",
                en: "archive number \(number) is already used by \(first); a number belongs to one customer")
        }

        static func check(_ customers: [CustomerSummary], config: Config, into out: inout [Diagnostic]) {
            var numbers: [String: Int] = [:]
            numbers.reserveCapacity(customers.count)
            for (i, c) in customers.enumerated() {
                let number = c.directory.number
                guard let f = numbers[number] else {
                    numbers[number] = i
                    continue
                }
                let first = customers[f]
                let (file, mark) = ArchiveRules.location(c)
                let (ff, fm) = ArchiveRules.location(first)
                out.append(
                    Diagnostic(
                        rule: rule, file: file, start: mark, path: c.numberMark == nil ? nil : FieldName.number,
                        message: message(number, first: first.directory.name),
                        notes: [
                            Note(file: ff, start: fm, message: ArchiveRules.firstCustomerHere(first.directory.name))
                        ]))
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.secondCustomer(number: "KH-2024-001", directory: "KH-2024-001_云帆物流"),
                RuleExample.secondCustomer()
            )
        }
    }
}
