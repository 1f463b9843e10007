import KHModel
import KHSupport
import KHValidation
import KHYAML

private typealias E = ExampleArchive

extension ReviewRules {
    /// R05 problem-deadline: a 问题处理 not resolved (or not responded to) by its deadline
    /// (kh.yaml 问题时限, as of the end of the as-of day), or handled late in the last 30 days.
    enum ProblemDeadline: ReviewRule {
        static let code = "R05", name = "problem-deadline"
        static let summary = Text(
            zh: "问题处理超过时限仍未响应或解决，或近期响应、解决晚了",
            en: "a 问题处理 not responded to or resolved by its deadline, or lately handled late")

        static let overdue = Review.Kind(rawValue: "problem-overdue", code: code, level: .error)
        static let late = Review.Kind(rawValue: "problem-late", code: code, level: .notice)
        static let kinds = [overdue, late]

        /// `minutes`: the limit, printed in hours as kh report prints it.
        static func openMessage(
            _ p: ReviewCustomer.Problem, deadline: Moment, minutes: Int, resolution: Bool, responded: Bool
        ) -> Text {
            let hours = ProblemLimits.hours(minutes)
            if resolution {
                return Text(
                    zh: "\(p.level)问题（接收于 \(p.received)）尚未解决：解决时限 \(deadline)（\(hours) 小时）"
                        + (responded ? "" : "，也没有响应记录"),
                    en:
                        "\(p.level) problem received \(p.received) is not resolved: resolution was due \(deadline) (\(hours) h)"
                        + (responded ? "" : "; no response recorded either"))
            }
            return Text(
                zh: "\(p.level)问题（接收于 \(p.received)）尚未响应：响应时限 \(deadline)（\(hours) 小时）",
                en:
                    "\(p.level) problem received \(p.received) has no response: a response was due \(deadline) (\(hours) h)"
            )
        }

        static func lateMessage(
            _ p: ReviewCustomer.Problem, limit: ProblemLimits.Limit, lateResponse: Int?, lateResolution: Int?
        ) -> Text {
            var zh: [String] = []
            var en: [String] = []
            if let l = lateResponse {
                let hours = ProblemLimits.hours(limit.respond)
                zh.append("响应晚了 \(duration(l, zh: true))（时限 \(hours) 小时）")
                en.append("responded \(duration(l, zh: false)) late (limit \(hours) h)")
            }
            if let l = lateResolution {
                let hours = ProblemLimits.hours(limit.resolve)
                zh.append("解决晚了 \(duration(l, zh: true))（时限 \(hours) 小时）")
                en.append("resolved \(duration(l, zh: false)) late (limit \(hours) h)")
            }
            return Text(
                zh: "\(p.level)问题（接收于 \(p.received)）" + zh.joined(separator: "，"),
                en: "\(p.level) problem received \(p.received): " + en.joined(separator: "; "))
        }

        static func duration(_ minutes: Int, zh: Bool) -> String {
            let h = minutes / 60
            let m = minutes % 60
            if zh { return h == 0 ? "\(m) 分钟" : m == 0 ? "\(h) 小时" : "\(h) 小时 \(m) 分" }
            return h == 0 ? "\(m) min" : m == 0 ? "\(h) h" : "\(h) h \(m) min"
        }

        /// The "逾期" column of a problem handled late.
        static func minutesLate(_ minutes: Int) -> Text {
            Text(zh: "晚 " + duration(minutes, zh: true), en: duration(minutes, zh: false) + " late")
        }

        static func check(_ c: ReviewCustomer, config: Config, asOf: Day, into out: inout [Review.Item]) {
            typealias C = ReviewCalendar
            let endOfDay = C.minutes(Moment(day: C.adding(asOf, days: 1), hour: 0, minute: 0))
            for p in c.problems where p.received.day <= asOf {
                guard let limit = config.problemLimits.limit(p.level) else { continue }
                let received = C.minutes(p.received)
                let respondBy = received + limit.respond
                let resolveBy = received + limit.resolve
                // What happened after the as-of day is not known at it.
                let resolved = p.resolved.map(C.minutes).flatMap { $0 < endOfDay ? $0 : nil }
                let respondedAt = p.responded.map(C.minutes).flatMap { $0 < endOfDay ? $0 : nil }
                // A resolution without a recorded response answered the customer too.
                let responded = respondedAt ?? resolved
                var details: [String: JSON] = [
                    "problemLevel": .string(p.level), "received": .string(p.received.description),
                    "respondBy": .string(C.moment(respondBy).description),
                    "resolveBy": .string(C.moment(resolveBy).description),
                ]
                if let respondedAt { details["responded"] = .string(C.moment(respondedAt).description) }
                if let resolved { details["resolved"] = .string(C.moment(resolved).description) }
                if resolved == nil && resolveBy < endOfDay {
                    details["stage"] = .string("resolution")
                    out.append(
                        Review.Item(
                            overdue, c, file: p.file, date: C.moment(resolveBy).day, asOf: asOf,
                            openMessage(
                                p, deadline: C.moment(resolveBy), minutes: limit.resolve, resolution: true,
                                responded: responded != nil), details))
                } else if responded == nil && respondBy < endOfDay {
                    details["stage"] = .string("response")
                    out.append(
                        Review.Item(
                            overdue, c, file: p.file, date: C.moment(respondBy).day, asOf: asOf,
                            openMessage(
                                p, deadline: C.moment(respondBy), minutes: limit.respond, resolution: false,
                                responded: false), details))
                } else {
                    let lateResponse = responded.map { $0 - respondBy }.flatMap { $0 > 0 ? $0 : nil }
                    let lateResolution = resolved.map { $0 - resolveBy }.flatMap { $0 > 0 ? $0 : nil }
                    guard lateResponse != nil || lateResolution != nil else { continue }
                    // Listed while recent: the last late event within the window.
                    let last = C.moment(lateResolution != nil ? resolved! : responded!).day
                    guard C.days(from: last, to: asOf) <= Review.lateWindowDays else { continue }
                    if let l = lateResponse { details["lateResponseMinutes"] = .int(l) }
                    if let l = lateResolution { details["lateResolutionMinutes"] = .int(l) }
                    let deadline = C.moment(lateResolution != nil ? resolveBy : respondBy).day
                    out.append(
                        Review.Item(
                            late, c, file: p.file, date: deadline, asOf: asOf,
                            lateMessage(p, limit: limit, lateResponse: lateResponse, lateResolution: lateResolution),
                            lateness: minutesLate(max(lateResponse ?? 0, lateResolution ?? 0)), details))
                }
            }
        }

        /// A 二级 problem (24 h to resolve) received on the call of 2024-03-05: still open five
        /// days later, or answered and resolved the same day.
        static var examples: (failing: ReviewExample, passing: ReviewExample) {
            let received = "问题处理:\n  问题等级: 二级\n  接收时间: 2024-03-05 10:30\n"
            return (
                ReviewExample(asOf: "2024-03-10", E.interactionPath, E.interaction, ("创建时间:", received + "创建时间:")),
                ReviewExample(
                    asOf: "2024-03-10", E.interactionPath, E.interaction,
                    ("创建时间:", received + "  响应时间: 2024-03-05 11:00\n  解决时间: 2024-03-05 17:00\n创建时间:"))
            )
        }
    }
}

extension Review.Kind {
    public static let problemOverdue = ReviewRules.ProblemDeadline.overdue
    public static let problemLate = ReviewRules.ProblemDeadline.late
}
