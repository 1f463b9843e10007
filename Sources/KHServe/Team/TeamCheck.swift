import Foundation
import KHModel
import KHSupport

/// What kh serve checks before it serves (and `kh serve --check` only checks): the names it
/// answers to, and in team mode the accounts file, the proxies and git.
public enum TeamCheck {
    public struct Problem: Sendable {
        /// kh serve does not start.
        public var fatal: Bool
        public var message: Text
    }

    public static func problems(_ settings: ServeSettings, archive: Archive) -> [Problem] {
        var out: [Problem] = []
        func fatal(_ zh: String, _ en: String) { out.append(Problem(fatal: true, message: Text(zh: zh, en: en))) }
        func note(_ zh: String, _ en: String) { out.append(Problem(fatal: false, message: Text(zh: zh, en: en))) }
        if settings.isWildcard && settings.names.isEmpty {
            fatal(
                "--host \(settings.host) 监听所有地址，但浏览器用的是某个名称或地址：请用 --name 给出（如 --name kh.example.com --name 192.168.1.20）",
                "--host \(settings.host) listens on every address, but browsers use a name or an address: give it with --name (--name kh.example.com --name 192.168.1.20)"
            )
        }
        guard let team = settings.team else { return out }
        let config = archive.config
        if let path = team.accounts {
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            let root = URL(fileURLWithPath: archive.root).standardizedFileURL.path
            if absolute == root || absolute.hasPrefix(root + "/") {
                fatal(
                    "账号文件 \(path) 在档案库里：它不能进入 git，请放在档案库之外（如 /etc/kh/accounts）",
                    "the accounts file \(path) is inside the archive: it must never reach git; keep it outside (/etc/kh/accounts)"
                )
            }
            if !FileSystem.exists(path) {
                fatal(
                    "账号文件 \(path) 不存在；先用 kh account set 姓名 --accounts \(path) 为成员设置密码",
                    "the accounts file \(path) does not exist; set members' passwords first with kh account set NAME --accounts \(path)"
                )
            } else {
                do throws(KHError) {
                    let file = try AccountFile.load(path)
                    if file.isExposed {
                        fatal(
                            "账号文件 \(path) 其他用户可读；运行 chmod 600 \(path)",
                            "the accounts file \(path) can be read by other users: run chmod 600 \(path)")
                    }
                    for a in file.accounts where config.member(named: a.name)?.active != true {
                        note(
                            "账号 \(a.name) 不是 kh.yaml 团队 中在职的成员，不能登录",
                            "the account \(a.name) is not a serving member of kh.yaml 团队: it cannot log in")
                    }
                    let without = config.team.filter { $0.active && file.account($0.name) == nil }.map(\.name)
                    if !without.isEmpty && team.trustedProxies.isEmpty {
                        note(
                            "这些在职成员还没有账号：\(without.joined(separator: "、"))",
                            "these serving members have no account yet: \(without.joined(separator: ", "))")
                    }
                } catch {
                    out.append(Problem(fatal: true, message: error.message))
                }
            }
        }
        for p in team.trustedProxies where !isAddress(p) {
            fatal(
                "--trusted-proxy \(p) 不是 IP 地址（只信任地址，不信任名称）",
                "--trusted-proxy \(p) is not an IP address (only addresses are trusted, never names)")
        }
        if let file = team.webhookSecretFile, team.webhookSecret == nil {
            fatal(
                "webhook 密钥文件 \(file) 不存在或是空的",
                "the webhook secret file \(file) does not exist or is empty")
        }
        if GitWork.isRepository(archive.root),
            GitWork.run(["rev-parse", "--abbrev-ref", "@{u}"], root: archive.root).status != 0
        {
            note(
                "当前分支没有上游（git branch --set-upstream-to）：保存只提交在服务器上，不会推送到团队的远程仓库",
                "the branch has no upstream (git branch --set-upstream-to): saves are committed on the server only, never pushed"
            )
        }
        if !GitWork.isRepository(archive.root) {
            fatal(
                "团队模式需要档案库在 git 仓库中（每次保存都是一次以成员署名的提交）：\(archive.root) 不在",
                "team mode needs the archive in a git repository (every save is a commit by its member): \(archive.root) is not"
            )
        }
        return out
    }

    /// What `kh serve --check` says when nothing is wrong.
    public static func summary(_ settings: ServeSettings, archive: Archive) -> Text {
        let names = settings.allowedHosts.sorted().joined(separator: " ")
        guard let team = settings.team else {
            return Text(
                zh: "配置无误：本地模式，接受的地址 \(names)", en: "the configuration is sound: local mode, answering \(names)")
        }
        let count = team.accounts.flatMap { try? AccountFile.load($0) }?.accounts.count ?? 0
        let proxies = team.trustedProxies.isEmpty ? "-" : team.trustedProxies.joined(separator: " ")
        return Text(
            zh: "配置无误：团队模式，\(count) 个账号，可信代理 \(proxies)（\(team.proxyHeader)），接受的地址 \(names)",
            en:
                "the configuration is sound: team mode, \(count) accounts, trusted proxies \(proxies) (\(team.proxyHeader)), answering \(names)"
        )
    }

    static func isAddress(_ s: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, s, &v4) == 1 || inet_pton(AF_INET6, s, &v6) == 1
    }
}
