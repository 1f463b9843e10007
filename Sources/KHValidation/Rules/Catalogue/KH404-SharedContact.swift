import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH404 shared-contact.
    public enum SharedContact: ArchiveRule {
        public static let rule = Rule(
            code: "KH404", name: "shared-contact", severity: .warning,
            summary: Text(zh: "同一手机号或邮箱出现在两个客户下", en: "one mobile or e-mail under two customers"))

        static func message(_ what: String, _ value: String, first: String) -> Text {
            Text(
                zh: "\(what) \(value) 也出现在 \(first) 中；请确认是否为同一客户",
                en: "\(what) \(value) also appears under \(first); check whether they are one customer")
        }

        /// A contact's mobile or e-mail under two customers.
        static func check(_ customers: [CustomerSummary], config: Config, into out: inout [Diagnostic]) {
            var mobiles: [String: (Int, CustomerSummary.Key)] = [:]
            var emails: [String: (Int, CustomerSummary.Key)] = [:]
            mobiles.reserveCapacity(customers.count)
            emails.reserveCapacity(customers.count)
            for (i, c) in customers.enumerated() {
                shared(i, customers, c.mobiles, word: FieldName.mobile, seen: &mobiles, into: &out)
                shared(i, customers, c.emails, word: FieldName.email, seen: &emails, into: &out)
            }
        }

        private static func shared(
            _ index: Int, _ customers: [CustomerSummary], _ keys: [CustomerSummary.Key], word: String,
            seen: inout [String: (Int, CustomerSummary.Key)], into out: inout [Diagnostic]
        ) {
            var here: Set<String> = []
            for key in keys where here.insert(key.value).inserted {
                guard let (f, fk) = seen[key.value] else {
                    seen[key.value] = (index, key)
                    continue
                }
                let first = customers[f]
                out.append(
                    Diagnostic(
                        rule: rule, file: key.file, start: key.mark,
                        message: message(word, key.value, first: first.directory.name),
                        notes: [
                            Note(
                                file: fk.file, start: fk.mark,
                                message: ArchiveRules.firstCustomerHere(first.directory.name))
                        ]))
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.secondCustomer("手机: 13900001111", "手机: 13812345678"), RuleExample.secondCustomer())
        }
    }
}

extension Rule {
    public static let sharedContact = Rules.SharedContact.rule
}
