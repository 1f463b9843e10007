import ArgumentParser
import Foundation
import KHModel
import KHOutputs
import KHSpreadsheet
import KHSupport
import KHValidation
import KHWrite
import KHYAML

/// Options every writing command takes.
struct WriteOptions: ParsableArguments {
    @OptionGroup var location: ArchiveOption<ArchiveHelp.WithDefault>

    @Flag(help: "只显示将要做的改动，不写入 (show what would change; write nothing).")
    var dryRun = false

    @Option(help: "经办人（团队 中的姓名），记为 创建人 (who is writing: a name in 团队; default kh.yaml 默认创建人, then git user.name).")
    var by: String?

    @Option(help: "日期 YYYY-MM-DD，默认今天（kh.yaml 时区）(the date to stamp; default today in kh.yaml 时区).")
    var date: String?

    @OptionGroup var messages: LanguageOption<LanguageHelp.Brief>

    func open() throws(Failure) -> (Archive, Language) {
        try Writing.open(location, messages, dryRun: dryRun)
    }

    func today(_ archive: Archive, _ language: Language) throws(Failure) -> Day {
        try Writing.day(date, archive: archive, language: language)
    }

    func author(_ archive: Archive, _ language: Language) throws(Failure) -> String {
        try Writing.author(by, archive: archive, language: language)
    }

    /// Opens the archive, makes the plan, shows or applies it. `make`'s `KHError` is the archive
    /// refusing the plan (exit 1) or, when `badInput`, what was given being wrong (exit 2); its
    /// `Failure` (a bad --date or --by) passes as it is.
    func run(_ make: (Archive, Language) throws -> Plans.Planned) throws {
        let (archive, language) = try open()
        let planned: Plans.Planned
        do { planned = try make(archive, language) } catch let refusal as KHError {
            throw Failure(refusal, language: language, status: 1)
        }
        try Writing.finish(planned, archive: archive, dryRun: dryRun, language: language)
    }
}

/// Shows or applies a plan; the exit status says how it went.
enum Writing {
    /// Opens the archive for a writing command: first a write that was killed part-way is undone.
    static func open<H>(
        _ location: some ArchiveLocation, _ messages: LanguageOption<H>, dryRun: Bool
    ) throws(Failure) -> (Archive, Language) {
        let (archive, language) = try location.open(messages)
        try recoverFirst(archive.root, dryRun: dryRun, language: language)
        return (archive, language)
    }

    /// `--date`, or today in kh.yaml 时区.
    static func day(_ date: String?, archive: Archive, language: Language) throws(Failure) -> Day {
        guard let date else { return Clock.now(archive.config).day }
        guard let d = Values.date(date) else {
            throw Failure(
                Text(zh: "--date「\(date)」不是 YYYY-MM-DD 日期", en: "--date '\(date)' is not a YYYY-MM-DD date"),
                language: language)
        }
        return d
    }

    /// Who is writing: `--by`, else kh.yaml 默认创建人, else git user.name.
    static func author(_ by: String?, archive: Archive, language: Language) throws(Failure) -> String {
        try Failure.catching(try Author.resolve(by, config: archive.config, root: archive.root), language: language)
    }

    /// Before a writing command plans anything: a write that was killed part-way is undone
    /// (said on stderr); a dry run only warns, as it writes nothing.
    static func recoverFirst(_ root: String, dryRun: Bool, language: Language) throws(Failure) {
        let zh = language == .zh
        if dryRun {
            for folder in Recovery.interrupted(root: root) {
                FileHandleOut.stderr(
                    (zh ? "kh：注意：" : "kh: note: ") + KHModel.Rules.InterruptedWrite.message(folder).string(language)
                        + "\n")
            }
            return
        }
        guard !Recovery.interrupted(root: root).isEmpty else { return }
        do {
            let outcome = try Recovery.recover(root: root)
            if !outcome.undone.isEmpty {
                FileHandleOut.stderr((zh ? "kh：" : "kh: ") + WriteMsg.recovered(outcome).string(language) + "\n")
            }
        } catch {
            throw Failure(WriteMsg.locked, language: language)
        }
    }

    static func finish(
        _ planned: Plans.Planned, archive: Archive, dryRun: Bool, language: Language,
        contents: Bool = false, done: Text? = nil
    ) throws -> Never {
        let zh = language == .zh
        if planned.changes.isEmpty {
            FileHandleOut.stdout(
                planned.notes.map { $0.string(language) + "\n" }.joined() + WriteMsg.nothingToDo.string(language) + "\n"
            )
            throw ExitCode(0)
        }
        var text = planned.changes.describe(language, contents: contents)
        for n in planned.notes { text += (zh ? "注意：" : "note: ") + n.string(language) + "\n" }
        if dryRun {
            FileHandleOut.stdout(text + WriteMsg.dryRunNote.string(language) + "\n")
            throw ExitCode(0)
        }
        try apply(planned, archive: archive, language: language)
        FileHandleOut.stdout(text + (done ?? WriteMsg.written(planned.changes.changes.count)).string(language) + "\n")
        throw ExitCode(0)
    }

    /// Applies a plan with the result check; on failure says why (with the errors the
    /// result would have had) and exits 1 (the archive's content), or 2: kh could not write, or
    /// every error is in a file the command creates (kh new, kh log, kh import write them from
    /// what they were given alone: `--mobile 123`, `--industry` not in kh.yaml are bad input).
    static func apply(_ planned: Plans.Planned, archive: Archive, language: Language) throws {
        do {
            try planned.apply(to: archive)
        } catch {
            var message = (language == .zh ? "kh：" : "kh: ") + error.message.string(language) + "\n"
            if !error.diagnostics.isEmpty {
                let result = ValidationResult(diagnostics: error.diagnostics, customers: 0, documents: 0, waived: 0)
                message += HumanFormatter.format(FormatContext(result: result, language: language, quiet: true))
            }
            let fromInput = planned.onlyInCreatedFiles(error.diagnostics)
            if fromInput { message += WriteMsg.fixTheInput.string(language) + "\n" }
            FileHandleOut.stderr(message)
            throw ExitCode(error.diagnostics.isEmpty || fromInput ? 2 : 1)
        }
    }

    static func find(
        _ query: String, in registry: CustomerRegistry, language: Language
    ) throws(Failure) -> CustomerRegistry.Entry {
        switch registry.find(query) {
        case .found(let e): return e
        case .none: throw Failure(PlanMsg.noSuchCustomerText(query), language: language)
        case .ambiguous(let es):
            throw Failure(PlanMsg.ambiguousText(query, es.map { "\($0.number) \($0.name ?? "")" }), language: language)
        }
    }
}

// MARK: - kh new

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "新建客户档案（自动取下一个编号）(create a customer archive with the next number).",
        discussion:
            "例 example: kh new 企业 --name 北京星辰科技有限公司 --short 星辰科技 --industry 信息技术 --owner 王磊 --source 展会对接 --contact 张伟 --title 技术总监 --mobile 13800138000"
    )

    @Argument(help: "客户类型：企业 或 个人 (企业 or 个人).")
    var type: String

    @Option(help: "全称（企业）或姓名（个人）(full legal name, or the person's name).") var name: String
    @Option(name: .customLong("short"), help: "简称 (short name; also the folder's suffix).") var shortName: String?
    @Option(help: "排序用拼音 (pinyin override for the catalogue).") var pinyin: String?
    @Option(help: "统一社会信用代码.") var creditCode: String?
    @Option(help: "所属行业 (kh.yaml 行业).") var industry: String?
    @Option(help: "所在地区 (e.g. 北京市).") var region: String?
    @Option(help: "注册地址.") var address: String?
    @Option(help: "负责销售（默认经办人）(owner; default: --by).") var owner: String?
    @Option(help: "客户阶段（默认 潜在）(stage; default 潜在).") var stage: String?
    @Option(help: "维护级别 VIP | 重点 | 普通.") var tier: String?
    @Option(help: "信息来源 (kh.yaml 信息来源).") var source: String?
    @Option(help: "首次接触时间（默认今天）(first contact date; default today).") var firstContact: String?
    @Option(help: "标签（可重复）(tag; repeat).") var tag: [String] = []
    @Option(help: "联系人姓名 (contact's name).") var contact: String?
    @Option(help: "联系人职位.") var title: String?
    @Option(help: "联系人手机.") var mobile: String?
    @Option(help: "联系人电话（带区号）.") var phone: String?
    @Option(help: "联系人邮箱.") var email: String?
    @Option(help: "备注.") var note: String?
    @Option(name: .customLong("set"), help: "其他字段 KEY=VALUE（可重复）(another field; repeat).") var fields: [String] = []
    @OptionGroup var options: WriteOptions

    func run() throws {
        let (archive, language) = try options.open()
        var c = NewCustomer(type: type, name: name.trimmingWhitespace())
        (c.shortName, c.pinyin, c.creditCode, c.industry, c.region, c.address) = (
            shortName, pinyin, creditCode, industry, region, address
        )
        (c.owner, c.stage, c.tier, c.source, c.firstContact, c.note, c.tags) = (
            owner, stage, tier, source, firstContact, note, tag
        )
        if let contact {
            c.contacts = [.init(name: contact, title: title, mobile: mobile, phone: phone, email: email)]
        }
        for f in fields { try Failure.catching(try c.set(f), language: language) }
        // What was given is checked first (exit 2), before who writes and the duplicates.
        try Failure.catching(try Plans.check(c, config: archive.config), language: language)
        let today = try options.today(archive, language)
        let author = try options.author(archive, language)
        let registry = CustomerRegistry(archive)
        let (number, planned) = try Failure.catching(
            try Plans.new(c, registry: registry, author: author, today: today), language: language, status: 1)
        try Writing.finish(
            planned, archive: archive, dryRun: options.dryRun, language: language, contents: true,
            done: Text(zh: "已新建档案 \(number)", en: "created archive \(number)"))
    }
}

// MARK: - kh log

struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "记录一次互动（写入正确的文件夹和文件名）(record an interaction in the right folder).",
        discussion: """
            例 example: kh log KH-2024-001 --method 电话 --type 日常维护 --theirs 张伟 --content "确认续约意向" \
            --next "提供续约报价单;王磊;2025-05-15;高"
            不带 --content 时打开 $EDITOR 填写 (without --content, your $EDITOR opens on a filled-in form).
            """
    )

    @Argument(help: "客户：档案编号、全称、简称或姓名 (the customer: number or name).")
    var customer: String

    @Option(help: "沟通时间 YYYY-MM-DD HH:MM（默认现在）(default: now).") var time: String?
    @Option(help: "\(FieldName.method)：\(Declarations.methods.joined(separator: " ")).") var method: String = "电话"
    @Option(
        name: .customLong("type"), help: "\(FieldName.contentType)：\(Declarations.contentTypes.joined(separator: " "))."
    ) var contentType: String = "日常维护"
    @Option(help: "我方参与人员，逗号分隔（默认经办人）(our people; default: --by).") var ours: String?
    @Option(help: "客户方参与人员，逗号分隔（默认第一位联系人）(their people; default: the first contact).") var theirs: String?
    @Option(help: "沟通内容.") var content: String?
    @Option(help: "客户反馈.") var feedback: String?
    @Option(help: "处理结果.") var result: String?
    @Option(help: "下一步计划「事项;负责人;截止日期;优先级」（可重复）(next step: task;owner;due;priority — repeat).") var next: [String] = []
    @Option(help: "合作项目（按项目分组时）(the project folder, when grouping by project).") var project: String?
    @Option(help: "从 YAML 文件读取互动记录（如保存下来的草稿）(read the record from a YAML file, e.g. a saved draft).") var file: String?
    @OptionGroup var options: WriteOptions

    func run() throws {
        let (archive, language) = try options.open()
        // What was given is checked first (exit 2), before who writes and which customer.
        try Failure.catching(try Plans.checkChoices(method: method, contentType: contentType), language: language)
        let now = Clock.now(archive.config)
        let given = try time.map { (t) throws(Failure) in
            try Failure.catching(try InteractionDraft.time(t, now: now), language: language)
        }
        let steps = try next.map { (n) throws(Failure) in
            try Failure.catching(try InteractionDraft.step(n, config: archive.config), language: language)
        }
        let today = try options.today(archive, language)
        let author = try options.author(archive, language)
        let entry = try Writing.find(customer, in: CustomerRegistry(archive), language: language)
        let moment = given ?? (options.date == nil ? now : Moment(day: today, hour: now.hour, minute: now.minute))
        var interaction = NewInteraction(
            time: moment, method: method, contentType: contentType,
            ours: ours.map(InteractionDraft.names) ?? [author],
            theirs: theirs.map(InteractionDraft.names) ?? Array(entry.contactNames.prefix(1)), content: content ?? "")
        (interaction.feedback, interaction.result, interaction.project) = (feedback, result, project)
        interaction.steps = steps
        var draft: String?
        if let file {
            interaction = try Drafts.read(file, base: interaction, language: language)
        } else if content == nil {
            guard let edited = try Drafts.edit(interaction, customer: entry, archive: archive, language: language)
            else { throw ExitCode.success }
            (interaction, draft) = (edited.record, edited.draft)
        }
        let planned = try Failure.catching(
            try Plans.log(interaction, customer: entry, archive: archive, author: author, today: today).planned,
            language: language, status: 1)
        do {
            try Writing.finish(planned, archive: archive, dryRun: options.dryRun, language: language, contents: true)
        } catch let exit as ExitCode {
            // Written: the editor's draft has served its purpose (a dry run keeps it).
            if exit == .success, !options.dryRun, let draft { unlink(draft) }
            throw exit
        }
    }
}

/// `kh log`'s `$EDITOR` form, and drafts read back (the form and the reading are
/// `InteractionDraft`'s).
enum Drafts {
    /// Saves the form in `.kh/drafts/` and opens `$VISUAL`/`$EDITOR` (or vi) on it; the record
    /// as saved and the draft's path, or nil when 沟通内容 was left empty (cancelled: the
    /// draft is removed).
    static func edit(
        _ base: NewInteraction, customer: CustomerRegistry.Entry, archive: Archive,
        language: Language
    ) throws(Failure) -> (record: NewInteraction, draft: String)? {
        guard isatty(STDIN_FILENO) == 1 else {
            throw Failure(
                Text(
                    zh: "没有 --content，也不在终端中（无法打开编辑器）；请用 --content 或 --file",
                    en: "no --content and not at a terminal (no editor can open); use --content or --file"),
                language: language)
        }
        let path = try Failure.catching(
            try InteractionDraft.save(base, customer: customer, root: archive.root), language: language)
        let env = ProcessInfo.processInfo.environment
        let editor = env["VISUAL"] ?? env["EDITOR"] ?? "vi"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", editor + " \"$1\"", "sh", path]
        do { try p.run() } catch {
            throw Failure(Text(zh: "无法启动编辑器 \(editor)", en: "cannot start the editor \(editor)"), language: language)
        }
        p.waitUntilExit()
        let record = try read(path, base: base, language: language)
        if record.content.trimmingWhitespace().isEmpty {
            unlink(path)
            FileHandleOut.stderr(language == .zh ? "沟通内容为空，已取消\n" : "沟通内容 is empty: cancelled\n")
            return nil
        }
        // The draft stays until the record is written (so nothing typed is lost).
        FileHandleOut.stderr(
            language == .zh
                ? "草稿保存在 \(path)（出错时可用 kh log \(customer.number) --file 重试）\n"
                : "draft kept at \(path) (retry with kh log \(customer.number) --file if needed)\n")
        return (record, path)
    }

    /// A record from a draft or `--file`: a file kh cannot read, or one that is not a record,
    /// is exit 2 (what was given is wrong, not the archive).
    static func read(_ path: String, base: NewInteraction, language: Language) throws(Failure) -> NewInteraction {
        let bytes = try Failure.catching(try InteractionDraft.contents(of: path), language: language)
        return try Failure.catching(try InteractionDraft.record(bytes, file: path, base: base), language: language)
    }
}

// MARK: - kh fix

struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "自动修复 kh validate 标为可修复的问题 (apply the safe fixes kh validate marks as fixable).",
        discussion: "金额、日期、全角数字和标点、手机与电话的写法；互动记录移到日期对应的文件夹和文件名；05 文件按 年度 改名；文件夹后缀改为简称。只改动被修复的值本身，注释和排版保持不变。"
    )

    @OptionGroup var location: ArchiveArgument<ArchiveHelp.Brief>

    @Flag(help: "只显示将要做的改动，不写入 (show what would change; write nothing).")
    var dryRun = false

    @OptionGroup var messages: LanguageOption<LanguageHelp.Brief>

    func run() throws {
        let (opened, language) = try Writing.open(location, messages, dryRun: dryRun)
        let result = opened.validate()
        let plan = Fixer(opened).plan(result.diagnostics)
        var planned = Plans.Planned()
        (planned.changes, planned.before, planned.after) = (plan.changes, plan.before, plan.after)
        for (d, why) in plan.skipped {
            planned.notes.append(Text(zh: "\(d.file)（\(d.code)）：\(why.zh)", en: "\(d.file) (\(d.code)): \(why.en)"))
        }
        let summary = FixMsg.summary(fixed: plan.fixed.count, skipped: plan.skipped.count, dryRun: dryRun)
        let left = result.diagnostics.filter { $0.fix == nil }
        let remaining = FixMsg.remaining(
            errors: left.filter { $0.severity == .error }.count, warnings: left.filter { $0.severity == .warning }.count
        )
        if dryRun { planned.notes.append(summary) }
        if !left.isEmpty { planned.notes.append(remaining) }
        try Writing.finish(planned, archive: opened, dryRun: dryRun, language: language, done: summary)
    }
}

// MARK: - kh renumber, kh retire, kh reassign

struct Renumber: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "改档案编号（旧编号记入 退役编号，永不再用）(renumber a customer; the old number is retired).")

    @Argument(help: "旧编号 (old number).") var old: String
    @Argument(help: "新编号 (new number).") var new: String
    @OptionGroup var options: WriteOptions

    func run() throws {
        try options.run { archive, language in
            try Plans.renumber(
                old, to: new, registry: CustomerRegistry(archive), today: options.today(archive, language))
        }
    }
}

struct Retire: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "删除失败的潜在客户档案，并把编号记入 退役编号 (remove a failed prospect's archive; its number is retired).")

    @Argument(help: "档案编号 (number).") var number: String
    @Flag(help: "有合同或已成交也删除 (remove even with contracts or in 成交).") var force = false
    @OptionGroup var options: WriteOptions

    func run() throws {
        try options.run { archive, _ in try Plans.retire(number, registry: CustomerRegistry(archive), force: force) }
    }
}

struct Reassign: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "移交客户（离职交接）：更新 负责销售 并在 备注 中记录 (hand customers over to another salesperson).")

    @Option(help: "原负责销售 (from).") var from: String
    @Option(help: "新负责销售 (to).") var to: String
    @Option(help: "只移交这些客户（编号或名称，可重复）(only these customers; repeat).") var customer: [String] = []
    @OptionGroup var options: WriteOptions

    func run() throws {
        try options.run { archive, language in
            try Plans.reassign(
                from: from, to: to, only: customer, registry: CustomerRegistry(archive),
                author: options.author(archive, language), today: options.today(archive, language))
        }
    }
}

// MARK: - kh import, kh export

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "从客户信息收集表导入新客户（CSV 或 .xlsx）(import customers from the collection template: CSV or .xlsx).",
        discussion: """
            默认只演练并汇总；加 --write 才写入，全部成功或全部不写。
            CSV 可为 UTF-8、带 BOM 的 UTF-8 或 GB18030/GBK（中文 Windows 上 Excel 的默认）。
            Default is a dry run with a summary; --write writes, all or nothing.
            """
    )

    @Argument(help: "表格文件 (the spreadsheet: .csv or .xlsx).") var file: String
    @Flag(help: "写入档案库（默认只演练）(write; the default is a dry run).") var write = false
    @Option(help: "跟进人不在团队中时的负责销售（默认经办人）(owner when a row's 跟进人 is not in 团队; default: --by).") var owner: String?
    @OptionGroup var location: ArchiveOption<ArchiveHelp.Brief>
    @Option(help: "经办人（团队 中的姓名），记为 创建人 (who is writing).") var by: String?
    @Option(help: "日期 YYYY-MM-DD，默认今天 (the date to stamp; default today).") var date: String?
    @OptionGroup var messages: LanguageOption<LanguageHelp.Brief>

    func run() throws {
        let (opened, language) = try Writing.open(location, messages, dryRun: !write)
        let today = try Writing.day(date, archive: opened, language: language)
        let author = try Writing.author(by, archive: opened, language: language)
        if let owner { try Failure.catching(try Plans.checkOwner(owner, config: opened.config), language: language) }
        let table: Table
        do { table = try Spreadsheet.read(path: file) } catch {
            throw Failure(error.text, language: language)
        }
        let report = try Failure.catching(
            try Importer(registry: CustomerRegistry(opened), author: author, today: today, defaultOwner: owner).plan(
                table),
            language: language)
        let zh = language == .zh
        var text = ""
        if report.headerRow != 1 {
            text += ImportMsg.headerFound(row: report.headerRow, above: report.rowsAboveHeader).string(language) + "\n"
        }
        if !report.unknownColumns.isEmpty {
            text +=
                (zh ? "未识别的列（未导入）：" : "columns not recognised (left out): ")
                + report.unknownColumns.joined(separator: zh ? "、" : ", ") + "\n"
        }
        for r in report.imported {
            text += (zh ? "第 \(r.row) 行 → \(r.number) \(r.name)\n" : "row \(r.row) → \(r.number) \(r.name)\n")
        }
        for i in report.issues {
            let place =
                zh
                ? "第 \(i.row) 行" + (i.column.map { "「\($0)」" } ?? "")
                : "row \(i.row)" + (i.column.map { " (\($0))" } ?? "")
            text += place + (zh ? "：" : ": ") + i.message.string(language) + "\n"
        }
        let skipped = Set(report.issues.filter(\.skipsRow).map(\.row)).count
        let summary = ImportMsg.summary(
            imported: report.imported.count, skipped: skipped, issues: report.issues.count, write: write)
        FileHandleOut.stdout(text)
        if !write || report.planned.changes.isEmpty {
            FileHandleOut.stdout(summary.string(language) + "\n")
            throw ExitCode(0)
        }
        try Writing.apply(report.planned, archive: opened, language: language)
        FileHandleOut.stdout(summary.string(language) + "\n")
    }
}

enum ExportFormat: String, ExpressibleByArgument, CaseIterable { case csv, xlsx }

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "按客户信息收集表的列导出（CSV 或 .xlsx，含联系方式，请妥善保管）(export in the collection template's columns; holds contact details)."
    )

    @OptionGroup var location: ArchiveArgument<ArchiveHelp.Brief>
    @Option(help: "格式 format: csv, xlsx.") var format: ExportFormat = .csv
    @OptionGroup var destination: OutputOption<OutputHelp.Export>
    @OptionGroup var messages: LanguageOption<LanguageHelp.Brief>

    func run() throws {
        if format == .xlsx && destination.output == nil {
            throw location.badArgument(
                Text(
                    zh: "--format xlsx 需要 -o 文件名.xlsx（表格文件不输出到屏幕）",
                    en: "--format xlsx needs -o FILE.xlsx (a workbook does not go to standard output)"), messages)
        }
        let (opened, language) = try location.open(messages)
        let table = Exporter.table(opened)
        let bytes = format == .csv ? Spreadsheet.csv(table) : Spreadsheet.xlsx(table, sheetName: "客户信息")
        guard let output = destination.output else {
            FileHandleOut.stdout(String(decoding: bytes, as: UTF8.self))
            return
        }
        try Output.write(bytes, to: output, language: language)
        FileHandleOut.stderr(
            language == .zh
                ? "已导出 \(table.rows.count) 位客户到 \(output)\n" : "exported \(table.rows.count) customers to \(output)\n")
    }
}

// MARK: - kh recover

struct Recover: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "撤销被中断（进程被杀死、断电）的写入，把档案库恢复到那次写入之前 (undo a write that was killed part-way).",
        discussion: """
            写入命令在 .kh/tx-<进程号>/ 中先记下每一步（日志）和被替换文件的原件，再逐步改动；\
            进程被杀死或断电后，kh recover（以及之后任何写入命令）按日志把档案库恢复到那次写入之前。\
            kh validate 以 KH114 报告这种状态。
            """)

    @OptionGroup var location: ArchiveOption<ArchiveHelp.Brief>
    @OptionGroup var messages: LanguageOption<LanguageHelp.Brief>

    func run() throws {
        let (opened, language) = try location.open(messages)
        let outcome: Recovery.Outcome
        do { outcome = try Recovery.recover(root: opened.root) } catch {
            switch error {
            case .busy: throw Failure(WriteMsg.locked, language: language)
            case .cannotCreate(let path, let reason):
                throw Failure(WriteMsg.cannotWrite(path, reason), language: language)
            }
        }
        FileHandleOut.stdout(
            (outcome.undone.isEmpty ? WriteMsg.nothingToRecover : WriteMsg.recovered(outcome)).string(language) + "\n")
        throw ExitCode(0)
    }
}
