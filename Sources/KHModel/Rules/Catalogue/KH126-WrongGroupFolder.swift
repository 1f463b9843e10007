import Foundation
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH126 wrong-group-folder.
    public enum WrongGroupFolder: CustomerRule {
        public static let rule = Rule(
            code: "KH126", name: "wrong-group-folder", severity: .error,
            summary: Text(
                zh: "互动记录不在其沟通时间所属的季度（或项目）文件夹中",
                en: "interaction record not in the quarter (or project) folder its time gives"))

        /// Raised by the layout scan for a record directly in 03-互动记录/.
        static let outsideGroup = Text(
            zh: "互动记录应放在 03-互动记录/YYYY-Qn/（或项目）文件夹中，不能直接放在 03-互动记录/ 下",
            en: "interaction records go in a 03-互动记录/YYYY-Qn/ (or project) folder, not directly in 03-互动记录/")

        package static func badFolderMessage(_ name: String, byProject: Bool) -> Text {
            byProject
                ? Text(
                    zh: "互动记录文件夹\(Msg.q(name))既不是 YYYY-Qn 季度，也不是 02-合作背景 中的 合作项目",
                    en: "interaction folder \(Msg.qe(name)) is neither a YYYY-Qn quarter nor a 合作项目 of 02-合作背景")
                : Text(
                    zh: "互动记录文件夹\(Msg.q(name))应为季度 YYYY-Qn，如 2024-Q1",
                    en: "interaction folder \(Msg.qe(name)) should be a quarter YYYY-Qn, e.g. 2024-Q1")
        }

        package static func wrongQuarterMessage(_ folder: String, expected: String, time: String) -> Text {
            Text(
                zh: "沟通时间 \(time) 属于 \(expected)，但记录放在 \(folder)；请移到 03-互动记录/\(expected)/",
                en: "沟通时间 \(time) falls in \(expected), but the record is in \(folder); move it to 03-互动记录/\(expected)/"
            )
        }

        /// A record's group folder must be a quarter (or, with 互动记录按项目分组, a 合作项目 of
        /// 02-合作背景), and a quarter folder the quarter of its 沟通时间. The layout scan reports a
        /// record directly in 03-互动记录/ (`outsideGroup`); `fixOutsideGroup` gives that its fix.
        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            guard !s.interactions.isEmpty else { return }
            let projects = Self.projects(s)
            var reported: Set<String> = []
            for r in s.interactions {
                guard let group = r.file.group else { continue }
                let m = r.mapping
                let quarter = FileNames.quarterFolder(group)
                let isProject = config.groupByProject && projects.contains(group)
                if quarter == nil && !isProject {
                    let folderPath = (r.path as NSString).deletingLastPathComponent
                    if reported.insert(folderPath).inserted {
                        out.append(
                            Diagnostic(
                                rule: rule, file: folderPath,
                                message: badFolderMessage(group, byProject: config.groupByProject)))
                    }
                } else if let (y, q) = quarter, let (t, _) = m.datetime(FieldName.time),
                    (t.day.year, t.day.quarter) != (y, q)
                {
                    let expected = "\(t.day.year)-Q\(t.day.quarter)"
                    let node = m[FieldName.time]
                    out.append(
                        Diagnostic(
                            rule: rule, file: r.path, start: node?.start, end: node?.end, path: FieldName.time,
                            message: wrongQuarterMessage(group, expected: expected, time: m.text(FieldName.time) ?? ""),
                            fix: place(r, in: s, projects: projects, config: config).flatMap {
                                r.file.move(to: $0.folder, name: $0.name)
                            }))
                }
            }
        }

        /// Gives the layout scan's diagnostics for records directly in 03-互动记录/ (among
        /// `diagnostics`) the move to where their 沟通时间 (and 沟通方式) put them, when known.
        package static func fixOutsideGroup(_ diagnostics: inout [Diagnostic], _ s: CustomerSnapshot, config: Config) {
            var projects: Set<String>?
            for i in diagnostics.indices where diagnostics[i].fix == nil && diagnostics[i].code == rule.code {
                guard let r = s.interactions.first(where: { $0.path == diagnostics[i].file }) else { continue }
                if projects == nil { projects = Self.projects(s) }
                if let to = place(r, in: s, projects: projects!, config: config),
                    let fix = r.file.move(to: to.folder, name: to.name)
                {
                    diagnostics[i].fix = fix
                }
            }
        }

        /// The 合作项目 of the customer's contracts: with 互动记录按项目分组, the folders records may stand in.
        static func projects(_ s: CustomerSnapshot) -> Set<String> {
            Set(s.contracts.compactMap(\.project))
        }

        /// Where an interaction record belongs: the quarter folder of its 沟通时间 (or its
        /// project folder), named `<date>-<沟通方式>.yaml`; a name that already fits keeps its `-N`.
        static func place(
            _ r: InteractionRecord, in s: CustomerSnapshot, projects: Set<String>, config: Config
        ) -> (folder: String, name: String)? {
            let m = r.mapping
            let file = r.file
            guard let time = m.datetime(FieldName.time)?.0 else { return nil }
            let interactions = s.directory.path + "/" + DocumentType.interaction.folder
            let group: String
            if config.groupByProject {
                guard let g = file.group, projects.contains(g) else { return nil }
                group = g
            } else {
                group = "\(time.day.year)-Q\(time.day.quarter)"
            }
            var name = file.name
            let method = m.text(FieldName.method).flatMap { Declarations.methods.containsSame($0) ? $0 : nil }
            if let (day, rest) = FileNames.datedParts(file.name), file.nameIsWellFormed, day == time.day,
                method.map({ FileNames.matches(rest, $0) }) ?? true
            {
                name = file.name
            } else if let method {
                name = "\(time.day)-\(method).yaml"
            } else {
                return nil
            }
            return (interactions + "/" + group, name)
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample(files: [
                    (E.interactionPath, nil), (E.customer + "/03-互动记录/2024-Q2/2024-03-05-电话.yaml", E.interaction),
                ]),
                .file(E.interactionPath, E.interaction)
            )
        }
    }
}

extension Rule {
    public static let wrongGroupFolder = Rules.WrongGroupFolder.rule
}
