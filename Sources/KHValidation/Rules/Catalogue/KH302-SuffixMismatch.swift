import Foundation
import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH302 suffix-mismatch.
    public enum SuffixMismatch: CustomerRule {
        public static let rule = Rule(
            code: "KH302", name: "suffix-mismatch", severity: .warning,
            summary: Text(zh: "文件夹后缀与 简称/姓名 不一致", en: "folder suffix differs from 简称/姓名"))

        static func message(_ suffix: String, name: String, expected: String) -> Text {
            Text(
                zh: "文件夹后缀\(Msg.q(suffix))与\(Msg.q(name))不一致；文件夹可改名为 \(expected)",
                en: "folder suffix \(Msg.qe(suffix)) differs from \(Msg.qe(name)); rename the folder to \(expected)")
        }

        /// The name the folder's suffix should be: 姓名 (个人), else 简称, else 全称.
        static func displayName(_ b: BasicInfo) -> (String, YAMLNode)? {
            if b.isPerson { return b.personName.flatMap { n in b.node(FieldName.personName).map { (n, $0) } } }
            if let short = b.shortName, let node = b.company?[FieldName.shortName] { return (short, node) }
            if let full = b.fullName, let node = b.company?[FieldName.fullName] { return (full, node) }
            return nil
        }

        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            let dir = s.directory
            guard let b = s.basic, let suffix = dir.suffix, let (name, node) = displayName(b), suffix != name else {
                return
            }
            let parent = (dir.path as NSString).deletingLastPathComponent
            out.append(
                Diagnostic(
                    rule: rule, file: b.path, start: node.start, end: node.end, path: nil,
                    message: message(suffix, name: name, expected: "\(dir.number)_\(name)"),
                    fix: FileNames.isSafeComponent(name)
                        ? .move(from: dir.path, to: parent + "/\(dir.number)_\(name)") : nil))
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "简称: 星辰科技", "简称: 星辰"),
                .file(E.basicInfoPath, E.basicInfo)
            )
        }
    }
}

extension Rule {
    public static let suffixMismatch = Rules.SuffixMismatch.rule
}
