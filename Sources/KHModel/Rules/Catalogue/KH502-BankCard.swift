import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH502 bank-card.
    public enum BankCard: RuleDefinition {
        public static let rule = Rule(
            code: "KH502", name: "bank-card", severity: .error,
            summary: Text(zh: "含有银行卡号（个人信息保护法）", en: "holds a bank card number (PIPL)"))

        /// Found by `PersonalData.scan` (one pass finds ID and card numbers) in every document
        /// whose parse saw a run of 16 digits, and in kh.yaml.
        package static func message(masked: String) -> Text {
            Text(
                zh: "这里含有银行卡号（\(masked)）；按个人信息保护法，档案中不得保存银行卡号，请删除（并从 git 历史中清除）",
                en:
                    "this holds a bank card number (\(masked)); under PIPL the archive must not keep it: remove it (and purge it from git history)"
            )
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "密级: 内部", "密级: 内部\n备注: 回款账户 6222 0212 3456 7890 128"),
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "密级: 内部", "密级: 内部\n备注: 回款账户见财务系统")
            )
        }
    }
}

extension Rule {
    public static let bankCard = Rules.BankCard.rule
}
