import KHModel
import KHSupport
import KHValidation
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An interaction record as a person gives it to `kh log`: the values of its options (`--time`,
/// `--ours`/`--theirs`, `--next`), the form it opens in `$EDITOR`, and a draft (or `--file`)
/// read back into a `NewInteraction`. `Plans.log` then checks the record as a whole.
public enum InteractionDraft {
    // MARK: - Option values

    /// `--time`: `YYYY-MM-DD HH:MM`, or a day alone at `now`'s hour and minute.
    public static func time(_ text: String, now: Moment) throws(KHError) -> Moment {
        guard
            let m = Values.datetime(text)
                ?? Values.date(text).map({ Moment(day: $0, hour: now.hour, minute: now.minute) })
        else {
            throw .badInput(LogMsg.badTime(text))
        }
        return m
    }

    /// `--ours`, `--theirs`: names separated by commas (`,`, `，`) or `、`, blanks left out.
    public static func names(_ text: String) -> [String] {
        text.split(whereSeparator: { ",，、".contains($0) }).map { String($0).trimmingWhitespace() }.filter {
            !$0.isEmpty
        }
    }

    /// `--next "事项;负责人;截止日期[;优先级]"`: a next step. The date is repaired where kh fix
    /// would (`2025/5/15` → `2025-05-15`); the priority is 中 when left out.
    public static func step(_ text: String, config: Config) throws(KHError) -> NewInteraction.Step {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        guard parts.count >= 3 else { throw .badInput(LogMsg.badStep(text)) }
        return NewInteraction.Step(
            task: parts[0], owner: parts[1], due: Repair.value(parts[2], type: .date, config: config) ?? parts[2],
            priority: parts.count > 3 && !parts[3].isEmpty ? parts[3] : defaultPriority)
    }

    static let defaultPriority = "中"

    // MARK: - The editor's form

    /// The form `kh log` opens in `$EDITOR`: the record so far, with the choices of 沟通方式
    /// and 内容类型 (the schema's) beside them and an example next step.
    public static func form(_ i: NewInteraction, customer: CustomerRegistry.Entry) -> String {
        typealias F = FieldName
        return """
            # kh log：\(customer.number) \(customer.name ?? "")。填写后保存并退出；清空 \(F.content) 则取消。
            # \(F.nextSteps)要具体：\(F.task)、\(F.assignee)、\(F.due)（YYYY-MM-DD）、\(F.priority)（\(FieldChecker.levels.joined(separator: "/"))）。
            \(F.time): \(i.time)
            \(F.method): \(i.method)               # \(Declarations.methods.joined(separator: " "))
            \(F.participants):
              \(F.ours): [\(i.ours.joined(separator: ", "))]
              \(F.theirs): [\(i.theirs.joined(separator: ", "))]
            \(F.contentType): \(i.contentType)          # \(Declarations.contentTypes.joined(separator: " "))
            \(F.content): |
              \(i.content)
            \(F.feedback):
            \(F.result):
            \(F.nextSteps):
            #  - {\(F.task): 提供报价单, \(F.assignee): \(i.ours.first ?? ""), \(F.due): \(i.time.day), \(F.priority): \(defaultPriority)}

            """
    }

    /// Writes the form into `.kh/drafts/` of the archive at `root`; the draft's path. It stays
    /// there until the record is written, so nothing typed is lost.
    public static func save(
        _ i: NewInteraction, customer: CustomerRegistry.Entry, root: String
    ) throws(KHError) -> String {
        guard let drafts = KHFolder.path(root, "drafts", create: true) else {
            throw KHError(LogMsg.cannotCreateDrafts(root + "/" + KHFolder.name + "/drafts"))
        }
        let path = drafts + "/\(customer.number)-\(i.time.day)-\(getpid()).yaml"
        do { try AtomicWrite.write(Array(form(i, customer: customer).utf8), to: path) } catch {
            throw KHError(LogMsg.cannotWriteDraft(path))
        }
        return path
    }

    // MARK: - A draft read back

    /// The bytes of a draft or `--file`.
    public static func contents(of path: String) throws(KHError) -> [UInt8] {
        guard case .success(let bytes) = FileSystem.read(path, limit: YAMLLimits.maxFileSize) else {
            throw KHError(LogMsg.cannotRead(path))
        }
        return bytes
    }

    /// A record from a YAML mapping with the form's fields (`file` names it in messages); what
    /// it leaves out comes from `base`, but 沟通内容, 客户反馈, 处理结果 and 下一步计划 are
    /// the file's alone. Not a YAML mapping: an error with the parser's diagnostics; a 沟通时间
    /// that is no time (even repaired): an error naming the file and the field. Both are bad
    /// input (exit 2): the draft is what the user gave, not the archive.
    public static func record(_ bytes: [UInt8], file: String, base: NewInteraction) throws(KHError) -> NewInteraction {
        let parsed = YAMLParser.parse(bytes, file: file)
        guard case .mapping(let m)? = parsed.root, !parsed.diagnostics.contains(where: { $0.severity == .error }) else {
            throw .badInput(LogMsg.notAMapping(file), diagnostics: parsed.diagnostics)
        }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let draft = InteractionRecord(
            file: DocumentFile(type: .interaction, path: file, name: name, group: nil, nameIsWellFormed: false),
            mapping: m)
        var r = base
        if let t = draft.timeText {
            guard
                let v = Values.datetime(t)
                    ?? Repair.value(t, type: .datetime, config: Config()).flatMap(Values.datetime)
            else {
                throw .badInput(LogMsg.badDraftTime(file, t))
            }
            r.time = v
        }
        if let v = draft.method { r.method = v }
        if let v = draft.contentType { r.contentType = v }
        if draft.participants != nil { (r.ours, r.theirs) = (draft.ours, draft.theirs) }
        r.content = draft.content ?? ""
        (r.feedback, r.result) = (draft.feedback, draft.result)
        r.steps = draft.steps.map { s in
            NewInteraction.Step(
                task: s.task ?? "", owner: s.assignee ?? "", due: s.dueText ?? "",
                priority: s.priority ?? defaultPriority)
        }
        return r
    }
}

/// Messages of `kh log`'s option values and drafts.
public enum LogMsg {
    static func badTime(_ t: String) -> Text {
        Text(zh: "--time「\(t)」不是 YYYY-MM-DD HH:MM", en: "--time '\(t)' is not YYYY-MM-DD HH:MM")
    }
    static func badStep(_ s: String) -> Text {
        Text(zh: "--next 需要「事项;负责人;截止日期[;优先级]」，这里是「\(s)」", en: "--next needs 'task;owner;due[;priority]', got '\(s)'")
    }
    static func cannotCreateDrafts(_ drafts: String) -> Text {
        Text(zh: "无法创建 \(drafts)（.kh 须是文件夹，不能是链接）", en: "cannot create \(drafts) (.kh must be a folder, not a link)")
    }
    static func cannotWriteDraft(_ path: String) -> Text { Text(zh: "无法写入 \(path)", en: "cannot write \(path)") }
    static func cannotRead(_ path: String) -> Text { Text(zh: "无法读取 \(path)", en: "cannot read \(path)") }
    static func notAMapping(_ path: String) -> Text {
        Text(zh: "\(path) 不是有效的 YAML 映射", en: "\(path) is not a valid YAML mapping")
    }
    static func badDraftTime(_ path: String, _ t: String) -> Text {
        Text(
            zh: "\(path)：\(FieldName.time)「\(t)」不是 YYYY-MM-DD HH:MM",
            en: "\(path): \(FieldName.time) '\(t)' is not YYYY-MM-DD HH:MM")
    }
}
