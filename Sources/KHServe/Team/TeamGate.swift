import Foundation
import KHModel
import KHSupport

/// The accounts file as it is now: read again when it changed on disk (kh account set while
/// the server runs takes effect at the next request, and ends that member's logins).
final class AccountSource: @unchecked Sendable {
    let path: String?
    private let lock = NSLock()
    private var file: AccountFile?
    private var stamp: (Int, Int, Int) = (-1, -1, -1)

    init(_ path: String?) { self.path = path }

    func current() -> AccountFile? {
        guard let path else { return nil }
        var st = stat()
        let now: (Int, Int, Int) =
            stat(path, &st) == 0
            ? (Int(Platform.times(st).modified), Int(Platform.times(st).changed), Int(st.st_size)) : (0, 0, 0)
        return lock.withLock {
            if now != stamp || file == nil {
                // A file that no longer reads keeps nobody logged in rather than the old accounts.
                file = (try? AccountFile.load(path)) ?? AccountFile.empty(path)
                stamp = now
            }
            return file
        }
    }
}

/// Team mode's door: who the request is from (a login's cookie, or a trusted proxy's header),
/// as a `Viewer` with their role's grants; nil when nobody is logged in.
struct TeamGate: Sendable {
    let settings: TeamSettings
    let logins: Logins
    let accounts: AccountSource

    init(_ settings: TeamSettings, logins: Logins) {
        self.settings = settings
        self.logins = logins
        accounts = AccountSource(settings.accounts)
    }

    /// The request came from a configured reverse proxy.
    func fromProxy(_ request: WebRequest) -> Bool {
        guard let peer = request.peer else { return false }
        return settings.trustedProxies.contains { Self.sameAddress($0, peer) }
    }

    /// The address wrong passwords are counted against: the proxy's X-Forwarded-For (its last
    /// entry, the one the proxy itself added) when it is a trusted proxy, else the peer.
    func client(_ request: WebRequest) -> String {
        if fromProxy(request), let forwarded = request.headers["x-forwarded-for"],
            let last = forwarded.split(separator: ",").last
        {
            return String(last).trimmingWhitespace()
        }
        return request.peer ?? "-"
    }

    static func sameAddress(_ a: String, _ b: String) -> Bool {
        func plain(_ s: String) -> String {
            var s = s.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            if s.hasPrefix("::ffff:") { s = String(s.dropFirst(7)) }
            return s
        }
        return plain(a) == plain(b)
    }

    /// Who is logged in, with the login's token (nil through a proxy).
    func viewer(_ request: WebRequest, config: Config) -> (viewer: Viewer, token: String?)? {
        if fromProxy(request), let name = request.headers[settings.proxyHeader], !name.isEmpty,
            let member = config.serving(name)
        {
            return (Self.viewer(member, config: config), nil)
        }
        let token = request.cookies["kh_login"]
        let file = accounts.current()
        guard
            let login = logins.current(token, passwordSet: { file?.account($0)?.changed }),
            let member = config.member(named: login.member), member.active
        else { return nil }
        return (Self.viewer(member, config: config), token)
    }

    static func viewer(_ member: TeamMember, config: Config) -> Viewer {
        // A role kh.yaml's validation refuses gets nothing beyond reading.
        let grants = Grants.of(role: member.role) ?? Grants.of(role: "市场")!
        return Viewer(
            member: member.name, role: member.role, grants: grants, team: true, widened: config.secrecyReaders)
    }

}

extension Config {
    /// A 团队 member still with the team, by name, by git account or by e-mail (what a proxy
    /// sends: oauth2-proxy's user or e-mail, an SSO gateway's account).
    public func serving(_ given: String) -> TeamMember? {
        let config = self
        let g = given.trimmingWhitespace()
        let active = config.team.filter(\.active)
        if let m = active.first(where: { $0.name == g }) { return m }
        let lower = g.lowercased()
        return active.first { m in
            guard let git = m.git?.trimmingWhitespace().lowercased(), !git.isEmpty else { return false }
            return git == lower || (!git.contains("@") && lower.split(separator: "@").first.map(String.init) == git)
        }
    }
}
