/// Text from the archive in what people read: Markdown and HTML documents (catalogue, review,
/// report, changes) and the terminal. One rule for all of them: what a reader cannot see must
/// not be there to change what they see.
public enum DocumentText {
    /// Characters no reader sees as text: controls (C0, DEL, C1: a terminal obeys ESC, BEL …)
    /// and the bidirectional controls that reorder what follows them (a name could print
    /// backwards, a path could point elsewhere than it reads).
    public static func isHidden(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Markdown that shows the text as written: `\ ` * _ [ ] # ~ |` backslash-escaped, `< > &`
    /// as entities (a name `<script>` is text, GitHub strips no tag), line breaks and hidden
    /// characters as spaces (a table cell stays on its row).
    public static func markdown(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "|", "\\", "*", "_", "[", "]", "`", "#", "~":
                out += "\\"
                out.unicodeScalars.append(u)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default: if isHidden(u) { out += " " } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// Text inside a Markdown code span in a table: only `|` escaped (the one escape a code span
    /// in a GFM table honours), hidden characters as spaces.
    public static func codeSpan(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u == "|" { out += "\\|" } else if isHidden(u) { out += " " } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// HTML text and attribute values: markup escaped, hidden characters as spaces.
    public static func html(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: if isHidden(u) { out += " " } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
