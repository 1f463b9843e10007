import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH206 wrong-shape.
    public enum WrongShape: RuleDefinition {
        public static let rule = Rule(
            code: "KH206", name: "wrong-shape", severity: .error,
            summary: Text(zh: "结构不对（应为映射、列表或单个值）", en: "wrong shape (mapping, list or single value expected)"))

        /// Raised by the schema check (`FieldChecker`); kh.yaml's 字段 section says the same of a
        /// misshapen entry there (under KH601).
        package static func message(_ name: String, found: (zh: String, en: String), expected: Text) -> Text {
            Text(
                zh: "「\(name)」应为\(expected.zh)，这里是\(found.zh)",
                en: "'\(name)' should be \(expected.en), found \(found.en)")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "信息来源: 展会对接", "信息来源: 展会对接\n标签: 数据安全"),
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "信息来源: 展会对接", "信息来源: 展会对接\n标签: [数据安全]")
            )
        }
    }
}

extension Rule {
    public static let wrongShape = Rules.WrongShape.rule
}
