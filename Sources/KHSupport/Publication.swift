/// Where kh is published: the repository whose releases hold kh's binaries and whose tag `v1`
/// is the GitHub Action (`uses: OWNER/kh@v1`). The archive template names it where a team's CI
/// installs kh (the GitHub workflow, the GitLab pipeline, the pre-commit configuration and the
/// team's guide). The template holds `placeholder` there; `kh init` writes the place a release
/// was stamped with (scripts/dist.sh, from the release workflow's repository) or the one given
/// with `--kh-repository`. A build from a source tree knows no place, and says so.
public struct Publication: Sendable, Equatable {
    /// `owner/name`, as `uses:` names an action.
    public var repository: String
    /// The server's address, `https://github.com` or a GitHub Enterprise server.
    public var server: String

    /// What the template says where the place goes: no GitHub account can be named so
    /// (underscores), so an unstamped workflow fails to resolve rather than reach someone's code.
    public static let placeholder = "__OWNER__/kh"
    static let placeholderURL = "https://github.com/" + placeholder

    public init?(repository: String, server: String = "https://github.com") {
        let parts = repository.split(separator: "/", omittingEmptySubsequences: false)
        let allowed: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(allowed) && $0 != "." && $0 != ".." }),
            server.hasPrefix("https://") || server.hasPrefix("http://")
        else { return nil }
        self.repository = repository
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
    }

    /// `text` with the placeholder replaced: the releases' address first, then `owner/name`.
    public func stamp(_ text: String) -> String {
        guard text.contains(Self.placeholder) else { return text }
        return text.replacingOccurrences(of: Self.placeholderURL, with: server + "/" + repository)
            .replacingOccurrences(of: Self.placeholder, with: repository)
    }

    /// Whether `text` still names no place.
    public static func unstamped(_ text: String) -> Bool { text.contains(placeholder) }
}
