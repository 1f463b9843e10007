import Foundation
import KHModel
import KHSupport
import KHValidation
import KHWrite

/// `/customers/<number>/log`: kh log in a form (an interaction record, and a next step).
enum LogPage {
    struct Model {
        let number: String
        let name: String
        let hash: String
        let time: String
        let ours: String
        let theirs: String
        let content: String
        let feedback: String
        let result: String
        let stepTask: String
        let stepDue: String
        let methods: [OptionRow]
        let types: [OptionRow]
        let owners: [OptionRow]
        let priorities: [OptionRow]
        let refusal: String?
        let diff: String?
        let preview: String?
        let errors: [ProblemRow]
        let hasErrors: Bool
    }

    /// What the log form shows: defaults, or what the visitor typed.
    struct Input {
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

    static func get(_ page: PageContext, number: String) -> WebResponse {
        guard let ties = page.ties(number) else { return page.notFound(number) }
        guard page.viewer.mayLog(ties) else { return page.forbidden(Routes.Refusal.log) }
        return render(page, number: number, input: nil)
    }

    static func render(
        _ page: PageContext, number: String, input: Input?, feedback: Feedback = Feedback(), status: Int = 200
    ) -> WebResponse {
        page.withBasicInfo(number) { s, entry in
            render(page, s, entry, input: input, feedback: feedback, status: status)
        }
    }

    static func render(
        _ page: PageContext, _ s: CustomerSnapshot, _ entry: CustomerRegistry.Entry, input: Input?, feedback: Feedback,
        status: Int
    ) -> WebResponse {
        guard let path = entry.basicPath else { return page.notFound(s.number) }
        let config = page.config
        let input =
            input
            ?? Input(
                defaults: entry, member: page.session.member, now: Clock.now(config),
                hash: page.source(path).map(page.remember) ?? "")
        let model = Model(
            number: s.number, name: s.name, hash: input.hash, time: input.time, ours: input.ours,
            theirs: input.theirs, content: input.content, feedback: input.feedback, result: input.result,
            stepTask: input.stepTask, stepDue: input.stepDue,
            methods: Views.options(Declarations.methods, input.method),
            types: Views.options(Declarations.contentTypes, input.type),
            owners: Views.options(config.team.filter(\.active).map(\.name), input.stepOwner),
            priorities: Views.options(["高", "中", "低"], input.stepPriority), refusal: feedback.refusal,
            diff: feedback.diff, preview: feedback.preview,
            errors: feedback.errors.map { ProblemRow($0, page, base: s.directory.path) },
            hasErrors: !feedback.errors.isEmpty)
        return page.html("log", title: page.zh ? "记录互动" : "Log an interaction", model, status: status)
    }

    static func post(_ page: PageContext, number: String) -> WebResponse {
        let input = Input(page)
        return page.withBasicInfo(number) { _, entry in save(page, input, number: number, entry: entry) }
    }

    static func save(_ page: PageContext, _ input: Input, number: String, entry: CustomerRegistry.Entry) -> WebResponse
    {
        guard let basicPath = entry.basicPath else { return page.notFound(number) }
        let name = entry.shortName ?? entry.name ?? ""
        let when = input.time.replacingOccurrences(of: "T", with: " ")
        let flow = SaveFlow(
            folders: [entry.directory.name],
            message: {
                Text(
                    zh: "记录互动：\(entry.number) \(name)，\(when) \(input.method)（\(input.type)）",
                    en: "Log an interaction: \(entry.number) \(name), \(when) \(input.method) (\(input.type))")
            },
            plan: { (archive, author) throws(SaveFlow.Failure) in
                guard let now = CustomerReader.source(root: archive.root, path: basicPath),
                    SHA1.gitBlob(now) == input.hash
                else { throw .conflict(SaveFlow.conflictText(basicPath)) }
                do throws(KHError) { return try plan(input, entry: entry, archive: archive, author: author) } catch {
                    throw .plan(error)
                }
            },
            saved: { "/customers/" + Form.encode(entry.number) },
            form: { feedback, status in render(page, number: number, input: input, feedback: feedback, status: status)
            },
            conflict: { message in
                // The form now carries the file as it is: saving again after checking goes through.
                let now = page.source(basicPath) ?? []
                var kept = input
                kept.hash = page.remember(now)
                return render(
                    page, number: number, input: kept,
                    feedback: Feedback(
                        refusal: page.text(message), diff: page.difference(now: now, since: input.hash, of: number)),
                    status: 409)
            })
        return flow.run(page)
    }

    /// The interaction the form describes, as kh log plans it.
    static func plan(
        _ input: Input, entry: CustomerRegistry.Entry, archive: Archive, author: String
    ) throws(KHError) -> Plans.Planned {
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
    }
}
