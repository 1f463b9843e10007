import KHSupport
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A sheet of text cells, as `kh import` reads it and `kh export` writes it: the first row is
/// the header. `rows[i]` is the (1-based) spreadsheet row `lines[i]`, the row number a user
/// sees in Excel or WPS (the header counts as row 1 when it is the first row).
///
/// Read tables are normalised: every cell is trimmed of surrounding white space (ASCII,
/// U+00A0, U+3000), fully empty rows are left out, trailing empty cells are dropped from the
/// header, and each row is padded with "" to at least the header's width.
public struct Table: Sendable, Equatable {
    /// The column names.
    public var header: [String]
    /// The data rows, in order.
    public var rows: [[String]]
    /// The spreadsheet row number of each of `rows`. Ignored when writing.
    public var lines: [Int]
    /// The spreadsheet row number of the header. Ignored when writing.
    public var headerLine: Int

    /// A table; `lines` defaults to 2, 3, 4… (the rows straight after the header).
    public init(header: [String], rows: [[String]], lines: [Int]? = nil, headerLine: Int = 1) {
        self.header = header
        self.rows = rows
        self.lines = lines ?? Array((0..<rows.count).map { $0 + 2 })
        self.headerLine = headerLine
    }

    /// The same sheet read with its `index`-th data row as the header: what is above it (the
    /// old header and the rows before) is left out, the rows below are padded to its width.
    /// For a sheet filled in below a title row or a note.
    public func headed(byRow index: Int) -> Table {
        let header = rows[index]
        var width = header.count
        while width > 0 && header[width - 1].isEmpty { width -= 1 }
        let below = rows[(index + 1)...].map {
            $0.count < width ? $0 + Array(repeating: "", count: width - $0.count) : $0
        }
        return Table(
            header: Array(header[..<width]), rows: Array(below), lines: Array(lines[(index + 1)...]),
            headerLine: lines[index])
    }
}

/// Why a spreadsheet could not be read: in Chinese and English, naming the file and where in
/// it (the row and column, the byte offset, or the part inside an .xlsx).
public struct SpreadsheetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message in Chinese.
    public var zh: String
    /// The message in English.
    public var en: String

    /// An error with both messages.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// Both messages as the project's `Text`.
    public var text: Text { Text(zh: zh, en: en) }

    /// The English message.
    public var description: String { en }

    /// The same error with the file's name in front.
    func inFile(_ name: String) -> SpreadsheetError {
        SpreadsheetError(zh: "\(name)：\(zh)", en: "\(name): \(en)")
    }
}

/// Reading and writing the spreadsheets customer lists arrive in and leave as: CSV (UTF-8,
/// UTF-8 with BOM, GB18030/GBK, UTF-16 "Unicode text") and .xlsx. No dependency beyond the
/// system's zlib and iconv.
public enum Spreadsheet {
    /// Files larger than this are refused before they are read (the .xlsx limit on its
    /// uncompressed content is the same).
    static let maxFileSize = 200 << 20

    /// Reads a .csv/.tsv/.txt or .xlsx file. The format is decided by content, never by the
    /// extension: a ZIP signature "PK\u{3}\u{4}" means .xlsx. Links are followed.
    public static func read(path: String) throws(SpreadsheetError) -> Table {
        switch FileSystem.read(resolved(path), limit: maxFileSize) {
        case .success(let bytes):
            return try read(bytes: bytes, name: path)
        case .failure(.cannotOpen(let reason)):
            throw SpreadsheetError(zh: "无法打开文件（\(reason)）", en: "cannot open the file (\(reason))").inFile(path)
        case .failure(.tooLarge(let size)):
            throw SpreadsheetError(
                zh: "文件太大（\(megabytes(size))），上限为 200 MB",
                en: "the file is too large (\(megabytes(size))); the limit is 200 MB"
            ).inFile(path)
        case .failure(.notAFile):
            throw SpreadsheetError(zh: "不是普通文件", en: "not a regular file").inFile(path)
        }
    }

    /// Reads a spreadsheet held in memory; `name` (usually the file's path) starts every error
    /// message. CSV encoding: a UTF-8 BOM, a UTF-16 BOM, valid UTF-8, otherwise GB18030.
    public static func read(bytes: [UInt8], name: String) throws(SpreadsheetError) -> Table {
        do throws(SpreadsheetError) {
            if bytes.isEmpty {
                throw SpreadsheetError(zh: "文件是空的", en: "the file is empty")
            }
            if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
                return try XLSXReader.read(bytes)
            }
            if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
                throw SpreadsheetError(
                    zh: "这是旧版 Excel 97-2003 工作簿（.xls）或加了密码的工作簿，请在 Excel 或 WPS 中另存为 .xlsx 或“CSV UTF-8”后再导入",
                    en:
                        "this is an Excel 97-2003 workbook (.xls) or a password-protected workbook: save it as .xlsx or \"CSV UTF-8\" in Excel or WPS and import that"
                )
            }
            return try CSVReader.read(bytes)
        } catch {
            throw error.inFile(name)
        }
    }

    /// The rows read from a file (1-based row number, cells) made into a table: see `Table`.
    static func assemble(
        _ records: [(number: Int, cells: [String])], empty: SpreadsheetError
    ) throws(SpreadsheetError) -> Table {
        var header: [String]?
        var headerLine = 1
        var rows: [[String]] = []
        var lines: [Int] = []
        for record in records {
            var cells = record.cells.map(trim)
            while cells.last?.isEmpty == true { cells.removeLast() }
            if cells.isEmpty { continue }
            guard let width = header?.count else {
                header = cells
                headerLine = record.number
                continue
            }
            if cells.count < width { cells += Array(repeating: "", count: width - cells.count) }
            rows.append(cells)
            lines.append(record.number)
        }
        guard let header else { throw empty }
        return Table(header: header, rows: rows, lines: lines, headerLine: headerLine)
    }

    /// White space around a cell: ASCII, no-break space, the ideographic space U+3000 and a
    /// stray BOM.
    static func trim(_ s: String) -> String {
        let scalars = s.unicodeScalars
        func isSpace(_ u: Unicode.Scalar) -> Bool {
            switch u.value {
            case 0x20, 0x09...0x0D, 0xA0, 0x3000, 0xFEFF: return true
            default: return false
            }
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return s }
        return String(scalars[first...last])
    }

    /// The spreadsheet column name of a 0-based index: 0 → A, 25 → Z, 26 → AA.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var out: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            out.append(Character(Unicode.Scalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(out.reversed())
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    /// The real path of a link (so that an import file may be a link), else the path itself.
    private static func resolved(_ path: String) -> String {
        guard FileSystem.kind(path) == .symlink, let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }
}
