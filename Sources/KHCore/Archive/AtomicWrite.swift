#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes that never leave a half-written file: a temporary file beside the target, fsync,
/// then rename over it.
public enum AtomicWrite {
    public struct Failure: Error, Sendable {
        public var path: String
        public var reason: String
    }

    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(Failure) {
        let dir = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let base = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array((dir + "/.\(base).kh-tmp-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                throw Failure(path: path, reason: reason)
            }
            offset += n
        }
        fchmod(fd, mode)
        if fsync(fd) != 0 {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw Failure(path: path, reason: reason)
        }
        close(fd)
        guard rename(tmp, path) == 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        ok = true
        syncDirectory(dir)
    }

    /// fsync a directory so that a rename in it is durable.
    public static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        if fd >= 0 {
            fsync(fd)
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
