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
            let own = ServeSettings.ownAddresses.sorted().joined(separator: " ")
            note(
                "--host \(settings.host)：接受本机的地址和名称（\(own)）；同事用的其他名称（如 kh.example.com）请用 --name 给出",
                "--host \(settings.host): answering to this machine's addresses and name (\(own)); give any other name people use (kh.example.com) with --name"
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
            note(
                "档案库不在 git 仓库中（\(archive.root)）：保存不会成为提交，没有谁改了什么的记录；团队使用时请放在 git 仓库中（见 docs/deploy.md）",
                "the archive is not in a git repository (\(archive.root)): saves are not commits, with no record of who changed what; a team's archive belongs in git (docs/deploy.md)"
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

    /// Whether the archive is in a git repository (team mode commits its saves there).
    public static func isRepository(_ root: String) -> Bool { GitWork.isRepository(root) }

    static func isAddress(_ s: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, s, &v4) == 1 || inet_pton(AF_INET6, s, &v6) == 1
    }
}
