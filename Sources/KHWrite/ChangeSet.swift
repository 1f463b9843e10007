import KHModel
import KHSupport
import KHValidation
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a writing command will do to the archive, applied all or nothing.
///
/// Every writing command (new, log, fix, renumber, retire, reassign, import) plans a change
/// set first; `--dry-run` prints it, and `apply` carries it out:
/// 1. takes the archive's lock (one writing kh at a time);
/// 2. checks that nothing changed since the plan was made (a modified file still holds the
///    bytes it was planned from, a new file's place is still free);
/// 3. writes every new content to a temporary file beside its target and fsyncs it;
/// 4. with SIGINT, SIGTERM and SIGHUP held back, puts everything in place, keeping each
///    replaced file and removed folder under `.kh/` until the end;
/// 5. runs `verify` on the result (the command's own check, e.g. that what it wrote
///    validates clean);
/// and on any failure in 3–5 undoes what it did, so the archive is exactly as before.
public struct ChangeSet: Sendable {
    public enum Change: Sendable {
        /// A new file (its folders are created as needed).
        case create(path: String, bytes: [UInt8])
        /// A file rewritten; `original` is what it held when the change was planned.
        case modify(path: String, original: [UInt8], bytes: [UInt8])
        /// A file or folder moved or renamed (the target must be free).
        case move(from: String, to: String)
        /// A folder removed with everything in it.
        case remove(path: String)

        public var paths: [String] {
            switch self {
            case .create(let p, _), .modify(let p, _, _), .remove(let p): return [p]
            case .move(let a, let b): return [a, b]
            }
        }
    }

    public var changes: [Change] = []

    public init(_ changes: [Change] = []) {
        self.changes = changes
    }

    public var isEmpty: Bool { changes.isEmpty }

    public mutating func create(_ path: String, _ text: String) {
        changes.append(.create(path: path, bytes: Array(text.utf8)))
    }

    /// Paths the change set creates or moves something to (to keep plans from colliding).
    public var targets: Set<String> {
        Set(
            changes.compactMap {
                switch $0 {
                case .create(let p, _): return p
                case .move(_, let b): return b
                default: return nil
                }
            })
    }

    public struct Failure: Error, Sendable {
        public var message: Text
        /// What the result check found, when that is why.
        public var diagnostics: [Diagnostic] = []

        public init(message: Text, diagnostics: [Diagnostic] = []) {
            self.message = message
            self.diagnostics = diagnostics
        }
    }

    /// Applies the change set to the archive at `root`. `verify` runs on the changed archive
    /// before it is final; throwing from it undoes everything. `failAfter` (tests only)
    /// fails on purpose after that many steps have been put in place.
    /// Tests only: where `apply` stops as a killed kh would, leaving everything as it is
    /// (nothing undone, nothing finished, the lock released) for `Recovery` to find.
    public enum Crash: Sendable {
        case staging(after: Int)
        case committing(after: Int)
        case checking
    }

    public func apply(
        root: String, verify: () throws(Failure) -> Void = {}, failAfter: Int? = nil,
        crash: Crash? = nil
    ) throws(Failure) {
        let lock: ArchiveLock
        do { lock = try ArchiveLock(root: root) } catch {
            switch error {
            case .busy: throw Failure(message: WriteMsg.locked)
            case .cannotCreate(let path, let reason): throw Failure(message: WriteMsg.cannotWrite(path, reason))
            }
        }
        defer { withExtendedLifetime(lock) {} }
        // A write killed part-way (SIGKILL, power cut) is undone before anything else.
        _ = Recovery.undoInterrupted(root: root)
        try checkPreconditions(root: root)
        // Ctrl-C, SIGTERM, SIGHUP: noted, not obeyed, until the archive is whole again (all
        // of the change, or none of it when the signal came first); then kh ends by it.
        let handlers = Interrupts.catching()
        defer { Interrupts.restore(handlers) }
        var tx = Transaction(root: root)
        tx.crash = crash
        do throws(Failure) {
            try tx.stage(changes)
            try tx.commit(changes, failAfter: failAfter)
            try Interrupts.check()
            FaultPoint.hit()
            if case .checking? = crash { throw .init(message: WriteMsg.simulatedCrash) }
            try verify()
        } catch {
            if crash != nil && error.message == WriteMsg.simulatedCrash {
                tx.journal?.closeFile()
                throw error
            }
            tx.rollback()
            throw error
        }
        tx.finish()
    }

    private func checkPreconditions(root: String) throws(Failure) {
        for change in changes {
            switch change {
            case .create(let path, _):
                if FileSystem.kind(root + "/" + path) != nil { throw Failure(message: WriteMsg.exists(path)) }
            case .modify(let path, let original, _):
                guard case .success(let now) = FileSystem.read(root + "/" + path), now == original else {
                    throw Failure(message: WriteMsg.changedMeanwhile(path))
                }
            case .move(let from, let to):
                guard let kind = FileSystem.kind(root + "/" + from), kind != .symlink else {
                    throw Failure(message: WriteMsg.missing(from))
                }
                if FileSystem.kind(root + "/" + to) != nil { throw Failure(message: WriteMsg.exists(to)) }
            case .remove(let path):
                guard FileSystem.kind(root + "/" + path) == .directory else {
                    throw Failure(message: WriteMsg.missing(path))
                }
            }
        }
    }

    // MARK: - Dry run

    /// What the change set would do, for people: one line per change, the changed lines of
    /// modified files, and the content of new files when `contents` is set.
    public func describe(_ language: Language, contents: Bool = false) -> String {
        let zh = language == .zh
        var out = ""
        for change in changes {
            switch change {
            case .create(let path, let bytes):
                out += (zh ? "新建  " : "create  ") + Terminal.sanitize(path) + "\n"
                if contents {
                    for line in LineDiff.lines(String(decoding: bytes, as: UTF8.self)).dropLast() {
                        out += "      | " + LineDiff.shown(line) + "\n"
                    }
                }
            case .modify(let path, let original, let bytes):
                out += (zh ? "修改  " : "modify  ") + Terminal.sanitize(path) + "\n"
                out += LineDiff.describe(
                    String(decoding: original, as: UTF8.self), String(decoding: bytes, as: UTF8.self))
            case .move(let from, let to):
                out += (zh ? "移动  " : "move    ") + Terminal.sanitize(from) + " → " + Terminal.sanitize(to) + "\n"
            case .remove(let path):
                out += (zh ? "删除  " : "remove  ") + Terminal.sanitize(path) + "/\n"
            }
        }
        return out
    }
}

/// The changed lines of a file, `-` before and `+` after, with line numbers (a longest
/// common subsequence of lines; files of the archive are small).
package enum LineDiff {
    /// A line of an archive file as a terminal may show it: its CR of a CRLF ending dropped,
    /// control characters replaced.
    static func lines(_ text: String) -> [Substring] {
        Substring(text.replacingOccurrences(of: "\r\n", with: "\n")).split(
            separator: "\n", omittingEmptySubsequences: false)
    }

    static func shown(_ line: Substring) -> String {
        Terminal.sanitize(String(line.hasSuffix("\r") ? line.dropLast() : line))
    }

    package static func describe(_ a: String, _ b: String) -> String {
        // "\r\n" is one Character in Swift: split CRLF files by their lines too.
        let x = lines(a)
        let y = lines(b)
        var start = 0
        while start < x.count && start < y.count && x[start] == y[start] { start += 1 }
        var endX = x.count
        var endY = y.count
        while endX > start && endY > start && x[endX - 1] == y[endY - 1] {
            endX -= 1
            endY -= 1
        }
        let xs = Array(x[start..<endX])
        let ys = Array(y[start..<endY])
        var out = ""
        guard xs.count * ys.count <= 4_000_000 else {
            for (i, l) in xs.enumerated() { out += "  \(start + i + 1) - \(shown(l))\n" }
            for (i, l) in ys.enumerated() { out += "  \(start + i + 1) + \(shown(l))\n" }
            return out
        }
        // lcs[i][j]: length of the common subsequence of xs[i...] and ys[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: ys.count + 1), count: xs.count + 1)
        for i in stride(from: xs.count - 1, through: 0, by: -1) {
            for j in stride(from: ys.count - 1, through: 0, by: -1) {
                lcs[i][j] = xs[i] == ys[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var i = 0
        var j = 0
        while i < xs.count || j < ys.count {
            if i < xs.count && j < ys.count && xs[i] == ys[j] {
                i += 1
                j += 1
            } else if i < xs.count && (j == ys.count || lcs[i + 1][j] >= lcs[i][j + 1]) {
                out += "  \(start + i + 1) - \(shown(xs[i]))\n"
                i += 1
            } else {
                out += "  \(start + j + 1) + \(shown(ys[j]))\n"
                j += 1
            }
        }
        return out
    }
}

/// The mechanics of one application: temporary files, the undo log, the held-back signals.
private struct Transaction {
    let root: String
    /// `.kh/tx-<pid>`: the journal, and the originals of replaced files and removed folders,
    /// until the end (see `Recovery`).
    let keep: String
    var journal: Recovery.Journal?
    var crash: ChangeSet.Crash?
    var staged: [String: String] = [:]  // target → temporary file
    var undo: [() -> Void] = []
    var createdDirectories: [String] = []
    var removed: [String] = []
    /// Folders whose entries changed (fsynced at the end).
    var touched = Set<String>()

    init(root: String) {
        self.root = root
        keep = root + "/.kh/" + KHFolder.transactionPrefix + "\(getpid())"
    }

    private func full(_ path: String) -> String { root + "/" + path }

    private func relative(_ path: String) -> String {
        path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }

    private static func reason() -> String { String(cString: strerror(errno)) }

    /// The folders the changes need that do not exist yet, parents before children, in the
    /// order of the changes (archive-relative).
    func missingFolders(_ changes: [ChangeSet.Change]) throws(ChangeSet.Failure) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        for change in changes {
            let path: String
            switch change {
            case .create(let p, _), .modify(let p, _, _): path = p
            case .move(_, let to): path = to
            case .remove: continue
            }
            var current = ""
            for part in path.split(separator: "/").dropLast() {
                current += (current.isEmpty ? "" : "/") + part
                guard !seen.contains(current) else { continue }
                seen.insert(current)
                switch FileSystem.kind(full(current)) {
                case .directory?: continue
                case nil: out.append(current)
                default: throw .init(message: WriteMsg.cannotWrite(full(current), WriteMsg.notAFolder))
                }
            }
        }
        return out
    }

    /// Makes the folders the changes need. Write-ahead: every one is in the journal, durably,
    /// before the first is made, so a kill or a power cut at any moment leaves no folder that
    /// recovery does not know of. Their entries in their parents are made durable with the
    /// rest of the change, before its journal is removed (`finish`).
    mutating func makeFolders(_ folders: [String]) throws(ChangeSet.Failure) {
        guard !folders.isEmpty else { return }
        for folder in folders { try journal?.append(.directory(folder)) }
        try journal?.sync()
        AtomicWrite.syncDirectory(keep)
        FaultPoint.hit()
        for folder in folders {
            try Interrupts.check()
            if mkdir(full(folder), 0o755) != 0 {
                // A folder that appeared meanwhile is somebody else's: used, never removed by a rollback.
                guard errno == EEXIST, FileSystem.kind(full(folder)) == .directory else {
                    throw .init(message: WriteMsg.cannotWrite(full(folder), Self.reason()))
                }
                continue
            }
            createdDirectories.append(full(folder))
            touched.insert(Self.parent(full(folder)))
            FaultPoint.hit()
        }
    }

    /// Writes each new content to a temporary file beside its target.
    mutating func stage(_ changes: [ChangeSet.Change]) throws(ChangeSet.Failure) {
        if mkdir(keep, 0o755) != 0 && errno != EEXIST {
            throw .init(message: WriteMsg.cannotWrite(keep, Self.reason()))
        }
        journal = try Recovery.Journal(folder: keep)
        AtomicWrite.syncDirectory(Self.parent(keep))
        // Every step is written down first (its target names where its temporary file will be),
        // and all of it is made durable before the first step is taken.
        for (n, change) in changes.enumerated() {
            switch change {
            case .create(let p, let b): try journal?.append(.create(n, p, blob: SHA1.gitBlob(b)))
            case .modify(let p, _, _): try journal?.append(.modify(n, p))
            case .move(let a, let b): try journal?.append(.move(n, a, b))
            case .remove(let p): try journal?.append(.remove(n, p))
            }
            FaultPoint.hit()
        }
        if case .staging(0)? = crash { throw .init(message: WriteMsg.simulatedCrash) }
        try makeFolders(missingFolders(changes))
        for (n, change) in changes.enumerated() {
            try Interrupts.check()
            if case .staging(let after)? = crash, n >= after { throw .init(message: WriteMsg.simulatedCrash) }
            let path: String
            let bytes: [UInt8]
            switch change {
            case .create(let p, let b): (path, bytes) = (p, b)
            case .modify(let p, _, let b): (path, bytes) = (p, b)
            case .move, .remove: continue
            }
            let tmp: String
            do { tmp = try AtomicWrite.stage(bytes, beside: full(path)) } catch {
                throw .init(message: WriteMsg.cannotWrite(error.path, error.reason))
            }
            FaultPoint.hit()
            staged[path] = tmp
            try journal?.append(.temporary(relative(tmp)))
            FaultPoint.hit()
        }
        try journal?.sync()
        AtomicWrite.syncDirectory(keep)
        FaultPoint.hit()
    }

    /// Puts everything in place; an interrupt noted meanwhile undoes it.
    mutating func commit(_ changes: [ChangeSet.Change], failAfter: Int?) throws(ChangeSet.Failure) {
        var steps = 0
        for (n, change) in changes.enumerated() {
            try Interrupts.check()
            if let failAfter, steps >= failAfter { throw .init(message: WriteMsg.simulatedFailure) }
            if case .committing(let after)? = crash, steps >= after { throw .init(message: WriteMsg.simulatedCrash) }
            steps += 1
            FaultPoint.hit()
            for p in change.paths { touched.insert(Self.parent(full(p))) }
            switch change {
            case .create(let path, _):
                let tmp = staged[path]!
                let target = full(path)
                // link() never replaces: a file that appeared meanwhile is not overwritten.
                guard link(tmp, target) == 0 else { throw .init(message: WriteMsg.cannotWrite(path, Self.reason())) }
                FaultPoint.hit()
                unlink(tmp)
                staged[path] = nil
                undo.append { unlink(target) }
            case .modify(let path, _, _):
                let tmp = staged[path]!
                let target = full(path)
                let backup = keep + "/\(n)"
                guard link(target, backup) == 0 else { throw .init(message: WriteMsg.cannotWrite(path, Self.reason())) }
                FaultPoint.hit()
                guard rename(tmp, target) == 0 else {
                    unlink(backup)
                    throw .init(message: WriteMsg.cannotWrite(path, Self.reason()))
                }
                staged[path] = nil
                undo.append { rename(backup, target) }
            case .move(let from, let to):
                let a = full(from)
                let b = full(to)
                guard FileSystem.kind(b) == nil, rename(a, b) == 0 else {
                    throw .init(
                        message: WriteMsg.cannotMove(
                            from, to, FileSystem.kind(b) == nil ? Self.reason() : WriteMsg.targetExists))
                }
                undo.append { rename(b, a) }
            case .remove(let path):
                let a = full(path)
                let b = keep + "/removed-\(n)"
                guard rename(a, b) == 0 else { throw .init(message: WriteMsg.cannotWrite(path, Self.reason())) }
                removed.append(b)
                undo.append { rename(b, a) }
            }
        }
    }

    /// Undoes every step, newest first, and removes what was staged or created.
    mutating func rollback() {
        for step in undo.reversed() { step() }
        undo = []
        for (_, tmp) in staged { unlink(tmp) }
        staged = [:]
        for dir in createdDirectories.reversed() { rmdir(dir) }
        end()
    }

    /// Makes the result durable and drops the kept originals.
    mutating func finish() {
        FaultPoint.hit()
        for dir in touched { AtomicWrite.syncDirectory(dir) }
        end()
    }

    /// The journal goes first: a `.kh/tx-<pid>` without one is only left-overs.
    private mutating func end() {
        journal?.closeFile()
        journal = nil
        unlink(keep + "/journal")
        AtomicWrite.syncDirectory(keep)
        FaultPoint.hit()
        Initializer.removeTree(keep)
    }

    static func parent(_ path: String) -> String { path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "." }

}

/// Where a test may kill a writing kh for real: `KH_FAULT_KILL_AT=N` makes the process send
/// itself SIGKILL at the N-th point of a change set's application (after each journal record
/// and sync, each folder made, each temporary file, each commit step, before the result check,
/// at the end). The kill campaign (`make kill-campaign`) runs a command with N = 1, 2, 3…
/// until it ends by itself, so every point is tried. Unset, it costs one comparison.
enum FaultPoint {
    static let killAt: Int = getenv("KH_FAULT_KILL_AT").flatMap { Int(String(cString: $0)) } ?? 0
    nonisolated(unsafe) static var count = 0

    @inline(__always) static func hit() {
        guard killAt > 0 else { return }
        count += 1
        if count == killAt { kill(getpid(), SIGKILL) }
    }
}

/// The interrupting signals while a change set is applied: a handler only notes the signal
/// (async-signal-safe); `check` turns it into a failure, which undoes the change; when the
/// previous handlers are back, the signal is raised again so kh ends as it was asked to.
enum Interrupts {
    nonisolated(unsafe) static var pending: Int32 = 0
    static let signals = [SIGINT, SIGTERM, SIGHUP]

    static func catching() -> [Platform.SignalHandler?] {
        pending = 0
        return signals.map { sig in signal(sig, { received in Interrupts.pending = received }) }
    }

    static func restore(_ old: [Platform.SignalHandler?]) {
        for (sig, handler) in zip(signals, old) { signal(sig, handler) }
        let sig = pending
        pending = 0
        if sig != 0 { raise(sig) }
    }

    package static func check() throws(ChangeSet.Failure) {
        if pending != 0 { throw ChangeSet.Failure(message: WriteMsg.interrupted) }
    }
}
