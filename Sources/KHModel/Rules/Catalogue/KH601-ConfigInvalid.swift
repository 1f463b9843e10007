import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH601 config-invalid.
    public enum ConfigInvalid: RuleDefinition {
        public static let rule = Rule(
            code: "KH601", name: "config-invalid", severity: .error,
            summary: Text(zh: "kh.yaml 的配置无效", en: "kh.yaml is invalid"))

        // Raised by `ConfigLoader` as it reads kh.yaml. (Its 字段 section also says what
        // KH205 unknown-field and KH206 wrong-shape say of a document, and 默认创建人 what KH208 says.)

        static func badPrefix(_ p: String) -> Text {
            Text(zh: "编号前缀\(Msg.q(p))只能由字母和数字组成", en: "number prefix \(Msg.qe(p)) may hold only letters and digits")
        }

        static func badWidth(_ w: Int) -> Text {
            Text(zh: "编号位数 \(w) 不在 1 到 6 之间", en: "number width \(w) is not between 1 and 6")
        }

        static func badRetiredNumber(_ n: String, example: String) -> Text {
            Text(
                zh: "退役编号\(Msg.q(n))不是档案编号格式；应如 \(example)",
                en: "retired number \(Msg.qe(n)) is not an archive number; expected e.g. \(example)")
        }

        static let gradeOrder = Text(zh: "价值等级阈值须满足 A > B > C", en: "value grade thresholds must satisfy A > B > C")

        static func duplicateInList(_ v: String, _ key: String) -> Text {
            Text(zh: "\(key) 中\(Msg.q(v))重复", en: "\(Msg.qe(v)) repeated in \(key)")
        }

        static func emptyList(_ key: String) -> Text {
            Text(zh: "\(key) 不能为空列表", en: "\(key) cannot be an empty list")
        }

        static func unknownDocumentType(_ name: String, suggestion: String?, known: [String]) -> Text {
            let s = suggestion.map { (zh: "；是否想写「\($0)」？", en: "; did you mean '\($0)'?") } ?? (zh: "", en: "")
            return Text(
                zh: "字段 下的文档类型\(Msg.q(name))不存在\(s.zh)；可用：\(known.joined(separator: "、"))",
                en:
                    "document type \(Msg.qe(name)) under 字段 does not exist\(s.en); known: \(known.joined(separator: ", "))"
            )
        }

        static func fieldExists(_ name: String, _ type: String) -> Text {
            Text(
                zh: "字段「\(name)」已是 \(type) 的标准字段，不能重复新增；要改为必填请写在 必填 中",
                en: "'\(name)' is already a standard field of \(type); list it under 必填 to make it required")
        }

        static func unknownTypeName(_ name: String, suggestion: String?, known: [String]) -> Text {
            let s = suggestion.map { (zh: "；是否想写「\($0)」？", en: "; did you mean '\($0)'?") } ?? (zh: "", en: "")
            return Text(
                zh: "字段类型\(Msg.q(name))不存在\(s.zh)；可用：\(known.joined(separator: "、"))，或 {类型: enum, 取值: [...]}",
                en:
                    "unknown field type \(Msg.qe(name))\(s.en); known: \(known.joined(separator: ", ")), or {类型: enum, 取值: [...]}"
            )
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                .file("kh.yaml", E.config + "价值等级: {A: 50000.00, B: 100000.00, C: 10000.00}\n"),
                .file("kh.yaml", E.config + "价值等级: {A: 100000.00, B: 50000.00, C: 10000.00}\n")
            )
        }
    }
}

extension Rule {
    public static let configInvalid = Rules.ConfigInvalid.rule
}
