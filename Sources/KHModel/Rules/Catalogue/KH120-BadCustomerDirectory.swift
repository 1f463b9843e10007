import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH120 bad-customer-directory.
    public enum BadCustomerDirectory: RuleDefinition {
        public static let rule = Rule(
            code: "KH120", name: "bad-customer-directory", severity: .error,
            summary: Text(
                zh: "客户档案/ 下的条目不是 KH-YYYY-NNN[_简称] 格式的文件夹", en: "an entry of 客户档案/ is not a KH-YYYY-NNN[_简称] folder"))

        /// Raised by the layout scan; `example` is a number of this archive's pattern.
        package static func message(_ name: String, isDirectory: Bool, example: String) -> Text {
            isDirectory
                ? Text(
                    zh: "客户文件夹名\(Msg.q(name))不符合 编号[_简称] 格式；应如 \(example)_星辰科技",
                    en: "customer folder \(Msg.qe(name)) is not named NUMBER[_简称]; expected e.g. \(example)_星辰科技")
                : Text(
                    zh: "客户档案/ 下只能放客户文件夹，这里是文件\(Msg.q(name))",
                    en: "客户档案/ holds only customer folders; found the file \(Msg.qe(name))")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample.secondCustomer(directory: "2024-002_云帆物流"), RuleExample.secondCustomer())
        }
    }
}

extension Rule {
    public static let badCustomerDirectory = Rules.BadCustomerDirectory.rule
}
