import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH121 stray-in-customer.
    public enum StrayInCustomer: RuleDefinition {
        public static let rule = Rule(code: "KH121", name: "stray-in-customer", severity: .error,
                                      summary: Text(zh: "客户文件夹顶层只能有五个规定的文件夹", en: "a customer folder holds only the five prescribed folders"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (.file(E.customer + "/合同扫描.pdf", "%PDF-1.4 …"), .file(E.customer + "/02-合作背景/附件/合同扫描.pdf", "%PDF-1.4 …"))
        }
    }
}

extension Rule {
    public static let strayInCustomer = Rules.StrayInCustomer.rule
}
