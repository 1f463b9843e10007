import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH205 unknown-field.
    public enum UnknownField: RuleDefinition {
        public static let rule = Rule(
            code: "KH205", name: "unknown-field", severity: .warning,
            summary: Text(zh: "未定义的字段", en: "an unknown field"))

        /// Raised by the schema check (`FieldChecker`); kh.yaml's 字段 section says the same of
        /// an unknown key there (under KH601).
        package static func message(_ key: String, suggestion: String?, known: [String]) -> Text {
            if let s = suggestion {
                return Text(
                    zh: "未定义的字段「\(key)」；是否想写「\(s)」？",
                    en: "unknown field '\(key)'; did you mean '\(s)'?")
            }
            return Text(
                zh: "未定义的字段「\(key)」；可用字段：\(known.joined(separator: "、"))（新增字段请在 kh.yaml 字段.新增 中声明）",
                en:
                    "unknown field '\(key)'; known fields: \(known.joined(separator: ", ")) (declare new fields in kh.yaml 字段.新增)"
            )
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "    决策人: 是", "    决策人: 是\n    备住: 周三下午方便"),
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "    决策人: 是", "    决策人: 是\n    备注: 周三下午方便")
            )
        }
    }
}

extension Rule {
    public static let unknownField = Rules.UnknownField.rule
}
