import Foundation
import HummingbirdBcrypt
import KHModel
import KHSupport

/// Team mode's accounts file: outside the archive (it is never committed), mode 0600, one line
/// per member, `姓名:bcrypt-hash:seconds` (the time the password was set, Unix seconds: a
/// session begun before it has ended). Lines starting with `#` and blank lines are kept as
/// comments. kh writes the file only through `kh account`, atomically.
public struct AccountFile: Sendable {
    public struct Account: Sendable, Equatable {
        public var name: String
        public var hash: String
        public var changed: Int
    }

    public let path: String
    public private(set) var accounts: [Account]
    private var comments: [String]

    /// bcrypt's cost: 2^12 rounds, about a quarter of a second here (OWASP's minimum is 10).
    public static let cost: UInt8 = 12
    /// Shortest password accepted.
    public static let minimumLength = 8

    /// Reads the file; a missing file is an empty one. A malformed line is an error naming its line.
    public static func load(_ path: String) throws(KHError) -> AccountFile {
        guard FileSystem.exists(path) else { return AccountFile(path: path, accounts: [], comments: []) }
        guard case .success(let bytes) = FileSystem.read(path, limit: 1 << 22) else {
            throw KHError(Text(zh: "无法读取账号文件 \(path)", en: "cannot read the accounts file \(path)"))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw KHError(Text(zh: "账号文件 \(path) 不是 UTF-8 文本", en: "the accounts file \(path) is not UTF-8 text"))
        }
        var accounts: [Account] = []
        var comments: [String] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") {
                if !line.isEmpty { comments.append(line) }
                continue
            }
            // From the right: the hash and the time hold no colon, a name might.
            let parts = line.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3, let changed = Int(parts[parts.count - 1]),
                parts[parts.count - 2].hasPrefix("$2")
            else {
                throw KHError(
                    Text(
                        zh: "\(path):\(i + 1):1: 账号行应为 姓名:bcrypt哈希:设置时间（用 kh account set 写入，不要手改）",
                        en:
                            "\(path):\(i + 1):1: an account line is name:bcrypt-hash:time-set (kh account set writes it; do not edit by hand)"
                    ))
            }
            let name = parts[0..<(parts.count - 2)].joined(separator: ":")
            accounts.append(Account(name: name, hash: String(parts[parts.count - 2]), changed: changed))
        }
        return AccountFile(path: path, accounts: accounts, comments: comments)
    }

    /// Whether the file can be read by others than its owner (kh serve refuses to start then).
    public var isExposed: Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return false }
        return st.st_mode & 0o077 != 0
    }

    /// Why a password is too weak to set (nil: it will do).
    public static func weakness(_ password: String, name: String? = nil) -> Text? {
        if password.count < minimumLength {
            return Text(
                zh: "密码至少 \(minimumLength) 个字符", en: "a password needs at least \(minimumLength) characters")
        }
        if let name, password.lowercased().contains(name.lowercased()) {
            return Text(zh: "密码不能包含姓名", en: "a password must not contain the name")
        }
        return nil
    }

    static func empty(_ path: String) -> AccountFile { AccountFile(path: path, accounts: [], comments: []) }

    public func account(_ name: String) -> Account? { accounts.first { $0.name == name } }

    /// Sets (or resets) a member's password; the time set moves on, ending their sessions.
    public mutating func set(_ name: String, password: String, cost: UInt8 = cost, now: Int = Self.now()) {
        let hash = Bcrypt.hash(password, cost: cost)
        let changed = max(now, (account(name)?.changed ?? 0) + 1)
        if let i = accounts.firstIndex(where: { $0.name == name }) {
            accounts[i] = Account(name: name, hash: hash, changed: changed)
        } else {
            accounts.append(Account(name: name, hash: hash, changed: changed))
        }
    }

    /// Removes a member's account; false when there was none.
    public mutating func remove(_ name: String) -> Bool {
        let before = accounts.count
        accounts.removeAll { $0.name == name }
        return accounts.count < before
    }

    /// The account when `password` is its password. A name with no account costs as much time
    /// as a wrong password (no telling which names exist).
    public func verify(_ name: String, password: String) -> Account? {
        guard let a = account(name) else {
            _ = Bcrypt.verify(password, hash: Self.decoy)
            return nil
        }
        return Bcrypt.verify(password, hash: a.hash) ? a : nil
    }

    private static let decoy = Bcrypt.hash("kh decoy password", cost: cost)

    /// Writes the file atomically, mode 0600.
    public func save() throws(KHError) {
        var text = comments.isEmpty ? ["# kh serve 账号（kh account set 写入；勿提交到档案库）"] : comments
        text += accounts.map { "\($0.name):\($0.hash):\($0.changed)" }
        do {
            try AtomicWrite.write(Array((text.joined(separator: "\n") + "\n").utf8), to: path, mode: 0o600)
        } catch {
            throw KHError(
                Text(
                    zh: "无法写入账号文件 \(path)：\(error.reason)",
                    en: "cannot write the accounts file \(path): \(error.reason)"))
        }
        chmod(path, 0o600)
    }

    public static func now() -> Int { Int(Date().timeIntervalSince1970) }
}
