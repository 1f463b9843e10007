internal import CZlib
import KHSupport
import KHYAML

/// A ZIP archive read in memory: what an .xlsx is. Only what .xlsx files use is accepted:
/// stored and deflated entries, no ZIP64, no encryption, no multi-volume archives, and limits
/// against ZIP bombs.
struct ZipArchive {
    /// An entry of the central directory.
    struct Entry {
        var name: String
        var flags: UInt16
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeader: Int
    }

    /// No entry may inflate to more than this…
    static let maxEntrySize = 50 << 20
    /// …nor all of them together to more than this.
    static let maxTotalSize = 200 << 20

    let bytes: [UInt8]
    private(set) var entries: [Entry] = []
    private var byName: [String: Int] = [:]
    /// Where the central directory starts: no entry's data goes beyond it.
    private var centralDirectory = 0

    init(_ bytes: [UInt8]) throws(SpreadsheetError) {
        self.bytes = bytes
        guard let end = Self.findEnd(bytes) else {
            throw SpreadsheetError(
                zh: "ZIP 文件不完整（找不到中央目录结尾记录），文件可能被截断或已损坏",
                en: "incomplete ZIP file (no end of central directory record): the file is truncated or damaged")
        }
        if end >= 20 && u32(end - 20) == 0x0706_4B50 {
            throw Self.zip64
        }
        let disk = u16(end + 4)
        let cdDisk = u16(end + 6)
        let count = Int(u16(end + 10))
        let cdSize = Int(u32(end + 12))
        let cdOffset = Int(u32(end + 16))
        if count == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF { throw Self.zip64 }
        if disk != 0 || cdDisk != 0 || u16(end + 8) != count {
            throw SpreadsheetError(zh: "不支持分卷 ZIP 文件", en: "multi-volume ZIP files are not supported")
        }
        guard cdOffset + cdSize <= end else {
            throw SpreadsheetError(
                zh: "ZIP 中央目录超出文件范围，文件可能被截断或已损坏",
                en: "the ZIP central directory lies outside the file: the file is truncated or damaged")
        }
        centralDirectory = cdOffset
        var p = cdOffset
        var total = 0
        for _ in 0..<count {
            guard p + 46 <= end, u32(p) == 0x0201_4B50 else {
                throw SpreadsheetError(
                    zh: "ZIP 中央目录已损坏（偏移 \(p)）", en: "damaged ZIP central directory (at byte offset \(p))")
            }
            let nameLength = Int(u16(p + 28))
            let extraLength = Int(u16(p + 30))
            let commentLength = Int(u16(p + 32))
            guard p + 46 + nameLength <= end else {
                throw SpreadsheetError(
                    zh: "ZIP 中央目录已损坏（偏移 \(p)）", en: "damaged ZIP central directory (at byte offset \(p))")
            }
            let entry = Entry(
                name: String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self),
                flags: u16(p + 8), method: u16(p + 10), crc: u32(p + 16),
                compressedSize: Int(u32(p + 20)), size: Int(u32(p + 24)), localHeader: Int(u32(p + 42)))
            if entry.compressedSize == 0xFFFF_FFFF || entry.size == 0xFFFF_FFFF || entry.localHeader == 0xFFFF_FFFF {
                throw Self.zip64
            }
            if entry.flags & 0x41 != 0 {
                throw SpreadsheetError(
                    zh: "ZIP 中的 \(entry.name) 已加密，请先在 Excel 或 WPS 中取消密码",
                    en: "\(entry.name) in the ZIP is encrypted: remove the password in Excel or WPS first")
            }
            if entry.size > Self.maxEntrySize {
                throw SpreadsheetError(
                    zh: "ZIP 中的 \(entry.name) 解压后有 \(Spreadsheet.megabytes(entry.size))，超过 50 MB 的上限",
                    en:
                        "\(entry.name) in the ZIP is \(Spreadsheet.megabytes(entry.size)) uncompressed, over the 50 MB limit"
                )
            }
            total += entry.size
            if total > Self.maxTotalSize {
                throw SpreadsheetError(
                    zh: "ZIP 解压后的总大小超过 200 MB 的上限", en: "the ZIP's uncompressed content is over the 200 MB limit")
            }
            if !entry.name.hasSuffix("/") && byName[entry.name] == nil {
                byName[entry.name] = entries.count
                entries.append(entry)
            }
            p += 46 + nameLength + extraLength + commentLength
        }
    }

    private static let zip64 = SpreadsheetError(zh: "不支持 ZIP64 格式（超大文件）", en: "ZIP64 archives are not supported")

    /// The entry `name`, also matched without regard to case (some tools change it).
    func entry(_ name: String) -> Entry? {
        if let i = byName[name] { return entries[i] }
        let lower = name.lowercased()
        return entries.first { $0.name.lowercased() == lower }
    }

    /// The uncompressed content of an entry; nil when the archive has no such entry.
    func data(_ name: String) throws(SpreadsheetError) -> [UInt8]? {
        guard let e = entry(name) else { return nil }
        let p = e.localHeader
        guard p + 30 <= bytes.count, u32(p) == 0x0403_4B50 else {
            throw SpreadsheetError(zh: "ZIP 中 \(e.name) 的本地文件头已损坏", en: "damaged local header of \(e.name) in the ZIP")
        }
        let start = p + 30 + Int(u16(p + 26)) + Int(u16(p + 28))
        guard start + e.compressedSize <= bytes.count else {
            throw SpreadsheetError(
                zh: "ZIP 中的 \(e.name) 不完整，文件可能被截断", en: "\(e.name) in the ZIP is incomplete: the file is truncated")
        }
        let out: [UInt8]
        switch e.method {
        case 0:
            guard e.compressedSize == e.size else {
                throw SpreadsheetError(
                    zh: "ZIP 中 \(e.name) 的大小记录不一致", en: "inconsistent sizes recorded for \(e.name) in the ZIP")
            }
            out = Array(bytes[start..<(start + e.size)])
        case 8:
            out = try inflate(e, from: start)
        default:
            throw SpreadsheetError(
                zh: "ZIP 中的 \(e.name) 使用了不支持的压缩方式（\(e.method)）",
                en: "\(e.name) in the ZIP uses an unsupported compression method (\(e.method))")
        }
        let crc = out.withUnsafeBufferPointer { buf in
            UInt32(truncatingIfNeeded: crc32(0, buf.baseAddress, uInt(buf.count)))
        }
        guard crc == e.crc else {
            throw SpreadsheetError(
                zh: "ZIP 中的 \(e.name) 校验失败（CRC32 不符），文件已损坏",
                en: "\(e.name) in the ZIP fails its CRC32 check: the file is damaged")
        }
        return out
    }

    /// Raw deflate into exactly the size the central directory declares: more is refused.
    private func inflate(_ e: Entry, from start: Int) throws(SpreadsheetError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: e.size + 1)
        var stream = z_stream()
        guard kh_inflate_init_raw(&stream) == Z_OK else {
            throw SpreadsheetError(zh: "zlib 初始化失败", en: "zlib could not be initialised")
        }
        defer { inflateEnd(&stream) }
        let (status, produced) = bytes.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + start)
                stream.avail_in = uInt(e.compressedSize)
                stream.next_out = output.baseAddress!
                stream.avail_out = uInt(output.count)
                let status = CZlib.inflate(&stream, Z_FINISH)
                return (status, output.count - Int(stream.avail_out))
            }
        }
        guard status == Z_STREAM_END, produced == e.size else {
            if produced > e.size {
                throw SpreadsheetError(
                    zh: "ZIP 中的 \(e.name) 解压后比记录的大小更大，拒绝读取",
                    en: "\(e.name) in the ZIP inflates to more than its recorded size: refused")
            }
            throw SpreadsheetError(
                zh: "ZIP 中的 \(e.name) 解压失败，文件已损坏或被截断",
                en: "\(e.name) in the ZIP cannot be inflated: the file is damaged or truncated")
        }
        out.removeLast()
        return out
    }

    /// The end of central directory record: searched backwards past a comment of up to 64 KB.
    private static func findEnd(_ b: [UInt8]) -> Int? {
        guard b.count >= 22 else { return nil }
        var p = b.count - 22
        let lowest = max(0, b.count - 22 - 0xFFFF)
        while p >= lowest {
            if b[p] == 0x50 && b[p + 1] == 0x4B && b[p + 2] == 0x05 && b[p + 3] == 0x06 {
                let comment = Int(b[p + 20]) | Int(b[p + 21]) << 8
                if p + 22 + comment <= b.count { return p }
            }
            p -= 1
        }
        return nil
    }

    private func u16(_ p: Int) -> UInt16 { UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8 }
    private func u32(_ p: Int) -> UInt32 {
        UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
    }
}

/// A ZIP archive of stored (uncompressed) entries with a fixed date (1980-01-01 00:00):
/// the same files give the same bytes, on every system and zlib version.
package enum ZipWriter {
    package static func archive(_ files: [(name: String, data: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ to: inout [UInt8]) { to += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: UInt32, _ to: inout [UInt8]) {
            to += [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24 & 0xFF)]
        }
        let dosTime = 0
        let dosDate = (0 << 9) | (1 << 5) | 1
        for file in files {
            let name = Array(file.name.utf8)
            let crc = file.data.withUnsafeBufferPointer {
                UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, uInt($0.count)))
            }
            let offset = UInt32(out.count)
            let utf8Flag = name.contains { $0 >= 0x80 } ? 0x0800 : 0
            u32(0x0403_4B50, &out)
            u16(20, &out)
            u16(utf8Flag, &out)
            u16(0, &out)  // version needed, flags, stored
            u16(dosTime, &out)
            u16(dosDate, &out)
            u32(crc, &out)
            u32(UInt32(file.data.count), &out)
            u32(UInt32(file.data.count), &out)
            u16(name.count, &out)
            u16(0, &out)
            out += name
            out += file.data

            u32(0x0201_4B50, &central)
            u16(20, &central)
            u16(20, &central)
            u16(utf8Flag, &central)
            u16(0, &central)  // made by, needed, flags, stored
            u16(dosTime, &central)
            u16(dosDate, &central)
            u32(crc, &central)
            u32(UInt32(file.data.count), &central)
            u32(UInt32(file.data.count), &central)
            u16(name.count, &central)
            u16(0, &central)
            u16(0, &central)  // name, extra, comment lengths
            u16(0, &central)
            u16(0, &central)
            u32(0, &central)  // disk, internal and external attributes
            u32(offset, &central)
            central += name
        }
        let cdOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out)
        u16(0, &out)
        u16(0, &out)
        u16(files.count, &out)
        u16(files.count, &out)
        u32(UInt32(central.count), &out)
        u32(cdOffset, &out)
        u16(0, &out)
        return out
    }
}
