import KHModel
import KHSupport
import KHValidation
import KHYAML

private typealias E = ExampleArchive

extension ReviewRules {
    /// R04 intent-stale: 客户阶段 意向 for more than 30 days, measured from the latest date
    /// 基本信息 gives (最后更新时间, 首次接触时间).
    enum IntentStale: ReviewRule {
        static let code = "R04", name = "intent-stale"
        static let summary = Text(zh: "客户阶段为 意向 超过 30 天", en: "客户阶段 意向 for more than 30 days")

        static let stale = Review.Kind(rawValue: "intent-stale", code: code, level: .warning)
        static let kinds = [stale]

        /// 意向 for longer than this many days.
        static let intentDays = 30

        package static func message(since: Day, days: Int) -> Text {
            Text(
                zh: "客户阶段 意向 至少已 \(days) 天（自 \(since) 起，超过 30 天）：推进成交，或调整客户阶段",
                en:
                    "in stage 意向 for at least \(days) days (since \(since); over 30 days): move the deal on, or change the stage"
            )
        }

        static func check(_ c: ReviewCustomer, config: Config, asOf: Day, into out: inout [Review.Item]) {
            guard c.basicFile != nil, (c.stage ?? "").same("意向"),
                let since = [c.updated, c.firstContact].compactMap({ $0 }).max()
            else { return }
            let days = ReviewCalendar.days(from: since, to: asOf)
            guard days > intentDays else { return }
            out.append(
                Review.Item(
                    stale, c, file: c.basicOrFolder, date: ReviewCalendar.adding(since, days: intentDays), asOf: asOf,
                    message(since: since, days: days), ["since": .string(since.description), "days": .int(days)]))
        }

        /// 意向 since 基本信息 was last updated on 2024-03-05, or on 2024-04-01.
        static var examples: (failing: ReviewExample, passing: ReviewExample) {
            (
                ReviewExample(asOf: "2024-04-10", E.basicInfoPath, E.basicInfo, ("客户阶段: 成交", "客户阶段: 意向")),
                ReviewExample(
                    asOf: "2024-04-10", E.basicInfoPath, E.basicInfo, ("客户阶段: 成交", "客户阶段: 意向"),
                    ("最后更新时间: 2024-03-05", "最后更新时间: 2024-04-01"))
            )
        }
    }
}

extension Review.Kind {
    public static let intentStale = ReviewRules.IntentStale.stale
}
