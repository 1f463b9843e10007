import KHSupport
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `.kh/` beside kh.yaml: kh's own folder (lock, journals, cache, drafts), git-ignored. kh
/// writes there only when it is a real folder: a link, which a pull request could commit, is
/// never followed (kh would write, or read a cache, wherever it points).
public enum KHFolder {
    public static let name = ".kh"

    /// `root/.kh/sub…` made as needed, or nil when `.kh` or a folder below it is a link or not
    /// a folder (or cannot be made).
    public static func path(_ root: String, _ sub: String = "", create: Bool) -> String? {
        try? make(root, sub, create: create)
    }

    /// `path`, or why not: the folder that could not be made or is not a folder, and the reason.
    static func make(_ root: String, _ sub: String = "", create: Bool) throws(AtomicWrite.Failure) -> String {
        var current = root + "/" + name
        let parts = [""] + sub.split(separator: "/").map(String.init)
        for (i, part) in parts.enumerated() {
            if i > 0 { current += "/" + part }
            switch FileSystem.kind(current) {
            case .directory?: continue
            case nil where create:
                if mkdir(current, 0o755) != 0 {
                    let reason = String(cString: strerror(errno))
                    guard FileSystem.kind(current) == .directory else {
                        throw AtomicWrite.Failure(path: current, reason: reason)
                    }
                }
            case nil: throw AtomicWrite.Failure(path: current, reason: String(cString: strerror(ENOENT)))
            default: throw AtomicWrite.Failure(path: current, reason: "不是文件夹（链接？）/ not a folder (a link?)")
            }
        }
        return current
    }

    // MARK: - Interrupted writes
    // A writing command keeps its journal in `.kh/tx-<pid>/journal` while it writes (KHWrite's
    // ChangeSet and Recovery); validation only needs to find the ones left behind (KH114).

    /// The folder prefix of a write in progress.
    package static let transactionPrefix = "tx-"

    /// The `.kh/tx-*` folders of writes that were interrupted, archive-relative, when no kh is
    /// writing now. Reads only: the lock is tested with a shared lock, released at once.
    public static func interruptedWrites(root: String) -> [String] {
        let folders = transactionFolders(root)
        guard !folders.isEmpty else { return [] }
        let fd = open(root + "/.kh/lock", O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd >= 0 {
            defer { close(fd) }
            guard flock(fd, LOCK_SH | LOCK_NB) == 0 else { return [] }  // a kh is writing
            flock(fd, LOCK_UN)
        }
        return folders.filter { FileSystem.kind(root + "/.kh/" + $0 + "/journal") == .file }.map { ".kh/" + $0 }
            .sorted()
    }

    /// The names of the `.kh/tx-*` folders (none when `.kh` is not a real folder).
    package static func transactionFolders(_ root: String) -> [String] {
        guard KHFolder.path(root, create: false) != nil else { return [] }
        return (FileSystem.list(root + "/" + KHFolder.name) ?? []).filter {
            $0.kind == .directory && $0.name.hasPrefix(transactionPrefix)
        }.map(\.name)
    }
}

/// One writing kh at a time per archive: an exclusive `flock` on `.kh/lock` (the folder is
/// git-ignored). The lock goes with the process, so a killed kh never leaves it held.
public final class ArchiveLock {
    private let fd: Int32

    public enum Failure: Error, Sendable {
        case busy
        case cannotCreate(path: String, reason: String)
    }

    public init(root: String) throws(Failure) {
        let dir: String
        do { dir = try KHFolder.make(root, create: true) } catch {
            throw .cannotCreate(path: error.path, reason: error.reason)
        }
        let path = dir + "/lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw .cannotCreate(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .busy
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
