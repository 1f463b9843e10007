import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH108 too-deep.
    public enum TooDeep: RuleDefinition {
        public static let rule = Rule(
            code: "KH108", name: "too-deep", severity: .error,
            summary: Text(zh: "嵌套超过 32 层", en: "nesting deeper than 32 levels"))

        /// Raised by the YAML parser.
        package static let message = Text(
            zh: "嵌套超过 \(YAMLLimits.maxDepth) 层，拒绝读取", en: "nesting deeper than \(YAMLLimits.maxDepth) levels, refused")

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(
                    E.needsPath, E.needs, "业务痛点: [数据分散]",
                    "业务痛点: " + String(repeating: "[", count: 40) + "数据分散" + String(repeating: "]", count: 40)),
                .file(E.needsPath, E.needs)
            )
        }
    }
}

extension Rule {
    public static let tooDeep = Rules.TooDeep.rule
}
