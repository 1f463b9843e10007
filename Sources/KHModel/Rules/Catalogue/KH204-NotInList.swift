import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH204 not-in-list.
    public enum NotInList: RuleDefinition {
        public static let rule = Rule(
            code: "KH204", name: "not-in-list", severity: .error,
            summary: Text(zh: "值不在允许的取值列表中", en: "a value not in its list of allowed values"))

        /// Raised by the schema check (`FieldChecker`); `list` names the kh.yaml list the values come from.
        package static func message(
            _ name: String, found: String, allowed: [String], suggestion: String?, list: ConfigList?
        ) -> Text {
            let s = suggestion.map { (zh: "；是否想写「\($0)」？", en: "; did you mean '\($0)'?") } ?? (zh: "", en: "")
            let source =
                list.map { (zh: "，取值来自 kh.yaml \($0.rawValue)", en: ", from kh.yaml \($0.rawValue)") } ?? (
                    zh: "", en: ""
                )
            let shown = allowed.count > 15 ? Array(allowed.prefix(15)) + ["…"] : allowed
            return Text(
                zh: "「\(name)」的值\(Msg.q(found))不在允许的取值中（可选：\(shown.joined(separator: "、"))\(source.zh)）\(s.zh)",
                en:
                    "'\(name)' has \(Msg.qe(found)), not an allowed value (allowed: \(shown.joined(separator: ", "))\(source.en))\(s.en)"
            )
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "客户阶段: 成交", "客户阶段: 成交了"),
                .file(E.basicInfoPath, E.basicInfo)
            )
        }
    }
}

extension Rule {
    public static let notInList = Rules.NotInList.rule
}
