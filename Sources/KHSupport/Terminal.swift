/// Terminal helpers: safe text and display width.
public enum Terminal {
    /// Archive content printed to a terminal never carries control characters.
    public static func sanitize(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            if u == "\t" {
                out.unicodeScalars.append(" ")
            } else {
                out.unicodeScalars.append(DocumentText.isHidden(u) ? "\u{FFFD}" : u)
            }
        }
        return out
    }

    /// Columns a run of characters takes in a terminal (CJK and full-width count two).
    public static func width<C: Collection>(_ chars: C) -> Int where C.Element == Character {
        chars.reduce(0) { $0 + width($1) }
    }

    static func width(_ c: Character) -> Int {
        guard let u = c.unicodeScalars.first?.value else { return 0 }
        switch u {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
