import ArgumentParser
import Foundation
import KHModel
import KHSupport

/// `kh serve`: starts `kh-serve`, the web server, which lives in a program of its own so that
/// kh — run on every commit — does not carry it (its start-up would be slower).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "在浏览器中使用档案库：查看、搜索、记录互动、修改 (the archive in a browser).",
        discussion: """
            kh serve [ARCHIVE] [--host 127.0.0.1] [--port 8080] [--open] [--allow view|log|edit] [--commit] [--lang zh|en]
            第一行输出是网址 (the first line on stdout is the URL); --port 0 任选空闲端口. 默认只允许本机访问；\
            其他地址默认只读 (--allow view)，且没有用户账号 (no user accounts). 由 kh-serve 提供 \
            (served by kh-serve, installed beside kh); kh serve --help 见其全部选项. 见 docs/serve.md.
            """
    )

    @Argument(parsing: .allUnrecognized, help: "kh-serve 的参数 (kh-serve's arguments).")
    var arguments: [String] = []

    func run() throws { try Self.forward(arguments) }

    /// Replaces this process with kh-serve and `arguments`.
    static func forward(_ arguments: [String]) throws {
        // kh-serve's arguments are its own: --lang, else kh.yaml 语言 here, says the language.
        let language = Preflight.language(arguments)
        guard let path = server() else {
            throw Failure(
                Text(
                    zh: "找不到 kh-serve（应与 kh 在同一目录或在 PATH 中；发布包和 make install 都会安装它）",
                    en:
                        "kh-serve was not found (it belongs beside kh or on the PATH; the release archive and make install install it)"
                ),
                language: language)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        throw Failure(Text(zh: "无法启动 \(path)", en: "cannot start \(path)"), language: language)
    }

    /// kh-serve beside this kh (the release archive, make install), else on the PATH.
    static func server() -> String? {
        let me = URL(fileURLWithPath: Platform.executablePath).resolvingSymlinksInPath()
        let beside = me.deletingLastPathComponent().appendingPathComponent("kh-serve").path
        if access(beside, X_OK) == 0 { return beside }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let p = String(dir) + "/kh-serve"
            if access(p, X_OK) == 0 { return p }
        }
        return nil
    }
}

/// `kh account`: team mode's accounts, kept by kh-serve (where the password hashing lives).
struct Account: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "kh serve 团队模式的账号：设置或重置密码、删除、列出 (team mode's accounts).",
        discussion: """
            kh account set NAME --accounts FILE   从标准输入读密码 (reads the password from standard input)
            kh account remove NAME --accounts FILE
            kh account list --accounts FILE
            由 kh-serve 提供；见 docs/serve.md (kept by kh-serve; see docs/serve.md).
            """
    )

    @Argument(parsing: .allUnrecognized, help: "kh account 的参数 (its arguments).")
    var arguments: [String] = []

    func run() throws { try Serve.forward(["account"] + arguments) }
}
