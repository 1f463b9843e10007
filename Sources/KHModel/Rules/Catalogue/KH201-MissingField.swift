import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH201 missing-field.
    public enum MissingField: RuleDefinition {
        public static let rule = Rule(
            code: "KH201", name: "missing-field", severity: .error,
            summary: Text(zh: "缺少必填字段", en: "a required field is missing"))

        /// Whether `field` must be present for a customer of `customerType` (nil outside 基本信息,
        /// where no field depends on it): a field required for one 客户类型 only for that type.
        package static func isRequired(_ field: Field, for customerType: String?) -> Bool {
            switch field.requirement {
            case .optional, .onlyFor: return false
            case .required: return true
            case .requiredFor(let t): return customerType?.same(t) ?? false
            }
        }

        /// Raised by the schema check (`FieldChecker`): a required field left out, or given no value.
        package static func message(_ field: Field, inEmpty: Bool) -> Text {
            let what = field.type.expected
            if inEmpty {
                return Text(
                    zh: "必填字段「\(field.name)」的值为空；应为\(what.zh)（不确定时可写 待确认）",
                    en: "required field '\(field.name)' is empty; expected \(what.en) (write 待确认 if unsure)")
            }
            return Text(
                zh: "缺少必填字段「\(field.name)」；应为\(what.zh)（不确定时可写 待确认）",
                en: "required field '\(field.name)' is missing; expected \(what.en) (write 待确认 if unsure)")
        }

        /// A required list with no item.
        static func emptyListMessage(_ name: String) -> Text {
            Text(zh: "「\(name)」至少要有一项，这里是空列表", en: "'\(name)' needs at least one item, found an empty list")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.contractPath, E.contract, "合作金额: 120000.00\n", ""), .file(E.contractPath, E.contract)
            )
        }
    }
}

extension Rule {
    public static let missingField = Rules.MissingField.rule
}
