import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH124 bad-file-name.
    public enum BadFileName: RuleDefinition {
        public static let rule = Rule(
            code: "KH124", name: "bad-file-name", severity: .error,
            summary: Text(zh: "文件名不符合该文件夹的命名规则", en: "file name does not follow its folder's naming pattern"))

        /// What is wrong with the name of a `.yaml` document in a folder of `type`, if anything
        /// (the layout scan asks, for every such file): a name that is no safe file name on
        /// every system, or that breaks the folder's pattern (spec section 1).
        static func problem(_ type: DocumentType, name: String) -> Text? {
            // Control characters, line breaks, characters Windows refuses, over 200 bytes: a name
            // that prints wrong, or that a colleague's checkout cannot create.
            guard FileNames.isSafeComponent(name) else { return unsafeMessage(name) }
            switch type {
            case .basicInfo:
                return name == "基本信息.yaml" ? nil : message(name, expected: "基本信息.yaml")
            case .needs:
                return name == "需求偏好.yaml" ? nil : message(name, expected: "需求偏好.yaml")
            case .cooperation:
                return FileNames.datedParts(name) == nil ? message(name, expected: "YYYY-MM-DD-<合作项目>.yaml") : nil
            case .interaction:
                return FileNames.datedParts(name) == nil ? message(name, expected: "YYYY-MM-DD-<沟通方式>[-N].yaml") : nil
            case .assessment:
                let stem = name.dropLast(5)
                return Values.year(String(stem)) == nil ? message(name, expected: "YYYY.yaml") : nil
            }
        }

        static func unsafeMessage(_ name: String) -> Text {
            Text(
                zh:
                    "文件名\(Msg.q(name))含有控制字符、换行、Windows 不允许的字符（\\ : * ? \" < > |），以点开头或结尾，或超过 200 字节：显示会出错，别人的电脑可能无法检出；请改名",
                en:
                    "file name \(Msg.qe(name)) holds control characters, line breaks or characters Windows refuses (\\ : * ? \" < > |), starts or ends with a dot, or is over 200 bytes: it prints wrong and another computer may not check it out; rename it"
            )
        }

        package static func message(_ name: String, expected: String) -> Text {
            Text(
                zh: "文件名\(Msg.q(name))不符合命名规则；应为 \(expected)",
                en: "file name \(Msg.qe(name)) breaks the naming pattern; expected \(expected)")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample(files: [(E.contractPath, nil), (E.customer + "/02-合作背景/数据安全平台合同.yaml", E.contract)]),
                .file(E.contractPath, E.contract)
            )
        }
    }
}

extension Rule {
    public static let badFileName = Rules.BadFileName.rule
}
