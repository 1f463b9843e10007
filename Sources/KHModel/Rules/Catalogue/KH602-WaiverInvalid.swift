import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH602 waiver-invalid.
    public enum WaiverInvalid: RuleDefinition {
        public static let rule = Rule(
            code: "KH602", name: "waiver-invalid", severity: .error,
            summary: Text(zh: "豁免条目无效（规则或文件不存在，或缺少原因）", en: "an invalid waiver (unknown rule or file, or no reason)"))

        /// Whether a waiver's 文件 names one file: a path from the archive root, without
        /// wildcards or `..`. (`ConfigLoader` checks this and the rule code; the validator,
        /// that the file exists.)
        static func namesOneFile(_ file: String) -> Bool {
            !(file.contains("*") || file.contains("?") || file.hasPrefix("/")
                || file.split(separator: "/").contains("..") || file == ".")
        }

        static func unknownRule(_ code: String) -> Text {
            Text(
                zh: "规则\(Msg.q(code))不存在；用 kh rules 查看所有规则编号", en: "no rule \(Msg.qe(code)); kh rules lists every code")
        }

        static func notAFile(_ f: String) -> Text {
            Text(
                zh: "豁免只能针对单个文件（相对档案库根目录的路径，不能用通配符）；这里是\(Msg.q(f))",
                en: "a waiver names one file (a path from the archive root, no wildcards); found \(Msg.qe(f))")
        }

        package static func fileMissing(_ f: String) -> Text {
            Text(zh: "豁免的文件\(Msg.q(f))不存在", en: "waived file \(Msg.qe(f)) does not exist")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample(files: [
                    RuleExample.usedWaiver.files[0],
                    ("kh.yaml", E.config + "豁免:\n  - {规则: KH2O5, 文件: \(E.basicInfoPath), 原因: 财务部试点字段}\n"),
                ]),
                RuleExample.usedWaiver
            )
        }
    }
}

extension Rule {
    public static let waiverInvalid = Rules.WaiverInvalid.rule
}
