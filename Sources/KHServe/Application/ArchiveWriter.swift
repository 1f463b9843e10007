import Foundation
import KHModel
import KHSupport
import KHValidation
import KHWrite

/// Writes a form's change to the archive: one write at a time, each through the same planning,
/// result check and journaled write as the command line (Plans, ResultCheck, ChangeSet), under
/// the archive lock; then the folders it touched read again and, with --commit, one commit.
final class ArchiveWriter: Sendable {
    enum Outcome {
        case written
        /// The result would add errors: they are shown next to the form (422).
        case refused(Text, [Diagnostic])
        /// A file changed since the form was built, or kh could not write (another kh holds the
        /// lock, the disk): the message, and the status to answer.
        case failed(Int, Text)
    }

    let root: String
    let store: ServerState
    /// Team mode with an upstream: the team's remote, kept in step around each save.
    let sync: GitSync?

    init(root: String, store: ServerState, sync: GitSync? = nil) {
        self.root = root
        self.store = store
        self.sync = sync
    }

    /// Plans and writes under the write gate: `plan` gets a freshly opened archive (kh.yaml as
    /// it is now) after any interrupted write has been undone.
    func write(
        folders: Set<String>, member: String?, message: () -> Text,
        _ plan: (Archive) throws(SaveFlow.Failure) -> Plans.Planned
    ) -> Outcome {
        store.gates.write.withLock {
            // What the team pushed first, so that the plan is made on it.
            if let sync, sync.fetch() { reloadAll() }
            let archive: Archive
            do throws(KHError) { archive = try Archive.open(root) } catch {
                return .failed(500, error.message)
            }
            if !Recovery.interrupted(root: archive.root).isEmpty {
                guard (try? Recovery.recover(root: archive.root)) != nil else { return .failed(503, WriteMsg.locked) }
            }
            let planned: Plans.Planned
            do throws(SaveFlow.Failure) { planned = try plan(archive) } catch {
                switch error {
                case .plan(let e): return .refused(e.message, e.diagnostics)
                case .conflict(let t): return .failed(409, t)
                }
            }
            // A commit holds only what kh wrote: a file with someone's uncommitted edit is not
            // written (its commit would carry that edit under this member's name).
            if store.read({ $0.settings.commit }),
                let dirty = GitWork.uncommitted(in: GitWork.paths(planned.changes), root: root)
            {
                return .failed(409, WriterMsg.uncommitted(dirty))
            }
            do throws(ChangeSet.Failure) {
                try planned.apply(to: archive)
            } catch {
                if !error.diagnostics.isEmpty { return .refused(error.message, error.diagnostics) }
                if error.message == WriteMsg.locked { return .failed(503, error.message) }
                // The one other refusal before writing: a file changed between plan and write.
                return .failed(409, error.message)
            }
            reload(folders.union(planned.after))
            let commit = committed(planned, message: message(), by: member, archive: archive)
            // Team mode: a save is its commit. One git refused is taken back, so that the
            // clone never holds a change without its author (a full disk, no descriptors left).
            if commit == nil, store.read({ $0.settings.team != nil && $0.settings.commit }) {
                let problem = store.read { $0.gitProblem } ?? ""
                GitWork.restore(planned.changes, root: root)
                reload(folders.union(planned.after))
                refreshGit()
                return .failed(503, WriterMsg.notCommitted(problem))
            }
            if let sync, commit != nil, case .refused(let why) = sync.publish(saved: commit, archive: archive) {
                reloadAll()
                refreshGit()
                return .failed(409, why)
            }
            return .written
        }
    }

    /// The background's turn (under the write gate): fetch, fast-forward, push what is left.
    func synchronize() {
        guard let sync else { return }
        store.gates.write.withLock {
            let before = sync.head
            sync.fetch()
            if let archive = try? Archive.open(root) { _ = sync.publish(saved: nil, archive: archive) }
            // Read again only where git moved the clone (a fast-forward, a replay on top).
            if sync.head != before { reloadAll() }
            refreshGit()
        }
    }

    /// The archive read again where it changed (after git moved the clone).
    private func reloadAll() {
        store.gates.archive.withLock {
            if let fresh = Library.refreshed(store.read { $0.library }) { store.update { $0.library = fresh } }
        }
    }

    /// After a write: those folders read again at once.
    private func reload(_ folders: Set<String>) {
        store.gates.archive.withLock {
            let fresh = Library.reloaded(store.read { $0.library }, folders: folders)
            store.update { $0.library = fresh }
        }
    }

    // MARK: - git

    func refreshGit() {
        let n = GitWork.uncommitted(root)
        store.update { $0.uncommitted = n }
    }

    /// After a write: with --commit, the change becomes one commit by the member who saved it;
    /// the commit's id.
    private func committed(_ planned: Plans.Planned, message: Text, by member: String?, archive: Archive) -> String? {
        // The count of uncommitted files (a whole-tree git status: seconds on a large archive)
        // is the background's job in team mode, where only kh writes the clone; locally a page
        // says at once what git has not recorded.
        defer { if store.read({ $0.settings.team == nil }) { refreshGit() } }
        guard store.read({ $0.settings.commit }), let name = member, let m = archive.config.member(named: name) else {
            return nil
        }
        let lang = archive.config.language
        let body = message.string(lang) + "\n\n" + (lang == .zh ? "由 kh serve 保存。" : "Saved with kh serve.")
        let problem = GitWork.commit(GitWork.paths(planned.changes), message: body, member: m, root: archive.root)
        store.update { $0.gitProblem = problem }
        if let problem {
            FileHandleOut.stderr(
                (lang == .zh
                    ? "kh：git commit 失败，修改已保存但未提交：" : "kh: git commit failed; the change is saved, not committed: ")
                    + problem + "\n")
            return nil
        }
        return GitWork.run(["rev-parse", "HEAD"], root: archive.root).out.trimmingWhitespace()
    }
}

enum WriterMsg {
    static func notCommitted(_ why: String) -> Text {
        Text(
            zh: "git 没能提交这次修改（\(why)），所以没有保存；你填写的内容都还在，请稍后再试",
            en:
                "git could not commit the change (\(why)), so nothing was saved; what you typed is kept: try again shortly"
        )
    }

    static func uncommitted(_ file: String) -> Text {
        Text(
            zh: "\(file) 有尚未提交到 git 的修改（不是经 kh serve 保存的）；为了不把别人的修改记在你的名下，这次没有保存。请负责 git 的同事先提交或撤销这些修改，再保存：你填写的内容都还在。",
            en:
                "\(file) has changes git has not recorded (not saved through kh serve); so as not to commit someone else's edit under your name, nothing was saved. Ask whoever looks after git to commit or undo them, then save again: what you typed is kept."
        )
    }
}
