import KHModel
import KHPinyin
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH701 uncertain-pinyin.
    public enum UncertainPinyin: CustomerRule {
        public static let rule = Rule(
            code: "KH701", name: "uncertain-pinyin", severity: .notice,
            summary: Text(
                zh: "名称首字是多音字，目录字母无法确定（可填写 拼音）",
                en: "a name's first character has readings with different letters (write 拼音)"))

        /// The message suggests the name's own reading as kh reads it now (`reading`), so the
        /// user only corrects the first syllable if kh guessed it wrong.
        static func message(_ name: String, char: Character, initials: [String], reading: String) -> Text {
            Text(
                zh:
                    "\(Msg.q(name))的首字「\(char)」是多音字（\(initials.joined(separator: "/"))），总目录按哪个字母排列无法确定；请在同级填写 拼音，写明实际读音，如 拼音: \(reading)（kh 现在的读法，首字读错时改正）",
                en:
                    "the first character '\(char)' of \(Msg.qe(name)) has readings with different letters (\(initials.joined(separator: "/"))); add 拼音 beside it with the name's real reading to fix its place in the catalogue, e.g. 拼音: \(reading) (kh's reading now; correct the first syllable if it is wrong)"
            )
        }

        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            guard let b = s.basic, let name = b.name, let (node, path) = b.nameNode,
                let (char, initials) = Pinyin.uncertainFirstCharacter(
                    of: name, override: b.pinyinOverride, person: b.isPerson)
            else { return }
            out.append(
                Diagnostic(
                    rule: rule, file: b.path, start: node.start, end: node.end, path: path,
                    message: message(
                        name, char: char, initials: initials,
                        reading: Pinyin.key(for: name, person: b.isPerson).full)))
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample(files: [
                    (E.basicInfoPath, E.basicInfo.replacingOccurrences(of: "全称: 北京星辰科技有限公司", with: "全称: 行知星辰科技有限公司"))
                ]),
                RuleExample(files: [
                    (
                        E.basicInfoPath,
                        E.basicInfo.replacingOccurrences(
                            of: "全称: 北京星辰科技有限公司",
                            with: "全称: 行知星辰科技有限公司\n  拼音: xing zhi xing chen ke ji you xian gong si")
                    )
                ])
            )
        }
    }
}

extension Rule {
    public static let uncertainPinyin = Rules.UncertainPinyin.rule
}
