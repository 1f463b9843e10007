import KHModel
import KHSupport
import KHYAML

/// What every output format of `kh validate` is given.
public struct FormatContext: Sendable {
    public var result: ValidationResult
    public var language: Language
    /// Prefix that turns archive-relative paths into paths as the user named them
    /// (`""` when kh runs at the archive root, `archive/` for `kh validate archive`).
    public var pathPrefix: String
    /// Reads source lines for the human output format (archive-relative path, 1-based line).
    public var sourceLine: @Sendable (String, Int) -> String?
    public var color: Bool
    public var quiet: Bool
    public var strict: Bool

    public init(
        result: ValidationResult, language: Language, pathPrefix: String = "",
        sourceLine: @escaping @Sendable (String, Int) -> String? = { _, _ in nil },
        color: Bool = false, quiet: Bool = false, strict: Bool = false
    ) {
        self.result = result
        self.language = language
        self.pathPrefix = pathPrefix
        self.sourceLine = sourceLine
        self.color = color
        self.quiet = quiet
        self.strict = strict
    }

    public func display(_ file: String) -> String {
        file.isEmpty ? (pathPrefix.isEmpty ? "." : pathPrefix) : pathPrefix + file
    }

    /// The message with its notes folded in, for one-line formats.
    public func flatMessage(_ d: Diagnostic) -> String {
        var s = d.message.string(language)
        for n in d.notes {
            var where_ = display(n.file)
            if let m = n.start { where_ += ":\(m.line):\(m.column)" }
            s += language == .zh ? "（注：\(where_) \(n.message.zh)）" : " (note: \(where_) \(n.message.en))"
        }
        return s
    }
}

/// Turns a validation result into text. Pure: the same result gives the same bytes.
public protocol ResultFormatter {
    static var identifier: String { get }
    static func format(_ context: FormatContext) -> String
}

/// Every output format of `kh validate`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case human, github, json, sarif, junit

    public var formatter: ResultFormatter.Type {
        switch self {
        case .human: return HumanFormatter.self
        case .github: return GitHubFormatter.self
        case .json: return JSONFormatter.self
        case .sarif: return SARIFFormatter.self
        case .junit: return JUnitFormatter.self
        }
    }
}
