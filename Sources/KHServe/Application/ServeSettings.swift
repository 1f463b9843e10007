import Foundation
import KHModel
import KHSupport

/// What kh serve lets visitors do. Each level includes the one before.
public enum Permission: String, Sendable, CaseIterable, Comparable {
    /// Read every page; no form posts.
    case view
    /// Also log interactions and mark next steps done or move them.
    case log
    /// Also edit basic information and needs, create customers, write assessments.
    case edit

    public static func < (a: Permission, b: Permission) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// How kh serve was started.
public struct ServeSettings: Sendable {
    /// The address or name it is bound to, as given to --host.
    public var host: String
    /// The port it listens on (the one the system gave for --port 0).
    public var port: Int
    public var permission: Permission
    /// --commit: each saved change becomes a git commit.
    public var commit: Bool
    /// --lang, over kh.yaml 语言.
    public var language: Language?
    /// --name: the names the server is reached by (a LAN address's DNS name, the reverse
    /// proxy's public name), with or without a port.
    public var names: [String] = []
    /// Team mode (--accounts, --trusted-proxy): logins, roles, masking (docs/serve.md).
    public var team: TeamSettings?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, permission: Permission? = nil, commit: Bool = false,
        language: Language? = nil
    ) {
        self.host = host
        self.port = port
        self.permission = permission ?? (Self.isLoopback(host) ? .edit : .view)
        self.commit = commit
        self.language = language
    }

    /// 127.0.0.0/8, ::1 and localhost: only this machine can connect.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }

    public var isLoopback: Bool { Self.isLoopback(host) }

    /// The URL to open (the first line kh serve prints).
    public var url: String {
        let h = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "http://\(h):\(port)/"
    }

    /// The Host headers a request may carry: the bound address or name with the port, and
    /// on loopback the other loopback spellings. Anything else is refused (DNS rebinding: a
    /// page elsewhere whose name was made to point at this machine).
    public var allowedHosts: Set<String> {
        // 0.0.0.0 or :: is no address a browser uses: this machine's own addresses and name then.
        var bound: Set<String> = isWildcard ? Self.ownAddresses : [host.lowercased()]
        if host.contains(":") && !host.hasPrefix("[") && !isWildcard { bound = ["[\(host.lowercased())]"] }
        if isLoopback { bound.formUnion(["localhost", "127.0.0.1", "[::1]"]) }
        var out = Set(bound.map { "\($0):\(port)" })
        // A name as given (a proxy on port 80 or 443 sends it without one), and with the port.
        for n in names.map({ $0.lowercased() }) {
            out.insert(n)
            if !n.contains(":") { out.insert("\(n):\(port)") }
        }
        return out
    }

    /// Bound to every address (0.0.0.0, ::): reached by no name of its own.
    public var isWildcard: Bool { ["0.0.0.0", "::", "[::]"].contains(host) }

    /// This machine's addresses (every interface's, IPv6 in brackets), its host name, and
    /// localhost: what a browser uses to reach a server bound to 0.0.0.0 when no --name says more.
    public static let ownAddresses: Set<String> = {
        var out: Set<String> = ["localhost"]
        var name = [CChar](repeating: 0, count: 256)
        if gethostname(&name, name.count) == 0 {
            out.insert(
                String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).lowercased())
        }
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return out }
        defer { freeifaddrs(list) }
        var p = list
        while let a = p {
            defer { p = a.pointee.ifa_next }
            guard let sa = a.pointee.ifa_addr else { continue }
            var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let family = Int32(sa.pointee.sa_family)
            guard family == AF_INET || family == AF_INET6 else { continue }
            let len = socklen_t(family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
            guard getnameinfo(sa, len, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            let s = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // A link-local address carries its interface (%eth0): browsers do not send that.
            guard !s.contains("%") else { continue }
            out.insert(family == AF_INET6 ? "[\(s.lowercased())]" : s)
        }
        return out
    }()
}

/// Team mode: who may log in, and how.
public struct TeamSettings: Sendable {
    /// --accounts: the accounts file (kh account set writes it); nil: proxy logins only.
    public var accounts: String?
    /// --trusted-proxy: addresses whose `proxyHeader` names the member already logged in.
    public var trustedProxies: [String]
    /// --proxy-header, lower case (oauth2-proxy's X-Forwarded-User by default).
    public var proxyHeader: String
    /// --sync-interval: seconds between fetches from the team's remote (0: only on the webhook and saves).
    public var syncInterval: Double = 60
    /// --remote-timeout: seconds a fetch or push may take before the save goes on without it.
    public var remoteTimeout: Double = 15
    /// --webhook-secret-file: the git host's webhook (POST /hooks/git) must prove it knows its content.
    public var webhookSecretFile: String?
    /// That file's content, read when a webhook call comes (TeamCheck reads it at start and says
    /// when it cannot be read).
    public var webhookSecret: String? {
        guard let path = webhookSecretFile, case .success(let b) = FileSystem.read(path, limit: 4096) else {
            return nil
        }
        let s = String(decoding: b, as: UTF8.self).trimmingWhitespace()
        return s.isEmpty ? nil : s
    }

    public init(accounts: String?, trustedProxies: [String] = [], proxyHeader: String = "X-Forwarded-User") {
        self.accounts = accounts
        self.trustedProxies = trustedProxies
        self.proxyHeader = proxyHeader.lowercased()
    }
}
