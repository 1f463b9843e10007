import KHSupport
import KHYAML

// MARK: - Messages

/// How serious a diagnostic is. Errors fail CI; warnings fail only under `--strict`;
/// notices never fail.
public enum Severity: String, Codable, Sendable, Comparable, CaseIterable {
    case error, warning, notice

    var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .notice: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }

    public func word(_ language: Language) -> String {
        switch (self, language) {
        case (.error, .zh): return "错误"
        case (.warning, .zh): return "警告"
        case (.notice, .zh): return "提示"
        case (.error, .en): return "error"
        case (.warning, .en): return "warning"
        case (.notice, .en): return "notice"
        }
    }
}

// MARK: - Diagnostic

/// A secondary location attached to a diagnostic (e.g. where a duplicated key first stood).
public struct Note: Hashable, Codable, Sendable {
    public var file: String
    public var start: Mark?
    public var message: Text

    public init(file: String, start: Mark?, message: Text) {
        self.file = file
        self.start = start
        self.message = message
    }
}

/// What `kh fix` can do about a diagnostic.
public enum Fix: Hashable, Sendable {
    /// The scalar at the diagnostic's start becomes this value (only its bytes change).
    case replace(String)
    /// A file or folder moves: interaction records to the folder and name their date gives,
    /// a 05 file to its 年度, a customer folder to its 简称.
    case move(from: String, to: String)
}

/// One problem found in the archive.
public struct Diagnostic: Hashable, Sendable {
    /// The rule's stable code, e.g. `KH203`.
    public var code: String
    public var severity: Severity
    /// Path relative to the archive root, `/`-separated; `""` for the archive as a whole.
    public var file: String
    public var start: Mark?
    public var end: Mark?
    /// The field path, e.g. `联系人[1].手机`; nil for file-level problems.
    public var path: String?
    public var message: Text
    public var notes: [Note]
    /// The safe fix `kh fix` applies, if there is one.
    public var fix: Fix?

    public init(
        rule: Rule, file: String, start: Mark? = nil, end: Mark? = nil, path: String? = nil,
        message: Text, notes: [Note] = [], severity: Severity? = nil, fix: Fix? = nil
    ) {
        self.code = rule.code
        self.severity = severity ?? rule.severity
        self.file = file
        self.start = start
        self.end = end
        self.path = path
        self.message = message
        self.notes = notes
        self.fix = fix
    }

    /// Sort order of every output: file (by Unicode scalars), line, column, code, message.
    public static func ordered(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file.unicodeScalars.lexicographicallyPrecedes(b.file.unicodeScalars) }
        let la = a.start?.line ?? 0
        let lb = b.start?.line ?? 0
        if la != lb { return la < lb }
        let ca = a.start?.column ?? 0
        let cb = b.start?.column ?? 0
        if ca != cb { return ca < cb }
        if a.code != b.code { return a.code < b.code }
        if a.path != b.path { return (a.path ?? "") < (b.path ?? "") }
        return a.message.en < b.message.en
    }
}

/// A problem with kh itself or how it was called: no archive, unreadable kh.yaml, bad
/// arguments. These end the run with exit status 2. A writing command's plan throws it for a
/// refusal too (a duplicate customer, a vague next step: exit 1), so what the user gave wrong
/// says so: `badInput`.
public struct KHError: Error, Sendable {
    public var message: Text
    public var diagnostics: [Diagnostic]
    /// The fault is in what the user gave kh this time — an argument, an option's value, a draft
    /// read with `--file` — not in the archive: kh exits 2 for it, whatever the command.
    public var badInput: Bool

    public init(_ message: Text, diagnostics: [Diagnostic] = [], badInput: Bool = false) {
        self.message = message
        self.diagnostics = diagnostics
        self.badInput = badInput
    }

    /// What the user gave is wrong (exit 2): `throw KHError.badInput(PlanMsg.badType(t))`.
    public static func badInput(_ message: Text, diagnostics: [Diagnostic] = []) -> KHError {
        KHError(message, diagnostics: diagnostics, badInput: true)
    }
}
