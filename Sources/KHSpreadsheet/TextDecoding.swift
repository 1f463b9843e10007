import KHSupport
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The encodings CSV files from Chinese Excel, WPS and business systems come in.
enum TextDecoding {
    /// A UTF-8 BOM → UTF-8; a UTF-16 BOM (Excel's "Unicode text") → UTF-16; valid UTF-8 →
    /// UTF-8; anything else → GB18030 (a superset of GBK and GB2312) through iconv.
    static func decode(_ bytes: [UInt8]) throws(SpreadsheetError) -> String {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = bytes[3...]
            if let s = String(validating: body, as: UTF8.self) { return try noNUL(s, offset: 3) }
            let bad = body.withContiguousStorageIfAvailable { UTF8Check.firstInvalid($0) } ?? nil
            let offset = 3 + (bad ?? 0)
            throw SpreadsheetError(
                zh: "文件以 UTF-8 BOM 开头，但第 \(offset) 字节起不是有效的 UTF-8",
                en: "the file starts with a UTF-8 BOM but is not valid UTF-8 at byte offset \(offset)")
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return try utf16(bytes, littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return try utf16(bytes, littleEndian: false) }
        // UTF-8 and GB18030 never use a 0 byte inside a character: a 0 byte means binary data.
        if let zero = bytes.firstIndex(of: 0) {
            throw SpreadsheetError(
                zh: "不是文本文件（第 \(zero) 字节是 0），也不是 .xlsx 工作簿",
                en: "not a text file (a 0 byte at byte offset \(zero)) and not an .xlsx workbook")
        }
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return try gb18030(bytes)
    }

    private static func noNUL(_ s: String, offset: Int) throws(SpreadsheetError) -> String {
        if s.utf8.contains(0) {
            throw SpreadsheetError(zh: "不是文本文件（含有 0 字符）", en: "not a text file (it contains a NUL character)")
        }
        return s
    }

    static func utf16(_ bytes: [UInt8], littleEndian: Bool) throws(SpreadsheetError) -> String {
        let name = littleEndian ? "UTF-16LE" : "UTF-16BE"
        if bytes.count % 2 != 0 {
            throw SpreadsheetError(
                zh: "\(name) 文本的字节数是奇数，文件可能被截断（第 \(bytes.count - 1) 字节）",
                en:
                    "\(name) text with an odd number of bytes: the file may be truncated (byte offset \(bytes.count - 1))"
            )
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var i = 2
        while i < bytes.count {
            let a = UInt16(bytes[i])
            let b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        // The first unpaired surrogate, to name its offset.
        var k = 0
        while k < units.count {
            let u = units[k]
            if (0xD800...0xDBFF).contains(u), k + 1 < units.count, (0xDC00...0xDFFF).contains(units[k + 1]) {
                k += 2
                continue
            }
            if (0xD800...0xDFFF).contains(u) {
                let offset = 2 + 2 * k
                throw SpreadsheetError(
                    zh: "第 \(offset) 字节起不是有效的 \(name) 文本", en: "invalid \(name) text at byte offset \(offset)")
            }
            k += 1
        }
        return try noNUL(String(decoding: units, as: UTF16.self), offset: 2)
    }

    /// GB18030 → UTF-8 with iconv; an invalid or incomplete sequence is an error naming its
    /// byte offset.
    static func gb18030(_ bytes: [UInt8]) throws(SpreadsheetError) -> String {
        guard let cd = iconv_open("UTF-8", "GB18030"), Int(bitPattern: cd) != -1 else {
            throw SpreadsheetError(
                zh: "文件不是 UTF-8，而本系统的 iconv 不支持 GB18030，无法识别编码；请另存为“CSV UTF-8”",
                en: "the file is not UTF-8 and this system's iconv has no GB18030: save it as \"CSV UTF-8\"")
        }
        defer { iconv_close(cd) }
        var input = bytes
        // GB18030 → UTF-8 grows at most 1.5 times (2 bytes → 3).
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var failedAt: Int?
        var written = 0
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 || inLeft > 0 {
                    failedAt = inBuf.count - inLeft
                }
                written = outBuf.count - outLeft
            }
        }
        if let offset = failedAt {
            let shown = bytes[offset..<min(offset + 4, bytes.count)].map { hex($0) }.joined(separator: " ")
            throw SpreadsheetError(
                zh: "无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK（第 \(offset) 字节起：\(shown)）；请另存为“CSV UTF-8”",
                en:
                    "unknown text encoding: neither UTF-8 nor GB18030/GBK (at byte offset \(offset): \(shown)); save the file as \"CSV UTF-8\""
            )
        }
        return String(decoding: output[0..<written], as: UTF8.self)
    }

    static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }
}
