import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH403 duplicate-name.
    public enum DuplicateName: ArchiveRule {
        public static let rule = Rule(
            code: "KH403", name: "duplicate-name", severity: .error,
            summary: Text(
                zh: "两个客户的全称（规范化后）相同（一个客户一份档案）",
                en: "two customers with one normalised full name (one customer, one archive)"))

        static func message(_ name: String, first: String) -> Text {
            Text(
                zh: "全称\(Msg.q(name))（规范化后）与 \(first) 相同；一个客户只能有一份档案，请合并",
                en:
                    "full name \(Msg.qe(name)) (normalised) is the same as \(first)'s; one customer, one archive: merge them"
            )
        }

        static func check(_ customers: [CustomerSummary], config: Config, into out: inout [Diagnostic]) {
            var names: [String: Int] = [:]
            names.reserveCapacity(customers.count)
            for (i, c) in customers.enumerated() {
                guard let name = c.fullName, let normalized = c.normalizedName else { continue }
                guard let f = names[normalized], let fk = customers[f].fullName else {
                    names[normalized] = i
                    continue
                }
                let first = customers[f]
                out.append(
                    Diagnostic(
                        rule: rule, file: name.file, start: name.mark,
                        path: FieldName.company + "." + FieldName.fullName,
                        message: message(name.value, first: first.directory.name),
                        notes: [
                            Note(
                                file: fk.file, start: fk.mark,
                                message: ArchiveRules.firstCustomerHere(first.directory.name))
                        ]))
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.secondCustomer("全称: 上海云帆物流有限公司", "全称: 北京 星辰科技有限公司"), RuleExample.secondCustomer())
        }
    }
}
