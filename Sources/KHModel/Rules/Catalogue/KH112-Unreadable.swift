import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH112 unreadable.
    public enum Unreadable: RuleDefinition {
        public static let rule = Rule(code: "KH112", name: "unreadable", severity: .error,
                                      summary: Text(zh: "文件无法读取，或应为文件处是文件夹", en: "file cannot be read, or a folder stands where a file belongs"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [(E.needsPath, nil)], directories: [E.needsPath]), .file(E.needsPath, E.needs))
        }
    }
}

extension Rule {
    public static let unreadable = Rules.Unreadable.rule
}
