import KHModel
import KHSupport
import KHValidation
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The write-ahead journal of one change set being applied, `.kh/tx-<pid>/journal`, and the
/// recovery that reads it after kh was killed (SIGKILL, a crash, a power cut) part-way.
///
/// While a change set is applied, `.kh/tx-<pid>/` holds the journal and the originals of the
/// files it replaces (`N`, a hard link) and of the folders it removes (`removed-N`). The journal
/// lists, before the first step is taken, every folder made, every temporary file written and
/// every step; it is fsynced before the first rename. Undoing is decided by what is on disk, so
/// it can run any number of times and stop anywhere:
/// - a replaced file whose original is still kept gets it back;
/// - a moved file or folder that is at its new place and not at its old one goes back;
/// - a removed folder that is still kept comes back;
/// - a new file is removed only when it still holds exactly the bytes kh wrote (its git blob id);
/// - temporary files go, folders kh made go when they are empty.
/// A change set that ended (finished or rolled back) unlinks its journal before it deletes the
/// rest of its folder, so a folder without a journal is only left-overs.
public enum Recovery {
    /// One line of the journal.
    enum Record: Equatable {
        case directory(String)
        case temporary(String)
        case create(Int, String, blob: String)
        case modify(Int, String)
        case move(Int, String, String)
        case remove(Int, String)

        var line: String {
            switch self {
            case .directory(let p): return "dir\t" + escape(p)
            case .temporary(let p): return "tmp\t" + escape(p)
            case .create(let n, let p, let blob): return "create\t\(n)\t" + escape(p) + "\t" + blob
            case .modify(let n, let p): return "modify\t\(n)\t" + escape(p)
            case .move(let n, let a, let b): return "move\t\(n)\t" + escape(a) + "\t" + escape(b)
            case .remove(let n, let p): return "remove\t\(n)\t" + escape(p)
            }
        }

        init?(line: Substring) {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func n(_ i: Int) -> Int? { i < f.count ? Int(f[i]) : nil }
            switch (f.first, f.count) {
            case ("dir", 2): self = .directory(unescape(f[1]))
            case ("tmp", 2): self = .temporary(unescape(f[1]))
            case ("create", 4):
                guard let k = n(1) else { return nil }
                self = .create(k, unescape(f[2]), blob: f[3])
            case ("modify", 3):
                guard let k = n(1) else { return nil }
                self = .modify(k, unescape(f[2]))
            case ("move", 4):
                guard let k = n(1) else { return nil }
                self = .move(k, unescape(f[2]), unescape(f[3]))
            case ("remove", 3):
                guard let k = n(1) else { return nil }
                self = .remove(k, unescape(f[2]))
            default: return nil
            }
        }
    }

    /// Paths may hold any byte but NUL and `/`-less names: `%`, tab, CR and LF are escaped.
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\t": out += "%09"
            case "\n": out += "%0A"
            case "\r": out += "%0D"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        guard s.contains("%") else { return s }
        return s.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%25", with: "%")
    }

    /// The journal being written by this process.
    struct Journal {
        let fd: Int32
        let path: String

        init(folder: String) throws(ChangeSet.Failure) {
            path = folder + "/journal"
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else { throw .init(message: WriteMsg.cannotWrite(path, String(cString: strerror(errno)))) }
        }

        /// Appends a record (kept by the system even if kh is killed; durable after `sync`).
        func append(_ record: Record) throws(ChangeSet.Failure) {
            guard AtomicWrite.writeAll(fd, Array((record.line + "\n").utf8)) else {
                throw .init(message: WriteMsg.cannotWrite(path, String(cString: strerror(errno))))
            }
        }

        func sync() throws(ChangeSet.Failure) {
            guard Platform.durableSync(fd) == 0 else {
                throw .init(message: WriteMsg.cannotWrite(path, String(cString: strerror(errno))))
            }
        }

        func closeFile() { close(fd) }
    }

    // MARK: - Finding interrupted writes

    /// The `.kh/tx-*` folders of writes that were interrupted (see `KHFolder.interruptedWrites`).
    public static func interrupted(root: String) -> [String] { KHFolder.interruptedWrites(root: root) }

    /// What `recover` did.
    public struct Outcome: Sendable, Equatable {
        /// The interrupted writes undone (`.kh/tx-<pid>` folders).
        public var undone: [String] = []
        /// Files and folders put back as they were.
        public var restored = 0
        /// New files that were changed after kh wrote them: kept, for a person to look at.
        public var kept: [String] = []
    }

    /// Undoes every interrupted write of the archive at `root`. Takes the archive's lock;
    /// `.busy` when another kh is writing.
    public static func recover(root: String) throws(ArchiveLock.Failure) -> Outcome {
        let lock = try ArchiveLock(root: root)
        defer { withExtendedLifetime(lock) {} }
        return undoInterrupted(root: root)
    }

    /// `recover` for a caller that holds the lock.
    static func undoInterrupted(root: String) -> Outcome {
        var outcome = Outcome()
        for folder in KHFolder.transactionFolders(root).map({ root + "/.kh/" + $0 }) {
            guard case .success(let bytes) = FileSystem.read(folder + "/journal") else {
                // No journal: left-overs of a write that had ended.
                Initializer.removeTree(folder)
                continue
            }
            let records = String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap(Record.init(line:))
            outcome.undone.append(".kh/" + (folder.split(separator: "/").last.map(String.init) ?? folder))
            undo(records, root: root, folder: folder, outcome: &outcome)
            unlink(folder + "/journal")
            Initializer.removeTree(folder)
        }
        if !outcome.undone.isEmpty { AtomicWrite.syncDirectory(root + "/.kh") }
        return outcome
    }

    static func undo(_ records: [Record], root: String, folder: String, outcome: inout Outcome) {
        func full(_ p: String) -> String { root + "/" + p }
        func exists(_ p: String) -> Bool { FileSystem.kind(p) != nil }
        func parent(_ p: String) -> String { p.lastIndex(of: "/").map { String(p[..<$0]) } ?? root }
        var touched = Set<String>()
        // The steps, newest first.
        for record in records.reversed() {
            switch record {
            case .remove(let n, let path):
                let kept = folder + "/removed-\(n)"
                if exists(kept) && !exists(full(path)) && rename(kept, full(path)) == 0 { outcome.restored += 1 }
            case .move(_, let from, let to):
                if !exists(full(from)) && exists(full(to)) && rename(full(to), full(from)) == 0 {
                    outcome.restored += 1
                }
            case .modify(let n, let path):
                let kept = folder + "/\(n)"
                if exists(kept) && rename(kept, full(path)) == 0 { outcome.restored += 1 }
            case .create(_, let path, let blob):
                guard FileSystem.kind(full(path)) == .file else { continue }
                if case .success(let now) = FileSystem.read(full(path)), SHA1.gitBlob(now) == blob {
                    if unlink(full(path)) == 0 { outcome.restored += 1 }
                } else {
                    outcome.kept.append(path)
                }
            case .temporary, .directory:
                continue
            }
            for p in pathsOf(record) { touched.insert(parent(full(p))) }
        }
        // Temporary files: those written down, and any beside a target (kh may have been
        // killed after making one and before writing its name down).
        for record in records {
            switch record {
            case .temporary(let path): unlink(full(path))
            case .create(_, let path, _), .modify(_, let path):
                let dir = parent(full(path))
                let base = path.split(separator: "/").last.map(String.init) ?? path
                for e in FileSystem.list(dir) ?? [] where e.kind == .file && e.name.hasPrefix("." + base + ".kh-tmp-") {
                    unlink(dir + "/" + e.name)
                }
            default: continue
            }
        }
        // The folders kh made, deepest first, when nothing is left in them.
        for record in records.reversed() {
            if case .directory(let path) = record {
                rmdir(full(path))
                touched.insert(parent(full(path)))
            }
        }
        for dir in touched where FileSystem.kind(dir) == .directory { AtomicWrite.syncDirectory(dir) }
    }

    static func pathsOf(_ r: Record) -> [String] {
        switch r {
        case .directory(let p), .temporary(let p), .create(_, let p, _), .modify(_, let p), .remove(_, let p):
            return [p]
        case .move(_, let a, let b): return [a, b]
        }
    }
}
