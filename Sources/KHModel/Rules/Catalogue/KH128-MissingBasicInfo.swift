import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH128 missing-basic-info.
    public enum MissingBasicInfo: RuleDefinition {
        public static let rule = Rule(
            code: "KH128", name: "missing-basic-info", severity: .error,
            summary: Text(zh: "缺少 01-客户基本信息/基本信息.yaml", en: "01-客户基本信息/基本信息.yaml is missing"))

        /// Raised for a customer folder without it (by validation, the index and the report).
        package static let message = Text(
            zh: "缺少 01-客户基本信息/基本信息.yaml；每位客户必须有且只有一份基本信息",
            en: "01-客户基本信息/基本信息.yaml is missing; every customer has exactly one")

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [(E.basicInfoPath, nil)]), .file(E.basicInfoPath, E.basicInfo))
        }
    }
}

extension Rule {
    public static let missingBasicInfo = Rules.MissingBasicInfo.rule
}
