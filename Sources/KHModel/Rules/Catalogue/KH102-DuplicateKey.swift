import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH102 duplicate-key.
    public enum DuplicateKey: RuleDefinition {
        public static let rule = Rule(
            code: "KH102", name: "duplicate-key", severity: .error,
            summary: Text(zh: "同一映射中的键重复", en: "a key repeated in one mapping"))

        /// Raised by the YAML parser at the repeated key, with a note at the first.
        package static func message(_ key: String, first: Mark) -> Text {
            Text(
                zh: "键「\(key)」重复，第一次出现在第 \(first.line) 行第 \(first.column) 列；只保留第一次的值",
                en:
                    "key '\(key)' repeated; first defined at line \(first.line), column \(first.column); the first value is kept"
            )
        }

        static func firstDefinedNote(_ key: String) -> Text {
            Text(zh: "「\(key)」第一次出现在这里", en: "'\(key)' first defined here")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.contractPath, E.contract, "合作状态: 执行中", "合作状态: 执行中\n合作金额: 150000.00"),
                .file(E.contractPath, E.contract)
            )
        }
    }
}

extension Rule {
    public static let duplicateKey = Rules.DuplicateKey.rule
}
