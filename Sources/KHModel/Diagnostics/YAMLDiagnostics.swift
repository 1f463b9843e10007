import KHYAML

/// The YAML layer's problems as the diagnostics people read: each problem's rule and message.
extension Diagnostic {
    init(_ p: YAMLProblem, file: String) {
        switch p.kind {
        case .fileTooLarge(let bytes):
            self.init(rule: .fileTooLarge, file: file, message: Rules.FileTooLarge.message(bytes))
        case .syntax(let problem, let context, let contextMark):
            let notes =
                contextMark.map { [Note(file: file, start: $0, message: Rules.YAMLSyntax.contextNote(context ?? ""))] }
                ?? []
            self.init(
                rule: .yamlSyntax, file: file, start: p.start,
                message: Rules.YAMLSyntax.message(problem: problem, context: context), notes: notes)
        case .invalidUTF8(let offset):
            self.init(
                rule: .invalidUTF8, file: file, start: p.start, message: Rules.InvalidUTF8.message(offset: offset))
        case .duplicateKey(let key, let first):
            self.init(
                rule: .duplicateKey, file: file, start: p.start, end: p.end, path: key,
                message: Rules.DuplicateKey.message(key, first: first),
                notes: [Note(file: file, start: first, message: Rules.DuplicateKey.firstDefinedNote(key))])
        case .mergeKey:
            self.init(rule: .yamlMergeKey, file: file, start: p.start, end: p.end, message: Rules.YAMLMergeKey.message)
        case .anchor(let name):
            self.init(
                rule: .yamlAnchor, file: file, start: p.start, end: p.end, message: Rules.YAMLAnchor.anchorMessage(name)
            )
        case .alias(let name):
            self.init(
                rule: .yamlAnchor, file: file, start: p.start, end: p.end, message: Rules.YAMLAnchor.aliasMessage(name))
        case .tag(let tag):
            self.init(rule: .yamlTag, file: file, start: p.start, end: p.end, message: Rules.YAMLTag.message(tag))
        case .tagDirective:
            self.init(rule: .yamlTag, file: file, start: p.start, end: p.end, message: Rules.YAMLTag.tagDirective)
        case .multipleDocuments:
            self.init(rule: .multipleDocuments, file: file, start: p.start, message: Rules.MultipleDocuments.message)
        case .tooDeep:
            self.init(rule: .tooDeep, file: file, start: p.start, message: Rules.TooDeep.message)
        case .nonStringKey(let key):
            self.init(
                rule: .nonStringKey, file: file, start: p.start, end: p.end,
                message: Rules.NonStringKey.message(key.kindName))
        }
    }
}

extension ParsedDocument {
    /// The problems found, as diagnostics of `file`.
    public var diagnostics: [Diagnostic] { problems.map { Diagnostic($0, file: file) } }
}

extension YAMLNode {
    /// What kind of node this is, in words (for messages).
    public var kindName: (zh: String, en: String) {
        switch self {
        case .scalar(let s) where s.isNull: return ("空值", "an empty value")
        case .scalar: return ("单个值", "a single value")
        case .mapping: return ("映射", "a mapping")
        case .sequence: return ("列表", "a list")
        }
    }
}
