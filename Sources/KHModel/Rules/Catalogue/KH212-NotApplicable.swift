import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH212 not-applicable.
    public enum NotApplicable: RuleDefinition {
        public static let rule = Rule(
            code: "KH212", name: "not-applicable", severity: .warning,
            summary: Text(zh: "字段不适用于该 客户类型", en: "a field that does not apply to the 客户类型"))

        /// Whether `field` applies to a customer of `customerType` (nil: not known): a field
        /// required for, or only for, one 客户类型 applies to that type only.
        package static func applies(_ field: Field, to customerType: String?) -> Bool {
            switch field.requirement {
            case .optional, .required: return true
            case .requiredFor(let t), .onlyFor(let t): return customerType?.same(t) ?? true
            }
        }

        /// Raised by the schema check (`FieldChecker`).
        package static func message(_ name: String, customerType: String) -> Text {
            Text(
                zh: "字段「\(name)」不适用于客户类型 \(customerType)",
                en: "field '\(name)' does not apply to 客户类型 \(customerType)")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "客户类型: 企业", "客户类型: 企业\n姓名: 张伟"),
                .file(E.basicInfoPath, E.basicInfo)
            )
        }
    }
}

extension Rule {
    public static let notApplicable = Rules.NotApplicable.rule
}
