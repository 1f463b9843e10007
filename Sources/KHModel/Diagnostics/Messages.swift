import KHYAML

/// Typed builders for every message kh prints: each names what was found and what was expected.
public enum Msg {
    // MARK: - YAML

    public enum YAMLFeature {
        case anchor(String), alias(String), tag(String), tagDirective, mergeKey
    }

    static func fileTooLarge(_ size: Int) -> Text {
        Text(zh: "文件大小为 \(size) 字节，超过上限 1 MiB（1048576 字节）；请拆分文件，附件请放入 附件/",
             en: "file is \(size) bytes, over the 1 MiB (1048576 bytes) limit; split it, and put attachments in 附件/")
    }

    static func invalidUTF8(offset: Int) -> Text {
        Text(zh: "第 \(offset) 字节处不是有效的 UTF-8 编码；请用 UTF-8 保存文件（不要用 GBK）",
             en: "invalid UTF-8 at byte offset \(offset); save the file as UTF-8 (not GBK)")
    }

    static let multipleDocuments = Text(
        zh: "一个文件只能有一个 YAML 文档，这里出现了第二个（--- 分隔）；请把它拆成单独的文件",
        en: "a second YAML document starts here (after ---); a file holds exactly one document")

    static let tooDeep = Text(
        zh: "嵌套超过 \(YAMLLimits.maxDepth) 层，拒绝读取", en: "nesting deeper than \(YAMLLimits.maxDepth) levels, refused")

    static func yamlFeature(_ f: YAMLFeature) -> Text {
        switch f {
        case .anchor(let n):
            return Text(zh: "不允许使用锚点 &\(n)；请直接写出值", en: "anchor &\(n) is not allowed; write the value out")
        case .alias(let n):
            return Text(zh: "不允许使用别名 *\(n)；请直接写出值", en: "alias *\(n) is not allowed; write the value out")
        case .tag(let t):
            return Text(zh: "不允许使用标签 \(t)；值一律按文字读取，由字段类型检查", en: "tag \(t) is not allowed; values are read as text and checked by the field's type")
        case .tagDirective:
            return Text(zh: "不允许使用 %TAG 指令", en: "%TAG directives are not allowed")
        case .mergeKey:
            return Text(zh: "不允许使用合并键 <<；请直接写出各字段", en: "merge key << is not allowed; write the fields out")
        }
    }

    static func nonStringKey(_ kind: (zh: String, en: String)) -> Text {
        Text(zh: "键必须是文字，这里是\(kind.zh)", en: "keys must be strings, found \(kind.en)")
    }

    static func duplicateKey(_ key: String, first: Mark) -> Text {
        Text(zh: "键「\(key)」重复，第一次出现在第 \(first.line) 行第 \(first.column) 列；只保留第一次的值",
             en: "key '\(key)' repeated; first defined at line \(first.line), column \(first.column); the first value is kept")
    }

    static func firstDefinedHere(_ key: String) -> Text {
        Text(zh: "「\(key)」第一次出现在这里", en: "'\(key)' first defined here")
    }

    static func syntaxContext(_ context: String) -> Text {
        Text(zh: "出错的结构从这里开始（\(context)）", en: "the construct started here (\(context))")
    }

    private static let syntaxHints: [(String, String, String)] = [
        ("mapping values are not allowed", "这里不能出现「: 」；如果值里含有冒号加空格，请给整个值加引号",
         "a ': ' is not allowed here; quote the value if it contains a colon and a space"),
        ("could not find expected ':'", "找不到应有的冒号「:」；检查上一行的键值写法和引号是否成对",
         "could not find the expected ':'; check the previous line and that quotes are balanced"),
        ("did not find expected key", "缩进不一致，或多出了内容：同一层的键要左对齐",
         "indentation is inconsistent or there is stray content: keys of one level must line up"),
        ("found character that cannot start any token", "出现了不能开始任何内容的字符（如制表符 Tab、@ 或 `）；缩进请用空格，特殊字符请加引号",
         "a character that cannot start any token (a tab, @ or `); indent with spaces and quote special characters"),
        ("tab character", "缩进中出现了制表符 Tab；YAML 只能用空格缩进", "a tab in indentation; YAML indents with spaces only"),
        ("did not find expected '-' indicator", "列表项缺少「- 」或缩进不齐", "a list item lacks its '- ' or is misaligned"),
        ("found unexpected end of stream", "文件意外结束：引号或括号没有闭合", "unexpected end of file: a quote or bracket is not closed"),
        ("did not find expected node content", "这里缺少值", "a value is missing here"),
        ("block sequence entries are not allowed", "这里不能开始列表；列表应另起一行并缩进",
         "a list cannot start here; put it on its own lines, indented"),
        ("did not find expected ',' or ']'", "方括号列表中缺少「,」或「]」", "a ',' or ']' is missing in a [ ] list"),
        ("did not find expected ',' or '}'", "花括号映射中缺少「,」或「}」", "a ',' or '}' is missing in a { } mapping"),
        ("found unknown escape character", "双引号中有无效的转义（\\）；路径等请用单引号", "an invalid escape (\\) in double quotes; use single quotes"),
        ("control characters are not allowed", "文件中有不允许的控制字符（可能是二进制文件）", "control characters are not allowed (a binary file?)"),
        ("found undefined tag handle", "使用了未定义的标签", "an undefined tag handle"),
        ("found unexpected document indicator", "文件中间出现了文档分隔符 --- 或 ...", "a document marker --- or ... inside the file"),
        ("did not find expected comment or line break", "值后面多出了内容；含空格或 # 的值请加引号",
         "stray content after a value; quote values with spaces or #"),
        ("found a tab character", "出现了制表符 Tab；请用空格", "a tab character; use spaces"),
    ]

    static func yamlSyntax(problem: String, context: String?) -> Text {
        let raw = context.map { "\(problem) (\($0))" } ?? problem
        for (needle, zh, en) in syntaxHints where problem.contains(needle) {
            return Text(zh: "YAML 语法错误：\(zh)［libyaml：\(raw)］", en: "YAML syntax error: \(en) [libyaml: \(raw)]")
        }
        return Text(zh: "YAML 语法错误：\(raw)", en: "YAML syntax error: \(raw)")
    }
}
