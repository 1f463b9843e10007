import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH501 resident-id.
    public enum ResidentID: RuleDefinition {
        public static let rule = Rule(
            code: "KH501", name: "resident-id", severity: .error,
            summary: Text(zh: "含有居民身份证号码（个人信息保护法）", en: "holds a resident ID number (PIPL)"))

        /// Found by `PersonalData.scan` (one pass finds ID and card numbers) in every document
        /// whose parse saw a run of 16 digits, and in kh.yaml.
        package static func message(masked: String) -> Text {
            Text(
                zh: "这里含有居民身份证号码（\(masked)）；按个人信息保护法，档案中不得保存身份证号，请删除（并从 git 历史中清除）",
                en:
                    "this holds a resident ID number (\(masked)); under PIPL the archive must not keep it: remove it (and purge it from git history)"
            )
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "密级: 内部", "密级: 内部\n备注: 法人身份证 11010519491231002X"),
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "密级: 内部", "密级: 内部\n备注: 法人身份已核验（证件号码不入档）")
            )
        }
    }
}

extension Rule {
    public static let residentID = Rules.ResidentID.rule
}
