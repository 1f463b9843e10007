import Foundation
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite
import KHYAML

/// kh serve's pages and forms, independent of the HTTP transport: `handle` takes a request
/// and gives the response. Every request is checked before anything else (Host, then for a
/// form post: permission, Origin, token); every page is escaped by its template. What the
/// server keeps between requests is one `ServerState`; a page gets a `PageContext`.
public final class WebApp: Sendable {
    let store: ServerState
    let writer: ArchiveWriter
    /// Signs the session tokens (new at every start).
    let secret = Session.randomBytes(32)
    /// The archive's root, as opened.
    public let archiveRoot: String
    /// Team mode's logins (nil in local mode).
    let team: TeamGate?

    public init(root: String, settings: ServeSettings) throws(KHError) {
        let state = try Library.load(root: root)
        archiveRoot = state.archive.root
        store = ServerState(ServerState.Values(settings: settings, library: state))
        let sync = settings.team.flatMap { t in
            GitSync(root: state.archive.root, limit: t.remoteTimeout, pause: 2 * t.remoteTimeout)
        }
        writer = ArchiveWriter(root: archiveRoot, store: store, sync: sync)
        team = settings.team.map { TeamGate($0, logins: Logins()) }
    }

    /// When the background last talked to the team's remote, and whether the webhook asked.
    private let syncClock = SyncClock()

    final class SyncClock: @unchecked Sendable {
        private let lock = NSLock()
        private var last = Date.distantPast
        private var asked = false
        func due(every interval: Double) -> Bool {
            lock.withLock {
                let now = Date()
                guard asked || (interval > 0 && now.timeIntervalSince(last) >= interval) else { return false }
                (last, asked) = (now, false)
                return true
            }
        }
        func ask() { lock.withLock { asked = true } }
    }

    /// The team's remote as the server knows it (nil: local mode, or no upstream).
    var syncStatus: GitSync.Status? { writer.sync?.current }

    /// The webhook asked: the background fetches at its next turn (within seconds).
    func syncSoon() { syncClock.ask() }

    public var settings: ServeSettings {
        get { store.read { $0.settings } }
        set { store.update { $0.settings = newValue } }
    }

    /// The archive's name and size, for the command's start-up message.
    public var archiveName: String { store.read { $0.library.archive.config.archiveName } }
    public var customerCount: Int { store.read { $0.library.entries.count } }

    /// Re-reads what changed on disk; true when something did. kh serve runs it in the
    /// background every few seconds.
    @discardableResult
    public func refresh() -> Bool {
        if writer.sync != nil, syncClock.due(every: settings.team?.syncInterval ?? 60) { writer.synchronize() }
        let changed = store.gates.archive.withLock {
            guard let fresh = Library.refreshed(store.read({ $0.library })) else { return false }
            store.update { $0.library = fresh }
            return true
        }
        refreshGit()
        // My week is ready before anyone asks (the first time it reads every customer).
        _ = store.review(store.read { $0.library })
        return changed
    }

    public func refreshGit() { writer.refreshGit() }

    /// The start-up warnings of --commit: members whose git e-mail kh does not know.
    public func commitWarnings() -> [Text] {
        let config = store.read { $0.library.archive.config }
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

    /// Waits for the save in flight (its write and its commit) and lets no other begin: the
    /// process may then end. Never undone.
    public func stopSaving() { store.gates.write.lock() }

    // MARK: - Handling

    public func handle(_ request: WebRequest) -> WebResponse {
        var response = respond(request)
        Security.harden(&response)
        if request.method == "HEAD" { response.body = [] }
        return response
    }

    private func respond(_ request: WebRequest) -> WebResponse {
        // The server as it is now: the page sees this state throughout.
        let (settings, library, git) = store.read {
            ($0.settings, $0.library, GitBanner(uncommitted: $0.uncommitted, problem: $0.gitProblem))
        }
        let config = library.archive.config
        let lang = settings.language ?? config.language
        var session = Session(request, secret: secret)
        let viewer: Viewer
        if let team {
            let login = team.viewer(request, config: config)
            viewer = login?.viewer ?? Viewer(member: nil, role: nil, grants: .none, team: true)
            session.member = viewer.member
        } else {
            viewer = Viewer(
                member: session.member, role: session.member.flatMap { config.member(named: $0)?.role },
                grants: .local(settings.permission), team: false)
        }
        let page = PageContext(
            request: request, session: session, language: lang, settings: settings, state: library, git: git,
            store: store, writer: writer, viewer: viewer, team: team)
        guard let host = request.headers["host"], settings.allowedHosts.contains(host.lowercased()) else {
            return page.error(
                421,
                Text(
                    zh:
                        "这个地址（Host: \(request.headers["host"] ?? "无")）不是 kh serve 监听的地址；请用 \(settings.url) 打开，或以 --name 启动",
                    en:
                        "this address (Host: \(request.headers["host"] ?? "none")) is not one kh serve answers to; open \(settings.url), or start it with --name"
                ))
        }
        guard let path = Route.path(request.rawPath) else {
            return page.error(400, Text(zh: "地址无效：\(request.rawPath)", en: "not a valid address: \(request.rawPath)"))
        }
        var response: WebResponse
        if path == ["hooks", "git"] {
            // The git host's call: no login and no form token, its own secret instead.
            response = webhook(page)
        } else if viewer.team && viewer.member == nil, let refusal = LoginPage.required(path, page) {
            response = refusal
        } else {
            response = route(path, page, session: &session)
        }
        session.write(into: &response)
        return response
    }

    /// `POST /hooks/git`: the git host says the remote changed (GitHub's X-Hub-Signature-256,
    /// Gitea's X-Gitea-Signature: HMAC-SHA256 of the body; GitLab's X-Gitlab-Token: the secret).
    private func webhook(_ page: PageContext) -> WebResponse {
        let r = page.request
        guard let secret = page.settings.team?.webhookSecret, writer.sync != nil else {
            return page.error(404, Text(zh: "没有配置 webhook", en: "no webhook is configured"))
        }
        guard r.method == "POST" else {
            return page.error(405, Text(zh: "webhook 只接受 POST", en: "the webhook takes POST only"))
        }
        let mac = SHA256.hex(SHA256.hmac(key: Array(secret.utf8), r.body))
        let proven =
            r.headers["x-hub-signature-256"].map { Security.same($0.lowercased(), "sha256=" + mac) } ?? false
            || r.headers["x-gitea-signature"].map { Security.same($0.lowercased(), mac) } ?? false
            || r.headers["x-gitlab-token"].map { Security.same($0, secret) } ?? false
        guard proven else {
            FileHandleOut.stderr("kh: webhook refused: no valid signature (from \(r.peer ?? "-"))\n")
            return page.error(403, Text(zh: "webhook 的签名不对", en: "the webhook's signature is wrong"))
        }
        syncSoon()
        return WebResponse(
            status: 202, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array("ok\n".utf8))
    }

    private func route(_ path: [String], _ page: PageContext, session: inout Session) -> WebResponse {
        let request = page.request
        var response: WebResponse
        switch request.method {
        case "GET", "HEAD":
            response = Routes.get(path, page)
        case "POST":
            if let refusal = Security.checkPost(request, session: session, settings: page.settings, page.language) {
                response = page.error(refusal.status, refusal.message)
            } else {
                response = Routes.post(path, page, session: &session)
            }
        default:
            response = page.error(
                405, Text(zh: "不支持的请求方法 \(request.method)", en: "method \(request.method) is not supported"))
            response.headers.append(("Allow", "GET, HEAD, POST"))
        }
        return response
    }
}
