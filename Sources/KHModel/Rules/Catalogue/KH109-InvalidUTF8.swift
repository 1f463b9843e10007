import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH109 invalid-utf8.
    public enum InvalidUTF8: RuleDefinition {
        public static let rule = Rule(
            code: "KH109", name: "invalid-utf8", severity: .error,
            summary: Text(zh: "文件不是有效的 UTF-8 编码", en: "file is not valid UTF-8"))

        /// Raised by the YAML parser.
        package static func message(offset: Int) -> Text {
            Text(
                zh: "第 \(offset) 字节处不是有效的 UTF-8 编码；请用 UTF-8 保存文件（不要用 GBK）",
                en: "invalid UTF-8 at byte offset \(offset); save the file as UTF-8 (not GBK)")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            // 数据 saved in GBK (CA FD BE DD), as an editor on Chinese Windows might.
            return (
                RuleExample(rawFiles: [
                    (E.needsPath, Array("业务痛点: [".utf8) + [0xCA, 0xFD, 0xBE, 0xDD] + Array("]\n".utf8))
                ]),
                .file(E.needsPath, E.needs)
            )
        }
    }
}

extension Rule {
    public static let invalidUTF8 = Rules.InvalidUTF8.rule
}
