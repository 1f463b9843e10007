private typealias E = ExampleArchive

extension Rules {
    /// KH502 bank-card.
    public enum BankCard: RuleDefinition {
        public static let rule = Rule(code: "KH502", name: "bank-card", severity: .error,
                                      summary: Text(zh: "含有银行卡号（个人信息保护法）", en: "holds a bank card number (PIPL)"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.edit(E.basicInfoPath, E.basicInfo, "密级: 内部", "密级: 内部\n备注: 回款账户 6222 0212 3456 7890 128"),
                    RuleExample.edit(E.basicInfoPath, E.basicInfo, "密级: 内部", "密级: 内部\n备注: 回款账户见财务系统"))
        }
    }
}

extension Rule {
    public static let bankCard = Rules.BankCard.rule
}
