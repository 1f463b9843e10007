import KHModel
import KHSupport
import KHValidation
import KHYAML

/// A check of `kh review` (R01–R08): one type in one file of `Review/Checks/`
/// (`R01-NextStep.swift`), listed in `ReviewRules.all`. It declares its identity, the kinds
/// of item it lists (each with its level), its messages, a failing and a passing example, and
/// its `check` over one customer at the as-of date.
protocol ReviewRule: Sendable {
    /// The stable code, `R01`…, in the order of the spec's section 5.
    static var code: String { get }
    /// A short kebab-case name.
    static var name: String { get }
    /// One sentence: what the check looks for.
    static var summary: Text { get }
    /// What its items are about, each with its level (overdue or merely due, and the like).
    static var kinds: [Review.Kind] { get }
    /// A failing and a passing example (ReviewRuleTests runs both).
    static var examples: (failing: ReviewExample, passing: ReviewExample) { get }
    /// Appends the customer's items at `asOf`.
    static func check(_ c: ReviewCustomer, config: Config, asOf: Day, into out: inout [Review.Item])
}

/// The registry of review checks, in code order; the review runs them in this order. A test
/// checks that this list names each file of `Review/Checks/` once.
enum ReviewRules {
    static let all: [any ReviewRule.Type] = [
        NextStep.self,
        ContactCadence.self,
        NoRecentContact.self,
        IntentStale.self,
        ProblemDeadline.self,
        ContractEnd.self,
        LateEntry.self,
        Incomplete.self,
    ]

    /// Every check's items for one customer, check by check.
    static func items(for c: ReviewCustomer, config: Config, asOf: Day) -> [Review.Item] {
        var out: [Review.Item] = []
        for rule in all { rule.check(c, config: config, asOf: asOf, into: &out) }
        return out
    }
}

extension Review.Item {
    /// An item about customer `c`, with the days from `date` to `asOf`.
    init(
        _ kind: Review.Kind, _ c: ReviewCustomer, file: String, date: Day?, asOf: Day, _ message: Text,
        lateness: Text? = nil, _ details: [String: JSON]
    ) {
        self.init(
            kind: kind, number: c.number, customer: c.name, owner: c.owner, file: file, date: date,
            overdueDays: date.map { ReviewCalendar.days(from: $0, to: asOf) }, message: message,
            lateness: lateness, details: details)
    }
}

// MARK: - Examples

/// A customer that shows a review check: files laid over `ExampleArchive` (its one customer,
/// KH-2024-001), reviewed at `asOf`.
struct ReviewExample: Sendable {
    var asOf: Day
    var archive: RuleExample

    init(asOf: String, _ archive: RuleExample = RuleExample()) {
        self.asOf = Values.date(asOf)!
        self.archive = archive
    }

    /// One base file with each `from` replaced by its `to`.
    init(asOf: String, _ path: String, _ base: String, _ edits: (from: String, to: String)...) {
        var text = base
        for (from, to) in edits {
            precondition(text.contains(from), "example edit must apply: \(from)")
            text = text.replacingOccurrences(of: from, with: to)
        }
        self.init(asOf: asOf, .file(path, text))
    }

    /// A second 03 record of the example customer: a phone call at `time` (`2024-02-20 15:00`),
    /// entered the same day.
    static func call(_ time: String) -> (path: String, content: String?) {
        let day = String(time.prefix(10))
        let quarter = "Q\((Int(time.dropFirst(5).prefix(2))! - 1) / 3 + 1)"
        return (
            ExampleArchive.customer + "/03-互动记录/\(time.prefix(4))-\(quarter)/\(day)-电话.yaml",
            """
            沟通时间: \(time)
            沟通方式: 电话
            参与人员:
              我方: [王磊]
              客户方: [张伟]
            内容类型: 日常维护
            沟通内容: 电话回访，了解平台使用情况。
            创建时间: \(day)
            创建人: 王磊
            最后更新时间: \(day)

            """
        )
    }
}
