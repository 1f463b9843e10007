extension String {
    /// Leading and trailing white space removed (ASCII, ideographic and other Unicode spaces).
    public func trimmingWhitespace() -> String {
        let u = utf8
        guard let first = u.first else { return "" }
        // Fast path: no lead byte at either end that could start a white-space character
        // (ASCII 09–0D and 20; U+0085 and U+00A0 start C2; U+1680 E1; U+2000–U+205F E2; U+3000 E3).
        func mayBeSpace(_ lead: UInt8) -> Bool {
            (0x09...0x0D).contains(lead) || lead == 0x20 || lead == 0xC2 || (0xE1...0xE3).contains(lead)
        }
        var lastLead = u.last!
        if lastLead & 0xC0 == 0x80 {
            var i = u.index(before: u.endIndex)
            while i > u.startIndex && u[i] & 0xC0 == 0x80 { i = u.index(before: i) }
            lastLead = u[i]
        }
        if !mayBeSpace(first) && !mayBeSpace(lastLead) { return self }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
