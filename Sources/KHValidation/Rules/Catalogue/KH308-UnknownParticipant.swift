import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH308 unknown-participant.
    public enum UnknownParticipant: CustomerRule {
        public static let rule = Rule(
            code: "KH308", name: "unknown-participant", severity: .warning,
            summary: Text(zh: "客户方参与人员不在 联系人 中", en: "a 客户方 participant not among the 联系人"))

        static func message(_ name: String, contacts: [String]) -> Text {
            let list =
                contacts.isEmpty
                ? ("（无）", "(none)") : (contacts.joined(separator: "、"), contacts.joined(separator: ", "))
            return Text(
                zh: "客户方参与人员\(Msg.q(name))不在基本信息的 联系人 中（联系人：\(list.0)）；新联系人请补充到基本信息",
                en: "客户方 participant \(Msg.qe(name)) is not among the 联系人 of 基本信息 (\(list.1)); add new contacts there")
        }

        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            guard let b = s.basic else { return }
            let contacts = b.contacts.compactMap(\.name)
            for r in s.interactions {
                guard let people = r.participants else { continue }
                for (i, item) in people.items(FieldName.theirs).enumerated() {
                    guard let name = item.text?.trimmingWhitespace(), !name.isEmpty, !name.same(pendingValue),
                        !contacts.containsSame(name)
                    else { continue }
                    out.append(
                        Diagnostic(
                            rule: rule, file: r.path, start: item.start, end: item.end,
                            path: "\(FieldName.participants).\(FieldName.theirs)[\(i + 1)]",
                            message: message(name, contacts: contacts.sorted())))
                }
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.interactionPath, E.interaction, "客户方: [张伟]", "客户方: [张伟, 陈总]"),
                .file(E.interactionPath, E.interaction)
            )
        }
    }
}

extension Rule {
    public static let unknownParticipant = Rules.UnknownParticipant.rule
}
