import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH107 file-too-large.
    public enum FileTooLarge: RuleDefinition {
        public static let rule = Rule(
            code: "KH107", name: "file-too-large", severity: .error,
            summary: Text(zh: "文件超过 1 MiB", en: "file larger than 1 MiB"))

        /// Raised by the reader (documents, kh.yaml) and the YAML parser.
        package static func message(_ size: Int) -> Text {
            Text(
                zh: "文件大小为 \(size) 字节，超过上限 1 MiB（1048576 字节）；请拆分文件，附件请放入 附件/",
                en: "file is \(size) bytes, over the 1 MiB (1048576 bytes) limit; split it, and put attachments in 附件/")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                .file(E.needsPath, E.needs + "# " + String(repeating: "会议纪要全文", count: 60_000) + "\n"),
                .file(E.needsPath, E.needs)
            )
        }
    }
}

extension Rule {
    public static let fileTooLarge = Rules.FileTooLarge.rule
}
