/// A value to write as YAML: scalars are text (kh reads every value as text).
public indirect enum YAMLValue: Sendable, Equatable {
    case scalar(String)
    case list([YAMLValue])
    case map([(String, YAMLValue)])

    public static func == (a: YAMLValue, b: YAMLValue) -> Bool {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)): return x == y
        case (.list(let x), .list(let y)): return x == y
        case (.map(let x), .map(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }
}

/// Writes new documents in the archive's house style (the style of archive-template):
/// block mappings, short lists of words in flow style, plain scalars wherever YAML reads
/// them back as the same text, double quotes otherwise, literal blocks for several lines.
public enum YAMLWriter {
    /// A whole document; `comment` lines go first (`# …`).
    public static func document(_ entries: [(String, YAMLValue)], comment: String? = nil) -> String {
        var out = ""
        if let comment {
            for line in comment.split(separator: "\n", omittingEmptySubsequences: false) { out += "# " + line + "\n" }
        }
        write(entries, indent: 0, into: &out)
        return out
    }

    private static func write(
        _ entries: [(String, YAMLValue)], indent: Int, into out: inout String, firstPrefix: String? = nil
    ) {
        let pad = String(repeating: " ", count: indent)
        for (i, (key, value)) in entries.enumerated() {
            out += (i == 0 ? firstPrefix ?? pad : pad) + scalar(key, flow: false) + ":"
            switch value {
            case .scalar(let s):
                if s.unicodeScalars.contains("\n") {
                    out += " " + literal(s, indent: indent + 2)
                } else {
                    out += " " + scalar(s, flow: false) + "\n"
                }
            case .list(let items):
                let words = items.compactMap {
                    if case .scalar(let s) = $0, !s.unicodeScalars.contains("\n") { return s } else { return nil }
                }
                if items.isEmpty {
                    out += " []\n"
                } else if words.count == items.count, words.reduce(0, { $0 + $1.count + 2 }) <= 60 {
                    out += " [" + words.map { scalar($0, flow: true) }.joined(separator: ", ") + "]\n"
                } else {
                    out += "\n"
                    for item in items { writeItem(item, indent: indent + 2, into: &out) }
                }
            case .map(let inner):
                out += inner.isEmpty ? " {}\n" : "\n"
                write(inner, indent: indent + 2, into: &out)
            }
        }
    }

    private static func writeItem(_ item: YAMLValue, indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        switch item {
        case .scalar(let s):
            out +=
                pad + "- "
                + (s.unicodeScalars.contains("\n") ? literal(s, indent: indent + 2) : scalar(s, flow: false) + "\n")
        case .map(let inner):
            if inner.isEmpty {
                out += pad + "- {}\n"
            } else {
                write(inner, indent: indent + 2, into: &out, firstPrefix: pad + "- ")
            }
        case .list(let inner):
            out += pad + "-\n"
            for i in inner { writeItem(i, indent: indent + 2, into: &out) }
        }
    }

    /// A literal block (`|`), its lines indented by `indent`, which must be two more than the
    /// indentation of the mapping or list it is in. Chomping keeps the value's final line
    /// breaks (`|-` none, `|` one, `|+` more); an indentation indicator (`|2`) is added when
    /// the first line starts with a space. A value a literal block cannot hold (characters a
    /// YAML file cannot hold, a line break other than LF, trailing spaces) is double-quoted.
    static func literal(_ s: String, indent: Int) -> String {
        let unsafe = s.unicodeScalars.contains { mustEscape($0) && $0 != "\n" && $0 != "\t" }
        if unsafe || s.unicodeScalars.last == " " || s.unicodeScalars.last == "\t"
            || s.unicodeScalars.allSatisfy({ $0 == "\n" })
        {
            return doubleQuoted(s) + "\n"
        }
        let pad = String(repeating: " ", count: indent)
        // By scalar: a space followed by a combining mark is one Character, not " ".
        let scalars = Array(s.unicodeScalars)
        let finalBreaks = scalars.reversed().prefix { $0 == "\n" }.count
        let body = finalBreaks > 0 ? scalars.dropLast() : scalars[...]
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let lead = lines.first { !$0.isEmpty }?.first
        let indicator = lead == " " || lead == "\t" ? "2" : ""
        let chomp = finalBreaks > 1 ? "+" : finalBreaks == 1 ? "" : "-"
        var out = "|" + indicator + chomp + "\n"
        for line in lines {
            if !line.isEmpty {
                out += pad
                out.unicodeScalars.append(contentsOf: line)
            }
            out += "\n"
        }
        return out
    }

    /// Words YAML tools would read as something other than text.
    static let reserved: Set<String> = [
        "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
    ]

    /// A one-line scalar, plain when it reads back as the same text, else double-quoted.
    public static func scalar(_ s: String, flow: Bool) -> String {
        isPlainSafe(s, flow: flow) ? s : doubleQuoted(s)
    }

    /// Every decision is made by Unicode scalar, never by Swift `Character`: a space followed by
    /// a combining mark, or a prepended mark followed by `:`, is one Character, and libyaml
    /// reads scalars, not grapheme clusters.
    static func isPlainSafe(_ s: String, flow: Bool) -> Bool {
        let u = Array(s.unicodeScalars)
        guard let first = u.first, let last = u.last, !reserved.contains(s), !u.contains(where: mustEscape) else {
            return false
        }
        func blank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
        if blank(first) || blank(last) || last == ":" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) {
            // `-` and `?` and `:` may start a plain scalar when not followed by a space; keep it simple
            // and allow only a leading minus sign of a number.
            guard first == "-", u.count > 1, u.dropFirst().allSatisfy({ ("0"..."9").contains($0) || $0 == "." }) else {
                return false
            }
        }
        // `---` or `...` at the start of a line (a key at indentation 0) would end the document.
        if u.count >= 3 && (u.prefix(3).allSatisfy { $0 == "-" } || u.prefix(3).allSatisfy { $0 == "." }) {
            return false
        }
        for (i, c) in u.enumerated() {
            // ": " starts a value, " #" a comment, whatever follows them.
            if c == ":" && i + 1 < u.count && blank(u[i + 1]) { return false }
            if c == "#" && i > 0 && blank(u[i - 1]) { return false }
            // In a flow list, libyaml refuses a plain `:` before `,?[]{}`: no `:` there at all.
            if flow && ",[]{}:".unicodeScalars.contains(c) { return false }
        }
        return true
    }

    /// Characters a YAML file holds only as an escape in double quotes: controls (C0, DEL,
    /// C1 with NEL), the byte-order mark, and the line and paragraph separators.
    static func mustEscape(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) || u == "\u{FEFF}" || u == "\u{2028}"
            || u == "\u{2029}"
    }

    /// `"…"` with YAML's escapes.
    public static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if mustEscape(u) {
                    out += u.value <= 0xFF ? "\\x" + hex(u.value, 2) : "\\u" + hex(u.value, 4)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, _ width: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
