import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH107 file-too-large.
    public enum FileTooLarge: RuleDefinition {
        public static let rule = Rule(code: "KH107", name: "file-too-large", severity: .error,
                                      summary: Text(zh: "文件超过 1 MiB", en: "file larger than 1 MiB"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (.file(E.needsPath, E.needs + "# " + String(repeating: "会议纪要全文", count: 60_000) + "\n"), .file(E.needsPath, E.needs))
        }
    }
}

extension Rule {
    public static let fileTooLarge = Rules.FileTooLarge.rule
}
