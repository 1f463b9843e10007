import Foundation
import KHModel
import KHSupport
import KHValidation
import KHWrite

/// `POST /customers/<number>/steps`: a next step marked done or moved (from the customer's
/// page or my week), written as kh writes it (`Plans.step`); back to the page it came from.
/// It has no page of its own: a refusal or a conflict is an error page.
enum StepForm {
    static func post(_ page: PageContext, number: String) -> WebResponse {
        let file = page.field("file")
        let hash = page.field("hash")
        let back = Route.local(page.field("back")) ?? "/customers/" + Form.encode(number)
        guard let index = Int(page.field("index")) else { return page.notFound(number) }
        return page.withBasicInfo(number) { snapshot, entry in
            post(
                page, number: number, snapshot: snapshot, entry: entry, file: file, hash: hash, index: index, back: back
            )
        }
    }

    static func post(
        _ page: PageContext, number: String, snapshot: CustomerSnapshot, entry: CustomerRegistry.Entry, file: String,
        hash: String, index: Int, back: String
    ) -> WebResponse {
        // Only a record kh's reader listed in this customer's folder (no path from the browser
        // is trusted: not `..`, not a folder that is a symbolic link).
        guard snapshot.interactions.contains(where: { $0.path == file }) else {
            return page.error(
                404, Text(zh: "\(number) 没有互动记录 \(file)", en: "\(number) has no interaction record \(file)"))
        }
        let assignee = snapshot.interactions.first { $0.path == file }?.steps.first { $0.index == index }?.assignee
        guard page.viewer.mayChangeStep(CustomerTies(snapshot), assignee: assignee) else {
            return page.forbidden(Routes.Refusal.steps)
        }
        let change: StepChange
        switch asked(page) {
        case .success(let c): change = c
        case .failure(let refusal): return refusal
        case .wrong(let why): return again(page, number: number, back: back, file: file, index: index, why)
        }
        let task = snapshot.interactions.first { $0.path == file }?.steps.first { $0.index == index }?.task ?? ""
        let name = entry.shortName ?? entry.name ?? ""
        let outcome = page.writer.write(
            folders: [entry.directory.name], member: page.session.member,
            message: {
                switch change {
                case .done:
                    return Text(
                        zh: "下一步计划已完成：\(entry.number) \(name)「\(task)」",
                        en: "Next step done: \(entry.number) \(name) '\(task)'")
                case .move(let day):
                    return Text(
                        zh: "下一步计划改期到 \(day)：\(entry.number) \(name)「\(task)」",
                        en: "Next step moved to \(day): \(entry.number) \(name) '\(task)'")
                }
            }
        ) { (archive) throws(SaveFlow.Failure) in
            guard let now = CustomerReader.source(root: archive.root, path: file), SHA1.gitBlob(now) == hash else {
                throw .conflict(SaveFlow.conflictText(file))
            }
            do throws(KHError) {
                return try Plans.step(
                    change, file: file, index: index, customer: entry, archive: archive,
                    today: Clock.now(archive.config).day)
            } catch {
                throw .plan(error)
            }
        }
        return answer(outcome, page, number: number, back: back, file: file, index: index, hash: hash)
    }

    /// What the form asks: done, or moved to a day.
    private enum Asked {
        case success(StepChange)
        case failure(WebResponse)
        /// What was typed is wrong: said beside the step's field.
        case wrong(Text)
    }

    /// The page the form came from (the customer's, or my week) again, with why beside the step (422).
    static func again(
        _ page: PageContext, number: String, back: String, file: String, index: Int, _ why: Text
    ) -> WebResponse {
        var p = page
        p.stepError = StepError(file: file, index: index, message: page.text(why))
        var r = back.hasPrefix("/customers/") ? CustomerPage.get(p, number: number) : WeekPage.get(p)
        if r.status == 200 { r.status = 422 }
        return r
    }

    private static func asked(_ page: PageContext) -> Asked {
        let action = page.field("action")
        switch action {
        case "done": return .success(.done)
        case "move":
            guard let day = Values.date(page.field("due")) else {
                return .wrong(
                    Text(
                        zh: "新的截止日期「\(page.field("due"))」不是 YYYY-MM-DD 日期",
                        en: "the new due date '\(page.field("due"))' is not a YYYY-MM-DD date"))
            }
            return .success(.move(day))
        default:
            return .failure(page.error(400, Text(zh: "未知的操作「\(action)」", en: "unknown action '\(action)'")))
        }
    }

    private static func answer(
        _ outcome: ArchiveWriter.Outcome, _ page: PageContext, number: String, back: String, file: String, index: Int,
        hash: String
    ) -> WebResponse {
        switch outcome {
        case .written: return .redirect(Route.saved(back))
        case .refused(let message, let errors):
            let detail = errors.map { page.text($0.message) }.joined(separator: "；")
            return again(
                page, number: number, back: back, file: file, index: index,
                Text(
                    zh: message.zh + (detail.isEmpty ? "" : "：" + detail),
                    en: message.en + (detail.isEmpty ? "" : ": " + detail)))
        case .failed(409, let message):
            return ErrorPage.render(
                page, status: 409, message: page.text(message),
                diff: page.difference(now: page.source(file) ?? [], since: hash, of: number),
                member: page.session.member)
        case .failed(let status, let message):
            return page.error(status, message)
        }
    }
}
