import Foundation
import KHModel
import KHSupport
import KHValidation
import KHWrite

/// The one way a form saves (log an interaction, edit a document, a new customer): who is
/// saving, then the plan, then either its preview or the write, and the answer:
/// saved (303 to the customer), refused (422: the form again with why and the problems),
/// conflict (409: a file changed since the form was built; nothing is written, the input is
/// kept and the change is shown), or another failure (the form again with why).
struct SaveFlow {
    enum Failure: Error {
        case plan(KHError)
        case conflict(Text)
    }

    /// The customer folders the write touches (read again once written).
    var folders: Set<String>
    /// The commit's message (--commit), asked once the plan was made.
    var message: () -> Text
    /// The change, planned on `archive` as it is now, written by `author` (a 团队 member).
    var plan: (_ archive: Archive, _ author: String) throws(Failure) -> Plans.Planned
    /// Where the browser goes once saved.
    var saved: () -> String
    /// The form again, with what was typed and `feedback`, answering `status`.
    var form: (_ feedback: Feedback, _ status: Int) -> WebResponse
    /// The form again after a conflict: built from the file as it is now (409).
    var conflict: (Text) -> WebResponse

    static let chooseFirst = Text(
        zh: "请先在首页选择你是谁（记为 创建人，也是修改的作者）",
        en: "first choose who you are on the start page (the record's 创建人 and the change's author)")

    func run(_ page: PageContext) -> WebResponse {
        guard let author = page.session.member else {
            return form(Feedback(refusal: page.text(Self.chooseFirst)), 422)
        }
        if page.field("action") == "preview" {
            do throws(Failure) {
                let p = try plan(page.archive, author)
                return form(Feedback(preview: p.changes.describe(page.language, contents: true)), 200)
            } catch {
                switch error {
                case .plan(let e): return form(Feedback(refusal: page.text(e.message), errors: e.diagnostics), 422)
                case .conflict(let t): return conflict(t)
                }
            }
        }
        let outcome = page.writer.write(folders: folders, member: author, message: message) {
            (archive) throws(Failure) in try plan(archive, author)
        }
        switch outcome {
        case .written: return .redirect(Route.saved(saved()))
        case .refused(let message, let errors):
            return form(Feedback(refusal: page.text(message), errors: errors), 422)
        case .failed(409, let message): return conflict(message)
        case .failed(let status, let message): return form(Feedback(refusal: page.text(message)), status)
        }
    }

    /// A file of the form as it is now must be the version the form was built from (`hash`, its
    /// git blob id; "-": the form was for a new file).
    static func check(_ now: [UInt8]?, hash: String, path: String) throws(Failure) {
        switch (now, hash) {
        case (nil, "-"): return
        case (nil, _): throw .conflict(conflictText(path))
        case (.some, "-"): throw .conflict(FieldFormMsg.exists(path))
        case (.some(let b), _): guard SHA1.gitBlob(b) == hash else { throw .conflict(conflictText(path)) }
        }
    }

    static func conflictText(_ file: String) -> Text {
        Text(
            zh: "\(file) 在你打开表单之后被修改了（可能是编辑器、git pull、kh 命令或另一个浏览器）；没有保存。下面是它的变化，你填写的内容都还在，请核对后再保存。",
            en:
                "\(file) changed after you opened this form (an editor, a git pull, a kh command or another browser); nothing was saved. Its change is below and what you typed is kept: check it and save again."
        )
    }
}

extension PageContext {
    /// The file's change since the form's version (when kh serve still has that version).
    /// Masked as the customer's contacts are for the viewer (`number`: whose file it is).
    func difference(now: [UInt8], since hash: String, of number: String) -> String {
        let text: String
        if let before = store.seenBytes(hash) {
            text = LineDiff.describe(String(decoding: before, as: UTF8.self), String(decoding: now, as: UTF8.self))
        } else {
            text = String(decoding: now, as: UTF8.self)
        }
        return shown(text, ties(number))
    }
}
