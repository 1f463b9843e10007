import KHModel
import KHSupport
import KHValidation
import KHYAML

extension ReviewRules {
    /// R03 no-recent-contact: no interaction for 3 months (or none since the archive was
    /// opened), for customers not 流失.
    enum NoRecentContact: ReviewRule {
        static let code = "R03", name = "no-recent-contact"
        static let summary = Text(zh: "3 个月没有互动（流失客户除外）", en: "no interaction for 3 months (customers not 流失)")

        static let silent = Review.Kind(rawValue: "no-recent-contact", code: code, level: .warning)
        static let kinds = [silent]

        /// No interaction for this many months.
        static let silenceMonths = 3

        package static func message(last: Moment?, created: Day, days: Int) -> Text {
            if let last {
                return Text(
                    zh: "最近一次互动在 \(last)，已 \(days) 天没有互动（超过 3 个月）",
                    en: "last interaction \(last): none for \(days) days (over 3 months)")
            }
            return Text(
                zh: "建档（\(created)）\(days) 天以来没有任何互动记录（超过 3 个月）",
                en:
                    "no interaction recorded in the \(days) days since the archive was opened (\(created); over 3 months)"
            )
        }

        static func check(_ c: ReviewCustomer, config: Config, asOf: Day, into out: inout [Review.Item]) {
            typealias C = ReviewCalendar
            guard c.basicFile != nil, !(c.stage ?? "").same(FieldValue.stageLost) else { return }
            let last = c.contacts(asOf: asOf).max()
            guard let base = last?.day ?? c.created else { return }
            let due = C.adding(base, months: silenceMonths)
            guard due <= asOf else { return }
            var details: [String: JSON] = [
                "since": .string(base.description), "days": .int(C.days(from: base, to: asOf)),
            ]
            if let last { details["lastInteraction"] = .string(last.description) }
            out.append(
                Review.Item(
                    silent, c, file: c.directory, date: due, asOf: asOf,
                    message(last: last, created: base, days: C.days(from: base, to: asOf)), details))
        }

        /// The call of 2024-03-05, three months and more before: the only one, or a later call.
        static var examples: (failing: ReviewExample, passing: ReviewExample) {
            (
                ReviewExample(asOf: "2024-06-10"),
                ReviewExample(asOf: "2024-06-10", RuleExample(files: [ReviewExample.call("2024-05-20 15:00")]))
            )
        }
    }
}

extension Review.Kind {
    public static let noRecentContact = ReviewRules.NoRecentContact.silent
}
