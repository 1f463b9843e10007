import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH211 unreachable-contact.
    public enum UnreachableContact: CustomerRule {
        public static let rule = Rule(
            code: "KH211", name: "unreachable-contact", severity: .error,
            summary: Text(zh: "联系人没有 手机、电话 或 邮箱", en: "a contact with no 手机, 电话 or 邮箱"))

        /// The means of contact: a contact is reachable when one of them is given.
        public static let means = [FieldName.mobile, FieldName.phone, FieldName.email]

        /// The condition, for every place that makes or checks a contact (kh new, kh import,
        /// validation): `given` says whether a means of contact holds a value.
        public static func isReachable(given: (String) -> Bool) -> Bool { means.contains(where: given) }

        public static func isReachable(mobile: String?, phone: String?, email: String?) -> Bool {
            isReachable { [FieldName.mobile: mobile, FieldName.phone: phone, FieldName.email: email][$0]! != nil }
        }

        static func message(_ name: String?) -> Text {
            let n = name.map { Msg.q($0) } ?? ""
            let ne = name.map { " " + Msg.qe($0) } ?? ""
            return Text(
                zh: "联系人\(n)没有 手机、电话 或 邮箱，无法联系；至少填写一项",
                en: "contact\(ne) has no 手机, 电话 or 邮箱; give at least one")
        }

        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            guard let basic = s.basic else { return }
            for c in basic.contacts where !isReachable(given: c.isGiven) {
                out.append(
                    Diagnostic(
                        rule: rule, file: basic.path, start: c.node.start, end: c.node.end, path: c.path,
                        message: message(c.name)))
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(
                    E.basicInfoPath, E.basicInfo, "    决策人: 是\n", "    决策人: 是\n  - 姓名: 刘芳\n    职位: 财务经理\n"),
                RuleExample.edit(
                    E.basicInfoPath, E.basicInfo, "    决策人: 是\n",
                    "    决策人: 是\n  - 姓名: 刘芳\n    职位: 财务经理\n    邮箱: liufang@xingchen.example.com\n")
            )
        }
    }
}

extension Rule {
    public static let unreachableContact = Rules.UnreachableContact.rule
}
