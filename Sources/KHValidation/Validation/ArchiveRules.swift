import KHModel
import KHSupport
import KHYAML

/// The rules across customers (spec section 5, "Archive"), each in its file of
/// `Rules/Catalogue/` (`ArchiveRule`), run over every customer's summary. Customers come
/// sorted by folder name; the later of two is the one reported, with a note at the first.
enum ArchiveRules {
    /// The codes checked here (what `--changed-since` checks for every customer).
    static let rules: Set<String> = Set(Rules.archiveChecks.map { $0.rule.code })

    static func check(_ customers: [CustomerSummary], config: Config) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for check in Rules.archiveChecks { check.check(customers, config: config, into: &out) }
        return out
    }

    /// Where a customer's number is written (its 档案编号), else its folder.
    static func location(_ c: CustomerSummary) -> (String, Mark?) {
        if let n = c.numberMark { return (n.file, n.mark) }
        return (c.directory.path, nil)
    }

    static func firstCustomerHere(_ number: String) -> Text {
        Text(zh: "\(number) 在这里", en: "\(number) here")
    }
}
