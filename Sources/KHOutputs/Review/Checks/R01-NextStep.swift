import KHModel
import KHSupport
import KHValidation
import KHYAML

private typealias E = ExampleArchive

extension ReviewRules {
    /// R01 next-step: 下一步计划 still 待办 past their 截止日期, or due within 7 days.
    enum NextStep: ReviewRule {
        static let code = "R01", name = "next-step"
        static let summary = Text(
            zh: "下一步计划仍为待办，已过截止日期或 7 天内到期",
            en: "a 下一步计划 still 待办 past its 截止日期, or due within 7 days")

        static let overdue = Review.Kind(rawValue: "next-step-overdue", code: code, level: .error)
        static let due = Review.Kind(rawValue: "next-step-due", code: code, level: .notice)
        static let kinds = [overdue, due]

        /// Next steps due within this many days (today included) are listed ahead of time.
        static let dueSoonDays = 7

        static func overdueMessage(_ s: ReviewCustomer.Step) -> Text {
            Text(
                zh: "下一步计划「\(s.task)」仍为待办\(who(s, zh: true))，截止日期 \(s.due)",
                en: "next step '\(s.task)' is still open\(who(s, zh: false)); it was due \(s.due)")
        }

        static func dueMessage(_ s: ReviewCustomer.Step) -> Text {
            Text(
                zh: "下一步计划「\(s.task)」\(who(s, zh: true))将于 \(s.due) 到期",
                en: "next step '\(s.task)'\(who(s, zh: false)) is due \(s.due)")
        }

        private static func who(_ s: ReviewCustomer.Step, zh: Bool) -> String {
            var parts: [String] = []
            if let a = s.assignee { parts.append(zh ? "负责人 \(a)" : "owner \(a)") }
            if let p = s.priority { parts.append(zh ? "优先级 \(p)" : "priority \(p)") }
            guard !parts.isEmpty else { return "" }
            return zh ? "（" + parts.joined(separator: "，") + "）" : " (" + parts.joined(separator: ", ") + ")"
        }

        static func check(_ c: ReviewCustomer, config: Config, asOf: Day, into out: inout [Review.Item]) {
            for s in c.steps {
                var details: [String: JSON] = ["task": .string(s.task), "due": .string(s.due.description)]
                if let a = s.assignee { details["assignee"] = .string(a) }
                if let p = s.priority { details["priority"] = .string(p) }
                if s.due < asOf {
                    out.append(
                        Review.Item(overdue, c, file: s.file, date: s.due, asOf: asOf, overdueMessage(s), details))
                } else if ReviewCalendar.days(from: asOf, to: s.due) <= dueSoonDays {
                    out.append(Review.Item(due, c, file: s.file, date: s.due, asOf: asOf, dueMessage(s), details))
                }
            }
        }

        /// The step due 2024-03-20, five days later: still open, or done.
        static var examples: (failing: ReviewExample, passing: ReviewExample) {
            (
                ReviewExample(asOf: "2024-03-25"),
                ReviewExample(
                    asOf: "2024-03-25", E.interactionPath, E.interaction, ("    优先级: 高\n", "    优先级: 高\n    状态: 已完成\n"))
            )
        }
    }
}

extension Review.Kind {
    public static let nextStepOverdue = ReviewRules.NextStep.overdue
    public static let nextStepDue = ReviewRules.NextStep.due
}
