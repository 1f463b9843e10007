import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH603 unused-waiver.
    public enum UnusedWaiver: RuleDefinition {
        public static let rule = Rule(
            code: "KH603", name: "unused-waiver", severity: .warning,
            summary: Text(zh: "豁免条目没有豁免任何问题", en: "a waiver that waives nothing"))

        /// Raised when the waivers are applied (`Archive.applyWaivers`), after every other rule.
        package static func message(_ code: String, _ f: String) -> Text {
            Text(zh: "豁免（\(code)，\(f)）没有豁免任何问题，可以删除", en: "waiver (\(code), \(f)) waives nothing and can be removed")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                .file("kh.yaml", E.config + "豁免:\n  - {规则: KH205, 文件: \(E.basicInfoPath), 原因: 财务部试点字段}\n"),
                RuleExample.usedWaiver
            )
        }
    }
}

extension Rule {
    public static let unusedWaiver = Rules.UnusedWaiver.rule
}
