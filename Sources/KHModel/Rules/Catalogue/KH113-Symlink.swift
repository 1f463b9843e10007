import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH113 symlink.
    public enum Symlink: RuleDefinition {
        public static let rule = Rule(
            code: "KH113", name: "symlink", severity: .error,
            summary: Text(zh: "符号链接（不会被跟随）", en: "symbolic link (never followed)"))

        /// Raised by the layout scan.
        package static let message = Text(
            zh: "这是符号链接；kh 不跟随链接，请放入真实的文件或文件夹",
            en: "a symbolic link; kh never follows links: put the real file or folder here")

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample(symlinks: [(E.customer + "/05-价值评估/2023.yaml", "2024.yaml")]),
                .file(
                    E.customer + "/05-价值评估/2023.yaml",
                    "年度: 2023\n年度合作金额: 30000.00\n价值等级: C\n创建时间: 2023-12-31\n创建人: 王磊\n最后更新时间: 2023-12-31\n")
            )
        }
    }
}

extension Rule {
    public static let symlink = Rules.Symlink.rule
}
