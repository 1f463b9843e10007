import Foundation
import KHModel
import KHSupport
import KHValidation
import KHYAML

/// Who writes (创建人) and when: the writing commands stamp documents with both.
public enum Author {
    /// `--by`, else kh.yaml 默认创建人, else git's user.name / user.email matched to 团队
    /// (by 姓名 or by the `git` account). Must be a serving member of 团队.
    public static func resolve(_ by: String?, config: Config, root: String) throws(KHError) -> String {
        if let by {
            let name = by.trimmingWhitespace()
            guard let member = config.member(named: name) ?? config.team.first(where: { $0.git == name }) else {
                throw KHError(AuthorMsg.unknown(name, suggestion: Suggest.nearest(name, in: config.team.map(\.name))))
            }
            guard member.active else { throw KHError(AuthorMsg.former(member.name)) }
            return member.name
        }
        if let d = config.defaultCreator, config.member(named: d)?.active == true { return d }
        let name = git(["config", "user.name"], root: root)
        let email = git(["config", "user.email"], root: root)
        let local = email.flatMap { $0.split(separator: "@").first.map(String.init) }
        for m in config.team where m.active {
            if let name, m.name == name || m.git == name { return m.name }
            // `git` is an account name, or (kh serve --commit's author address) the e-mail itself.
            if let local, m.git == local || m.git == email { return m.name }
        }
        throw KHError(AuthorMsg.unknownAuthor(gitName: name))
    }

    package static func git(_ args: [String], root: String) -> String? {
        guard let r = try? Git.run(args, in: root), r.status == 0 else { return nil }
        let s = r.text.trimmingWhitespace()
        return s.isEmpty ? nil : s
    }
}

/// Today and now in the archive's time zone (kh.yaml 时区).
public enum Clock {
    public static func now(_ config: Config) -> Moment {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: config.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date())
        return Moment(day: Day(year: c.year!, month: c.month!, day: c.day!), hour: c.hour!, minute: c.minute!)
    }
}

enum AuthorMsg {
    static func unknown(_ name: String, suggestion: String?) -> Text {
        Text(
            zh: "「\(name)」不在 kh.yaml 团队 中" + (suggestion.map { "，是不是「\($0)」？" } ?? ""),
            en: "'\(name)' is not in kh.yaml 团队" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
    }

    static func former(_ name: String) -> Text {
        Text(
            zh: "\(name) 已离职（团队 在职: 否），不能作为新记录的创建人或负责人",
            en: "\(name) has left (团队 在职: 否) and cannot create or own new records")
    }

    static func unknownAuthor(gitName: String?) -> Text {
        Text(
            zh: "不知道由谁创建：请用 --by 指定（团队 中的姓名），或在 kh.yaml 设置 默认创建人"
                + (gitName.map { "；git 用户名「\($0)」不在 团队 中（可在 团队 的 git 写上它）" } ?? ""),
            en: "who is writing? name them with --by (a name in 团队), or set 默认创建人 in kh.yaml"
                + (gitName.map { "; git's user name '\($0)' is not in 团队 (add it as their git account)" } ?? ""))
    }
}
