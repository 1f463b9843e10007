import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH101 yaml-syntax.
    public enum YAMLSyntax: RuleDefinition {
        public static let rule = Rule(
            code: "KH101", name: "yaml-syntax", severity: .error,
            summary: Text(zh: "YAML 语法错误（libyaml 报告的位置）", en: "YAML syntax error (at libyaml's position)"))

        /// Raised by the YAML parser at libyaml's position: libyaml's words, with what they
        /// usually mean in plain words when the problem is a familiar one.
        package static func message(problem: String, context: String?) -> Text {
            let raw = context.map { "\(problem) (\($0))" } ?? problem
            for (needle, zh, en) in hints where problem.contains(needle) {
                return Text(zh: "YAML 语法错误：\(zh)［libyaml：\(raw)］", en: "YAML syntax error: \(en) [libyaml: \(raw)]")
            }
            return Text(zh: "YAML 语法错误：\(raw)", en: "YAML syntax error: \(raw)")
        }

        /// The note at the construct libyaml was reading.
        static func contextNote(_ context: String) -> Text {
            Text(zh: "出错的结构从这里开始（\(context)）", en: "the construct started here (\(context))")
        }

        private static let hints: [(String, String, String)] = [
            (
                "mapping values are not allowed", "这里不能出现「: 」；如果值里含有冒号加空格，请给整个值加引号",
                "a ': ' is not allowed here; quote the value if it contains a colon and a space"
            ),
            (
                "could not find expected ':'", "找不到应有的冒号「:」；检查上一行的键值写法和引号是否成对",
                "could not find the expected ':'; check the previous line and that quotes are balanced"
            ),
            (
                "did not find expected key", "缩进不一致，或多出了内容：同一层的键要左对齐",
                "indentation is inconsistent or there is stray content: keys of one level must line up"
            ),
            (
                "found character that cannot start any token", "出现了不能开始任何内容的字符（如制表符 Tab、@ 或 `）；缩进请用空格，特殊字符请加引号",
                "a character that cannot start any token (a tab, @ or `); indent with spaces and quote special characters"
            ),
            ("tab character", "缩进中出现了制表符 Tab；YAML 只能用空格缩进", "a tab in indentation; YAML indents with spaces only"),
            ("did not find expected '-' indicator", "列表项缺少「- 」或缩进不齐", "a list item lacks its '- ' or is misaligned"),
            (
                "found unexpected end of stream", "文件意外结束：引号或括号没有闭合",
                "unexpected end of file: a quote or bracket is not closed"
            ),
            ("did not find expected node content", "这里缺少值", "a value is missing here"),
            (
                "block sequence entries are not allowed", "这里不能开始列表；列表应另起一行并缩进",
                "a list cannot start here; put it on its own lines, indented"
            ),
            ("did not find expected ',' or ']'", "方括号列表中缺少「,」或「]」", "a ',' or ']' is missing in a [ ] list"),
            ("did not find expected ',' or '}'", "花括号映射中缺少「,」或「}」", "a ',' or '}' is missing in a { } mapping"),
            (
                "found unknown escape character", "双引号中有无效的转义（\\）；路径等请用单引号",
                "an invalid escape (\\) in double quotes; use single quotes"
            ),
            (
                "control characters are not allowed", "文件中有不允许的控制字符（可能是二进制文件）",
                "control characters are not allowed (a binary file?)"
            ),
            ("found undefined tag handle", "使用了未定义的标签", "an undefined tag handle"),
            (
                "found unexpected document indicator", "文件中间出现了文档分隔符 --- 或 ...",
                "a document marker --- or ... inside the file"
            ),
            (
                "did not find expected comment or line break", "值后面多出了内容；含空格或 # 的值请加引号",
                "stray content after a value; quote values with spaces or #"
            ),
            ("found a tab character", "出现了制表符 Tab；请用空格", "a tab character; use spaces"),
        ]

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.interactionPath, E.interaction, "沟通内容: 回访平台上线情况，客户反馈运行稳定。", "沟通内容: 客户问: 能否延期上线"),
                RuleExample.edit(E.interactionPath, E.interaction, "沟通内容: 回访平台上线情况，客户反馈运行稳定。", "沟通内容: \"客户问: 能否延期上线\"")
            )
        }
    }
}

extension Rule {
    public static let yamlSyntax = Rules.YAMLSyntax.rule
}
