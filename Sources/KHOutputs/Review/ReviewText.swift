import KHYAML
import KHModel
import KHRules

/// The messages of `kh review`, in Chinese and English. Archive values (names, tasks,
/// 问题等级, 合作状态) are quoted as written.
enum ReviewText {
    static func stepOverdue(_ s: ReviewCustomer.Step) -> Text {
        Text(zh: "下一步计划「\(s.task)」仍为待办\(who(s, zh: true))，截止日期 \(s.due)",
             en: "next step '\(s.task)' is still open\(who(s, zh: false)); it was due \(s.due)")
    }

    static func stepDue(_ s: ReviewCustomer.Step) -> Text {
        Text(zh: "下一步计划「\(s.task)」\(who(s, zh: true))将于 \(s.due) 到期",
             en: "next step '\(s.task)'\(who(s, zh: false)) is due \(s.due)")
    }

    private static func who(_ s: ReviewCustomer.Step, zh: Bool) -> String {
        var parts: [String] = []
        if let a = s.assignee { parts.append(zh ? "负责人 \(a)" : "owner \(a)") }
        if let p = s.priority { parts.append(zh ? "优先级 \(p)" : "priority \(p)") }
        guard !parts.isEmpty else { return "" }
        return zh ? "（" + parts.joined(separator: "，") + "）" : " (" + parts.joined(separator: ", ") + ")"
    }

    static func cadence(tier: String, _ cadence: Cadence, _ p: (start: Day, end: Day), count: Int, current: Bool) -> Text {
        let (every, this, last) = periodWords(cadence.period)
        let zhCount = count == 0 ? "没有互动" : "只有 \(count) 次互动"
        let enCount = count == 0 ? "no interaction" : count == 1 ? "only 1 interaction" : "only \(count) interactions"
        let enPeriod: String
        switch cadence.period {
        case .month: enPeriod = "month"
        case .quarter: enPeriod = "quarter"
        case .halfYear: enPeriod = "half-year"
        case .year: enPeriod = "year"
        }
        let times = cadence.count == 1 ? "once" : cadence.count == 2 ? "twice" : "\(cadence.count) times"
        return Text(
            zh: "维护级别 \(tier) 应\(every)至少联系 \(cadence.count) 次：\(current ? this + "至今" : last)（\(p.start) 至 \(p.end)）\(zhCount)",
            en: "tier \(tier) needs contact at least \(times) a \(enPeriod): \(enCount) \(current ? "so far this" : "last") \(enPeriod) (\(p.start) to \(p.end))")
    }

    private static func periodWords(_ p: CadencePeriod) -> (every: String, this: String, last: String) {
        switch p {
        case .month: return ("每月", "本月", "上月")
        case .quarter: return ("每季度", "本季度", "上季度")
        case .halfYear: return ("每半年", "本半年", "上一个半年")
        case .year: return ("每年", "今年", "去年")
        }
    }

    static func silence(last: Moment?, created: Day, days: Int) -> Text {
        if let last {
            return Text(zh: "最近一次互动在 \(last)，已 \(days) 天没有互动（超过 3 个月）",
                        en: "last interaction \(last): none for \(days) days (over 3 months)")
        }
        return Text(zh: "建档（\(created)）\(days) 天以来没有任何互动记录（超过 3 个月）",
                    en: "no interaction recorded in the \(days) days since the archive was opened (\(created); over 3 months)")
    }

    static func intent(since: Day, days: Int) -> Text {
        Text(zh: "客户阶段 意向 至少已 \(days) 天（自 \(since) 起，超过 30 天）：推进成交，或调整客户阶段",
             en: "in stage 意向 for at least \(days) days (since \(since); over 30 days): move the deal on, or change the stage")
    }

    /// `minutes`: the limit (kh.yaml 问题时限), printed in hours as kh report prints it.
    static func problemOpen(_ p: ReviewCustomer.Problem, deadline: Moment, minutes: Int, resolution: Bool, responded: Bool) -> Text {
        let hours = ProblemLimits.hours(minutes)
        if resolution {
            return Text(zh: "\(p.level)问题（接收于 \(p.received)）尚未解决：解决时限 \(deadline)（\(hours) 小时）" + (responded ? "" : "，也没有响应记录"),
                        en: "\(p.level) problem received \(p.received) is not resolved: resolution was due \(deadline) (\(hours) h)"
                            + (responded ? "" : "; no response recorded either"))
        }
        return Text(zh: "\(p.level)问题（接收于 \(p.received)）尚未响应：响应时限 \(deadline)（\(hours) 小时）",
                    en: "\(p.level) problem received \(p.received) has no response: a response was due \(deadline) (\(hours) h)")
    }

    static func problemLate(_ p: ReviewCustomer.Problem, limit: ProblemLimits.Limit, lateResponse: Int?, lateResolution: Int?) -> Text {
        var zh: [String] = [], en: [String] = []
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
        return Text(zh: "\(p.level)问题（接收于 \(p.received)）" + zh.joined(separator: "，"),
                    en: "\(p.level) problem received \(p.received): " + en.joined(separator: "; "))
    }

    static func duration(_ minutes: Int, zh: Bool) -> String {
        let h = minutes / 60, m = minutes % 60
        if zh { return h == 0 ? "\(m) 分钟" : m == 0 ? "\(h) 小时" : "\(h) 小时 \(m) 分" }
        return h == 0 ? "\(m) min" : m == 0 ? "\(h) h" : "\(h) h \(m) min"
    }

    static func minutesLate(_ minutes: Int) -> Text {
        Text(zh: "晚 " + duration(minutes, zh: true), en: duration(minutes, zh: false) + " late")
    }

    static func contractExpired(_ k: ReviewCustomer.Contract) -> Text {
        Text(zh: "合同「\(k.project)」已于 \(k.end) 到期，合作状态仍为 执行中：续约，或改为 已完成 / 待续约",
             en: "contract '\(k.project)' ended \(k.end) but is still 执行中: renew it, or set 合作状态 to 已完成 or 待续约")
    }

    static func contractRenewal(_ k: ReviewCustomer.Contract, ended: Bool) -> Text {
        if ended {
            return Text(zh: "合同「\(k.project)」已于 \(k.end) 到期，待续约：跟进续约，或改为 已终止",
                        en: "contract '\(k.project)' ended \(k.end) and awaits renewal (待续约): follow it up, or set 已终止")
        }
        return Text(zh: "合同「\(k.project)」（\(k.status)）将于 \(k.end) 到期：安排续约",
                    en: "contract '\(k.project)' (\(k.status)) ends \(k.end): arrange the renewal")
    }

    static func lateEntry(time: Moment, created: Day) -> Text {
        Text(zh: "互动记录超过 24 小时才录入：沟通时间 \(time)，创建时间 \(created)（应在 24 小时内记录）",
             en: "interaction of \(time) entered on \(created), more than 24 h later (log it within 24 h)")
    }

    static func daysLate(_ days: Int) -> Text {
        Text(zh: "晚录入 \(days) 天", en: days == 1 ? "entered 1 day later" : "entered \(days) days later")
    }

    static func incomplete(percent: Int, threshold: Int, missing: [String]) -> Text {
        Text(zh: "基本信息完整度 \(percent)%，低于 \(threshold)%：缺 " + missing.joined(separator: "、"),
             en: "基本信息 is \(percent)% complete, below \(threshold)%: missing " + missing.joined(separator: ", "))
    }

    static let noBasicInfo = Text(zh: "没有可读的 01-客户基本信息/基本信息.yaml", en: "no readable 01-客户基本信息/基本信息.yaml")

    /// The "逾期" column: how late a recorded event was, or days past the date.
    static func timing(_ item: Review.Item) -> Text {
        if let l = item.lateness { return l }
        guard let n = item.overdueDays else { return Text(zh: "—", en: "—") }
        if n > 0 { return Text(zh: "逾期 \(n) 天", en: n == 1 ? "1 day overdue" : "\(n) days overdue") }
        if n == 0 {
            // A problem's deadline passed earlier today: overdue, not merely due.
            return item.kind == .problemOverdue ? Text(zh: "今天已超时", en: "overdue today") : Text(zh: "今天到期", en: "due today")
        }
        return Text(zh: "还有 \(-n) 天", en: n == -1 ? "due in 1 day" : "due in \(-n) days")
    }
}
