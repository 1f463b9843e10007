/// Where invalid UTF-8 is, as a byte offset and as a line and column.
package enum UTF8Check {
    /// Offset of the first byte that is not part of a valid UTF-8 sequence, or nil. Run only
    /// after libyaml's reader has refused the input, to point at the sequence's first byte.
    package static func firstInvalid(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let end = bytes.count
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0:
                need = 2
                lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED:
                need = 2
                upper = 0x9F
            case 0xF0:
                need = 3
                lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4:
                need = 3
                upper = 0x8F
            default: return i
            }
            if i + need >= end { return i }
            for k in 1...need {
                let c = bytes[i + k]
                let lo: UInt8 = k == 1 ? lower : 0x80
                let hi: UInt8 = k == 1 ? upper : 0xBF
                if c < lo || c > hi { return i }
            }
            i += need + 1
        }
        return nil
    }

    /// The 1-based line and column (in characters) of byte `offset`, lines ending where
    /// libyaml's do (LF, CRLF, CR, NEL, LS, PS), so that the mark agrees with libyaml's own.
    static func mark(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Mark {
        var line = 1
        var column = 1
        var i = 0
        while i < offset {
            let width = breakWidth(at: i, in: bytes)
            if width > 0 && i + width <= offset {
                line += 1
                column = 1
                i += width
                continue
            }
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return Mark(line: line, column: column)
    }

    /// The bytes of the line break libyaml sees at `i` (LF, CRLF, CR, NEL, LS, PS), or 0.
    static func breakWidth(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        switch bytes[i] {
        case 0x0A: return 1
        case 0x0D: return i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
        case 0xC2: return i + 1 < bytes.count && bytes[i + 1] == 0x85 ? 2 : 0
        case 0xE2:
            return i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }
}
