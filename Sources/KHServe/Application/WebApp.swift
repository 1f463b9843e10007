import Foundation
import KHModel
import KHOutputs
import KHRules
import KHWrite
import KHYAML

/// kh serve's pages and forms, independent of the HTTP transport: `handle` takes a request
/// and gives the response. Every request is checked before anything else (Host, then for a
/// form post: permission, Origin, token); every page is escaped by its template.
public final class WebApp: @unchecked Sendable {
    let library: Library
    private let settingsLock = NSLock()
    private var _settings: ServeSettings
    /// One write at a time (the archive lock is per process and file, and a write's signal
    /// handling is process-wide).
    let writeLock = NSLock()
    /// Contents of files forms were built from, by git blob id: a refused save (409) shows
    /// what changed since. Bounded; an evicted one shows the file as it is now.
    let seen = SeenFiles()
    /// Signs the session tokens (new at every start).
    let secret = Session.randomBytes(32)
    /// Pages computed once per state of the archive (kh review, the catalogue, the report).
    let memoLock = NSLock()
    var memos: [String: (generation: Int, text: String)] = [:]
    var reviewMemo: (generation: Int, today: Day, review: Review)?
    /// What kh review found per customer folder, with the fingerprint it was read at.
    var reviewFacts: (today: Day?, config: [UInt8], byFolder: [String: (Fingerprint.Value, Review.Reviewed)]) = (
        nil, [], [:]
    )
    /// One review computed at a time (a second visitor waits for it rather than repeating it).
    let reviewLock = NSLock()

    public var settings: ServeSettings {
        get { settingsLock.withLock { _settings } }
        set { settingsLock.withLock { _settings = newValue } }
    }

    public init(root: String, settings: ServeSettings) throws(KHError) {
        library = try Library(root: root)
        _settings = settings
    }

    /// The archive's root and name, for the command's start-up message.
    public var archiveRoot: String { library.state.archive.root }
    public var archiveName: String { library.state.archive.config.archiveName }
    public var customerCount: Int { library.state.entries.count }

    /// Re-reads what changed on disk; true when something did. kh serve runs it in the
    /// background every few seconds.
    @discardableResult
    public func refresh() -> Bool {
        let changed = library.refresh()
        refreshGit()
        // My week is ready before anyone asks (the first time it reads every customer).
        _ = review(library.state)
        return changed
    }

    // MARK: - git

    private let gitLock = NSLock()
    private var _uncommitted: Int?
    private var _gitProblem: String?
    /// How many files under the archive git sees changed (nil: not in a repository).
    var uncommitted: Int? { gitLock.withLock { _uncommitted } }
    /// The last commit git refused (--commit), until one succeeds.
    var gitProblem: String? { gitLock.withLock { _gitProblem } }

    public func refreshGit() {
        let n = GitWork.uncommitted(archiveRoot)
        gitLock.withLock { _uncommitted = n }
    }

    /// After a write: with --commit, the change becomes one commit by the member who saved it.
    func committed(_ planned: Plans.Planned, message: Text, by member: String?, archive: Archive) {
        defer { refreshGit() }
        guard settings.commit, let name = member, let m = archive.config.member(named: name) else { return }
        let lang = archive.config.language
        let body = message.string(lang) + "\n\n" + (lang == .zh ? "由 kh serve 保存。" : "Saved with kh serve.")
        let problem = GitWork.commit(GitWork.paths(planned.changes), message: body, member: m, root: archive.root)
        gitLock.withLock { _gitProblem = problem }
        if let problem {
            FileHandleOut.stderr(
                (lang == .zh
                    ? "kh：git commit 失败，修改已保存但未提交：" : "kh: git commit failed; the change is saved, not committed: ")
                    + problem + "\n")
        }
    }

    /// The start-up warnings of --commit: members whose git e-mail kh does not know.
    public func commitWarnings() -> [Text] {
        let config = library.state.archive.config
        return config.team.filter(\.active).compactMap { m -> Text? in
            let (email, known) = GitWork.email(for: m, root: archiveRoot)
            return known
                ? nil
                : Text(
                    zh: "团队成员 \(m.name) 的 git 邮箱未知，提交将署名 \(email)；在 kh.yaml 团队 的 git 中写上邮箱即可",
                    en:
                        "the git e-mail of \(m.name) is unknown; commits will be authored as \(email): write the address as their git in kh.yaml 团队"
                )
        }
    }

    public var isGitRepository: Bool { GitWork.isRepository(archiveRoot) }

    var language: Language { settings.language ?? library.state.archive.config.language }

    // MARK: - Handling

    public func handle(_ request: WebRequest) -> WebResponse {
        var response = respond(request)
        Security.harden(&response)
        if request.method == "HEAD" { response.body = [] }
        return response
    }

    private func respond(_ request: WebRequest) -> WebResponse {
        let lang = language
        let s = settings
        guard let host = request.headers["host"], s.allowedHosts.contains(host.lowercased()) else {
            return errorPage(
                421,
                Text(
                    zh: "这个地址（Host: \(request.headers["host"] ?? "无")）不是 kh serve 监听的地址；请用 \(s.url) 打开",
                    en:
                        "this address (Host: \(request.headers["host"] ?? "none")) is not the one kh serve listens on; open \(s.url)"
                ), lang)
        }
        guard let path = Route.path(request.rawPath) else {
            return errorPage(
                400, Text(zh: "地址无效：\(request.rawPath)", en: "not a valid address: \(request.rawPath)"), lang)
        }
        var session = Session(request, secret: secret)
        var response: WebResponse
        switch request.method {
        case "GET", "HEAD":
            response = get(path, request, session: session, lang)
        case "POST":
            if let refusal = Security.checkPost(request, session: session, settings: s, lang) {
                response = errorPage(refusal.status, refusal.message, lang)
            } else {
                response = post(path, request, session: &session, lang)
            }
        default:
            response = errorPage(
                405, Text(zh: "不支持的请求方法 \(request.method)", en: "method \(request.method) is not supported"), lang)
            response.headers.append(("Allow", "GET, HEAD, POST"))
        }
        session.write(into: &response)
        return response
    }

    private func get(_ path: [String], _ request: WebRequest, session: Session, _ lang: Language) -> WebResponse {
        let page = PageContext(app: self, request: request, session: session, language: lang)
        let notFound = errorPage(
            404,
            Text(zh: "没有这个页面：/\(path.joined(separator: "/"))", en: "no such page: /\(path.joined(separator: "/"))"),
            lang)
        guard let first = path.first else { return Pages.week(page) }
        switch (first, path.count) {
        case ("assets", 2) where path[1] == "kh.css":
            return WebResponse(
                status: 200, headers: [("Content-Type", "text/css; charset=utf-8"), ("Cache-Control", "max-age=3600")],
                body: Array(Views.css.utf8))
        case ("customers", 1): return Pages.customers(page)
        case ("customers.json", 1): return Pages.customersJSON(page)
        case ("customers", 2) where path[1] == "new": return NewCustomerForm.form(page)
        case ("customers", 2):
            let n = path[1]
            return n.hasSuffix(".json")
                ? Pages.customerJSON(page, number: String(n.dropLast(5))) : Pages.customer(page, number: n)
        case ("customers", 3) where path[2] == "log": return Pages.logForm(page, number: path[1], input: nil)
        case ("customers", 4) where path[2] == "edit":
            guard let target = Editor.Target(path[3], year: page.param("year")) else { return notFound }
            return Editor.form(page, number: path[1], target: target)
        case ("problems", 1): return Pages.problems(page)
        case ("catalogue", 1): return Pages.catalogue(page)
        case ("review", 1): return Pages.review(page)
        case ("report", 1): return Pages.report(page)
        default: return notFound
        }
    }

    private func post(_ path: [String], _ request: WebRequest, session: inout Session, _ lang: Language) -> WebResponse
    {
        let page = PageContext(app: self, request: request, session: session, language: lang)
        let s = settings
        func need(_ p: Permission) -> WebResponse? {
            guard s.permission < p else { return nil }
            return errorPage(
                403,
                Text(
                    zh: "kh serve 以 --allow \(s.permission.rawValue) 启动，不能保存修改",
                    en: "kh serve was started with --allow \(s.permission.rawValue): changes cannot be saved"), lang)
        }
        switch (path.first ?? "", path.count) {
        case ("me", 1):
            return Pages.chooseMember(page, session: &session)
        case ("customers", 3) where path[2] == "log":
            if let refused = need(.log) { return refused }
            return Forms.log(page, number: path[1])
        case ("customers", 2) where path[1] == "new":
            if let refused = need(.edit) { return refused }
            return NewCustomerForm.save(page)
        case ("customers", 4) where path[2] == "edit":
            if let refused = need(.edit) { return refused }
            guard let target = Editor.Target(path[3], year: page.param("year")) else {
                return errorPage(
                    404,
                    Text(
                        zh: "没有这个表单：/\(path.joined(separator: "/"))",
                        en: "no such form: /\(path.joined(separator: "/"))"), lang)
            }
            return Editor.save(page, number: path[1], target: target)
        case ("customers", 3) where path[2] == "steps":
            if let refused = need(.log) { return refused }
            return Forms.step(page, number: path[1])
        default:
            return errorPage(
                404,
                Text(zh: "没有这个表单：/\(path.joined(separator: "/"))", en: "no such form: /\(path.joined(separator: "/"))"),
                lang)
        }
    }

    func errorPage(_ status: Int, _ message: Text, _ lang: Language) -> WebResponse {
        Pages.error(self, status: status, message: message.string(lang), lang)
    }
}

/// Paths: percent-decoded segments. A segment that decodes to something with a slash, a
/// NUL, `.` or `..` is refused: the browser names customers by number, never by path.
enum Route {
    static func path(_ raw: String) -> [String]? {
        guard raw.hasPrefix("/") else { return nil }
        var out: [String] = []
        for part in raw.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let seg = Form.decode(String(part), plus: false) else { return nil }
            if seg.isEmpty { continue }
            guard seg != ".", seg != "..", !seg.contains("/"), !seg.contains("\\"), !seg.contains("\0") else {
                return nil
            }
            out.append(seg)
        }
        return out
    }
}

/// Contents of files by blob id, the most recent 256.
final class SeenFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var order: [String] = []
    private var files: [String: [UInt8]] = [:]

    func remember(_ bytes: [UInt8]) -> String {
        let id = SHA1.gitBlob(bytes)
        lock.withLock {
            if files[id] == nil {
                files[id] = bytes
                order.append(id)
                if order.count > 256 { files[order.removeFirst()] = nil }
            }
        }
        return id
    }

    func bytes(_ id: String) -> [UInt8]? { lock.withLock { files[id] } }
}
