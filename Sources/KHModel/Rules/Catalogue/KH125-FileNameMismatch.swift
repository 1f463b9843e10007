import Foundation
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH125 file-name-mismatch.
    public enum FileNameMismatch: CustomerRule {
        public static let rule = Rule(
            code: "KH125", name: "file-name-mismatch", severity: .error,
            summary: Text(
                zh: "文件名中的日期、沟通方式或合作项目与文件内容不一致", en: "date, method or project in the file name differs from the content"
            ))

        package static func message(_ what: String, inName: String, inContent: String, expectedName: String) -> Text {
            Text(
                zh: "文件名中的\(what)\(Msg.q(inName))与内容中的\(Msg.q(inContent))不一致；文件名应为\(Msg.q(expectedName))",
                en:
                    "the \(what) in the file name \(Msg.qe(inName)) differs from the content's \(Msg.qe(inContent)); the file should be named \(Msg.qe(expectedName))"
            )
        }

        /// The date and the 合作项目 in a contract's name against its 签订日期 and 合作项目; the
        /// date and the 沟通方式 in an interaction record's name against its 沟通时间 and 沟通方式.
        /// Names that break their folder's pattern are KH124's. The fix renames (and moves) the
        /// file to the name its content gives.
        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            func add(_ file: DocumentFile, _ node: YAMLNode?, path: String, _ message: Text, fix: Fix?) {
                out.append(
                    Diagnostic(
                        rule: rule, file: file.path, start: node?.start, end: node?.end, path: path, message: message,
                        fix: fix))
            }
            for c in s.contracts {
                let m = c.mapping
                let file = c.file
                guard file.nameIsWellFormed, let (day, rest) = FileNames.datedParts(file.name) else { continue }
                let project = m.text(FieldName.project)
                let signed = m.date(FieldName.signed)
                let folder = (file.path as NSString).deletingLastPathComponent
                if let (d, _) = signed, d != day {
                    let name = "\(d)-\(project ?? rest).yaml"
                    add(
                        file, m[FieldName.signed], path: FieldName.signed,
                        message("日期", inName: day.description, inContent: d.description, expectedName: name),
                        fix: file.move(to: folder, name: name))
                } else if let project, !FileNames.matches(rest, project) {
                    let name = "\(signed?.0.description ?? day.description)-\(project).yaml"
                    add(
                        file, m[FieldName.project], path: FieldName.project,
                        message(FieldName.project, inName: rest, inContent: project, expectedName: name),
                        fix: file.move(to: folder, name: name))
                }
            }
            var projects: Set<String>?
            for r in s.interactions {
                let m = r.mapping
                let file = r.file
                guard file.nameIsWellFormed, let (day, rest) = FileNames.datedParts(file.name) else { continue }
                let time = m.datetime(FieldName.time)
                let method = m.text(FieldName.method)
                func fix() -> Fix? {
                    if projects == nil { projects = WrongGroupFolder.projects(s) }
                    return WrongGroupFolder.place(r, in: s, projects: projects!, config: config).flatMap {
                        file.move(to: $0.folder, name: $0.name)
                    }
                }
                if let (t, _) = time, t.day != day {
                    add(
                        file, m[FieldName.time], path: FieldName.time,
                        message(
                            "日期", inName: day.description, inContent: t.day.description,
                            expectedName: "\(t.day)-\(method ?? rest).yaml"),
                        fix: fix())
                } else if let method, Declarations.methods.containsSame(method), !FileNames.matches(rest, method) {
                    add(
                        file, m[FieldName.method], path: FieldName.method,
                        message(
                            FieldName.method, inName: rest, inContent: method,
                            expectedName: "\(time?.0.day.description ?? day.description)-\(method).yaml"),
                        fix: fix())
                }
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample(files: [
                    (E.interactionPath, nil), (E.customer + "/03-互动记录/2024-Q1/2024-03-06-电话.yaml", E.interaction),
                ]),
                .file(E.interactionPath, E.interaction)
            )
        }
    }
}

extension Rule {
    public static let fileNameMismatch = Rules.FileNameMismatch.rule
}
