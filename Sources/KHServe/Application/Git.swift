import Foundation
import KHModel
import KHSupport
import KHWrite

/// kh serve and git: with `--commit`, one commit per saved change, authored by the 团队
/// member who saved it; without it, every page says when the archive has changes git has
/// not recorded. kh never pushes.
enum GitWork {
    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    /// A server's git: never a pager, an editor or a credential prompt, and a minute at most
    /// (`timeout`: less for what talks to the remote).
    static func run(
        _ args: [String], root: String, environment: [String: String] = [:], timeout: Double = 60
    ) -> Result {
        var env = environment
        env["GIT_EDITOR"] = "true"
        // git status and friends do not take the index's lock to refresh it as they read: a
        // status in the background must never make a save's commit fail ("index.lock exists").
        env["GIT_OPTIONAL_LOCKS"] = "0"
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GIT_ASKPASS"] = "true"
        env["SSH_ASKPASS"] = "true"
        do {
            let r = try Git.run(args, in: root, environment: env, timeout: timeout)
            return Result(status: r.status, out: r.text, err: r.errorText)
        } catch {
            return Result(status: -1, out: "", err: "git not found")
        }
    }

    static func isRepository(_ root: String) -> Bool {
        run(["rev-parse", "--is-inside-work-tree"], root: root).out.trimmingWhitespace() == "true"
    }

    /// How many files under the archive git sees changed or new (nil: not in a repository).
    static func uncommitted(_ root: String) -> Int? {
        let r = run(["status", "--porcelain", "--untracked-files=all", "--", "."], root: root)
        guard r.status == 0 else { return nil }
        return r.out.split(separator: "\n").count
    }

    /// The member's git e-mail: their `git` account when it is an address; else the address
    /// this account or name last committed with in this repository; else
    /// `<account>@users.noreply.invalid` (a reserved domain: it reaches nobody, and kh serve
    /// says so at start-up).
    static func email(for member: TeamMember, root: String) -> (email: String, known: Bool) {
        let account = member.git?.trimmingWhitespace() ?? ""
        if account.contains("@") { return (account, true) }
        let log = run(["log", "-n", "2000", "--format=%an%x09%ae"], root: root)
        if log.status == 0 {
            for line in log.out.split(separator: "\n") {
                let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                let local = parts[1].split(separator: "@").first.map(String.init) ?? ""
                if (!account.isEmpty && (parts[0] == account || local == account)) || parts[0] == member.name {
                    return (parts[1], true)
                }
            }
        }
        return ((account.isEmpty ? "kh-serve" : account) + "@users.noreply.invalid", false)
    }

    /// Commits exactly `paths` (relative to the archive's root) as `member`, with `message`;
    /// the committer is git's configured user, or "kh serve" where none is configured. The
    /// error's text when git refused.
    static func commit(_ paths: [String], message: String, member: TeamMember, root: String) -> String? {
        guard !paths.isEmpty else { return nil }
        let add = run(["add", "-A", "--"] + paths, root: root)
        guard add.status == 0 else { return add.err.trimmingWhitespace() }
        let (email, _) = email(for: member, root: root)
        var env: [String: String] = [:]
        if run(["config", "user.name"], root: root).out.trimmingWhitespace().isEmpty
            || run(["config", "user.email"], root: root).out.trimmingWhitespace().isEmpty
        {
            env["GIT_COMMITTER_NAME"] = "kh serve"
            env["GIT_COMMITTER_EMAIL"] = "kh-serve@localhost"
        }
        if let fast = commitStaged(paths, message: message, author: (member.name, email), root: root, environment: env)
        {
            return fast.isEmpty ? nil : fast
        }
        let r = run(
            ["commit", "--quiet", "--no-verify", "--author", "\(member.name) <\(email)>", "-m", message, "--"] + paths,
            root: root, environment: env)
        return r.status == 0 ? nil : (r.err + r.out).trimmingWhitespace()
    }

    /// When the index holds nothing staged but `paths` (a server's clone always), the commit is
    /// made from it directly — write-tree, commit-tree, update-ref from the parent it was made on
    /// — without `git commit -- paths`, which stats every file of the work tree several times
    /// (8 s a save at 10,000 customers here). "" when committed, the error when git refused, nil
    /// when something else is staged (then `git commit -- paths` takes only `paths`).
    private static func commitStaged(
        _ paths: [String], message: String, author: (name: String, email: String), root: String,
        environment: [String: String]
    ) -> String? {
        let staged = run(["diff", "--cached", "--name-only", "--relative", "-z"], root: root)
        let parent = run(["rev-parse", "--verify", "--quiet", "HEAD"], root: root).out.trimmingWhitespace()
        guard staged.status == 0, !parent.isEmpty else { return nil }
        let ours = staged.out.split(separator: "\0").allSatisfy { file in
            paths.contains { file == $0 || file.hasPrefix($0 + "/") }
        }
        guard ours else { return nil }
        let tree = run(["write-tree"], root: root)
        guard tree.status == 0 else { return (tree.err + tree.out).trimmingWhitespace() }
        var env = environment
        (env["GIT_AUTHOR_NAME"], env["GIT_AUTHOR_EMAIL"]) = (author.name, author.email)
        let commit = run(
            ["commit-tree", tree.out.trimmingWhitespace(), "-p", parent, "-m", message], root: root, environment: env)
        guard commit.status == 0 else { return (commit.err + commit.out).trimmingWhitespace() }
        let id = commit.out.trimmingWhitespace()
        let first = message.split(separator: "\n").first.map(String.init) ?? ""
        let update = run(["update-ref", "-m", "commit: " + first, "HEAD", id, parent], root: root)
        return update.status == 0 ? "" : (update.err + update.out).trimmingWhitespace()
    }

    /// The first of `paths` (files or folders) with changes git has not recorded, staged or not,
    /// or files it does not track inside them; nil when all are clean (or not in a repository).
    static func uncommitted(in paths: [String], root: String) -> String? {
        guard !paths.isEmpty else { return nil }
        let r = run(["status", "--porcelain", "-z", "--untracked-files=all", "--"] + paths, root: root)
        guard r.status == 0, let first = r.out.split(separator: "\0").first, first.count > 3 else { return nil }
        return String(first.dropFirst(3))
    }

    /// Puts the files a change set wrote back as HEAD has them (a save whose commit failed;
    /// they were clean before it, `uncommitted(in:)` saw to that).
    static func restore(_ changes: ChangeSet, root: String) {
        for c in changes.changes.reversed() {
            switch c {
            case .create(let path, _):
                unlink(root + "/" + path)
                removeEmptyParents(path, root: root)
            case .modify(let path, _, _), .remove(let path):
                _ = run(["checkout", "HEAD", "--", path], root: root)
            case .move(let from, let to):
                try? FileManager.default.removeItem(atPath: root + "/" + to)
                _ = run(["checkout", "HEAD", "--", from], root: root)
            }
        }
        _ = run(["reset", "--quiet", "--"] + paths(changes), root: root)
    }

    private static func removeEmptyParents(_ path: String, root: String) {
        var parts = path.split(separator: "/").dropLast()
        while !parts.isEmpty, rmdir(root + "/" + parts.joined(separator: "/")) == 0 { parts = parts.dropLast() }
    }

    /// The paths a change set touches (a moved folder: both places).
    static func paths(_ changes: ChangeSet) -> [String] {
        var out: [String] = []
        for c in changes.changes { out += c.paths }
        return out
    }
}
