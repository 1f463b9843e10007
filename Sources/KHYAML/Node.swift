#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Positions

/// A position in a source file: 1-based line and 1-based column, columns counted in
/// Unicode scalars (characters as libyaml counts them), not bytes.
public struct Mark: Hashable, Comparable, Codable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

// MARK: - Nodes

/// How a scalar was written in the source.
public enum ScalarStyle: String, Codable, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// A scalar: its value (after YAML's unescaping and folding) and how it was written.
public struct YAMLScalar: Sendable {
    public var value: String
    public var style: ScalarStyle
    public var start: Mark
    public var end: Mark

    /// `~`, `null`, or an empty plain scalar: absent per spec section 2.
    public var isNull: Bool {
        guard style == .plain else { return false }
        return value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
    }
}

/// One `key: value` pair of a mapping.
public struct YAMLEntry: Sendable {
    public var key: YAMLScalar
    public var value: YAMLNode
}

/// A mapping in source order. Duplicate keys are reported while parsing; only the first
/// occurrence is kept here.
public struct YAMLMapping: Sendable {
    public var entries: [YAMLEntry]
    public var start: Mark
    public var end: Mark

    public subscript(key: String) -> YAMLNode? {
        entries.first(where: { $0.key.value.same(key) })?.value
    }

    public func entry(_ key: String) -> YAMLEntry? {
        entries.first(where: { $0.key.value.same(key) })
    }
}

/// A sequence in source order.
public struct YAMLSequence: Sendable {
    public var items: [YAMLNode]
    public var start: Mark
    public var end: Mark
}

/// The project's own YAML tree: every node keeps its position.
public enum YAMLNode: Sendable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)

    public var start: Mark {
        switch self {
        case .scalar(let s): return s.start
        case .mapping(let m): return m.start
        case .sequence(let q): return q.start
        }
    }

    public var end: Mark {
        switch self {
        case .scalar(let s): return s.end
        case .mapping(let m): return m.end
        case .sequence(let q): return q.end
        }
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }

    public var mapping: YAMLMapping? {
        if case .mapping(let m) = self { return m }
        return nil
    }

    public var sequence: YAMLSequence? {
        if case .sequence(let q) = self { return q }
        return nil
    }

    /// The scalar's text, or nil for collections and null scalars.
    public var text: String? {
        guard let s = scalar, !s.isNull else { return nil }
        return s.value
    }

}

// MARK: - Fast comparison

extension String {
    /// Byte-wise equality of the UTF-8 forms. Swift's `==` on non-ASCII text goes through
    /// Unicode normalisation, which dominates validation time; archive keys and values are
    /// compared as git stores them.
    @inline(__always)
    public func same(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        let fast = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in
                a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
            }
        }
        if let fast, let result = fast { return result }
        return utf8.elementsEqual(other.utf8)
    }
}

extension Array where Element == String {
    /// `contains` with byte-wise equality.
    @inline(__always)
    public func containsSame(_ s: String) -> Bool {
        contains { $0.same(s) }
    }
}

extension String.UTF8View {
    /// Byte-wise suffix test (no grapheme breaking).
    @inline(__always)
    public func hasSuffix(_ suffix: String.UTF8View) -> Bool {
        count >= suffix.count && self.reversed().starts(with: suffix.reversed())
    }
}

extension YAMLNode {
    /// The scalar (key or value) that starts at `mark`.
    public func scalar(at mark: Mark) -> YAMLScalar? {
        switch self {
        case .scalar(let s): return s.start == mark ? s : nil
        case .mapping(let m):
            for e in m.entries {
                if e.key.start == mark { return e.key }
                if e.value.start <= mark && mark <= e.value.end, let s = e.value.scalar(at: mark) { return s }
            }
            return nil
        case .sequence(let q):
            for item in q.items where item.start <= mark && mark <= item.end {
                if let s = item.scalar(at: mark) { return s }
            }
            return nil
        }
    }
}
