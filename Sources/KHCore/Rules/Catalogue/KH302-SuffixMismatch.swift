private typealias E = ExampleArchive

extension Rules {
    /// KH302 suffix-mismatch.
    public enum SuffixMismatch: RuleDefinition {
        public static let rule = Rule(code: "KH302", name: "suffix-mismatch", severity: .warning,
                                      summary: Text(zh: "文件夹后缀与 简称/姓名 不一致", en: "folder suffix differs from 简称/姓名"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "简称: 星辰科技", "简称: 星辰"), .file(E.basicInfoPath, E.basicInfo))
        }
    }
}

extension Rule {
    public static let suffixMismatch = Rules.SuffixMismatch.rule
}
