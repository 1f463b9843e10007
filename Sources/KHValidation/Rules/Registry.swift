import KHModel
import KHYAML

/// The registry of rules: every rule's definition, in code order. Each rule is one type in
/// one file of `Rules/Catalogue/` (`KH211-UnreachableContact.swift`) of KHModel or KHValidation; a
/// test checks that this list names each of those files once.
extension Rules {
    public static let all: [any RuleDefinition.Type] = [
        YAMLSyntax.self,
        DuplicateKey.self,
        YAMLAnchor.self,
        YAMLTag.self,
        YAMLMergeKey.self,
        MultipleDocuments.self,
        FileTooLarge.self,
        TooDeep.self,
        InvalidUTF8.self,
        NotAMapping.self,
        NonStringKey.self,
        Unreadable.self,
        Symlink.self,
        InterruptedWrite.self,
        BadCustomerDirectory.self,
        StrayInCustomer.self,
        StrayInFolder.self,
        YmlExtension.self,
        BadFileName.self,
        FileNameMismatch.self,
        WrongGroupFolder.self,
        AssessmentYearMismatch.self,
        MissingBasicInfo.self,
        BadRegister.self,
        MissingField.self,
        PendingRequired.self,
        BadValue.self,
        NotInList.self,
        UnknownField.self,
        WrongShape.self,
        DateOrder.self,
        UnknownPerson.self,
        FormerStaff.self,
        HalfFilledScale.self,
        UnreachableContact.self,
        NotApplicable.self,
        VagueNextStep.self,
        NumberMismatch.self,
        SuffixMismatch.self,
        NumberYearMismatch.self,
        DealWithoutContract.self,
        LostWithActiveContract.self,
        DeclaredGradeMismatch.self,
        AssessmentGradeMismatch.self,
        UnknownParticipant.self,
        DuplicateNumber.self,
        DuplicateCreditCode.self,
        DuplicateName.self,
        SharedContact.self,
        RetiredNumber.self,
        ResidentID.self,
        BankCard.self,
        ConfigInvalid.self,
        WaiverInvalid.self,
        UnusedWaiver.self,
        UncertainPinyin.self,
    ]

    /// The rules checked over one customer's snapshot, each by its own `check`. (The others are
    /// found by the parser, the reader, the layout scan or the schema check as they go, or over
    /// the whole archive.)
    static let customerChecks: [any CustomerRule.Type] = [
        FileNameMismatch.self, WrongGroupFolder.self, AssessmentYearMismatch.self,
        DateOrder.self, FormerStaff.self, HalfFilledScale.self, UnreachableContact.self,
        NumberMismatch.self, SuffixMismatch.self, NumberYearMismatch.self, DealWithoutContract.self,
        LostWithActiveContract.self, DeclaredGradeMismatch.self, AssessmentGradeMismatch.self, UnknownParticipant.self,
        UncertainPinyin.self, VagueNextStep.self,
    ]

    /// The rules checked over the whole archive.
    static let archiveChecks: [any ArchiveRule.Type] = [
        DuplicateNumber.self, DuplicateCreditCode.self, DuplicateName.self, SharedContact.self, RetiredNumber.self,
    ]
}

extension Rule {
    /// Every rule, in code order.
    public static let all: [Rule] = Rules.all.map { $0.rule }

    public init?(code: String) {
        guard let rule = Rule.byCode[code.uppercased()] else { return nil }
        self = rule
    }

    private static let byCode: [String: Rule] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
    private static let definitions: [String: any RuleDefinition.Type] = Dictionary(
        uniqueKeysWithValues: Rules.all.map { ($0.rule.code, $0) })

    /// A failing and a passing example, each laid over `ExampleArchive`: the failing one
    /// yields this rule's code, the passing one no diagnostic at all.
    public var examples: (failing: RuleExample, passing: RuleExample) { Self.definitions[code]!.examples }
}

/// A rule checked over the whole archive: what every customer's 01 基本信息 says
/// (`CustomerSummary`), in folder order.
protocol ArchiveRule: RuleDefinition {
    static func check(_ customers: [CustomerSummary], config: Config, into out: inout [Diagnostic])
}

extension Diagnostic {
    /// The rule this diagnostic reports.
    public var rule: Rule? { Rule(code: code) }
}

extension ConfigLoader {
    /// Parses kh.yaml, its waivers checked against the registry.
    public static func load(bytes: [UInt8]) throws(KHError) -> (Config, [Diagnostic]) {
        try load(bytes: bytes, rules: { Rule(code: $0) })
    }
}

extension Archive {
    /// Opens the archive at `path` (or the nearest one above the current directory), its
    /// waivers checked against the registry.
    public static func open(_ path: String?) throws(KHError) -> Archive {
        try open(path, rules: { Rule(code: $0) })
    }
}
