import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH209 former-staff.
    public enum FormerStaff: CustomerRule {
        public static let rule = Rule(
            code: "KH209", name: "former-staff", severity: .warning,
            summary: Text(zh: "已离职人员仍负责客户或待办事项", en: "former staff still responsible for a customer or an open task"))

        static func ownerMessage(_ name: String) -> Text {
            Text(
                zh: "负责销售 \(name) 已离职（kh.yaml 团队 中 在职: 否）；请将客户交接给在职同事",
                en: "负责销售 \(name) has left (在职: 否 in kh.yaml 团队); hand the customer over to a current colleague")
        }

        static func taskMessage(_ name: String) -> Text {
            Text(zh: "待办事项的负责人 \(name) 已离职；请改派给在职同事", en: "the open task's owner \(name) has left; reassign it")
        }

        /// A person kh.yaml 团队 lists as having left (在职: 否); unknown names are KH208's matter.
        static func isFormer(_ name: String, _ config: Config) -> Bool {
            config.member(named: name).map { !$0.active } ?? false
        }

        /// 负责销售, and the 负责人 of every 下一步计划 still 待办.
        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            if let b = s.basic, let owner = b.owner, isFormer(owner, config), let node = b.node(FieldName.owner) {
                out.append(
                    Diagnostic(
                        rule: rule, file: b.path, start: node.start, end: node.end, path: FieldName.owner,
                        message: ownerMessage(owner)))
            }
            for r in s.interactions {
                for step in r.openSteps {
                    guard let who = step.assignee, isFormer(who, config), let node = step.mapping[FieldName.assignee]
                    else { continue }
                    out.append(
                        Diagnostic(
                            rule: rule, file: r.path, start: node.start, end: node.end,
                            path: step.path + "." + FieldName.assignee, message: taskMessage(who)))
                }
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "负责销售: 王磊", "负责销售: 郑凯"),
                .file(E.basicInfoPath, E.basicInfo)
            )
        }
    }
}

extension Rule {
    public static let formerStaff = Rules.FormerStaff.rule
}
