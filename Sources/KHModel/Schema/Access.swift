import KHYAML

/// The value every field may hold instead of a real one ([M4]).
public let pendingValue = "待确认"

extension YAMLNode {
    /// True for `待确认`.
    public var isPending: Bool {
        if case .scalar(let s) = self { return s.value.same(pendingValue) }
        return false
    }

    /// True when the node stands for nothing: null, or an empty value.
    public var isAbsent: Bool {
        if case .scalar(let s) = self { return s.isNull }
        return false
    }
}

extension YAMLMapping {
    /// The text of a scalar field that is present and not 待确认.
    public func text(_ key: String) -> String? {
        guard let n = self[key], !n.isPending, let t = n.text else { return nil }
        let trimmed = t.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A field's value with its position, when it is a date.
    public func date(_ key: String) -> (Day, Mark)? {
        guard let n = self[key], let t = text(key), let d = Values.date(t) else { return nil }
        return (d, n.start)
    }

    public func datetime(_ key: String) -> (Moment, Mark)? {
        guard let n = self[key], let t = text(key), let d = Values.datetime(t) else { return nil }
        return (d, n.start)
    }

    public func money(_ key: String) -> (Int64, Mark)? {
        guard let n = self[key], let t = text(key), let d = Values.money(t) else { return nil }
        return (d, n.start)
    }

    public func submapping(_ key: String) -> YAMLMapping? { self[key]?.mapping }

    public func items(_ key: String) -> [YAMLNode] { self[key]?.sequence?.items ?? [] }
}

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
