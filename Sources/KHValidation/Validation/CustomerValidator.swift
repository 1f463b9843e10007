import Foundation
import KHModel
import KHYAML

/// What the archive-wide rules need to know of one customer: kept instead of its trees.
public struct CustomerSummary: Sendable {
    public struct Key: Sendable {
        public var value: String
        public var file: String
        public var mark: Mark
    }

    public var directory: CustomerDirectory
    public var numberMark: (file: String, mark: Mark)?
    public var fullName: Key?
    public var normalizedName: String?
    public var creditCode: Key?
    public var mobiles: [Key] = []
    public var emails: [Key] = []
}

extension CustomerSummary {
    /// What the archive-wide rules need of a customer, from its 基本信息: the number's
    /// position, the full name (企业), the credit code, the contacts' mobiles and e-mails.
    /// The folder's documents list (2.3 million paths on 100,000 customers) is not kept.
    init(_ s: CustomerSnapshot) {
        self.init(directory: s.directory)
        directory.documents = []
        directory.diagnostics = []
        guard let b = s.basic else { return }
        let file = b.path
        if b.number != nil, let node = b.node(FieldName.number) { numberMark = (file, node.start) }
        for c in b.contacts {
            if let digits = c.mobileDigits {
                mobiles.append(.init(value: digits, file: file, mark: c.mapping[FieldName.mobile]!.start))
            }
            if let email = c.normalizedEmail {
                emails.append(.init(value: email, file: file, mark: c.mapping[FieldName.email]!.start))
            }
        }
        if !b.isPerson, let full = b.fullName, let node = b.company?[FieldName.fullName] {
            fullName = .init(value: full, file: file, mark: node.start)
            normalizedName = Normalize.name(full)
        }
        if let code = b.creditCode, Values.isCreditCode(code), let node = b.node(FieldName.creditCode) {
            creditCode = .init(value: code, file: file, mark: node.start)
        }
    }
}

/// Everything one customer directory yields.
struct CustomerResult: Sendable {
    var diagnostics: [Diagnostic]
    var summary: CustomerSummary
    var documents: Int
}

/// Validates one customer: each document against its schema, the rules inside each
/// document, and the rules that relate documents of the one customer (spec section 5).
struct CustomerValidator {
    let config: Config

    /// What the archive-wide rules need of a customer, from its 01 基本信息 alone (read the
    /// same way as `validate` reads it, so the summary is the same); no diagnostics.
    func summarize(_ s: CustomerSnapshot) -> CustomerResult {
        CustomerResult(diagnostics: [], summary: CustomerSummary(s), documents: 0)
    }

    func validate(_ s: CustomerSnapshot) -> CustomerResult {
        let dir = s.directory
        var out = dir.diagnostics
        if s.basicFile == nil {
            out.append(Diagnostic(rule: .missingBasicInfo, file: dir.path, message: Rules.MissingBasicInfo.message))
        }
        out += s.problems
        for (file, node) in s.longDigitRuns { out += PersonalData.scan(node, file: file) }
        var ctx = Context(config: config, customerType: s.basic?.customerType)
        if let basic = s.basic { ctx.checkFields(basic.mapping, file: basic.file) }
        for b in s.strayBasics { ctx.checkFields(b.mapping, file: b.file) }
        for c in s.contracts { ctx.checkFields(c.mapping, file: c.file) }
        for n in s.needs { ctx.checkFields(n.mapping, file: n.file) }
        for a in s.assessments { ctx.checkFields(a.mapping, file: a.file) }
        for r in s.interactions { ctx.checkFields(r.mapping, file: r.file) }
        for check in Rules.customerChecks { check.check(s, config: config, into: &ctx.diagnostics) }
        // An interaction record outside any quarter folder moves where its 沟通时间 says.
        Rules.WrongGroupFolder.fixOutsideGroup(&out, s, config: config)
        out += ctx.diagnostics
        return CustomerResult(diagnostics: out, summary: CustomerSummary(s), documents: dir.documents.count)
    }
}

/// The state of one customer's validation.
private struct Context {
    let config: Config
    let customerType: String?
    var diagnostics: [Diagnostic] = []

    init(config: Config, customerType: String?) {
        self.config = config
        self.customerType = customerType
    }

    mutating func checkFields(_ m: YAMLMapping, file: DocumentFile) {
        var checker = FieldChecker(
            config: config, file: file.path, customerType: file.type == .basicInfo ? customerType : nil)
        checker.check(mapping: m, schema: config.schemas[file.type]!, path: "")
        diagnostics += checker.diagnostics
    }
}
