import Foundation
import KHModel
import KHSupport
import KHValidation

/// Why a next step's form (mark done, move) was not saved, for the page it came from.
struct StepError {
    let file: String
    let index: Int
    let message: String
}

/// What the layout says of git: files git has not recorded, and the last refused commit.
struct GitBanner {
    var uncommitted: Int?
    var problem: String?
}

/// What a page handler gets: the request, the visitor's session and language, and the server
/// as it was when the request came (settings, the archive, git), with the two things a page
/// may change: the state's remembered files and memos (`store`) and the archive (`writer`).
struct PageContext {
    let request: WebRequest
    let session: Session
    let language: Language
    let settings: ServeSettings
    let state: Library.State
    let git: GitBanner
    let store: ServerState
    let writer: ArchiveWriter
    /// Who is looking and what their role lets them do (docs/serve.md's table).
    let viewer: Viewer
    /// Team mode's door (nil in local mode).
    let team: TeamGate?
    /// A next step's form that was refused: the page shows why beside that step's date.
    var stepError: StepError? = nil

    var zh: Bool { language == .zh }
    var archive: Archive { state.archive }
    var config: Config { state.archive.config }

    func param(_ name: String) -> String? {
        request.query.first { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespaces) }.flatMap {
            $0.isEmpty ? nil : $0
        }
    }

    /// A form field as typed (a textarea's CRLF line breaks read as `\n`).
    func field(_ name: String) -> String {
        (request.form.first { $0.0 == name }?.1 ?? "").replacingOccurrences(of: "\r\n", with: "\n")
    }

    func text(_ t: Text) -> String { t.string(language) }

    /// Keeps a file's contents for a form built from it; the id the form carries.
    func remember(_ bytes: [UInt8]) -> String { store.remember(bytes) }

    /// A file of the archive as it is now.
    func source(_ path: String) -> [UInt8]? { CustomerReader.source(root: archive.root, path: path) }

    func chrome(member: String?) -> Views.Chrome {
        Views.Chrome(
            language: language, archiveName: config.archiveName, member: member, settings: settings, git: git,
            viewer: viewer, saved: param("saved") != nil)
    }

    /// A refusal of something the viewer's role (or, in local mode, --allow) does not allow.
    func forbidden(_ what: Text) -> WebResponse {
        guard viewer.team else {
            let allowed = settings.permission.rawValue
            return error(
                403,
                Text(
                    zh: "kh serve 以 --allow \(allowed) 启动，\(what.string(.zh))",
                    en: "kh serve was started with --allow \(allowed): \(what.string(.en))"))
        }
        let role = viewer.role ?? "-"
        return error(
            403,
            Text(
                zh: "你的角色（\(role)）\(what.string(.zh))；如需要，请找资料专员或管理员",
                en: "your role (\(role)) \(what.string(.en)); ask the archivist or an administrator if you need to"))
    }

    /// `template` with `model`, in the layout.
    func html<Model>(_ template: String, title: String, _ model: Model, status: Int = 200) -> WebResponse {
        .html(
            status,
            Views.page(template, title: title, model, token: session.token, chrome: chrome(member: session.member)))
    }

    /// An error page (it names nobody: no member in its header).
    func error(_ status: Int, _ message: Text) -> WebResponse {
        ErrorPage.render(self, status: status, message: text(message))
    }
}
