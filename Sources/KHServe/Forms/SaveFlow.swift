import Foundation
import KHModel
import KHOutputs
import KHRules
import KHWrite
import KHYAML

/// The forms: each goes through the same planning, result check and journaled write as the
/// command line (Plans, ResultCheck, ChangeSet), one at a time, under the archive lock. A form
/// carries the git blob id of every file it was built from; a file that changed since is a
/// conflict (409): nothing is written, the input is kept and the change is shown.
enum Forms {
    enum Outcome {
        case written
        /// The result would add errors: they are shown next to the form (422).
        case refused(Text, [Diagnostic])
        /// A file changed since the form was built, or kh could not write (another kh holds the
        /// lock, the disk): the message, and the status to answer.
        case failed(Int, Text)
    }

    /// Plans and writes under the server's write lock: `plan` gets a freshly opened archive
    /// (kh.yaml as it is now) after any interrupted write has been undone.
    static func write(
        _ page: PageContext, folders: Set<String>, message: () -> Text,
        _ plan: (Archive) throws(FormError) -> Plans.Planned
    ) -> Outcome {
        let app = page.app
        return app.writeLock.withLock {
            let archive: Archive
            do throws(KHError) { archive = try Archive.open(app.library.root) } catch {
                return .failed(500, error.message)
            }
            if !Recovery.interrupted(root: archive.root).isEmpty {
                guard (try? Recovery.recover(root: archive.root)) != nil else { return .failed(503, WriteMsg.locked) }
            }
            let planned: Plans.Planned
            do throws(FormError) { planned = try plan(archive) } catch {
                switch error {
                case .plan(let e): return .refused(e.message, e.diagnostics)
                case .conflict(let t): return .failed(409, t)
                }
            }
            do throws(ChangeSet.Failure) {
                try planned.apply(to: archive)
            } catch {
                if !error.diagnostics.isEmpty { return .refused(error.message, error.diagnostics) }
                if error.message == WriteMsg.locked { return .failed(503, error.message) }
                // The one other refusal before writing: a file changed between plan and write.
                return .failed(409, error.message)
            }
            app.library.reload(folders: folders.union(planned.after))
            app.committed(planned, message: message(), by: page.session.member, archive: archive)
            return .written
        }
    }

    enum FormError: Error {
        case plan(KHError)
        case conflict(Text)
    }

    static let chooseFirst = Text(
        zh: "请先在首页选择你是谁（记为 创建人，也是修改的作者）",
        en: "first choose who you are on the start page (the record's 创建人 and the change's author)")

    static func conflictText(_ file: String) -> Text {
        Text(
            zh: "\(file) 在你打开表单之后被修改了（可能是编辑器、git pull、kh 命令或另一个浏览器）；没有保存。下面是它的变化，你填写的内容都还在，请核对后再保存。",
            en:
                "\(file) changed after you opened this form (an editor, a git pull, a kh command or another browser); nothing was saved. Its change is below and what you typed is kept: check it and save again."
        )
    }

    /// The file's change since the form's version (when kh serve still has that version).
    static func difference(_ page: PageContext, file: String, since hash: String) -> String {
        difference(page, now: CustomerReader.source(root: page.state.archive.root, path: file) ?? [], since: hash)
    }

    static func difference(_ page: PageContext, now: [UInt8], since hash: String) -> String {
        guard let before = page.app.seen.bytes(hash) else { return String(decoding: now, as: UTF8.self) }
        return LineDiff.describe(String(decoding: before, as: UTF8.self), String(decoding: now, as: UTF8.self))
    }

    // MARK: - Log an interaction

    static func entry(_ page: PageContext, number: String) -> (CustomerSnapshot, CustomerRegistry.Entry)? {
        guard let s = Pages.snapshot(page, number: number), s.basic != nil else { return nil }
        return (s, CustomerRegistry.Entry(s))
    }

    /// What the log form shows: defaults, or what the visitor typed.
    struct LogInput {
        var time, method, type, ours, theirs, content, feedback, result, stepTask, stepOwner, stepDue, stepPriority,
            hash: String

        init(_ page: PageContext) {
            (time, method, type, ours, theirs) = (
                page.field("time"), page.field("method"), page.field("type"), page.field("ours"), page.field("theirs")
            )
            (content, feedback, result) = (page.field("content"), page.field("feedback"), page.field("result"))
            (stepTask, stepOwner, stepDue, stepPriority) = (
                page.field("step_task"), page.field("step_owner"), page.field("step_due"), page.field("step_priority")
            )
            hash = page.field("hash")
        }

        init(defaults entry: CustomerRegistry.Entry, member: String?, now: Moment, hash: String) {
            time = "\(now.day)T\(Values.pad(now.hour, 2)):\(Values.pad(now.minute, 2))"
            (method, type) = ("电话", "日常维护")
            ours = member ?? ""
            theirs = entry.contactNames.first ?? ""
            (content, feedback, result, stepTask, stepOwner, stepDue, stepPriority) = (
                "", "", "", "", member ?? "", "", "中"
            )
            self.hash = hash
        }
    }

    static func logPage(
        _ page: PageContext, number: String, input: LogInput?, refusal: String? = nil, preview: String? = nil,
        errors: [Diagnostic] = [], diff: String? = nil, status: Int = 200
    ) -> WebResponse {
        guard let (s, entry) = entry(page, number: number), let path = entry.basicPath else {
            return Pages.notFound(page, number)
        }
        let config = page.state.archive.config
        let input =
            input
            ?? LogInput(
                defaults: entry, member: page.session.member, now: Clock.now(config),
                hash: CustomerReader.source(root: page.state.archive.root, path: path).map {
                    page.app.seen.remember($0)
                } ?? "")
        func options(_ values: [String], _ chosen: String) -> [[String: Any]] { Views.options(values, chosen) }
        var ctx: [String: Any] = [:]
        ctx["number"] = s.number
        ctx["name"] = s.name
        ctx["hash"] = input.hash
        ctx["time"] = input.time
        ctx["ours"] = input.ours
        ctx["theirs"] = input.theirs
        ctx["content"] = input.content
        ctx["feedback"] = input.feedback
        ctx["result"] = input.result
        ctx["stepTask"] = input.stepTask
        ctx["stepDue"] = input.stepDue
        ctx["methods"] = options(Declarations.methods, input.method)
        ctx["types"] = options(Declarations.contentTypes, input.type)
        ctx["owners"] = options(config.team.filter(\.active).map(\.name), input.stepOwner)
        ctx["priorities"] = options(["高", "中", "低"], input.stepPriority)
        if let refusal { ctx["refusal"] = refusal }
        if let diff { ctx["diff"] = diff }
        if let preview { ctx["preview"] = preview }
        ctx["errors"] = errors.map { Pages.problemRow($0, page, base: s.directory.path) }
        ctx["hasErrors"] = !errors.isEmpty
        return page.html("log", title: page.zh ? "记录互动" : "Log an interaction", ctx, status: status)
    }

    static func log(_ page: PageContext, number: String) -> WebResponse {
        let input = LogInput(page)
        guard let (_, entry) = entry(page, number: number), let basicPath = entry.basicPath else {
            return Pages.notFound(page, number)
        }
        let author = page.session.member
        guard let author else {
            return logPage(page, number: number, input: input, refusal: page.text(chooseFirst), status: 422)
        }
        func planned(_ archive: Archive) throws(FormError) -> Plans.Planned {
            guard let now = CustomerReader.source(root: archive.root, path: basicPath), SHA1.gitBlob(now) == input.hash
            else {
                throw .conflict(conflictText(basicPath))
            }
            do throws(KHError) {
                let clock = Clock.now(archive.config)
                let moment = try InteractionDraft.time(input.time.replacingOccurrences(of: "T", with: " "), now: clock)
                var i = NewInteraction(
                    time: moment, method: input.method, contentType: input.type,
                    ours: InteractionDraft.names(input.ours), theirs: InteractionDraft.names(input.theirs),
                    content: input.content)
                i.feedback = input.feedback.isEmpty ? nil : input.feedback
                i.result = input.result.isEmpty ? nil : input.result
                if !input.stepTask.trimmingCharacters(in: .whitespaces).isEmpty {
                    i.steps.append(
                        try InteractionDraft.step(
                            [input.stepTask, input.stepOwner, input.stepDue, input.stepPriority].joined(separator: ";"),
                            config: archive.config))
                }
                let author = try Author.resolve(author, config: archive.config, root: archive.root)
                return try Plans.log(i, customer: entry, archive: archive, author: author, today: clock.day).planned
            } catch {
                throw .plan(error)
            }
        }
        let outcome: Outcome
        if page.field("action") == "preview" {
            do throws(FormError) {
                let p = try planned(page.state.archive)
                return logPage(
                    page, number: number, input: input, preview: p.changes.describe(page.language, contents: true))
            } catch {
                switch error {
                case .plan(let e): outcome = .refused(e.message, e.diagnostics)
                case .conflict(let t): outcome = .failed(409, t)
                }
            }
        } else {
            outcome = write(
                page, folders: [entry.directory.name],
                message: {
                    Text(
                        zh:
                            "记录互动：\(entry.number) \((entry.shortName ?? entry.name ?? ""))，\(input.time.replacingOccurrences(of: "T", with: " ")) \(input.method)（\(input.type)）",
                        en:
                            "Log an interaction: \(entry.number) \((entry.shortName ?? entry.name ?? "")), \(input.time.replacingOccurrences(of: "T", with: " ")) \(input.method) (\(input.type))"
                    )
                }, planned)
        }
        switch outcome {
        case .written: return .redirect("/customers/" + Form.encode(entry.number))
        case .refused(let message, let errors):
            return logPage(page, number: number, input: input, refusal: page.text(message), errors: errors, status: 422)
        case .failed(409, let message):
            // The form now carries the file as it is: saving again after checking goes through.
            let now = CustomerReader.source(root: page.state.archive.root, path: basicPath) ?? []
            var kept = input
            kept.hash = page.app.seen.remember(now)
            return logPage(
                page, number: number, input: kept, refusal: page.text(message),
                diff: difference(page, now: now, since: input.hash), status: 409)
        case .failed(let status, let message):
            return logPage(page, number: number, input: input, refusal: page.text(message), status: status)
        }
    }

    // MARK: - A next step done or moved

    static func step(_ page: PageContext, number: String) -> WebResponse {
        let file = page.field("file")
        let hash = page.field("hash")
        let action = page.field("action")
        let back =
            page.field("back").hasPrefix("/") && !page.field("back").hasPrefix("//")
            ? page.field("back") : "/customers/" + Form.encode(number)
        guard let index = Int(page.field("index")), let (snapshot, entry) = entry(page, number: number) else {
            return Pages.notFound(page, number)
        }
        // Only a record kh's reader listed in this customer's folder (no path from the browser
        // is trusted: not `..`, not a folder that is a symbolic link).
        guard snapshot.interactions.contains(where: { $0.path == file }) else {
            return page.app.errorPage(
                404, Text(zh: "\(number) 没有互动记录 \(file)", en: "\(number) has no interaction record \(file)"),
                page.language)
        }
        let change: StepChange
        switch action {
        case "done": change = .done
        case "move":
            guard let day = Values.date(page.field("due")) else {
                return page.app.errorPage(
                    422,
                    Text(
                        zh: "新的截止日期「\(page.field("due"))」不是 YYYY-MM-DD 日期",
                        en: "the new due date '\(page.field("due"))' is not a YYYY-MM-DD date"), page.language)
            }
            change = .move(day)
        default:
            return page.app.errorPage(
                400, Text(zh: "未知的操作「\(action)」", en: "unknown action '\(action)'"), page.language)
        }
        let task = snapshot.interactions.first { $0.path == file }?.steps.first { $0.index == index }?.task ?? ""
        let outcome = write(
            page, folders: [entry.directory.name],
            message: {
                switch change {
                case .done:
                    return Text(
                        zh: "下一步计划已完成：\(entry.number) \((entry.shortName ?? entry.name ?? ""))「\(task)」",
                        en: "Next step done: \(entry.number) \((entry.shortName ?? entry.name ?? "")) '\(task)'")
                case .move(let day):
                    return Text(
                        zh: "下一步计划改期到 \(day)：\(entry.number) \((entry.shortName ?? entry.name ?? ""))「\(task)」",
                        en:
                            "Next step moved to \(day): \(entry.number) \((entry.shortName ?? entry.name ?? "")) '\(task)'"
                    )
                }
            }
        ) { (archive) throws(FormError) in
            guard let now = CustomerReader.source(root: archive.root, path: file), SHA1.gitBlob(now) == hash else {
                throw .conflict(conflictText(file))
            }
            do throws(KHError) {
                return try Plans.step(
                    change, file: file, index: index, customer: entry, archive: archive,
                    today: Clock.now(archive.config).day)
            } catch {
                throw .plan(error)
            }
        }
        switch outcome {
        case .written: return .redirect(back)
        case .refused(let message, let errors):
            let detail = errors.map { "\($0.code) \($0.path ?? ""): \(page.text($0.message))" }.joined(separator: "\n")
            return page.app.errorPage(
                422,
                Text(
                    zh: message.zh + (detail.isEmpty ? "" : "\n" + detail),
                    en: message.en + (detail.isEmpty ? "" : "\n" + detail)), page.language)
        case .failed(409, let message):
            return page.html(
                "error", title: page.zh ? "文件已被修改" : "The file changed",
                [
                    "heading": page.zh ? "文件已被修改" : "The file changed", "message": page.text(message),
                    "diff": difference(page, file: file, since: hash),
                ], status: 409)
        case .failed(let status, let message):
            return page.app.errorPage(status, message, page.language)
        }
    }
}

extension Pages {
    static func logForm(_ page: PageContext, number: String, input: Forms.LogInput?) -> WebResponse {
        guard page.app.settings.permission >= .log else {
            return page.app.errorPage(
                403,
                Text(
                    zh: "kh serve 以 --allow view 启动，不能记录互动",
                    en: "kh serve was started with --allow view: interactions cannot be logged"), page.language)
        }
        return Forms.logPage(page, number: number, input: input)
    }
}
