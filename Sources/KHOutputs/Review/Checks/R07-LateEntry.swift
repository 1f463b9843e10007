import KHModel
import KHSupport
import KHValidation
import KHYAML

private typealias E = ExampleArchive

extension ReviewRules {
    /// R07 late-entry: records entered more than 24 h after the interaction: 创建时间 two or
    /// more calendar days after 沟通时间's day; listed for 30 days after they were entered.
    enum LateEntry: ReviewRule {
        static let code = "R07", name = "late-entry"
        static let summary = Text(
            zh: "互动记录在互动后超过 24 小时才录入", en: "an interaction entered more than 24 h after it happened")

        static let lateEntry = Review.Kind(rawValue: "late-entry", code: code, level: .notice)
        static let kinds = [lateEntry]

        package static func message(time: Moment, created: Day) -> Text {
            Text(
                zh: "互动记录超过 24 小时才录入：沟通时间 \(time)，创建时间 \(created)（应在 24 小时内记录）",
                en: "interaction of \(time) entered on \(created), more than 24 h later (log it within 24 h)")
        }

        /// The "逾期" column.
        static func daysLate(_ days: Int) -> Text {
            Text(zh: "晚录入 \(days) 天", en: days == 1 ? "entered 1 day later" : "entered \(days) days later")
        }

        static func check(_ c: ReviewCustomer, config: Config, asOf: Day, into out: inout [Review.Item]) {
            typealias C = ReviewCalendar
            for i in c.interactions {
                guard let t = i.time, let created = i.created, created <= asOf else { continue }
                let late = C.days(from: t.day, to: created)
                guard late >= 2, C.days(from: created, to: asOf) <= Review.lateWindowDays else { continue }
                out.append(
                    Review.Item(
                        lateEntry, c, file: i.file, date: C.adding(t.day, days: 1), asOf: asOf,
                        message(time: t, created: created),
                        lateness: daysLate(late),
                        [
                            "time": .string(t.description), "created": .string(created.description),
                            "daysLate": .int(late),
                        ]))
            }
        }

        /// The call of 2024-03-05 10:30 entered three days later, or the next day.
        static var examples: (failing: ReviewExample, passing: ReviewExample) {
            (
                ReviewExample(
                    asOf: "2024-03-10", E.interactionPath, E.interaction,
                    ("创建时间: 2024-03-05", "创建时间: 2024-03-08"), ("最后更新时间: 2024-03-05", "最后更新时间: 2024-03-08")),
                ReviewExample(
                    asOf: "2024-03-10", E.interactionPath, E.interaction,
                    ("创建时间: 2024-03-05", "创建时间: 2024-03-06"), ("最后更新时间: 2024-03-05", "最后更新时间: 2024-03-06"))
            )
        }
    }
}

extension Review.Kind {
    public static let lateEntry = ReviewRules.LateEntry.lateEntry
}
