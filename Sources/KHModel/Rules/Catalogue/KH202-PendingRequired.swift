import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH202 pending-required.
    public enum PendingRequired: RuleDefinition {
        public static let rule = Rule(
            code: "KH202", name: "pending-required", severity: .warning,
            summary: Text(zh: "必填字段的值为 待确认", en: "a required field is 待确认 (to be confirmed)"))

        /// Raised by the schema check (`FieldChecker`).
        package static func message(_ name: String) -> Text {
            Text(
                zh: "必填字段「\(name)」仍为 待确认；确认后请填写实际值",
                en: "required field '\(name)' is still 待确认 (to be confirmed); fill in the real value once known")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "所属行业: 信息技术", "所属行业: 待确认"),
                .file(E.basicInfoPath, E.basicInfo)
            )
        }
    }
}

extension Rule {
    public static let pendingRequired = Rules.PendingRequired.rule
}
