import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH121 stray-in-customer.
    public enum StrayInCustomer: RuleDefinition {
        public static let rule = Rule(
            code: "KH121", name: "stray-in-customer", severity: .error,
            summary: Text(zh: "客户文件夹顶层只能有五个规定的文件夹", en: "a customer folder holds only the five prescribed folders"))

        /// Raised by the layout scan.
        package static func message(_ name: String, isDirectory: Bool, suggestion: String?, folders: [String]) -> Text {
            let s = suggestion.map { (zh: "是否想写「\($0)」？", en: " Did you mean '\($0)'?") } ?? (zh: "", en: "")
            let what = isDirectory ? ("文件夹", "folder") : ("文件", "file")
            return Text(
                zh: "客户文件夹顶层只能有 \(folders.joined(separator: "、"))；这里有\(what.0)\(Msg.q(name))。\(s.zh)",
                en:
                    "a customer folder holds only \(folders.joined(separator: ", ")); found the \(what.1) \(Msg.qe(name)).\(s.en)"
            )
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                .file(E.customer + "/合同扫描.pdf", "%PDF-1.4 …"), .file(E.customer + "/02-合作背景/附件/合同扫描.pdf", "%PDF-1.4 …")
            )
        }
    }
}

extension Rule {
    public static let strayInCustomer = Rules.StrayInCustomer.rule
}
