import KHModel
import KHSupport
import KHValidation
import KHYAML

extension ReviewRules {
    /// R02 contact-cadence: customers in 成交 or 意向 contacted less often than kh.yaml
    /// 维护频率 asks for their 维护级别.
    enum ContactCadence: ReviewRule {
        static let code = "R02", name = "contact-cadence"
        static let summary = Text(
            zh: "成交、意向客户的互动次数少于 维护频率 的要求",
            en: "a customer in 成交 or 意向 contacted less often than 维护频率 asks")

        /// In the last complete period.
        static let missed = Review.Kind(rawValue: "cadence-missed", code: code, level: .warning)
        /// So far in the current period.
        static let behind = Review.Kind(rawValue: "cadence-behind", code: code, level: .notice)
        static let kinds = [missed, behind]

        package static func message(
            tier: String, _ cadence: Cadence, _ p: (start: Day, end: Day), count: Int, current: Bool
        ) -> Text {
            let (every, this, last) = periodWords(cadence.period)
            let zhCount = count == 0 ? "没有互动" : "只有 \(count) 次互动"
            let enCount =
                count == 0 ? "no interaction" : count == 1 ? "only 1 interaction" : "only \(count) interactions"
            let enPeriod: String
            switch cadence.period {
            case .month: enPeriod = "month"
            case .quarter: enPeriod = "quarter"
            case .halfYear: enPeriod = "half-year"
            case .year: enPeriod = "year"
            }
            let times = cadence.count == 1 ? "once" : cadence.count == 2 ? "twice" : "\(cadence.count) times"
            return Text(
                zh:
                    "维护级别 \(tier) 应\(every)至少联系 \(cadence.count) 次：\(current ? this + "至今" : last)（\(p.start) 至 \(p.end)）\(zhCount)",
                en:
                    "tier \(tier) needs contact at least \(times) a \(enPeriod): \(enCount) \(current ? "so far this" : "last") \(enPeriod) (\(p.start) to \(p.end))"
            )
        }

        private static func periodWords(_ p: CadencePeriod) -> (every: String, this: String, last: String) {
            switch p {
            case .month: return ("每月", "本月", "上月")
            case .quarter: return ("每季度", "本季度", "上季度")
            case .halfYear: return ("每半年", "本半年", "上一个半年")
            case .year: return ("每年", "今年", "去年")
            }
        }

        static func check(_ c: ReviewCustomer, config: Config, asOf: Day, into out: inout [Review.Item]) {
            typealias C = ReviewCalendar
            let stage = c.stage ?? ""
            guard c.basicFile != nil, stage.same(FieldValue.stageDeal) || stage.same(FieldValue.stageIntent),
                let cadence = config.cadence[c.tier],
                cadence.count > 0
            else { return }
            let contacts = c.contacts(asOf: asOf)
            let current = C.period(containing: asOf, cadence.period)
            let previous = C.period(containing: C.adding(current.start, days: -1), cadence.period)
            func count(_ p: (start: Day, end: Day)) -> Int {
                contacts.filter { $0.day >= p.start && $0.day <= min(p.end, asOf) }.count
            }
            func details(_ p: (start: Day, end: Day), _ n: Int) -> [String: JSON] {
                [
                    "tier": .string(c.tier), "period": .string(cadence.period.rawValue),
                    "start": .string(p.start.description),
                    "end": .string(p.end.description), "count": .int(n), "required": .int(cadence.count),
                ]
            }
            // The last complete period, when the customer was in the archive all of it.
            if c.created.map({ $0 <= previous.start }) ?? true {
                let n = count(previous)
                if n < cadence.count {
                    out.append(
                        Review.Item(
                            missed, c, file: c.directory, date: previous.end, asOf: asOf,
                            message(tier: c.tier, cadence, previous, count: n, current: false), details(previous, n)))
                }
            }
            let n = count(current)
            if n < cadence.count {
                out.append(
                    Review.Item(
                        behind, c, file: c.directory, date: current.end, asOf: asOf,
                        message(tier: c.tier, cadence, current, count: n, current: true), details(current, n)))
            }
        }

        /// 重点 asks for one contact a month (the default 维护频率): none in February, or a call.
        static var examples: (failing: ReviewExample, passing: ReviewExample) {
            (
                ReviewExample(asOf: "2024-03-25"),
                ReviewExample(asOf: "2024-03-25", RuleExample(files: [ReviewExample.call("2024-02-20 15:00")]))
            )
        }
    }
}

extension Review.Kind {
    public static let cadenceMissed = ReviewRules.ContactCadence.missed
}
