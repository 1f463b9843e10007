import KHSupport
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
