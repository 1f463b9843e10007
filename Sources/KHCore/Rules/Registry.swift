/// The registry of rules: every rule's definition, in code order. Each rule is one type in
/// one file of `Rules/Catalogue/` (`KH211-UnreachableContact.swift`); a test checks that this
/// list names each of those files once.
public enum Rules {
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
