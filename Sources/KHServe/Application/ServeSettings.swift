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
        var names: Set<String> = [host.lowercased()]
        if host.contains(":") && !host.hasPrefix("[") { names = ["[\(host.lowercased())]"] }
        if isLoopback { names.formUnion(["localhost", "127.0.0.1", "[::1]"]) }
        return Set(names.map { "\($0):\(port)" })
    }
}
