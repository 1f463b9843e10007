import KHSupport
import KHYAML

/// RFC 4180 CSV as Excel and WPS read and write it, plus the tab- and semicolon-separated
/// variants ("Unicode text" exports, European Excel).
enum CSVReader {
    static func read(_ bytes: [UInt8]) throws(SpreadsheetError) -> Table {
        let text = try TextDecoding.decode(bytes)
        let records = try parse(Array(text.utf8))
        return try Spreadsheet.assemble(
            records,
            empty: SpreadsheetError(
                zh: "文件里没有任何内容（找不到表头行）", en: "the file has no content (no header row)"))
    }

    /// The records of a CSV text, each with its 1-based record number (the row Excel shows it
    /// in: a quoted line break does not start a new row). The separator is a comma unless the
    /// first non-blank line has none but has tabs or semicolons.
    static func parse(_ b: [UInt8]) throws(SpreadsheetError) -> [(number: Int, cells: [String])] {
        let quote: UInt8 = 0x22
        let cr: UInt8 = 0x0D
        let lf: UInt8 = 0x0A
        let separator = detectSeparator(b)
        var records: [(number: Int, cells: [String])] = []
        var row: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var quoteStartedIn = 0
        var number = 1
        var i = 0
        let n = b.count
        func endField() {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            records.append((number, row))
            row = []
            number += 1
        }
        while i < n {
            let c = b[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < n && b[i + 1] == quote {
                        field.append(quote)
                        i += 2
                    } else {
                        inQuotes = false
                        i += 1
                    }
                } else if c == cr {
                    // A quoted line break is kept as one "\n", whichever the file used.
                    field.append(lf)
                    i += (i + 1 < n && b[i + 1] == lf) ? 2 : 1
                } else {
                    field.append(c)
                    i += 1
                }
                continue
            }
            if c == separator {
                endField()
                i += 1
            } else if c == cr || c == lf {
                endRecord()
                i += (c == cr && i + 1 < n && b[i + 1] == lf) ? 2 : 1
            } else if c == quote && field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                // A field that starts with a quote (after blanks people type by hand).
                field.removeAll(keepingCapacity: true)
                inQuotes = true
                quoteStartedIn = number
                i += 1
            } else {
                // A quote inside an unquoted field, or text after a closing quote: kept as
                // Excel keeps it.
                field.append(c)
                i += 1
            }
        }
        if inQuotes {
            throw SpreadsheetError(
                zh: "第 \(quoteStartedIn) 行有一个引号（\"）直到文件末尾都没有闭合",
                en: "a quote (\") opened in row \(quoteStartedIn) is never closed before the end of the file")
        }
        // The last line without a line break; a final line break adds no empty row.
        if !field.isEmpty || !row.isEmpty { endRecord() }
        return records
    }

    /// Comma, or tab / semicolon when the first non-blank line has no comma outside quotes.
    static func detectSeparator(_ b: [UInt8]) -> UInt8 {
        var commas = 0
        var tabs = 0
        var semicolons = 0
        var inQuotes = false
        var content = false
        for c in b {
            if c == 0x22 {
                inQuotes.toggle()
                content = true
                continue
            }
            if inQuotes { continue }
            switch c {
            case 0x2C: commas += 1
            case 0x09: tabs += 1
            case 0x3B: semicolons += 1
            case 0x0A, 0x0D:
                if content || commas + tabs + semicolons > 0 {
                    return choose(commas, tabs, semicolons)
                }
            case 0x20: break
            default: content = true
            }
        }
        return choose(commas, tabs, semicolons)
    }

    private static func choose(_ commas: Int, _ tabs: Int, _ semicolons: Int) -> UInt8 {
        if commas > 0 || (tabs == 0 && semicolons == 0) { return 0x2C }
        return tabs >= semicolons ? 0x09 : 0x3B
    }
}

extension Spreadsheet {
    /// CSV for Excel on Chinese Windows: UTF-8 with a BOM (so Excel does not read it as GBK),
    /// CRLF line ends, RFC 4180 quoting, and formula-safe cells (see `csvCell`). The header,
    /// then the rows; `lines` is ignored.
    public static func csv(_ table: Table) -> [UInt8] {
        Array(csvText([table.header] + table.rows).utf8)
    }

    /// One CSV cell: a cell starting with = + - @, a tab or a CR gets a leading ' so that no
    /// spreadsheet runs it as a formula; a cell with a comma, quote or line break is quoted,
    /// its quotes doubled.
    public static func csvCell(_ raw: String) -> String {
        let scalars = raw.unicodeScalars
        let formula = scalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false
        // Scalars, not Characters: "\r\n" is one Character, and a comma with a combining mark
        // after it is still a comma to a CSV reader.
        let quoted = scalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        if !formula && !quoted { return raw }
        var out = String.UnicodeScalarView()
        if quoted { out.append("\"") }
        if formula { out.append("'") }
        for u in scalars {
            out.append(u)
            if u == "\"" { out.append(u) }
        }
        if quoted { out.append("\"") }
        return String(out)
    }

    /// The one CSV writer of the project (`csv(_:)`, `Catalogue.csv()`): BOM, records joined
    /// by commas, each ended by CRLF.
    package static func csvText<S: Sequence>(_ records: S) -> String where S.Element == [String] {
        var out = "\u{FEFF}"
        for record in records {
            out += record.map(csvCell).joined(separator: ",") + "\r\n"
        }
        return out
    }
}
