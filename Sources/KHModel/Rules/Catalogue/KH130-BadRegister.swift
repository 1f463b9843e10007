import KHSupport
import KHYAML

extension Rules {
    /// KH130 bad-register.
    public enum BadRegister: RuleDefinition {
        public static let rule = Rule(
            code: "KH130", name: "bad-register", severity: .error,
            summary: Text(
                zh: "登记/ 下的登记文件放错了位置、名字不对或条目不是登记的格式",
                en: "a register under 登记/ is misplaced, misnamed, or has an entry that is not a register entry"))

        // Raised by `RegisterCheck` (kh validate). The entries' fields are checked as a document's
        // are (KH201 missing, KH203 bad value, KH204 not in list, KH205 unknown, KH208 unknown person).

        static func unknownRegister(_ name: String) -> Text {
            Text(
                zh: "登记/ 下只能有 查阅登记、数据提供登记、销毁登记 三个文件夹，不能有「\(name)」",
                en: "登记/ holds only the folders 查阅登记, 数据提供登记 and 销毁登记, not '\(name)'")
        }

        static func badName(_ path: String, monthly: Bool) -> Text {
            monthly
                ? Text(
                    zh: "查阅登记 每月一个文件，名为 YYYY-MM.yaml（如 2026-12.yaml）",
                    en: "查阅登记 has a file a month named YYYY-MM.yaml (2026-12.yaml)")
                : Text(
                    zh: "这个登记每年一个文件，名为 YYYY.yaml（如 2026.yaml）",
                    en: "this register has a file a year named YYYY.yaml (2026.yaml)")
        }

        static let notAList = Text(
            zh: "登记文件应是条目的列表（每条以「- 时间: …」开头）", en: "a register is a list of entries (each starting '- 时间: …')")
        static let notAnEntry = Text(zh: "登记条目应是「字段: 值」的映射", en: "a register entry is a mapping of 'field: value'")

        static func outsidePeriod(_ path: String, monthly: Bool) -> Text {
            Text(
                zh: "条目的 时间 不在文件名所示的\(monthly ? "月份" : "年份")内",
                en: "the entry's 时间 is outside the \(monthly ? "month" : "year") the file name gives")
        }

        static let twoApprovers = Text(
            zh: "数据提供登记 的每一条需要两位 批准人（数据安全政策：双人审批）",
            en: "every 数据提供登记 entry needs two 批准人 (the data policy: two approvers)")

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            let entry = "- 时间: 2026-12-01 10:30\n  人员: 王磊\n  操作: 查阅\n  档案编号: KH-2024-001\n  密级: 秘密\n"
            return (
                RuleExample(files: [("登记/查阅登记/2026-11.yaml", entry)]),
                RuleExample(files: [("登记/查阅登记/2026-12.yaml", entry)])
            )
        }
    }
}

extension Rule {
    public static let badRegister = Rules.BadRegister.rule
}
