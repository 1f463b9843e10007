import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH124 bad-file-name.
    public enum BadFileName: RuleDefinition {
        public static let rule = Rule(code: "KH124", name: "bad-file-name", severity: .error,
                                      summary: Text(zh: "文件名不符合该文件夹的命名规则", en: "file name does not follow its folder's naming pattern"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [(E.contractPath, nil), (E.customer + "/02-合作背景/数据安全平台合同.yaml", E.contract)]),
                    .file(E.contractPath, E.contract))
        }
    }
}

extension Rule {
    public static let badFileName = Rules.BadFileName.rule
}
