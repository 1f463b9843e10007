import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH602 waiver-invalid.
    public enum WaiverInvalid: RuleDefinition {
        public static let rule = Rule(code: "KH602", name: "waiver-invalid", severity: .error,
                                      summary: Text(zh: "豁免条目无效（规则或文件不存在，或缺少原因）", en: "an invalid waiver (unknown rule or file, or no reason)"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [RuleExample.usedWaiver.files[0], ("kh.yaml", E.config + "豁免:\n  - {规则: KH2O5, 文件: \(E.basicInfoPath), 原因: 财务部试点字段}\n")]),
                    RuleExample.usedWaiver)
        }
    }
}

extension Rule {
    public static let waiverInvalid = Rules.WaiverInvalid.rule
}
