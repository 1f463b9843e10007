#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One writing kh at a time per archive: an exclusive `flock` on `.kh/lock` (the folder is
/// git-ignored). The lock goes with the process, so a killed kh never leaves it held.
public final class ArchiveLock {
    private let fd: Int32

    public enum Failure: Error, Sendable {
        case busy
        case cannotCreate(path: String, reason: String)
    }

    public init(root: String) throws(Failure) {
        let dir = root + "/.kh"
        if mkdir(dir, 0o755) != 0 && errno != EEXIST {
            throw .cannotCreate(path: dir, reason: String(cString: strerror(errno)))
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
