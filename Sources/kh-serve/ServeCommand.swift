import ArgumentParser
import Foundation
import KHModel
import KHServe
import KHSupport
import KHValidation

extension Permission: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

/// `kh-serve`, which `kh serve` starts: the archive in a browser (docs/serve.md). A program of
/// its own so that kh, which runs on every commit, does not carry the web server.
@main
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kh serve",
        abstract: "在浏览器中使用档案库：查看、搜索、记录互动、修改 (the archive in a browser).",
        discussion: """
            第一行输出是网址 (the first line on stdout is the URL). 默认只允许本机访问 (loopback only by default); \
            --host 其他地址时默认只读 (--allow view), 且没有用户账号：请在前面加带认证的反向代理 (no user accounts: put an \
            authenticating reverse proxy in front). 见 docs/serve.md.
            """
    )

    @Argument(help: "档案库目录（默认：当前目录或含 kh.yaml 的上级目录）(the archive; default: here or the nearest parent with kh.yaml).")
    var archive: String?
    @Option(help: "监听地址 (address or name to listen on).") var host: String = "127.0.0.1"
    @Option(help: "端口，0 表示任选空闲端口 (port; 0 picks a free one).") var port: Int = 8080
    @Flag(help: "启动后用浏览器打开 (open the page in a browser).") var open = false
    @Option(help: "允许的操作 view | log | edit（本机默认 edit，其他地址默认 view）(what visitors may do).") var allow: Permission?
    @Option(help: "消息语言 zh | en（默认 kh.yaml 语言）(language of messages and pages).") var lang: Language?
    @Flag(help: "每次保存都作为一次 git 提交，作者是保存的团队成员；从不推送 (commit every save, authored by the member; never pushes).")
    var commit = false
    @Option(help: "团队模式：账号文件（kh account set 写入，放在档案库之外）(team mode: the accounts file, outside the archive).")
    var accounts: String?
    @Option(
        help:
            "用户访问本服务器所用的名称，可多次给出，如 kh.example.com 或 kh.example.com:8443 (a name the server is reached by; repeatable).")
    var name: [String] = []
    @Option(
        help:
            "团队模式：可信的反向代理地址，其 --proxy-header 头给出已登录的成员，可多次给出 (team mode: a trusted reverse proxy's address; repeatable)."
    )
    var trustedProxy: [String] = []
    @Option(help: "可信代理给出成员的请求头 (the header a trusted proxy names the member in).")
    var proxyHeader: String = "X-Forwarded-User"
    @Option(help: "团队模式：每隔多少秒从团队的远程仓库取回一次，0 表示只在保存和 webhook 时 (team mode: seconds between fetches).")
    var syncInterval: Double = 60
    @Option(help: "团队模式：与远程仓库的一次取回或推送最多等多少秒 (team mode: seconds a fetch or push may take).")
    var remoteTimeout: Double = 15
    @Option(help: "团队模式：git 平台 webhook（POST /hooks/git）的密钥文件 (team mode: the file holding the webhook's secret).")
    var webhookSecretFile: String?
    @Flag(help: "只检查配置（档案库、账号文件、地址、git），不启动 (check the configuration, do not serve).")
    var check = false

    /// Team mode: logins, roles from kh.yaml 团队, masking, 密级 (docs/serve.md).
    var team: TeamSettings? {
        guard accounts != nil || !trustedProxy.isEmpty else { return nil }
        var t = TeamSettings(accounts: accounts, trustedProxies: trustedProxy, proxyHeader: proxyHeader)
        t.syncInterval = max(0, syncInterval)
        t.remoteTimeout = min(max(1, remoteTimeout), 300)
        t.webhookSecretFile = webhookSecretFile
        return t
    }

    func run() throws {
        if !check { Self.blockStopSignals() }
        let opened: Archive
        do { opened = try Archive.open(archive) } catch { Self.fail(error.message, lang ?? .zh) }
        let language = lang ?? opened.config.language
        guard (0...65535).contains(port) else {
            Self.fail(Text(zh: "--port \(port) 不是端口号（0–65535）", en: "--port \(port) is not a port (0–65535)"), language)
        }
        let settings = checkedSettings(opened, language)
        if check {
            FileHandleOut.stdout(TeamCheck.summary(settings, archive: opened).string(language) + "\n")
            return
        }
        #if Server
        let app: WebApp
        do { app = try WebApp(root: opened.root, settings: settings) } catch { Self.fail(error.message, language) }
        let zh = language == .zh
        startUpNotes(app, settings, opened, language)
        Self.stopOnSignals(app)
        let done = DispatchSemaphore(value: 0)
        let failure = LockedBox<Error?>(nil)
        let open = self.open
        Task.detached {
            do {
                try await WebServer.run(app) { bound in
                    var s = app.settings
                    s.port = bound
                    app.settings = s
                    FileHandleOut.stdout(s.url + "\n")
                    let mode =
                        s.team == nil
                        ? (zh ? "允许 \(s.permission.rawValue)" : "allowing \(s.permission.rawValue)")
                        : (zh ? "团队模式（需要登录）" : "team mode (logins required)")
                    FileHandleOut.stderr(
                        (zh
                            ? "kh：\(app.archiveName)，\(app.customerCount) 位客户，\(mode)；Ctrl-C 停止\n"
                            : "kh: \(app.archiveName), \(app.customerCount) customers, \(mode); Ctrl-C stops\n")
                    )
                    if open { Serve.openBrowser(s.url) }
                    Serve.refreshInBackground(app)
                }
            } catch {
                failure.value = error
            }
            done.signal()
        }
        done.wait()
        if let error = failure.value {
            Self.fail(
                Text(zh: "无法在 \(host):\(port) 上提供服务：\(error)", en: "cannot serve on \(host):\(port): \(error)"),
                language)
        }
        #else
        Self.fail(
            Text(
                zh: "这个 kh 构建时没有包含网页服务；请用发布版，或 swift build --traits Server 构建（make build 已包含）",
                en:
                    "this kh was built without the web server: use a release build, or build with swift build --traits Server (make build does)"
            ),
            language)
        #endif
    }

    #if Server
    /// What kh serve says as it starts: --commit outside git ends here; unknown git e-mails; no
    /// accounts off loopback.
    func startUpNotes(_ app: WebApp, _ settings: ServeSettings, _ opened: Archive, _ language: Language) {
        let zh = language == .zh
        if settings.commit {
            guard app.isGitRepository else {
                Self.fail(
                    Text(
                        zh: "--commit 需要档案库在 git 仓库中（\(opened.root) 不在）；先 git init，或去掉 --commit",
                        en:
                            "--commit needs the archive in a git repository (\(opened.root) is not): git init first, or drop --commit"
                    ), language)
            }
            for w in app.commitWarnings() {
                FileHandleOut.stderr((zh ? "kh：提示：" : "kh: note: ") + w.string(language) + "\n")
            }
        }
        app.refreshGit()
        if !settings.isLoopback && team == nil {
            FileHandleOut.stderr(
                zh
                    ? "kh：警告：kh serve 没有用户账号，\(host) 上任何能连到它的人都可以\(settings.permission == .view ? "查看" : "查看和修改")档案；请在前面加带认证的反向代理（见 docs/serve.md）\n"
                    : "kh: warning: kh serve has no user accounts; anyone who can reach \(host) can \(settings.permission == .view ? "read" : "read and change") the archive: put an authenticating reverse proxy in front (docs/serve.md)\n"
            )
        }
    }
    #endif

    /// The settings the options give, after TeamCheck's checks (their notes on stderr; a fatal
    /// one ends here).
    func checkedSettings(_ opened: Archive, _ language: Language) -> ServeSettings {
        var settings = ServeSettings(
            host: host, port: port, permission: team == nil ? allow : .edit,
            // Team mode commits every save, where there is git to commit to (TeamCheck says when not).
            commit: commit || (team != nil && TeamCheck.isRepository(opened.root)),
            language: lang)
        settings.names = name
        settings.team = team
        let problems = TeamCheck.problems(settings, archive: opened)
        for p in problems where !p.fatal {
            FileHandleOut.stderr((language == .zh ? "kh：提示：" : "kh: note: ") + p.message.string(language) + "\n")
        }
        if let fatal = problems.first(where: \.fatal) { Self.fail(fatal.message, language) }
        return settings
    }

    /// Bad arguments exit 2, as kh's do (not ArgumentParser's 64), said in the archive's language.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // `kh account …` (kh passes it here: the accounts' hashing lives with the server).
        if arguments.first == "account" {
            run(AccountCommand.self, Array(arguments.dropFirst()))
        } else {
            run(Serve.self, arguments)
        }
    }

    static func run<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) {
        do {
            var command = try type.parseAsRoot(arguments)
            try command.run()
        } catch {
            if type.exitCode(for: error) == .validationFailure {
                let language = ArgumentErrorText.language(arguments) { (try? Archive.open($0))?.config.language }
                FileHandleOut.stderr(ArgumentErrorText.message(type.fullMessage(for: error), language: language))
                Foundation.exit(2)
            }
            type.exit(withError: error)
        }
    }

    /// Says what went wrong on stderr and exits 2, as kh does.
    static func fail(_ message: Text, _ language: Language) -> Never {
        FileHandleOut.stderr((language == .zh ? "kh：" : "kh: ") + message.string(language) + "\n")
        Foundation.exit(2)
    }

    /// SIGTERM (systemd's stop) and SIGINT (Ctrl-C) are blocked in every thread from the start
    /// (`blockStopSignals`) and taken by one thread with sigwait: the save in flight finishes,
    /// its files and its commit, no new one starts, and kh serve exits, however many connections
    /// are open. (A handler would race the journaled write's own, which holds signals back while
    /// it puts files in place.)
    static func stopOnSignals(_ app: WebApp) {
        let thread = Thread {
            var set = stopSignals
            var received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            app.stopSaving()
            // Not exit(): its handlers and stdio's flush could wait on a lock another thread
            // holds; everything kh serve writes is written through write(2) already.
            _exit(0)
        }
        thread.start()
    }

    static var stopSignals: sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        return set
    }

    /// Blocks the stop signals in this thread and so in every thread it starts (before any is).
    static func blockStopSignals() {
        var set = stopSignals
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Looks for changes on disk every few seconds, never more than a third of the time.
    static func refreshInBackground(_ app: WebApp) {
        let thread = Thread {
            while true {
                let start = Date()
                app.refresh()
                let took = Date().timeIntervalSince(start)
                Thread.sleep(forTimeInterval: max(2, took * 3))
            }
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    static func openBrowser(_ url: String) {
        let p = Process()
        #if os(macOS)
        p.executableURL = URL(fileURLWithPath: "/usr/bin/open")
        #else
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["xdg-open"]
        #endif
        p.arguments = (p.arguments ?? []) + [url]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try? p.run()
    }
}

/// A value shared between the server's task and the command's thread.
final class LockedBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var _value: T
    init(_ value: T) { _value = value }
    var value: T {
        get { lock.withLock { _value } }
        set { lock.withLock { _value = newValue } }
    }
}
