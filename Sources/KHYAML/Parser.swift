internal import CYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Limits of spec section 2.
public enum YAMLLimits {
    public static let maxFileSize = 1 << 20
    public static let maxDepth = 32
}

/// The result of reading one YAML file: its root (nil when it could not be read) and
/// every problem found on the way.
public struct ParsedDocument: Sendable {
    public var root: YAMLNode?
    /// The file's name, as given to `parse` (the model names its diagnostics with it).
    public var file: String
    /// What is wrong with it, in the order found.
    public var problems: [YAMLProblem]
    /// False when the file is empty or holds only comments.
    public var hasContent: Bool
    /// Some scalar holds 16 or more digits: it may be a resident ID or a card number
    /// (`PersonalData.scan` looks closer only then).
    public var hasLongDigitRuns: Bool = false
}

/// A problem found while reading YAML: what it is and where. The YAML layer knows no rules
/// and no messages; the model turns each problem into the diagnostic people read.
public struct YAMLProblem: Sendable {
    public enum Kind: Sendable {
        /// Over `YAMLLimits.maxFileSize`; nothing was parsed.
        case fileTooLarge(bytes: Int)
        /// libyaml's own words, and where the construct it was reading began (when elsewhere).
        case syntax(problem: String, context: String?, contextMark: Mark?)
        /// Not UTF-8 at this byte offset (counting a byte-order mark).
        case invalidUTF8(offset: Int)
        /// A key repeated in one mapping; `first` is where it first appears.
        case duplicateKey(String, first: Mark)
        case mergeKey
        case anchor(String)
        case alias(String)
        case tag(String)
        case tagDirective
        case multipleDocuments
        /// Nesting deeper than `YAMLLimits.maxDepth`; parsing stopped.
        case tooDeep
        /// A mapping key that is not a scalar (the key is given).
        case nonStringKey(YAMLNode)
    }

    public var kind: Kind
    public var start: Mark?
    public var end: Mark?

    public init(_ kind: Kind, start: Mark? = nil, end: Mark? = nil) {
        self.kind = kind
        self.start = start
        self.end = end
    }
}

/// Reads YAML through libyaml's event API into the project's own `YAMLNode` tree.
///
/// Unlike a YAML loader it keeps going after a duplicate key (reported at the repeat,
/// with a note at the first) and refuses anchors, aliases, tags, merge keys and more
/// than one document, as spec section 2 asks.
public enum YAMLParser {
    /// `names`: long keys to share (see `InternTable`).
    public static func parse(_ bytes: [UInt8], file: String, names: InternTable? = nil) -> ParsedDocument {
        if bytes.count > YAMLLimits.maxFileSize {
            return ParsedDocument(
                root: nil, file: file, problems: [YAMLProblem(.fileTooLarge(bytes: bytes.count))],
                hasContent: true)
        }
        var body = bytes[...]
        var bomOffset = 0
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = body.dropFirst(3)
            bomOffset = 3
        }
        // libyaml's reader checks the UTF-8 (and reports the byte offset) before it parses.
        return body.withUnsafeBufferPointer { buffer in
            var builder = TreeBuilder(bomOffset: bomOffset, names: names)
            builder.run(buffer)
            return ParsedDocument(
                root: builder.root, file: file, problems: builder.problems,
                hasContent: builder.sawContent, hasLongDigitRuns: builder.manyDigits)
        }
    }
}

// MARK: - Tree building

private struct TreeBuilder {
    var root: YAMLNode?
    var problems: [YAMLProblem] = []
    var sawContent = false
    var manyDigits = false

    /// An open collection. A class, so that appending to it never copies its array.
    private final class Frame {
        let isMapping: Bool
        let start: Mark
        var entries: [YAMLEntry] = []
        var items: [YAMLNode] = []
        /// Set while the mapping waits for this key's value; `skip` drops the value
        /// (a duplicate's first occurrence is always among the kept entries).
        var key: YAMLScalar?
        var skip = false

        init(isMapping: Bool, start: Mark) {
            self.isMapping = isMapping
            self.start = start
        }
    }

    private var stack: [Frame] = []
    private var documents = 0

    private let bomOffset: Int

    let names: InternTable?

    init(bomOffset: Int, names: InternTable?) {
        self.bomOffset = bomOffset
        self.names = names
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        if let base = buffer.baseAddress {
            yaml_parser_set_input_string(&parser, base, buffer.count)
        } else {
            var empty: UInt8 = 0
            yaml_parser_set_input_string(&parser, &empty, 0)
        }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        unterminated = Self.unterminated(buffer)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                reportSyntaxError(parser, buffer)
                root = nil
                return
            }
            defer { yaml_event_delete(&event) }
            let type = event.type
            if type == YAML_STREAM_END_EVENT { return }
            if !handle(&event) { return }
        }
    }

    /// The file's last line and its length, when the file does not end with a line break:
    /// libyaml ends such a file with a line break of its own, so its marks at the very end are
    /// one line past the file (`key: [a` reported at 2:1 in a one-line file). Set by `run`.
    private var unterminated: (characters: Int, lastLineColumns: Int)?

    private func mark(_ m: yaml_mark_t) -> Mark {
        if m.column == 0, m.line > 0, let end = unterminated, Int(m.index) >= end.characters {
            return Mark(line: Int(m.line), column: end.lastLineColumns + 1)
        }
        return Mark(line: Int(m.line) + 1, column: Int(m.column) + 1)
    }

    /// `unterminated` for a buffer: its characters and those after its last line break
    /// (libyaml's breaks: LF, CR, NEL, LS, PS). Nil when the buffer is empty or ends with a break.
    static func unterminated(_ buffer: UnsafeBufferPointer<UInt8>) -> (characters: Int, lastLineColumns: Int)? {
        // Almost every file ends with a line break: no scan for those.
        guard let last = buffer.last, last != 0x0A, last != 0x0D else { return nil }
        // libyaml's index counts characters (a CRLF as two): every byte but UTF-8 continuations.
        var characters = 0
        var columns = 0
        var i = 0
        var endsWithBreak = true
        while i < buffer.count {
            let width = UTF8Check.breakWidth(at: i, in: buffer)
            if width > 0 {
                for k in i..<(i + width) where buffer[k] & 0xC0 != 0x80 { characters += 1 }
                columns = 0
                endsWithBreak = true
                i += width
                continue
            }
            if buffer[i] & 0xC0 != 0x80 {
                characters += 1
                columns += 1
            }
            endsWithBreak = false
            i += 1
        }
        return endsWithBreak ? nil : (characters, columns)
    }

    private func string(_ p: UnsafeMutablePointer<yaml_char_t>?, _ length: Int) -> String {
        guard let p else { return "" }
        let bytes = UnsafeBufferPointer(start: p, count: length)
        // Field names longer than a small string (15 bytes) would each take a heap
        // allocation: reuse the declared names instead.
        if length > 15, let known = names?.lookup(bytes) { return known }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func cString(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let p else { return nil }
        return String(cString: p)
    }

    /// Handles one event; false stops parsing.
    private mutating func handle(_ event: inout yaml_event_t) -> Bool {
        let start = mark(event.start_mark)
        let end = mark(event.end_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                problems.append(YAMLProblem(.multipleDocuments, start: start))
                return false
            }
            if event.data.document_start.tag_directives.start != event.data.document_start.tag_directives.end {
                problems.append(YAMLProblem(.tagDirective, start: start))
            }
        case YAML_SCALAR_EVENT:
            sawContent = true
            let s = event.data.scalar
            checkAnchorAndTag(anchor: s.anchor, tag: s.tag, at: start)
            let style: ScalarStyle
            switch s.style {
            case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
            case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
            case YAML_LITERAL_SCALAR_STYLE: style = .literal
            case YAML_FOLDED_SCALAR_STYLE: style = .folded
            default: style = .plain
            }
            if !manyDigits && s.length >= 16, let p = s.value {
                manyDigits = Digits.count(UnsafeBufferPointer(start: p, count: Int(s.length))) >= 16
            }
            let scalar = YAMLScalar(
                value: string(s.value, Int(s.length)), style: style,
                start: start, end: end)
            add(.scalar(scalar))
        case YAML_ALIAS_EVENT:
            sawContent = true
            let name = Self.cString(event.data.alias.anchor) ?? ""
            problems.append(YAMLProblem(.alias(name), start: start, end: end))
            add(.scalar(YAMLScalar(value: "", style: .plain, start: start, end: end)))
        case YAML_MAPPING_START_EVENT:
            let e = event.data.mapping_start
            return open(Frame(isMapping: true, start: start), anchor: e.anchor, tag: e.tag)
        case YAML_SEQUENCE_START_EVENT:
            let e = event.data.sequence_start
            return open(Frame(isMapping: false, start: start), anchor: e.anchor, tag: e.tag)
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            guard let frame = stack.popLast() else { return true }
            if frame.isMapping {
                add(.mapping(YAMLMapping(entries: frame.entries, start: frame.start, end: end)))
            } else {
                add(.sequence(YAMLSequence(items: frame.items, start: frame.start, end: end)))
            }
        default:
            break
        }
        return true
    }

    /// Starts a collection; false (stop parsing) past the depth limit.
    private mutating func open(
        _ frame: Frame, anchor: UnsafeMutablePointer<yaml_char_t>?,
        tag: UnsafeMutablePointer<yaml_char_t>?
    ) -> Bool {
        sawContent = true
        checkAnchorAndTag(anchor: anchor, tag: tag, at: frame.start)
        if stack.count >= YAMLLimits.maxDepth {
            problems.append(YAMLProblem(.tooDeep, start: frame.start))
            return false
        }
        stack.append(frame)
        return true
    }

    private mutating func checkAnchorAndTag(
        anchor: UnsafeMutablePointer<yaml_char_t>?,
        tag: UnsafeMutablePointer<yaml_char_t>?, at start: Mark
    ) {
        if let name = Self.cString(anchor) {
            problems.append(YAMLProblem(.anchor(name), start: start))
        }
        if let tag = Self.cString(tag) {
            problems.append(YAMLProblem(.tag(tag), start: start))
        }
    }

    /// Attaches a finished node to its parent.
    private mutating func add(_ node: YAMLNode) {
        guard let top = stack.last else {
            if root == nil { root = node }
            return
        }
        guard top.isMapping else {
            top.items.append(node)
            return
        }
        if let key = top.key {
            // `node` is the value of `key`.
            if !top.skip { top.entries.append(YAMLEntry(key: key, value: node)) }
            top.key = nil
            top.skip = false
            return
        }
        // `node` is a key.
        guard case .scalar(let keyScalar) = node else {
            problems.append(YAMLProblem(.nonStringKey(node), start: node.start, end: node.end))
            top.key = YAMLScalar(value: "", style: .plain, start: node.start, end: node.end)
            top.skip = true
            return
        }
        var skipValue = false
        if keyScalar.style == .plain && keyScalar.value == "<<" {
            problems.append(YAMLProblem(.mergeKey, start: keyScalar.start, end: keyScalar.end))
            skipValue = true
        } else if let first = top.entries.first(where: { $0.key.value.same(keyScalar.value) })?.key.start {
            problems.append(
                YAMLProblem(.duplicateKey(keyScalar.value, first: first), start: keyScalar.start, end: keyScalar.end))
            skipValue = true
        }
        top.key = keyScalar
        top.skip = skipValue
    }

    private mutating func reportSyntaxError(_ parser: yaml_parser_t, _ buffer: UnsafeBufferPointer<UInt8>) {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
        let context = parser.context.map { String(cString: $0) }
        let at: Mark
        if parser.error == YAML_READER_ERROR {
            let isUTF8 = problem.contains("UTF-8") || problem.contains("Unicode")
            let reported = min(max(0, Int(parser.problem_offset)), buffer.count)
            // A control character is reported where it is, not at some later invalid byte.
            let offset = isUTF8 ? UTF8Check.firstInvalid(buffer) ?? reported : reported
            at = UTF8Check.mark(of: offset, in: buffer)
            if isUTF8 {
                problems.append(YAMLProblem(.invalidUTF8(offset: offset + bomOffset), start: at))
                return
            }
        } else {
            at = mark(parser.problem_mark)
        }
        var contextMark: Mark?
        if context != nil,
            parser.context_mark.line != parser.problem_mark.line
                || parser.context_mark.column != parser.problem_mark.column
        {
            contextMark = mark(parser.context_mark)
        }
        problems.append(YAMLProblem(.syntax(problem: problem, context: context, contextMark: contextMark), start: at))
    }
}

/// Long keys to share one String per name across documents (a parse makes a String of each
/// key; names longer than a small string, 15 bytes, would each take a heap allocation).
/// The YAML layer knows no names: the caller gives them (the model gives the schema's).
public struct InternTable: Sendable {
    private let table: [Int: [([UInt8], String)]]

    public init(_ names: some Sequence<String>) {
        var table: [Int: [([UInt8], String)]] = [:]
        for n in Set(names) where n.utf8.count > 15 { table[n.utf8.count, default: []].append((Array(n.utf8), n)) }
        self.table = table
    }

    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let candidates = table[bytes.count] else { return nil }
        for (b, s) in candidates
        where b.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }) {
            return s
        }
        return nil
    }
}

/// Digits in a scalar, ASCII and full-width: the parser flags a document holding a scalar
/// with 16 or more (`ParsedDocument.hasLongDigitRuns`), so that a closer look for personal
/// data (ID and card numbers) is needed only then.
public enum Digits {
    public static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        var previous: (UInt8, UInt8) = (0, 0)
        for b in bytes {
            if b >= 0x30 && b <= 0x39 { n += 1 } else if previous == (0xEF, 0xBC) && b >= 0x90 && b <= 0x99 { n += 1 }
            previous = (previous.1, b)
        }
        return n
    }
}
