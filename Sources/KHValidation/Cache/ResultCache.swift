import KHModel
import KHSupport
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a customer folder looks like to `lstat`: every entry's name, kind, size, times and
/// inode below it (hidden entries and 附件 aside, as the validator ignores them). If this is
/// unchanged since the cache was written (and nothing in it is newer than the cache, so no
/// change can hide in the same clock tick), the folder's result is unchanged too.
package enum Fingerprint {
    package struct Value: Equatable, Sendable {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x8422_2325_cbf2_9ce4
        /// The newest mtime or ctime seen (ns).
        var newest: Int64 = 0
    }

    package static func of(_ path: String) -> Value {
        var v = Value()
        walk(path, relative: "", depth: 0, into: &v)
        return v
    }

    private static func mix(_ v: inout Value, _ bytes: UnsafeRawBufferPointer) {
        for byte in bytes {
            v.a = (v.a ^ UInt64(byte)) &* 0x100_0000_01b3
            v.b = (v.b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9E37_79B9_7F4A_7C15
        }
    }

    private static func mix(_ v: inout Value, _ n: Int64) {
        withUnsafeBytes(of: n) { mix(&v, $0) }
    }

    private static func walk(_ path: String, relative: String, depth: Int, into v: inout Value) {
        guard depth < 4, let dir = opendir(path) else {
            mix(&v, -1)
            return
        }
        defer { closedir(dir) }
        let fd = dirfd(dir)
        var names: [String] = []
        while let ent = readdir(dir) {
            let name = withUnsafePointer(to: ent.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.utf8.first == 0x2E { continue }  // hidden, . and ..
            names.append(name)
        }
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for name in names {
            var st = stat()
            guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else {
                mix(&v, -2)
                continue
            }
            let rel = relative + "/" + name
            rel.utf8.withContiguousStorageIfAvailable { mix(&v, UnsafeRawBufferPointer($0)) }
            let (mtime, ctime) = Platform.times(st)
            for n in [
                Int64(st.st_mode), Int64(st.st_size), mtime, ctime, Int64(truncatingIfNeeded: st.st_ino),
                Int64(truncatingIfNeeded: st.st_dev),
            ] {
                mix(&v, n)
            }
            v.newest = max(v.newest, mtime, ctime)
            if st.st_mode & S_IFMT == S_IFDIR && name != "附件" {
                walk(path + "/" + name, relative: rel, depth: depth + 1, into: &v)
            }
        }
    }
}

/// The per-customer results of `kh validate`, kept in `.kh/cache/validate.bin` (git-ignored):
/// keyed by kh's build, kh.yaml's bytes, and for each customer folder its fingerprint and
/// its tree key. Written atomically (a temporary file renamed over the old one, so two kh
/// running at once each leave a whole file); a file that does not read back exactly — wrong
/// magic, another build, truncated, corrupt — is ignored and rebuilt.
struct ResultCache {
    struct Entry {
        var fingerprint: Fingerprint.Value
        var result: CustomerResult
    }

    static let magic = Array("KHCACHE4".utf8)
    var identity: String
    var savedAt: Int64 = 0
    var entries: [String: Entry] = [:]

    /// The cache file, when `.kh/cache` is a real folder (no cache through a link).
    static func path(_ root: String, create: Bool = false) -> String? {
        KHFolder.path(root, "cache", create: create).map { $0 + "/validate.bin" }
    }

    /// kh's build (version and the executable's size and time, so a rebuilt kh never trusts an
    /// old cache), kh.yaml's content, and the archive folder itself (device and inode): a cache
    /// copied or committed from another clone is never trusted, whatever it claims.
    static func identity(configBytes: [UInt8], root: String) -> String {
        var st = stat()
        let exe =
            stat(Platform.executablePath, &st) == 0
            ? "\(st.st_size)-\(Platform.times(st).modified)" : CommandLine.arguments.first ?? ""
        var here = stat()
        let folder = stat(root, &here) == 0 ? "\(here.st_dev)-\(here.st_ino)" : root
        return khVersion + "|" + exe + "|" + folder + "|" + SHA1.gitBlob(configBytes)
    }

    /// The cache at `root` if it is whole and made by this build for this kh.yaml.
    static func load(root: String, identity: String) -> ResultCache {
        var empty = ResultCache(identity: identity)
        guard let file = path(root), case .success(let bytes) = FileSystem.read(file, limit: 1 << 30) else {
            return empty
        }
        var r = ByteReader(bytes)
        guard r.bytes(magic.count) == magic, r.string() == identity, let savedAt = r.int(), let count = r.count() else {
            return empty
        }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let name = r.string(), let a = r.uint(), let b = r.uint(), let newest = r.int(),
                let result = r.customerResult(name)
            else { return empty }
            entries[name] = Entry(fingerprint: .init(a: a, b: b, newest: newest), result: result)
        }
        guard r.atEnd else { return empty }
        empty.savedAt = savedAt
        empty.entries = entries
        return empty
    }

    /// Writes the cache (best effort: a read-only archive simply has none).
    func save(root: String) {
        var w = ByteWriter()
        w.bytes(Self.magic)
        w.string(identity)
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        w.int(Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec))
        w.uint(UInt64(entries.count))
        for name in entries.keys.sorted() {
            let e = entries[name]!
            w.string(name)
            w.uint(e.fingerprint.a)
            w.uint(e.fingerprint.b)
            w.int(e.fingerprint.newest)
            w.customerResult(e.result)
        }
        guard let file = Self.path(root, create: true) else { return }
        try? AtomicWrite.write(w.out, to: file)
    }

    /// An entry whose fingerprint still holds: unchanged, and older than the cache by more
    /// than the file system's time resolution could hide.
    func fresh(_ name: String, _ fingerprint: Fingerprint.Value) -> CustomerResult? {
        guard let e = entries[name], e.fingerprint == fingerprint, fingerprint.newest < savedAt - 2_000_000_000 else {
            return nil
        }
        return e.result
    }
}
