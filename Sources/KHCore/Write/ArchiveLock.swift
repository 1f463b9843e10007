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
                    guard FileSystem.kind(current) == .directory else { throw AtomicWrite.Failure(path: current, reason: reason) }
                }
            case nil: throw AtomicWrite.Failure(path: current, reason: String(cString: strerror(ENOENT)))
            default: throw AtomicWrite.Failure(path: current, reason: "不是文件夹（链接？）/ not a folder (a link?)")
            }
        }
        return current
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
        do { dir = try KHFolder.make(root, create: true) } catch { throw .cannotCreate(path: error.path, reason: error.reason) }
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
