import KHModel
import KHSupport
import KHYAML

/// For people at a terminal: grouped per customer, the source line with a caret under the
/// problem, and a summary of counts. Colour only when asked (on a terminal).
public enum HumanFormatter: ResultFormatter {
    public static let identifier = "human"

    public static func format(_ ctx: FormatContext) -> String {
        let lang = ctx.language
        var out = ""
        var group: String?
        for d in ctx.result.diagnostics {
            let g = groupName(d.file)
            if g != group {
                if group != nil { out += "\n" }
                group = g
                let title = g.isEmpty ? (lang == .zh ? "档案库" : "archive") : Terminal.sanitize(ctx.display(g))
                out += paint("── \(title) ──", .bold, ctx) + "\n"
            }
            out += render(d, ctx)
        }
        if !ctx.quiet {
            if !out.isEmpty { out += "\n" }
            out += summary(ctx) + "\n"
        }
        return out
    }

    /// Customer folder of a file (`客户档案/KH-…`), or "" for the archive level.
    static func groupName(_ file: String) -> String {
        let parts = file.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == Substring(customersFolder) else { return "" }
        return parts[0] + "/" + parts[1]
    }

    static func render(_ d: Diagnostic, _ ctx: FormatContext) -> String {
        let lang = ctx.language
        // File names and keys come from the archive too: an ESC in a name is not obeyed.
        var location = Terminal.sanitize(ctx.display(d.file))
        if let m = d.start { location += ":\(m.line):\(m.column)" }
        let severity: Style = d.severity == .error ? .red : (d.severity == .warning ? .yellow : .cyan)
        var head = "\(location): " + paint("\(d.severity.word(lang)) \(d.code)", severity, ctx)
        if let p = d.path { head += " " + paint(Terminal.sanitize(p), .dim, ctx) }
        var out = head + "\n  " + Terminal.sanitize(d.message.string(lang)) + "\n"
        if let fix = d.fix { out += "  " + paint(fixText(fix, ctx), .green, ctx) + "\n" }
        if let m = d.start, let line = ctx.sourceLine(d.file, m.line) {
            out += snippet(
                line: line, number: m.line, start: m.column,
                end: d.end.flatMap { $0.line == m.line ? $0.column : nil }, style: severity, ctx)
        }
        for n in d.notes {
            var w = Terminal.sanitize(ctx.display(n.file))
            if let m = n.start { w += ":\(m.line):\(m.column)" }
            out +=
                "  " + paint(lang == .zh ? "注：" : "note: ", .dim, ctx)
                + "\(w) \(Terminal.sanitize(n.message.string(lang)))\n"
        }
        return out
    }

    /// `可自动修复（kh fix）：改为 2024-03-05` / `fixable (kh fix): becomes 2024-03-05`.
    static func fixText(_ fix: Fix, _ ctx: FormatContext) -> String {
        switch (fix, ctx.language) {
        case (.replace(let v), .zh): return "可自动修复（kh fix）：改为 " + Terminal.sanitize(v)
        case (.replace(let v), .en): return "fixable (kh fix): becomes " + Terminal.sanitize(v)
        case (.move(_, let to), .zh): return "可自动修复（kh fix）：移到 " + Terminal.sanitize(ctx.display(to))
        case (.move(_, let to), .en): return "fixable (kh fix): moves to " + Terminal.sanitize(ctx.display(to))
        }
    }

    /// `  12 |   手机: 1381234567` and a caret line under the columns.
    static func snippet(line: String, number: Int, start: Int, end: Int?, style: Style, _ ctx: FormatContext) -> String
    {
        let text = Terminal.sanitize(line)
        let gutter = String(number)
        let chars = Array(text)
        let startIndex = min(max(start - 1, 0), chars.count)
        var endIndex = min(max((end ?? start + 1) - 1, startIndex + 1), chars.count)
        if endIndex <= startIndex { endIndex = startIndex + 1 }
        let lead = Terminal.width(chars[0..<startIndex])
        let span = max(1, Terminal.width(chars[startIndex..<min(endIndex, chars.count)]))
        let pad = String(repeating: " ", count: gutter.count)
        return "  \(gutter) | \(text)\n  \(pad) | " + String(repeating: " ", count: lead)
            + paint(String(repeating: "^", count: span), style, ctx) + "\n"
    }

    static func summary(_ ctx: FormatContext) -> String {
        let r = ctx.result
        let e = r.count(.error)
        let w = r.count(.warning)
        let n = r.count(.notice)
        let failed = e > 0 || (ctx.strict && w > 0)
        if ctx.language == .zh {
            var s =
                "检查了 \(r.customers) 位\(r.changedSince == nil || !r.widenedBy.isEmpty ? "" : "改动的")客户、\(r.documents) 个文件"
            if let why = widened(ctx) { s += "（" + why + "）" }
            if let ref = r.changedSince, r.unchanged > 0 {
                s += "（另有 \(r.unchanged) 位客户自 \(Terminal.sanitize(ref)) 以来未改动，只核对了编号与重复）"
            }
            s += "："
            s += e + w + n == 0 ? "没有发现问题" : "\(e) 个错误，\(w) 个警告，\(n) 个提示"
            if r.waived > 0 { s += "（已豁免 \(r.waived) 个）" }
            if r.fixable > 0 { s += "；其中 \(r.fixable) 个可用 kh fix 自动修复" }
            if ctx.strict && w > 0 && e == 0 { s += "；--strict 下警告也算失败" }
            return paint(s, failed ? .red : .green, ctx)
        }
        var s =
            "checked \(r.customers) \(r.changedSince == nil || !r.widenedBy.isEmpty ? "" : "changed ")customer\(r.customers == 1 ? "" : "s"), \(r.documents) file\(r.documents == 1 ? "" : "s")"
        if let why = widened(ctx) { s += " (" + why + ")" }
        if let ref = r.changedSince, r.unchanged > 0 {
            s +=
                " (\(r.unchanged) more unchanged since \(Terminal.sanitize(ref)): only their numbers and duplicates checked)"
        }
        s += ": "
        s +=
            e + w + n == 0
            ? "no problems"
            : "\(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s"), \(n) notice\(n == 1 ? "" : "s")"
        if r.waived > 0 { s += " (\(r.waived) waived)" }
        if r.fixable > 0 { s += "; \(r.fixable) fixable with kh fix" }
        if ctx.strict && w > 0 && e == 0 { s += "; warnings fail under --strict" }
        return paint(s, failed ? .red : .green, ctx)
    }

    /// Why a `--changed-since` run checked every customer: the governing files changed since
    /// REF (also said on stderr by the formats that have no summary).
    public static func widened(_ ctx: FormatContext) -> String? {
        let r = ctx.result
        guard let since = r.changedSince, !r.widenedBy.isEmpty else { return nil }
        let files = r.widenedBy.prefix(3).map(Terminal.sanitize)
        let more = r.widenedBy.count - files.count
        let ref = Terminal.sanitize(since)
        if ctx.language == .zh {
            let named = files.joined(separator: "、") + (more > 0 ? " 等 \(r.widenedBy.count) 个文件" : "")
            return "\(named) 自 \(ref) 以来有改动，\(r.widenedBy.count == 1 ? "它" : "它们")适用于所有客户，所以检查了全部客户"
        }
        let named = files.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
        return
            "\(named) changed since \(ref) and \(r.widenedBy.count == 1 ? "governs" : "govern") every customer, so all were checked"
    }

    enum Style: String {
        case bold = "1", dim = "2", red = "1;31", yellow = "1;33", cyan = "36", green = "32"
    }

    static func paint(_ s: String, _ style: Style, _ ctx: FormatContext) -> String {
        ctx.color ? "\u{1B}[\(style.rawValue)m\(s)\u{1B}[0m" : s
    }
}
