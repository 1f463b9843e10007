import Foundation
import KHSupport

/// Team mode's logins, kept in memory (a restart logs everybody out): a random token per login
/// (cookie `kh_login`), which ends on logout, after `idle` without a request, after `lifetime`
/// in any case, when the member's password is set again (kh account set, or the account page)
/// and when the member leaves the team (在职: 否). Wrong passwords are counted per name and per
/// address: after `freeTries`, each further try waits twice as long as the one before.
final class Logins: @unchecked Sendable {
    struct Login: Sendable {
        var member: String
        var started: Double
        var seen: Double
        /// The account's time-set when the login began (0 through a proxy: no password).
        var passwordSet: Int
    }

    /// Hours without a request after which a login ends (a working day).
    static let idle: Double = 8 * 3600
    /// A login ends a week after it began, whatever happens.
    static let lifetime: Double = 7 * 24 * 3600
    static let freeTries = 3
    static let longestWait = 300

    private let lock = NSLock()
    private var logins: [String: Login] = [:]
    private var failures: [String: (count: Int, last: Double)] = [:]

    /// Begins a login; its token.
    func begin(_ member: String, passwordSet: Int, now: Double = Date().timeIntervalSince1970) -> String {
        let token = Session.hex(Session.randomBytes(32))
        lock.withLock {
            logins[token] = Login(member: member, started: now, seen: now, passwordSet: passwordSet)
            // Old logins are swept as new ones begin.
            logins = logins.filter { now - $0.value.seen < Self.idle && now - $0.value.started < Self.lifetime }
        }
        return token
    }

    /// The login of `token` when it is still good; `passwordSet` gives the account's time-set now.
    func current(
        _ token: String?, now: Double = Date().timeIntervalSince1970, passwordSet: (String) -> Int?
    ) -> Login? {
        guard let token, token.count == 64 else { return nil }
        return lock.withLock {
            guard var l = logins[token] else { return nil }
            let stillSet = l.passwordSet == 0 || passwordSet(l.member) == l.passwordSet
            guard now - l.seen < Self.idle, now - l.started < Self.lifetime, stillSet else {
                logins[token] = nil
                return nil
            }
            l.seen = now
            logins[token] = l
            return l
        }
    }

    func end(_ token: String?) {
        guard let token else { return }
        lock.withLock { logins[token] = nil }
    }

    /// Ends every login of `member` but `keeping`.
    func endAll(of member: String, keeping: String? = nil) {
        lock.withLock { logins = logins.filter { $0.value.member != member || $0.key == keeping } }
    }

    // MARK: - Wrong passwords

    /// Seconds to wait before the next try for any of `keys` (name, address); 0: try now.
    func wait(_ keys: [String], now: Double = Date().timeIntervalSince1970) -> Int {
        lock.withLock {
            keys.compactMap { failures[$0] }.map { f -> Int in
                guard f.count >= Self.freeTries else { return 0 }
                let span = min(Self.longestWait, 1 << min(f.count - Self.freeTries, 16))
                return max(0, Int((f.last + Double(span) - now).rounded(.up)))
            }.max() ?? 0
        }
    }

    /// A wrong password: how many in a row now for the first key.
    @discardableResult
    func failed(_ keys: [String], now: Double = Date().timeIntervalSince1970) -> Int {
        lock.withLock {
            for k in keys { failures[k] = ((failures[k]?.count ?? 0) + 1, now) }
            return failures[keys.first ?? ""]?.count ?? 0
        }
    }

    func succeeded(_ keys: [String]) {
        lock.withLock { for k in keys { failures[k] = nil } }
    }
}
