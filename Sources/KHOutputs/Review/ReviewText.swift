import KHModel
import KHSupport
import KHValidation
import KHYAML

/// The words of `kh review` that no one check owns, in Chinese and English. Each check's
/// messages are in its file of `Review/Checks/`, archive values (names, tasks, 问题等级,
/// 合作状态) quoted as written.
enum ReviewText {
    /// The "逾期" column: how late a recorded event was, or days past the date.
    static func timing(_ item: Review.Item) -> Text {
        if let l = item.lateness { return l }
        guard let n = item.overdueDays else { return Text(zh: "—", en: "—") }
        if n > 0 { return Text(zh: "逾期 \(n) 天", en: n == 1 ? "1 day overdue" : "\(n) days overdue") }
        if n == 0 {
            // A problem's deadline passed earlier today: overdue, not merely due.
            return item.kind == .problemOverdue
                ? Text(zh: "今天已超时", en: "overdue today") : Text(zh: "今天到期", en: "due today")
        }
        return Text(zh: "还有 \(-n) 天", en: n == -1 ? "due in 1 day" : "due in \(-n) days")
    }
}
