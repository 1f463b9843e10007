import Foundation

/// A YAML file as bytes plus its tree, for edits that change only the bytes of the values
/// they change: comments, key order, layout and every other byte stay as they were.
public struct EditableDocument: Sendable {
    /// One replacement of a byte range.
    public struct Edit: Sendable {
        public var range: Range<Int>
        public var text: String
    }

    public enum Problem: Error, Sendable {
        /// The file is not a readable YAML mapping (the problems say why, when there are any).
        case unreadable([YAMLProblem])
        /// The bytes at a node's position are not what the tree says (kh refuses to guess).
        case positionMismatch(Mark)
    }

    public private(set) var bytes: [UInt8]
    public let root: YAMLMapping
    private var edits: [Edit] = []
    /// Byte offset of each line's start (line 1 at index 0).
    private let lineStarts: [Int]

    public init(bytes: [UInt8], path: String) throws(Problem) {
        let parsed = YAMLParser.parse(bytes, file: path)
        guard parsed.problems.isEmpty, case .mapping(let m)? = parsed.root else {
            throw .unreadable(parsed.problems)
        }
        self.bytes = bytes
        root = m
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    /// The byte offset of a mark (columns count Unicode scalars; a BOM on line 1 is skipped).
    public func offset(_ mark: Mark) -> Int? {
        guard mark.line >= 1, mark.line <= lineStarts.count else { return nil }
        var i = lineStarts[mark.line - 1]
        if mark.line == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i += 3 }
        var column = 1
        while column < mark.column {
            guard i < bytes.count, bytes[i] != 0x0A else { return column == mark.column ? i : nil }
            i += Self.scalarLength(bytes[i])
            column += 1
        }
        return min(i, bytes.count)
    }

    static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: return 4
        case 0xE0...: return 3
        case 0xC0...: return 2
        default: return 1
        }
    }

    /// The source bytes of a node, as written.
    public func source(_ start: Mark, _ end: Mark) -> String? {
        guard let a = offset(start), let b = offset(end), a <= b else { return nil }
        return String(decoding: bytes[a..<b], as: UTF8.self)
    }

    // MARK: - Edits

    /// Replaces a one-line scalar by `value`, written in the scalar's own style where it can
    /// be (plain stays plain, quotes stay quotes), else double-quoted; `.positionMismatch`
    /// when no way of writing it reads back as `value` with everything else unchanged.
    public mutating func replace(_ scalar: YAMLScalar, with value: String) throws(Problem) {
        guard let a = offset(scalar.start), let b = offset(scalar.end), a <= b, scalar.start.line == scalar.end.line,
            scalar.style != .literal, scalar.style != .folded
        else {
            throw .positionMismatch(scalar.start)
        }
        // Make sure the tree and the bytes agree before touching anything.
        let written = String(decoding: bytes[a..<b], as: UTF8.self)
        switch scalar.style {
        case .plain: guard written == scalar.value else { throw .positionMismatch(scalar.start) }
        case .singleQuoted, .doubleQuoted: guard written.count >= 2 else { throw .positionMismatch(scalar.start) }
        case .literal, .folded: throw .positionMismatch(scalar.start)
        }
        // Several lines become a literal block when nothing (no comment) follows on the line.
        var rest = b
        while rest < bytes.count && (bytes[rest] == 0x20 || bytes[rest] == 0x09) { rest += 1 }
        let endsLine = rest >= bytes.count || bytes[rest] == 0x0A || bytes[rest] == 0x0D
        var candidates: [String] = []
        switch scalar.style {
        case _ where value.contains("\n") && endsLine && scalar.style != .doubleQuoted:
            var lineStart = a
            while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            var indent = 0
            while bytes[lineStart + indent] == 0x20 { indent += 1 }
            candidates.append(String(YAMLWriter.literal(value, indent: indent + 2).dropLast()))
        case .singleQuoted where !value.contains("\n"):
            candidates.append("'" + value.replacingOccurrences(of: "'", with: "''") + "'")
        case .doubleQuoted: break
        default: candidates.append(YAMLWriter.scalar(value, flow: false))
        }
        candidates.append(YAMLWriter.doubleQuoted(value))
        // The edit must read back as the value and leave the rest of the tree as it was (a
        // literal block must not swallow an indented comment after it; a quoted value must not
        // meet a tab libyaml refuses after it): the first candidate that does is written.
        guard let text = candidates.first(where: { readsBack(replacing: a..<b, with: $0, at: scalar.start, value) })
        else {
            throw .positionMismatch(scalar.start)
        }
        edits.append(Edit(range: a..<b, text: text))
    }

    /// Whether the bytes with `range` replaced by `text` read as the same tree, but for the
    /// scalar at `mark`, which reads as `value`.
    private func readsBack(replacing range: Range<Int>, with text: String, at mark: Mark, _ value: String) -> Bool {
        let candidate = Array(bytes[..<range.lowerBound]) + Array(text.utf8) + Array(bytes[range.upperBound...])
        let parsed = YAMLParser.parse(candidate, file: "")
        guard parsed.problems.isEmpty, let node = parsed.root,
            node.scalar(at: mark)?.value == value
        else { return false }
        return Self.count(node) == Self.count(.mapping(root))
    }

    private static func count(_ node: YAMLNode) -> Int {
        switch node {
        case .scalar: return 1
        case .sequence(let s): return 1 + s.items.reduce(0) { $0 + count($1) }
        case .mapping(let m): return 1 + m.entries.reduce(0) { $0 + 1 + count($1.value) }
        }
    }

    /// Sets `key` of the top-level mapping: its scalar replaced, or a new `key: value` line
    /// after the last top-level entry when the key is absent (or a null value completed).
    public mutating func set(_ key: String, _ value: String) throws(Problem) {
        if let entry = root.entry(key) {
            if case .scalar(let s) = entry.value, !s.isNull {
                try replace(s, with: value)
                return
            }
            if case .scalar(let s) = entry.value, s.style == .plain,
                s.value.isEmpty || s.value == "~" || s.value.lowercased() == "null"
            {
                // `key:` or `key: ~`: the value goes right after the colon.
                guard let keyEnd = offset(entry.key.end), let colon = bytes[keyEnd...].firstIndex(of: 0x3A) else {
                    throw .positionMismatch(entry.key.start)
                }
                let end = s.value.isEmpty ? colon + 1 : (offset(s.end) ?? colon + 1)
                edits.append(Edit(range: (colon + 1)..<end, text: " " + YAMLWriter.scalar(value, flow: false)))
                return
            }
            throw .positionMismatch(entry.value.start)
        }
        insertTopLevel(key + ": " + YAMLWriter.scalar(value, flow: false))
    }

    /// A new top-level line (`key: value`) after the last top-level entry's last line.
    public mutating func insertTopLevel(_ line: String) {
        let at: Int
        if let last = root.entries.last, let end = offset(last.value.end) {
            // The end of the line the last value ends on (its comment included).
            var i = end
            if last.value.end.column == 1 && i > 0 { i -= 1 }  // block collections end at the next line's start
            while i < bytes.count && bytes[i] != 0x0A { i += 1 }
            at = i
        } else {
            at = bytes.count
        }
        if at >= bytes.count {
            let needsNewline = !(bytes.last.map { $0 == 0x0A } ?? true)
            // A file without a final newline keeps having none.
            edits.append(Edit(range: bytes.count..<bytes.count, text: needsNewline ? "\n" + line : line + "\n"))
        } else {
            edits.append(Edit(range: at..<at, text: "\n" + line))
        }
    }

    /// Adds an item to a top-level list of scalars (flow `[a, b]` or block `- a`), or
    /// creates the list when the key is absent or empty.
    public mutating func append(to key: String, _ value: String) throws(Problem) {
        guard let entry = root.entry(key) else {
            insertTopLevel(key + ": [" + YAMLWriter.scalar(value, flow: true) + "]")
            return
        }
        switch entry.value {
        case .scalar(let s) where s.isNull:
            try set(key, value)
            // `set` wrote a scalar; a list was meant.
            edits[edits.count - 1].text = " [" + YAMLWriter.scalar(value, flow: true) + "]"
        case .sequence(let seq):
            guard let end = offset(seq.end) else { throw .positionMismatch(seq.end) }
            if let start = offset(seq.start), bytes[start] == 0x5B {  // flow: `[…]`
                guard end > start, bytes[end - 1] == 0x5D else { throw .positionMismatch(seq.end) }
                let empty = seq.items.isEmpty
                edits.append(
                    Edit(range: (end - 1)..<(end - 1), text: (empty ? "" : ", ") + YAMLWriter.scalar(value, flow: true))
                )
            } else {
                guard let last = seq.items.last, let itemStart = offset(last.start), let lastEnd = offset(last.end)
                else {
                    throw .positionMismatch(seq.start)
                }
                // The indentation of the items' dashes, from the last item's line.
                var lineStart = itemStart
                while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
                let prefix = String(decoding: bytes[lineStart..<itemStart], as: UTF8.self)
                var i = lastEnd
                while i < bytes.count && bytes[i] != 0x0A { i += 1 }
                edits.append(Edit(range: i..<i, text: "\n" + prefix + YAMLWriter.scalar(value, flow: false)))
            }
        default:
            throw .positionMismatch(entry.value.start)
        }
    }

    /// Adds `key: value` to a mapping inside the document (a list item's mapping, say) that
    /// lacks the key: a new line after its last entry, indented as its keys are, or `, key:
    /// value` before the `}` of a flow mapping. `.positionMismatch` when the result would not
    /// read back as the same tree with that one entry more.
    public mutating func insert(_ key: String, _ value: String, into mapping: YAMLMapping) throws(Problem) {
        guard mapping.entry(key) == nil, let last = mapping.entries.last,
            let keyStart = offset(last.key.start), let valueEnd = offset(last.value.end)
        else {
            throw .positionMismatch(mapping.start)
        }
        let text: String
        let at: Int
        if let start = offset(mapping.start), start < bytes.count, bytes[start] == 0x7B {  // flow: `{…}`
            guard let end = offset(mapping.end), end > start, bytes[end - 1] == 0x7D else {
                throw .positionMismatch(mapping.end)
            }
            (at, text) = (end - 1, ", " + key + ": " + YAMLWriter.scalar(value, flow: true))
        } else {
            // The keys' indentation, from the last key's line (`- ` of a list item becomes spaces).
            var lineStart = keyStart
            while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            let indent = String(
                repeating: " ", count: String(decoding: bytes[lineStart..<keyStart], as: UTF8.self).count)
            // The end of the line the last value ends on (a block collection ends at the next line's start).
            var i = valueEnd
            if i > 0 && i <= bytes.count && bytes[i - 1] == 0x0A { i -= 1 }
            while i < bytes.count && bytes[i] != 0x0A { i += 1 }
            (at, text) = (i, "\n" + indent + key + ": " + YAMLWriter.scalar(value, flow: false))
        }
        let candidate = Array(bytes[..<at]) + Array(text.utf8) + Array(bytes[at...])
        let parsed = YAMLParser.parse(candidate, file: "")
        guard parsed.problems.isEmpty, let node = parsed.root, Self.count(node) == Self.count(.mapping(root)) + 2,
            node.scalar(at: last.key.start)?.value == last.key.value
        else {
            throw .positionMismatch(mapping.start)
        }
        edits.append(Edit(range: at..<at, text: text))
    }

    /// Adds a mapping item (`- k: v`, its other keys below it) to a top-level block list of
    /// mappings, after its last item and indented as that item is; creates the list after the
    /// last top-level entry when the key is absent or empty. `.positionMismatch` for a flow
    /// list or when the result would not read back as the same tree with that one item more.
    public mutating func appendItem(to key: String, _ entries: [(String, String)]) throws(Problem) {
        guard !entries.isEmpty else { return }
        let item = YAMLValue.map(entries.map { ($0.0, YAMLValue.scalar($0.1)) })
        let added = 1 + entries.count * 2
        func absent() {
            var text = YAMLWriter.document([(key, .list([item]))])
            if text.hasSuffix("\n") { text.removeLast() }
            insertTopLevel(text)
        }
        guard let entry = root.entry(key) else { return absent() }
        let at: Int
        let text: String
        switch entry.value {
        case .scalar(let s) where s.isNull && s.style == .plain:
            // `key:` with nothing: the list goes below it.
            guard let keyEnd = offset(entry.key.end), let colon = bytes[keyEnd...].firstIndex(of: 0x3A) else {
                throw .positionMismatch(entry.key.start)
            }
            let end = s.value.isEmpty ? colon + 1 : (offset(s.end) ?? colon + 1)
            var block = YAMLWriter.document([("k", .list([item]))])
            block.removeFirst(2)  // "k:"
            if block.hasSuffix("\n") { block.removeLast() }
            at = end
            text = block
            var candidate = Array(bytes[..<(colon + 1)])
            candidate += Array(text.utf8)
            candidate += Array(bytes[end...])
            let parsed = YAMLParser.parse(candidate, file: "")
            guard parsed.problems.isEmpty, let node = parsed.root,
                Self.count(node) == Self.count(.mapping(root)) + added
            else {
                throw .positionMismatch(s.start)
            }
            edits.append(Edit(range: (colon + 1)..<at, text: text))
            return
        case .sequence(let seq):
            guard let last = seq.items.last, let itemStart = offset(last.start), let lastEnd = offset(last.end),
                let start = offset(seq.start), start < bytes.count, bytes[start] != 0x5B
            else {
                throw .positionMismatch(entry.value.start)
            }
            var lineStart = itemStart
            while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            let prefix = String(decoding: bytes[lineStart..<itemStart], as: UTF8.self)
            guard prefix.hasSuffix("- ") || prefix.hasSuffix("-\t") else { throw .positionMismatch(last.start) }
            let pad = String(repeating: " ", count: prefix.count)
            var lines: [String] = []
            for (i, (k, v)) in entries.enumerated() {
                lines.append(
                    (i == 0 ? prefix : pad) + YAMLWriter.scalar(k, flow: false) + ": "
                        + YAMLWriter.scalar(v, flow: false))
            }
            var i = lastEnd
            if i > 0 && i <= bytes.count && bytes[i - 1] == 0x0A { i -= 1 }
            while i < bytes.count && bytes[i] != 0x0A { i += 1 }
            (at, text) = (i, "\n" + lines.joined(separator: "\n"))
        default:
            throw .positionMismatch(entry.value.start)
        }
        let candidate = Array(bytes[..<at]) + Array(text.utf8) + Array(bytes[at...])
        let parsed = YAMLParser.parse(candidate, file: "")
        guard parsed.problems.isEmpty, let node = parsed.root, Self.count(node) == Self.count(.mapping(root)) + added
        else {
            throw .positionMismatch(entry.value.start)
        }
        edits.append(Edit(range: at..<at, text: text))
    }

    /// The bytes with every edit applied (edits must not overlap).
    public func result() -> [UInt8] {
        var out = bytes
        // From the end; of two insertions at one place, the one made first stays first.
        let order = edits.indices.sorted { (edits[$0].range.lowerBound, $0) > (edits[$1].range.lowerBound, $1) }
        for e in order.map({ edits[$0] }) {
            out.replaceSubrange(e.range, with: Array(e.text.utf8))
        }
        return out
    }

    public var hasEdits: Bool { !edits.isEmpty }
}
