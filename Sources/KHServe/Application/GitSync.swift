import Foundation
import KHModel
import KHSupport
import KHValidation

/// Team mode keeps its clone in step with the team's remote (the current branch's upstream):
/// before a save it fetches and fast-forwards, after it pushes; the background does the same on
/// an interval and when the git host calls the webhook. A push the remote rejects (someone
/// pushed first) is fetched, the server's commits are replayed on top (`git rebase`), kh's
/// result check runs again over the folders they touch, and the push is tried again. A replay
/// that conflicts, or whose result adds an error, is undone and the save refused (409); nothing
/// is ever merged blindly or force-pushed. While the remote cannot be reached, saves go on
/// locally and are pushed, in order, once it answers.
///
/// Every call runs under the archive's write gate (one git operation on the clone at a time);
/// every network call has a time limit, and after a failure the remote is left alone for
/// `pause` seconds so that saves answer at once.
final class GitSync: @unchecked Sendable {
    struct Status: Sendable {
        var branch: String = ""
        var upstream: String = ""
        var ahead = 0
        var behind = 0
        var lastFetch: Date?
        var lastPush: Date?
        var lastContact: Date?
        /// Why the last exchange with the remote failed (nil: it worked).
        var problem: String?
        /// Commits that could not be replayed (a conflict nobody resolved): the server stops pushing.
        var stuck: String?
    }

    enum Published {
        case pushed
        /// Kept locally: the remote did not answer (it is pushed later).
        case offline
        /// The save's commit was undone: what arrived conflicts with it, or the replay adds an error.
        case refused(Text)
    }

    let root: String
    /// Seconds a network call may take.
    let limit: Double
    /// Seconds to leave the remote alone after it failed.
    let pause: Double
    private let lock = NSLock()
    private var status = Status()
    private var unreachableUntil: Date?

    init?(root: String, limit: Double = 15, pause: Double = 30) {
        let up = GitWork.run(["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"], root: root)
        let branch = GitWork.run(["symbolic-ref", "--short", "HEAD"], root: root)
        guard up.status == 0, branch.status == 0 else { return nil }
        self.root = root
        self.limit = limit
        self.pause = pause
        status.upstream = up.out.trimmingWhitespace()
        status.branch = branch.out.trimmingWhitespace()
        count()
    }

    var current: Status { lock.withLock { status } }

    private func update(_ body: (inout Status) -> Void) { lock.withLock { body(&status) } }

    /// Whether to talk to the remote now (not within `pause` of a failure).
    private var reachable: Bool { lock.withLock { unreachableUntil.map { Date() >= $0 } ?? true } }

    private func failed(_ why: String) {
        lock.withLock {
            status.problem = why
            unreachableUntil = Date().addingTimeInterval(pause)
        }
    }

    private func network(_ args: [String]) -> GitWork.Result {
        GitWork.run(
            ["-c", "http.lowSpeedLimit=1000", "-c", "http.lowSpeedTime=\(Int(limit))"] + args, root: root,
            timeout: limit)
    }

    /// Ahead and behind the upstream, as the clone knows it.
    private func count() {
        let r = GitWork.run(["rev-list", "--left-right", "--count", "HEAD...@{u}"], root: root)
        let n = r.out.split(whereSeparator: { $0 == "\t" || $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        if n.count == 2 { update { ($0.ahead, $0.behind) = (n[0], n[1]) } }
    }

    /// Fetches (when the remote is reachable) and fast-forwards; true when HEAD moved.
    @discardableResult
    func fetch() -> Bool {
        let before = head
        if reachable {
            let r = network(["fetch", "--quiet", "--prune"])
            if r.status == 0 {
                update {
                    $0.lastFetch = Date()
                    $0.lastContact = Date()
                    $0.problem = nil
                }
            } else {
                failed(Self.reason(r))
            }
        }
        count()
        if current.behind > 0 && current.ahead == 0 {
            _ = GitWork.run(["merge", "--ff-only", "--quiet", "@{u}"], root: root)
            count()
        }
        return head != before
    }

    /// After a save's commit (or in the background): pushes what the clone has and the
    /// upstream lacks. `saved`: the save's own commit, undone when it cannot be replayed.
    func publish(saved: String?, archive: Archive) -> Published {
        count()
        guard current.ahead > 0 else { return .pushed }
        guard current.stuck == nil, reachable else { return .offline }
        for _ in 0..<3 {
            let push = network(["push", "--quiet", "--porcelain", remote, "HEAD:" + remoteBranch])
            if push.status == 0 {
                update {
                    $0.lastPush = Date()
                    $0.lastContact = Date()
                    $0.problem = nil
                }
                count()
                return .pushed
            }
            guard Self.rejected(push) else {
                failed(Self.reason(push))
                return .offline
            }
            // Someone pushed first: their commits, then ours on top, checked again.
            let f = network(["fetch", "--quiet"])
            guard f.status == 0 else {
                failed(Self.reason(f))
                return .offline
            }
            if let refusal = replay(saved: saved, archive: archive) { return .refused(refusal) }
        }
        failed("push rejected three times")
        return .offline
    }

    /// The upstream's remote and its branch there (branch.<name>.remote and .merge).
    private var remote: String {
        GitWork.run(["config", "branch.\(current.branch).remote"], root: root).out.trimmingWhitespace()
    }

    private var remoteBranch: String {
        let merge = GitWork.run(["config", "branch.\(current.branch).merge"], root: root).out.trimmingWhitespace()
        return merge.hasPrefix("refs/heads/") ? String(merge.dropFirst(11)) : current.branch
    }

    /// Rebases the clone's commits onto the upstream; nil when done and checked. On a conflict or a
    /// new error, the rebase is undone, the save's commit dropped, and the rest replayed again.
    private func replay(saved: String?, archive: Archive) -> Text? {
        let folders = touchedFolders()
        let before = errors(archive, folders)
        let start = head
        let rebase = GitWork.run(["rebase", "--quiet", "@{u}"], root: root)
        var why: Text?
        if rebase.status != 0 {
            _ = GitWork.run(["rebase", "--abort"], root: root)
            why = SyncMsg.conflict
        } else {
            let added = errors(archive, folders).subtracting(before)
            if !added.isEmpty { why = SyncMsg.newErrors(added.sorted().joined(separator: "；")) }
        }
        guard let why else {
            count()
            return nil
        }
        // Undo: back to where the replay started, without the save's commit; what is left
        // (earlier saves kept while the remote was away) is replayed again, and if that too
        // conflicts a person must look.
        _ = GitWork.run(["reset", "--hard", "--quiet", start], root: root)
        if let saved, head == saved { _ = GitWork.run(["reset", "--hard", "--quiet", "HEAD~1"], root: root) }
        if GitWork.run(["rebase", "--quiet", "@{u}"], root: root).status != 0 {
            _ = GitWork.run(["rebase", "--abort"], root: root)
            update { $0.stuck = SyncMsg.stuck.string(.zh) }
        }
        count()
        return why
    }

    var head: String { GitWork.run(["rev-parse", "HEAD"], root: root).out.trimmingWhitespace() }

    /// The customer folders the clone's own commits touch.
    private func touchedFolders() -> [String] {
        let r = GitWork.run(["diff", "--name-only", "-z", "@{u}...HEAD"], root: root)
        var out: [String] = []
        for path in r.out.split(separator: "\0") {
            let parts = path.split(separator: "/")
            if parts.count > 1, parts[0] == customersFolder, !out.contains(String(parts[1])) {
                out.append(String(parts[1]))
            }
        }
        return out
    }

    private func errors(_ archive: Archive, _ folders: [String]) -> Set<String> {
        guard !folders.isEmpty, let fresh = try? Archive.open(archive.root) else { return [] }
        return Set(
            fresh.validate(customers: Set(folders)).filter { $0.severity == .error }.map {
                "\($0.code) \($0.file) \($0.path ?? "")"
            })
    }

    static func rejected(_ r: GitWork.Result) -> Bool {
        let text = r.out + r.err
        // Someone pushed first: told before sending ([rejected] fetch first / non-fast-forward),
        // or found by the remote as it updated the branch ([remote rejected] … failed to update ref).
        return text.contains("[rejected]") || text.contains("non-fast-forward") || text.contains("fetch first")
            || text.contains("failed to update ref") || text.contains("stale info")
    }

    static func reason(_ r: GitWork.Result) -> String {
        let text = (r.err + r.out).trimmingWhitespace()
        let line = text.split(separator: "\n").last.map(String.init) ?? ""
        return line.isEmpty ? "git exited \(r.status)" : line
    }
}

enum SyncMsg {
    static let conflict = Text(
        zh: "保存时发现同事刚刚在 git 上修改了同一处内容，两处修改冲突；你的修改没有保存。下面是文件现在的内容，你填写的内容都还在，请核对后再保存。",
        en:
            "someone changed the same place in git just before you saved, and the two changes conflict; yours was not saved. The file as it is now is below and what you typed is kept: check it and save again."
    )

    static func newErrors(_ list: String) -> Text {
        Text(
            zh: "与同事刚推送的修改合在一起后档案会出现新的错误（\(list)）；你的修改没有保存，请核对后再保存。",
            en:
                "together with what someone just pushed, the archive would have new errors (\(list)); yours was not saved: check and save again."
        )
    }

    static let stuck = Text(
        zh: "服务器上还有未能推送的提交与远程冲突，需要负责 git 的同事处理；在此之前保存只留在服务器上",
        en:
            "commits on the server conflict with the remote and need whoever looks after git; until then saves stay on the server"
    )
}
