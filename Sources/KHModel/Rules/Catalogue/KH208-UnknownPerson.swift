import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH208 unknown-person.
    public enum UnknownPerson: RuleDefinition {
        public static let rule = Rule(
            code: "KH208", name: "unknown-person", severity: .error,
            summary: Text(zh: "人员不在 kh.yaml 的 团队 中", en: "a person not in kh.yaml's 团队"))

        /// Raised by the schema check (`FieldChecker`); kh.yaml's 默认创建人 says the same (under KH601).
        package static func message(_ name: String, suggestion: String?) -> Text {
            let s = suggestion.map { (zh: "；是否想写「\($0)」？", en: "; did you mean '\($0)'?") } ?? (zh: "", en: "")
            return Text(
                zh: "人员\(Msg.q(name))不在 kh.yaml 的 团队 中\(s.zh)（新同事请先加入 团队）",
                en: "\(Msg.qe(name)) is not in kh.yaml's 团队\(s.en) (add new colleagues to 团队 first)")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "负责销售: 王磊", "负责销售: 王雷"),
                .file(E.basicInfoPath, E.basicInfo)
            )
        }
    }
}

extension Rule {
    public static let unknownPerson = Rules.UnknownPerson.rule
}
