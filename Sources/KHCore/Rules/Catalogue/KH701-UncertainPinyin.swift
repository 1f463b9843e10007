private typealias E = ExampleArchive

extension Rules {
    /// KH701 uncertain-pinyin.
    public enum UncertainPinyin: RuleDefinition {
        public static let rule = Rule(code: "KH701", name: "uncertain-pinyin", severity: .notice,
                                      summary: Text(zh: "名称首字是多音字，目录字母无法确定（可填写 拼音）", en: "a name's first character has readings with different letters (write 拼音)"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [(E.basicInfoPath, E.basicInfo.replacingOccurrences(of: "全称: 北京星辰科技有限公司", with: "全称: 朝晖星辰科技有限公司"))]),
                    RuleExample(files: [(E.basicInfoPath, E.basicInfo.replacingOccurrences(
                        of: "全称: 北京星辰科技有限公司", with: "全称: 朝晖星辰科技有限公司\n  拼音: zhao hui xing chen ke ji you xian gong si"))]))
        }
    }
}

extension Rule {
    public static let uncertainPinyin = Rules.UncertainPinyin.rule
}
