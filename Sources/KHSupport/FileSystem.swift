#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a directory entry is, as `lstat` sees it: links are never followed.
public enum EntryKind: Sendable, Equatable {
    case file, directory, symlink, other
}

public struct DirectoryEntry: Sendable {
    public var name: String
    public var kind: EntryKind
}

/// Thin POSIX wrappers: kh reads the tree itself so that it never follows a link and
/// never depends on the order the system lists a folder in.
public enum FileSystem {
    /// The entries of a directory, sorted by name (Unicode scalar order), without `.` and `..`.
    /// nil when the directory cannot be opened.
    public static func list(_ path: String) -> [DirectoryEntry]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var out: [DirectoryEntry] = []
        while let ent = readdir(dir) {
            let name = withUnsafePointer(to: ent.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var kind: EntryKind
            switch Int32(ent.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symlink
            default: kind = kindOf(path + "/" + name)
            }
            if kind == .other { kind = kindOf(path + "/" + name) }
            out.append(DirectoryEntry(name: name, kind: kind))
        }
        // UTF-8 byte order is Unicode scalar order.
        out.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return out
    }

    /// `lstat`'s view of a path; nil when it does not exist.
    public static func kind(_ path: String) -> EntryKind? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        return kind(mode: st.st_mode)
    }

    private static func kindOf(_ path: String) -> EntryKind { kind(path) ?? .other }

    private static func kind(mode: mode_t) -> EntryKind {
        switch mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return .other
        }
    }

    public enum ReadError: Error, Sendable {
        case cannotOpen(String)
        case tooLarge(Int)
        case notAFile
    }

    /// Reads a regular file (refusing links and files over `limit` bytes, whose size is reported).
    public static func read(_ path: String, limit: Int = Int.max) -> Result<[UInt8], ReadError> {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.cannotOpen(String(cString: strerror(errno)))) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.cannotOpen(String(cString: strerror(errno)))) }
        guard st.st_mode & S_IFMT == S_IFREG else { return .failure(.notAFile) }
        let size = Int(st.st_size)
        if size > limit { return .failure(.tooLarge(size)) }
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { _, count in count = size }
        var total = 0
        while true {
            if total == bytes.count {
                // The file may have grown since fstat: read on in chunks, up to the limit.
                if bytes.count > limit { return .failure(.tooLarge(bytes.count)) }
                bytes.append(contentsOf: [UInt8](repeating: 0, count: max(4096, bytes.count / 2)))
            }
            let n = bytes.withUnsafeMutableBytes { buf in
                Glibc_read(fd, buf.baseAddress! + total, buf.count - total)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.cannotOpen(String(cString: strerror(errno))))
            }
            if n == 0 { break }
            total += n
            // The size fstat gave is read: stop without a further read(2) for end of file.
            if total == size && size > 0 { break }
        }
        bytes.removeSubrange(total...)
        if total > limit { return .failure(.tooLarge(total)) }
        return .success(bytes)
    }

    public static func isDirectory(_ path: String) -> Bool { kind(path) == .directory }

    public static func exists(_ path: String) -> Bool { kind(path) != nil }

    public static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

@inline(__always)
private func Glibc_read(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buf, count)
}
