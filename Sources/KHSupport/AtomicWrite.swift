#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `write(2)` (inside `AtomicWrite` the name is taken).
@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// Writes that never leave a half-written file: a temporary file beside the target, fsync,
/// then rename over it.
public enum AtomicWrite {
    public struct Failure: Error, Sendable {
        public var path: String
        public var reason: String

        package init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(Failure) {
        let tmp = try stage(bytes, beside: path, mode: mode)
        guard rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw Failure(path: path, reason: reason)
        }
        syncDirectory(path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ".")
    }

    /// Writes `bytes` to a new temporary file beside `path` (same folder, so a rename puts it
    /// in place atomically), fsynced, with the mode of the file it will replace if there is
    /// one; returns the temporary file's path. Nothing is left behind on failure.
    public static func stage(_ bytes: [UInt8], beside path: String, mode: mode_t = 0o644) throws(Failure) -> String {
        let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array((dir + "/.\(base).kh-tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func fail() -> Failure {
            let reason = String(cString: strerror(errno))
            close(fd)
            unlink(tmp)
            return Failure(path: path, reason: reason)
        }
        guard writeAll(fd, bytes) else { throw fail() }
        var existing = stat()
        fchmod(
            fd, lstat(path, &existing) == 0 && existing.st_mode & S_IFMT == S_IFREG ? existing.st_mode & 0o7777 : mode)
        if Platform.durableSync(fd) != 0 { throw fail() }
        close(fd)
        return tmp
    }

    /// Writes every byte to `fd` (again after a signal or a short write); false on an error,
    /// with `errno` saying which.
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// fsync a directory so that a rename in it is durable.
    public static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        if fd >= 0 {
            Platform.durableSync(fd)
            close(fd)
        }
    }

    /// `mkdir -p`.
    public static func makeDirectories(_ path: String) throws(Failure) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw Failure(path: current, reason: String(cString: strerror(errno)))
            }
        }
    }
}
