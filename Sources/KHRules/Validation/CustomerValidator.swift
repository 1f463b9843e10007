import Foundation
import KHYAML
import KHModel

/// What the archive-wide rules need to know of one customer: kept instead of its trees.
public struct CustomerSummary: Sendable {
    public struct Key: Sendable {
        public var value: String
        public var file: String
        public var mark: Mark
    }

    public var directory: CustomerDirectory
    public var numberMark: (file: String, mark: Mark)?
    public var fullName: Key?
    public var normalizedName: String?
    public var creditCode: Key?
    public var mobiles: [Key] = []
    public var emails: [Key] = []
}

extension CustomerSummary {
    /// What the archive-wide rules need of a customer, from its 基本信息: the number's
    /// position, the full name (企业), the credit code, the contacts' mobiles and e-mails.
    /// The folder's documents list (2.3 million paths on 100,000 customers) is not kept.
    init(_ s: CustomerSnapshot) {
        self.init(directory: s.directory)
        directory.documents = []
        directory.diagnostics = []
        guard let b = s.basic else { return }
        let file = b.path
        if b.number != nil, let node = b.node(FieldName.number) { numberMark = (file, node.start) }
        for c in b.contacts {
            if let digits = c.mobileDigits { mobiles.append(.init(value: digits, file: file, mark: c.mapping[FieldName.mobile]!.start)) }
            if let email = c.normalizedEmail { emails.append(.init(value: email, file: file, mark: c.mapping[FieldName.email]!.start)) }
        }
        if !b.isPerson, let full = b.fullName, let node = b.company?[FieldName.fullName] {
            fullName = .init(value: full, file: file, mark: node.start)
            normalizedName = Normalize.name(full)
        }
        if let code = b.creditCode, Values.isCreditCode(code), let node = b.node(FieldName.creditCode) {
            creditCode = .init(value: code, file: file, mark: node.start)
        }
    }
}

/// Everything one customer directory yields.
struct CustomerResult: Sendable {
    var diagnostics: [Diagnostic]
    var summary: CustomerSummary
    var documents: Int
}

/// Validates one customer: each document against its schema, the rules inside each
/// document, and the rules that relate documents of the one customer (spec section 5).
struct CustomerValidator {
    let config: Config

    /// What the archive-wide rules need of a customer, from its 01 基本信息 alone (read the
    /// same way as `validate` reads it, so the summary is the same); no diagnostics.
    func summarize(_ s: CustomerSnapshot) -> CustomerResult {
        CustomerResult(diagnostics: [], summary: CustomerSummary(s), documents: 0)
    }

    func validate(_ s: CustomerSnapshot) -> CustomerResult {
        let dir = s.directory
        var out = dir.diagnostics
        if s.basicFile == nil {
            out.append(Diagnostic(rule: .missingBasicInfo, file: dir.path, message: Rules.MissingBasicInfo.message))
        }
        out += s.problems
        for (file, node) in s.longDigitRuns { out += PersonalData.scan(node, file: file) }
        var ctx = Context(config: config, dir: dir, basic: s.basic?.mapping, customerType: s.basic?.customerType)
        if let basic = s.basic { ctx.checkFields(basic.mapping, file: basic.file) }
        // 02 first: 03 project folders refer to its 合作项目.
        for b in s.strayBasics { ctx.checkFields(b.mapping, file: b.file) }
        for c in s.contracts {
            ctx.checkFields(c.mapping, file: c.file)
            ctx.checkCooperation(c.mapping, file: c.file)
        }
        for n in s.needs { ctx.checkFields(n.mapping, file: n.file) }
        for a in s.assessments {
            ctx.checkFields(a.mapping, file: a.file)
            ctx.checkAssessment(a.mapping, file: a.file)
        }
        for r in s.interactions {
            ctx.checkFields(r.mapping, file: r.file)
            ctx.checkInteraction(r.mapping, file: r.file)
        }
        for check in Rules.customerChecks { check.check(s, config: config, into: &ctx.diagnostics) }
        // An interaction record outside any quarter folder moves where its 沟通时间 says.
        for i in out.indices where out[i].fix == nil && out[i].code == Rule.wrongGroupFolder.code {
            if let to = ctx.moves[out[i].file] { out[i].fix = .move(from: out[i].file, to: to) }
        }
        out += ctx.diagnostics
        return CustomerResult(diagnostics: out, summary: CustomerSummary(s), documents: dir.documents.count)
    }
}

/// The state of one customer's validation.
private struct Context {
    let config: Config
    let dir: CustomerDirectory
    let basic: YAMLMapping?
    let customerType: String?
    var diagnostics: [Diagnostic] = []
    var projects: Set<String> = []
    var reportedGroups: Set<String> = []

    init(config: Config, dir: CustomerDirectory, basic: YAMLMapping?, customerType: String?) {
        self.config = config
        self.dir = dir
        self.basic = basic
        self.customerType = customerType
    }

    /// Where `kh fix` would move a file (archive-relative), found while checking it.
    var moves: [String: String] = [:]

    mutating func add(_ rule: Rule, _ file: String, _ node: YAMLNode?, path: String?, _ message: Text, notes: [Note] = [],
                      fix: Fix? = nil) {
        diagnostics.append(Diagnostic(rule: rule, file: file, start: node?.start, end: node?.end, path: path,
                                      message: message, notes: notes, fix: fix))
    }

    /// A move fix for `file` to `name` in `folder` (both archive-relative), when the name is safe.
    mutating func move(_ file: DocumentFile, folder: String, name: String) -> Fix? {
        guard FileNames.isSafeComponent(name) else { return nil }
        let target = folder + "/" + name
        guard target != file.path else { return nil }
        moves[file.path] = target
        return .move(from: file.path, to: target)
    }

    // MARK: - Every document

    mutating func checkFields(_ m: YAMLMapping, file: DocumentFile) {
        var checker = FieldChecker(config: config, file: file.path, customerType: file.type == .basicInfo ? customerType : nil)
        checker.check(mapping: m, schema: config.schemas[file.type]!, path: "")
        diagnostics += checker.diagnostics
    }

    // MARK: - 01 基本信息

    // MARK: - 02 合作背景

    mutating func checkCooperation(_ m: YAMLMapping, file: DocumentFile) {
        let project = m.text(FieldName.project)
        if let project { projects.insert(project) }
        if file.nameIsWellFormed, let (day, rest) = FileNames.datedParts(file.name) {
            let signed = m.date(FieldName.signed)
            let folder = (file.path as NSString).deletingLastPathComponent
            if let (d, _) = signed, d != day {
                let name = "\(d)-\(project ?? rest).yaml"
                add(.fileNameMismatch, file.path, m[FieldName.signed], path: FieldName.signed,
                    Rules.FileNameMismatch.message("日期", inName: day.description, inContent: d.description, expectedName: name),
                    fix: move(file, folder: folder, name: name))
            } else if let project, !FileNames.matches(rest, project) {
                let name = "\(signed?.0.description ?? day.description)-\(project).yaml"
                add(.fileNameMismatch, file.path, m[FieldName.project], path: FieldName.project,
                    Rules.FileNameMismatch.message(FieldName.project, inName: rest, inContent: project, expectedName: name),
                    fix: move(file, folder: folder, name: name))
            }
        }
    }

    // MARK: - 03 互动记录

    mutating func checkInteraction(_ m: YAMLMapping, file: DocumentFile) {
        let time = m.datetime(FieldName.time)
        let target = interactionPlace(m, file: file, time: time?.0)
        if file.group == nil, let target { _ = move(file, folder: target.folder, name: target.name) }
        // Folder.
        if let group = file.group {
            let quarter = FileNames.quarterFolder(group)
            let isProject = config.groupByProject && projects.contains(group)
            if quarter == nil && !isProject {
                let folderPath = (file.path as NSString).deletingLastPathComponent
                if !reportedGroups.contains(folderPath) {
                    reportedGroups.insert(folderPath)
                    add(.wrongGroupFolder, folderPath, nil, path: nil, Rules.WrongGroupFolder.badFolderMessage(group, byProject: config.groupByProject))
                }
            } else if let (y, q) = quarter, let (t, _) = time, (t.day.year, t.day.quarter) != (y, q) {
                let expected = "\(t.day.year)-Q\(t.day.quarter)"
                add(.wrongGroupFolder, file.path, m[FieldName.time], path: FieldName.time,
                    Rules.WrongGroupFolder.wrongQuarterMessage(group, expected: expected, time: m.text(FieldName.time) ?? ""),
                    fix: target.flatMap { move(file, folder: $0.folder, name: $0.name) })
            }
        }
        // File name.
        if file.nameIsWellFormed, let (day, rest) = FileNames.datedParts(file.name) {
            let method = m.text(FieldName.method)
            if let (t, _) = time, t.day != day {
                add(.fileNameMismatch, file.path, m[FieldName.time], path: FieldName.time,
                    Rules.FileNameMismatch.message("日期", inName: day.description, inContent: t.day.description,
                                     expectedName: "\(t.day)-\(method ?? rest).yaml"),
                    fix: target.flatMap { move(file, folder: $0.folder, name: $0.name) })
            } else if let method, Declarations.methods.containsSame(method), !FileNames.matches(rest, method) {
                add(.fileNameMismatch, file.path, m[FieldName.method], path: FieldName.method,
                    Rules.FileNameMismatch.message(FieldName.method, inName: rest, inContent: method,
                                     expectedName: "\(time?.0.day.description ?? day.description)-\(method).yaml"),
                    fix: target.flatMap { move(file, folder: $0.folder, name: $0.name) })
            }
        }
    }

    /// Where an interaction record belongs: the quarter folder of its 沟通时间 (or its
    /// project folder), named `<date>-<沟通方式>.yaml`; a name that already fits keeps its `-N`.
    func interactionPlace(_ m: YAMLMapping, file: DocumentFile, time: Moment?) -> (folder: String, name: String)? {
        guard let time else { return nil }
        let interactions = dir.path + "/" + DocumentType.interaction.folder
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
           method.map({ FileNames.matches(rest, $0) }) ?? true {
            name = file.name
        } else if let method {
            name = "\(time.day)-\(method).yaml"
        } else {
            return nil
        }
        return (interactions + "/" + group, name)
    }

    // MARK: - 04 需求偏好

    // MARK: - 05 价值评估

    mutating func checkAssessment(_ m: YAMLMapping, file: DocumentFile) {
        let yearText = m.text(FieldName.year)
        let year = yearText.flatMap(Values.year)
        if file.nameIsWellFormed, let yearText, year != nil, !file.name.same("\(yearText).yaml") {
            add(.assessmentYearMismatch, file.path, m[FieldName.year], path: FieldName.year, Rules.AssessmentYearMismatch.message(file.name, year: yearText),
                fix: move(file, folder: (file.path as NSString).deletingLastPathComponent, name: "\(yearText).yaml"))
        }
    }

    // MARK: - The customer as a whole

}
