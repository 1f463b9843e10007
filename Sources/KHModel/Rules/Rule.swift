import KHSupport
import KHYAML

/// A rule kh checks: its stable code and what people read about it. Codes never change
/// meaning once published; a retired rule keeps its code unused.
///
/// Each rule is declared in a file of its own under `Rules/Catalogue/` (a `RuleDefinition`:
/// identity, summary, examples), in the layer whose code finds it (KHModel for what the
/// parser, the reader, the layout scan, the schema and kh.yaml find; KHValidation for the checks
/// over a snapshot or the archive), and listed in `Rules.all` (KHValidation); `Rule.unreachableContact` and the
/// like name them where diagnostics are made.
///
/// Code ranges: KH1xx structure and YAML, KH2xx fields, KH3xx one customer,
/// KH4xx the whole archive, KH5xx personal data, KH6xx kh.yaml, KH7xx the catalogue.
public struct Rule: Sendable, Hashable, CustomStringConvertible {
    /// The stable code, e.g. `KH203`.
    public let code: String
    /// A short kebab-case name, for SARIF and people who prefer words to numbers.
    public let name: String
    /// The default severity.
    public let severity: Severity
    /// One sentence: what the rule checks.
    public let summary: Text

    public init(code: String, name: String, severity: Severity, summary: Text) {
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
    }

    public static func == (a: Rule, b: Rule) -> Bool { a.code == b.code }
    public func hash(into h: inout Hasher) { h.combine(code) }
    public var description: String { code }

    /// The category, for `kh rules`.
    public var category: Text {
        switch code.dropFirst(2).first {
        case "1": return Text(zh: "结构", en: "structure")
        case "2": return Text(zh: "字段", en: "fields")
        case "3": return Text(zh: "客户", en: "customer")
        case "4": return Text(zh: "档案库", en: "archive")
        case "5": return Text(zh: "个人信息", en: "personal data")
        case "7": return Text(zh: "目录", en: "catalogue")
        default: return Text(zh: "配置", en: "configuration")
        }
    }
}

/// What each rule declares in its file of `Rules/Catalogue/`.
public protocol RuleDefinition {
    /// Code, name, severity and summary.
    static var rule: Rule { get }
    /// A failing and a passing example (`kh rules` prints them; RuleExampleTests runs them).
    static var examples: (failing: RuleExample, passing: RuleExample) { get }
}

/// The rules, one type each (`Rules.UnreachableContact`), declared in the files of
/// `Rules/Catalogue/`; `Rules.all` (KHValidation) lists them.
public enum Rules {}

/// A rule checked over one customer's snapshot: the validator runs every one listed in
/// `Rules.customerChecks`.
package protocol CustomerRule: RuleDefinition {
    static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic])
}
