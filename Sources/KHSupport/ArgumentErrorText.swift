/// ArgumentParser's message about bad arguments (its `fullMessage`: `Error: …`, `Help: …`,
/// `Usage: …`, `See '… --help' for more information.`), in the archive's language: kh and
/// kh-serve print it so. In Chinese, the kinds people meet — an unknown option, a value not
/// among the choices, a missing argument or value, one too many — are said in Chinese, the
/// frame too; the usage line stays as it is, and a message of another kind stays in English.
public enum ArgumentErrorText {
    public static func message(_ full: String, language: Language) -> String {
        var lines = full.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        guard language == .zh else { return lines.joined(separator: "\n") + "\n" }
        let see = "See '"
        let seeEnd = "' for more information."
        var out: [String] = []
        for line in lines {
            if line.hasPrefix("Error: ") {
                out.append("kh：" + error(String(line.dropFirst(7))))
            } else if line.hasPrefix("Help: ") {
                out.append("说明：" + String(line.dropFirst(6)).trimmingWhitespace())
            } else if line.hasPrefix("Usage: ") {
                out.append("用法：" + line.dropFirst(7))
            } else if let start = line.range(of: see), line.hasSuffix(seeEnd) {
                let command = line[start.upperBound..<line.index(line.endIndex, offsetBy: -seeEnd.count)]
                out.append(line[..<start.lowerBound] + "\(command) 列出全部选项")
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// One of ArgumentParser's error messages in Chinese (as it is when not one of those kinds).
    public static func error(_ m: String) -> String {
        func groups(_ pattern: String) -> [String]? {
            guard let regex = try? Regex(pattern), let match = m.wholeMatch(of: regex) else { return nil }
            return match.output.dropFirst().map { $0.substring.map(String.init) ?? "" }
        }
        if let g = groups(#"Unknown option '(.+)'\. Did you mean '(.+)'\?"#) { return "没有选项 \(g[0])；你是不是想用 \(g[1])？" }
        if let g = groups(#"Unknown option '(.+)'"#) { return "没有选项 \(g[0])" }
        if let g = groups(#"Missing value for '(.+)'"#) { return "\(option(g[0])) 缺少值" }
        if let g = groups(#"Missing expected argument '(.+)'"#) { return "缺少参数 \(g[0])" }
        if let g = groups(#"Unexpected argument '(.+)'"#) { return "多余的参数「\(g[0])」" }
        if let g = groups(#"\d+ unexpected arguments: '(.+)'"#) {
            return "多余的参数：" + g[0].split(separator: "', '").map { "「\($0)」" }.joined(separator: "、")
        }
        if let g = groups(#"The option '(.+)' does not take any value, but '(.+)' was specified\."#) {
            return "\(g[0]) 不带值，这里给了「\(g[1])」"
        }
        if let g = groups(#"The value '(.*)' is invalid for '(.+)'\. Please provide one of '(.+)'\."#) {
            let choices = g[2].replacing("' and '", with: "', '").replacing("' or '", with: "', '").split(
                separator: "', '")
            return "\(option(g[1])) 的值「\(g[0])」无效；可选：" + choices.joined(separator: "、")
        }
        if let g = groups(#"The value '(.*)' is invalid for '(.+)'(.*)"#) {
            return "\(option(g[1])) 的值「\(g[0])」无效\(g[2])"
        }
        return m
    }

    /// `--format <format>` → `--format` (a value's name says nothing in a sentence).
    static func option(_ synopsis: String) -> String {
        synopsis.hasPrefix("-") ? String(synopsis.prefix { $0 != " " }) : synopsis
    }

    /// The language of a message about the arguments themselves: `--lang` wherever it stands
    /// (its last valid value), else kh.yaml 语言 of the archive `-C`/`--archive` names (nil: the
    /// one the current folder is in) as `archiveLanguage` reads it, else Chinese.
    public static func language(_ argv: [String], archiveLanguage: (String?) -> Language?) -> Language {
        var lang: Language?
        var archive: String?
        for (i, a) in argv.enumerated() {
            let next = i + 1 < argv.count ? argv[i + 1] : nil
            if a == "--lang", let next, let l = Language(rawValue: next) { lang = l }
            if a.hasPrefix("--lang="), let l = Language(rawValue: String(a.dropFirst(7))) { lang = l }
            if a == "-C" || a == "--archive", let next { archive = next }
            if a.hasPrefix("--archive=") { archive = String(a.dropFirst(10)) }
        }
        return lang ?? archiveLanguage(archive) ?? .zh
    }
}
