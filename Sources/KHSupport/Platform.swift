#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What differs between Linux (glibc, musl) and macOS (Darwin), in one place. Everything else
/// kh calls (open, rename, link, flock, mkstemp, iconv, signal) is POSIX and the same on both.
public enum Platform {
    /// A C signal handler (`sighandler_t` on Linux, `sig_t` on macOS).
    public typealias SignalHandler = @convention(c) (Int32) -> Void

    /// Makes what was written to `fd` durable. On macOS, fsync(2) only hands the data to the
    /// drive, which may keep it in its cache across a power cut; F_FULLFSYNC asks the drive to
    /// write it (fsync is the fallback where a file system does not support it).
    @discardableResult
    public static func durableSync(_ fd: Int32) -> Int32 {
        #if canImport(Darwin)
        if fcntl(fd, F_FULLFSYNC) == 0 { return 0 }
        #endif
        return fsync(fd)
    }

    /// A file's modification and status-change times in nanoseconds.
    package static func times(_ st: stat) -> (modified: Int64, changed: Int64) {
        #if canImport(Darwin)
        let m = st.st_mtimespec
        let c = st.st_ctimespec
        #else
        let m = st.st_mtim
        let c = st.st_ctim
        #endif
        return (Int64(m.tv_sec) * 1_000_000_000 + Int64(m.tv_nsec), Int64(c.tv_sec) * 1_000_000_000 + Int64(c.tv_nsec))
    }

    /// The running executable's path, for telling one build of kh from another.
    package static var executablePath: String {
        #if canImport(Darwin)
        var size: UInt32 = 4096
        var buffer = [CChar](repeating: 0, count: Int(size))
        if _NSGetExecutablePath(&buffer, &size) == 0 { return String(cString: buffer) }
        return CommandLine.arguments.first ?? ""
        #else
        return "/proc/self/exe"
        #endif
    }
}
