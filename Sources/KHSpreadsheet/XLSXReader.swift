import KHSupport
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The first worksheet of an .xlsx (Office Open XML) workbook as text cells, the way Excel
/// shows them: shared and inline strings, numbers without a spurious ".0", dates as
/// YYYY-MM-DD.
enum XLSXReader {
    static let maxRows = 1_048_576, maxColumns = 16_384

    static func read(_ bytes: [UInt8]) throws(SpreadsheetError) -> Table {
        let zip = try ZipArchive(bytes)

        // The workbook part: where _rels/.rels says, else the usual place.
        var workbookPath = "xl/workbook.xml"
        if let rels = try zip.data("_rels/.rels") {
            let all = try relationships(rels, part: "_rels/.rels", base: "")
            if let office = all.values.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                workbookPath = office.target
            }
        }
        guard let workbookXML = try zip.data(workbookPath) else {
            if zip.entry("mimetype") != nil && zip.entry("content.xml") != nil {
                throw SpreadsheetError(
                    zh: "这是 OpenDocument 表格（.ods），请另存为 .xlsx 或“CSV UTF-8”",
                    en: "this is an OpenDocument spreadsheet (.ods): save it as .xlsx or \"CSV UTF-8\"")
            }
            if zip.entry("word/document.xml") != nil {
                throw SpreadsheetError(
                    zh: "这是 Word 文档，不是 Excel 工作簿", en: "this is a Word document, not an Excel workbook")
            }
            throw SpreadsheetError(
                zh: "ZIP 中没有 \(workbookPath)：不是 Excel 工作簿（.xlsx）",
                en: "no \(workbookPath) in the ZIP: not an Excel workbook (.xlsx)")
        }
        let workbook = try parseWorkbook(workbookXML, part: workbookPath)
        guard let sheet = workbook.firstSheet else {
            throw SpreadsheetError(zh: "\(workbookPath) 中没有任何工作表", en: "\(workbookPath) lists no worksheet")
        }

        let slash = workbookPath.lastIndex(of: "/")
        let directory = slash.map { String(workbookPath[...$0]) } ?? ""
        let file = slash.map { String(workbookPath[workbookPath.index(after: $0)...]) } ?? workbookPath
        let relsPath = directory + "_rels/" + file + ".rels"
        guard let relsXML = try zip.data(relsPath) else {
            throw SpreadsheetError(
                zh: "ZIP 中没有 \(relsPath)，找不到工作表", en: "no \(relsPath) in the ZIP: the worksheets cannot be found")
        }
        let rels = try relationships(relsXML, part: relsPath, base: directory)
        guard let sheetPath = rels[sheet.relationship]?.target else {
            throw SpreadsheetError(
                zh: "\(relsPath) 中没有第一个工作表“\(sheet.name)”的关系 \(sheet.relationship)",
                en: "\(relsPath) has no relationship \(sheet.relationship) for the first worksheet \"\(sheet.name)\"")
        }
        func part(_ type: String, _ fallback: String) -> String {
            rels.values.first { $0.type.hasSuffix("/" + type) }?.target ?? directory + fallback
        }
        let sharedPath = part("sharedStrings", "sharedStrings.xml")
        let shared =
            try zip.data(sharedPath).map { d throws(SpreadsheetError) in try sharedStrings(d, part: sharedPath) } ?? []
        let stylesPath = part("styles", "styles.xml")
        let styles =
            try zip.data(stylesPath).map { d throws(SpreadsheetError) in try Styles(d, part: stylesPath) } ?? Styles()

        guard let sheetXML = try zip.data(sheetPath) else {
            throw SpreadsheetError(
                zh: "第一个工作表“\(sheet.name)”的 \(sheetPath) 不在 ZIP 中",
                en: "\(sheetPath) of the first worksheet \"\(sheet.name)\" is missing from the ZIP")
        }
        let records = try cells(sheetXML, part: sheetPath, shared: shared, styles: styles, date1904: workbook.date1904)
        return try Spreadsheet.assemble(
            records,
            empty: SpreadsheetError(
                zh: "第一个工作表“\(sheet.name)”是空的（找不到表头行）",
                en: "the first worksheet \"\(sheet.name)\" is empty (no header row)"))
    }

    // MARK: - Workbook and relationships

    struct Workbook {
        var firstSheet: (name: String, relationship: String)?
        var date1904 = false
    }

    static func parseWorkbook(_ data: [UInt8], part: String) throws(SpreadsheetError) -> Workbook {
        var xml = XMLTokenizer(data, part: part)
        var wb = Workbook()
        var root: String?
        while let event = try xml.next() {
            guard case .start(let name, let attributes, _) = event else { continue }
            if root == nil {
                root = name
                guard name == "workbook" else {
                    throw SpreadsheetError(
                        zh: "\(part) 的根元素是 <\(name)>，不是 <workbook>",
                        en: "the root of \(part) is <\(name)>, not <workbook>")
                }
            }
            if name == "workbookPr", let v = XMLTokenizer.attribute(attributes, "date1904") {
                wb.date1904 = v == "1" || v == "true"
            } else if name == "sheet" && wb.firstSheet == nil {
                guard let id = XMLTokenizer.prefixedAttribute(attributes, local: "id") else {
                    throw SpreadsheetError(
                        zh: "\(part) 中的第一个 <sheet> 没有 r:id", en: "the first <sheet> in \(part) has no r:id")
                }
                wb.firstSheet = (XMLTokenizer.attribute(attributes, "name") ?? "", id)
            }
        }
        return wb
    }

    /// Id → (type, target as a path inside the ZIP).
    static func relationships(
        _ data: [UInt8], part: String, base: String
    ) throws(SpreadsheetError) -> [String: (type: String, target: String)] {
        var xml = XMLTokenizer(data, part: part)
        var out: [String: (type: String, target: String)] = [:]
        while let event = try xml.next() {
            guard case .start("Relationship", let attributes, _) = event,
                let id = XMLTokenizer.attribute(attributes, "Id"),
                let target = XMLTokenizer.attribute(attributes, "Target"),
                XMLTokenizer.attribute(attributes, "TargetMode") != "External"
            else { continue }
            out[id] = (XMLTokenizer.attribute(attributes, "Type") ?? "", resolve(target, base: base))
        }
        return out
    }

    /// A relationship target: "/xl/x.xml" from the root, "worksheets/x.xml" or "../x.xml"
    /// from the folder of the part.
    static func resolve(_ target: String, base: String) -> String {
        let path = target.hasPrefix("/") ? String(target.dropFirst()) : base + target
        var parts: [Substring] = []
        for p in path.split(separator: "/") {
            if p == "." { continue }
            if p == ".." {
                _ = parts.popLast()
                continue
            }
            parts.append(p)
        }
        return parts.joined(separator: "/")
    }

    // MARK: - Shared strings

    static func sharedStrings(_ data: [UInt8], part: String) throws(SpreadsheetError) -> [String] {
        var xml = XMLTokenizer(data, part: part)
        var out: [String] = []
        var current: String?
        var inText = false
        var phonetic = 0
        while let event = try xml.next() {
            switch event {
            case .start("si", _, _): current = ""
            case .end("si"):
                out.append(unescapeOOXML(current ?? ""))
                current = nil
            case .start("rPh", _, _): phonetic += 1
            case .end("rPh"): phonetic -= 1
            case .start("t", _, _): inText = true
            case .end("t"): inText = false
            case .text(let s) where inText && phonetic == 0 && current != nil: current! += s
            default: break
            }
        }
        return out
    }

    /// Excel's escapes for characters XML cannot hold: `_x000D_` is a CR, `_x005F_` a "_".
    static func unescapeOOXML(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        let u = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var k = 0
        func isHex(_ c: Unicode.Scalar) -> Bool { c.properties.isASCIIHexDigit }
        while k < u.count {
            if u[k] == "_", k + 6 < u.count, u[k + 1] == "x", u[k + 6] == "_", u[(k + 2)...(k + 5)].allSatisfy(isHex),
                let v = UInt32(String(String.UnicodeScalarView(u[(k + 2)...(k + 5)])), radix: 16),
                let scalar = Unicode.Scalar(v)
            {
                out.append(scalar)
                k += 7
            } else {
                out.append(u[k])
                k += 1
            }
        }
        return String(out)
    }

    // MARK: - Styles: which cells are dates

    struct Styles {
        enum Kind { case number, date(time: Bool), time }
        /// The number format of each cell style (`s` of a cell).
        var formats: [Int] = []
        var custom: [Int: String] = [:]

        init() {}

        init(_ data: [UInt8], part: String) throws(SpreadsheetError) {
            var xml = XMLTokenizer(data, part: part)
            var depth = 0
            var xfsDepth: Int?
            while let event = try xml.next() {
                switch event {
                case .start(let name, let attributes, _):
                    depth += 1
                    if name == "numFmt", let id = XMLTokenizer.attribute(attributes, "numFmtId").flatMap({ Int($0) }) {
                        custom[id] = XMLTokenizer.attribute(attributes, "formatCode") ?? ""
                    } else if name == "cellXfs" {
                        xfsDepth = depth
                    } else if name == "xf", let d = xfsDepth, depth == d + 1 {
                        formats.append(XMLTokenizer.attribute(attributes, "numFmtId").flatMap { Int($0) } ?? 0)
                    }
                case .end(let name):
                    if name == "cellXfs" && xfsDepth == depth { xfsDepth = nil }
                    depth -= 1
                case .text: break
                }
            }
        }

        func kind(style: Int) -> Kind {
            guard style >= 0 && style < formats.count else { return .number }
            let id = formats[style]
            if let code = custom[id] { return Self.kind(code: code) }
            switch id {
            case 14...17, 27...31, 36, 50...54, 57, 58: return .date(time: false)
            case 22: return .date(time: true)
            case 18...21, 32...35, 45...47, 55, 56: return .time
            default: return .number
            }
        }

        /// A custom format is a date when, outside quoted text, escapes, fills and [colour]
        /// or [$-locale] brackets, it has y, d, or m without h/s; time with h or s.
        static func kind(code: String) -> Kind {
            var letters = ""
            var it = code.lowercased().makeIterator()
            while let c = it.next() {
                switch c {
                case "\"": while let d = it.next(), d != "\"" {}
                case "\\", "_", "*": _ = it.next()
                case "[":
                    var inner = ""
                    while let d = it.next(), d != "]" { inner.append(d) }
                    // [h], [mm], [ss]: elapsed time.
                    if !inner.isEmpty && inner.allSatisfy({ "hms".contains($0) }) { letters += inner }
                default: letters.append(c)
                }
            }
            letters = letters.replacing("general", with: "")
            let date = letters.contains("y") || letters.contains("d")
            let time = letters.contains("h") || letters.contains("s")
            if date || (letters.contains("m") && !time) { return .date(time: time) }
            return time ? .time : .number
        }
    }

    // MARK: - The sheet

    static func cells(
        _ data: [UInt8], part: String, shared: [String], styles: Styles, date1904: Bool
    ) throws(SpreadsheetError) -> [(number: Int, cells: [String])] {
        var xml = XMLTokenizer(data, part: part)
        var sheet = SheetCells(part: part, shared: shared, styles: styles, date1904: date1904)
        while let event = try xml.next() {
            switch event {
            case .start(let name, let attributes, _): try sheet.start(name, attributes)
            case .end(let name): try sheet.end(name)
            case .text(let s): sheet.text(s)
            }
        }
        guard sheet.root != nil else {
            throw SpreadsheetError(zh: "\(part) 中没有工作表内容", en: "\(part) has no worksheet content")
        }
        // Rows in order of their numbers (Excel writes them so; not every tool does).
        return sheet.records.enumerated().sorted { ($0.element.number, $0.offset) < ($1.element.number, $1.offset) }
            .map(\.element)
    }

    /// A worksheet's rows read event by event: the row and the cell being read, their numbers
    /// (given, or counted from the previous), and the rows read so far.
    private struct SheetCells {
        let part: String
        let shared: [String]
        let styles: XLSXReader.Styles
        let date1904: Bool
        var records: [(number: Int, cells: [String])] = []
        var rowNumber = 0
        var row: [String]?
        var rowHasNumber = false
        var column = -1
        // The cell being read.
        var cell: (ref: String, type: String, style: Int)?
        var value = ""
        var inline = ""
        var inValue = false
        var inInlineText = false
        var phonetic = 0
        var root: String?

        init(part: String, shared: [String], styles: XLSXReader.Styles, date1904: Bool) {
            self.part = part
            self.shared = shared
            self.styles = styles
            self.date1904 = date1904
        }

        func where_(_ ref: String) -> (zh: String, en: String) {
            ("\(part) 的单元格 \(ref)", "cell \(ref) of \(part)")
        }

        mutating func start(_ name: String, _ attributes: [(name: String, value: String)]) throws(SpreadsheetError) {
            if root == nil {
                root = name
                guard name == "worksheet" else {
                    throw SpreadsheetError(
                        zh: "\(part) 的根元素是 <\(name)>，不是工作表 <worksheet>",
                        en: "the root of \(part) is <\(name)>, not a <worksheet>")
                }
            }
            switch name {
            case "row": try startRow(attributes)
            case "c" where row != nil: try startCell(attributes)
            case "v" where cell != nil: inValue = true
            case "rPh" where cell != nil: phonetic += 1
            case "t" where cell != nil: inInlineText = true
            default: break
            }
        }

        /// `<row r="…">`: its number, given or the previous one's next.
        mutating func startRow(_ attributes: [(name: String, value: String)]) throws(SpreadsheetError) {
            if let r = XMLTokenizer.attribute(attributes, "r") {
                guard let n = Int(r), n >= 1, n <= XLSXReader.maxRows else {
                    throw SpreadsheetError(zh: "\(part) 中的行号 \(r) 无效", en: "invalid row number \(r) in \(part)")
                }
                rowNumber = n
                rowHasNumber = true
            } else {
                rowNumber += 1
                rowHasNumber = false
            }
            row = []
            column = -1
        }

        /// `<c r="…" t="…" s="…">`: its column, given or the previous one's next, its type and style.
        mutating func startCell(_ attributes: [(name: String, value: String)]) throws(SpreadsheetError) {
            let ref = XMLTokenizer.attribute(attributes, "r") ?? ""
            if ref.isEmpty {
                column += 1
            } else {
                guard let (c, r) = XLSXReader.parseReference(ref) else {
                    throw SpreadsheetError(
                        zh: "\(part) 中的单元格引用 \(ref) 无效", en: "invalid cell reference \(ref) in \(part)")
                }
                column = c
                if let r, !rowHasNumber, row!.isEmpty {
                    rowNumber = r
                    rowHasNumber = true
                }
            }
            guard column < XLSXReader.maxColumns else {
                throw SpreadsheetError(
                    zh: "\(part) 的列数超过 Excel 的上限 16384", en: "more than Excel's 16384 columns in \(part)")
            }
            let style = XMLTokenizer.attribute(attributes, "s").flatMap { Int($0) } ?? 0
            cell = (
                ref.isEmpty ? Spreadsheet.columnName(column) + "\(rowNumber)" : ref,
                XMLTokenizer.attribute(attributes, "t") ?? "n", style
            )
            value = ""
            inline = ""
        }

        mutating func end(_ name: String) throws(SpreadsheetError) {
            switch name {
            case "v": inValue = false
            case "t": inInlineText = false
            case "rPh": phonetic -= 1
            case "c":
                guard let c = cell, row != nil else { break }
                let text = try XLSXReader.render(
                    type: c.type, value: value, inline: inline, style: c.style, styles: styles,
                    shared: shared, date1904: date1904, at: where_(c.ref))
                if column >= row!.count { row! += Array(repeating: "", count: column - row!.count + 1) }
                row![column] = text
                cell = nil
            case "row":
                if let r = row { records.append((rowNumber, r)) }
                row = nil
            default: break
            }
        }

        mutating func text(_ s: String) {
            if inValue { value += s } else if inInlineText && phonetic == 0 { inline += s }
        }
    }

    /// "AB12" → (27, 12); a reference without the row ("AB") → (27, nil).
    static func parseReference(_ ref: String) -> (Int, Int?)? {
        var column = 0
        var digits = ""
        var letters = 0
        for u in ref.unicodeScalars {
            switch u.value {
            case 0x41...0x5A, 0x61...0x7A:
                guard digits.isEmpty, letters < 3 else { return nil }
                column = column * 26 + Int((u.value | 0x20) - 0x61) + 1
                letters += 1
            case 0x30...0x39: digits.unicodeScalars.append(u)
            case 0x24: continue  // $A$1
            default: return nil
            }
        }
        guard letters > 0 else { return nil }
        if digits.isEmpty { return (column - 1, nil) }
        guard let r = Int(digits), r >= 1, r <= maxRows else { return nil }
        return (column - 1, r)
    }

    static func render(
        type: String, value: String, inline: String, style: Int, styles: Styles, shared: [String],
        date1904: Bool, at place: (zh: String, en: String)
    ) throws(SpreadsheetError) -> String {
        switch type {
        case "s":
            let trimmed = Spreadsheet.trim(value)
            if trimmed.isEmpty { return "" }
            guard let index = Int(trimmed), index >= 0, index < shared.count else {
                throw SpreadsheetError(
                    zh: "\(place.zh) 引用了不存在的共享字符串 \(trimmed)",
                    en: "\(place.en) refers to shared string \(trimmed), which does not exist")
            }
            return shared[index]
        case "inlineStr": return unescapeOOXML(inline)
        case "str": return unescapeOOXML(value)
        case "b": return Spreadsheet.trim(value) == "1" ? "TRUE" : (value.isEmpty ? "" : "FALSE")
        case "e": return value
        case "d": return isoDate(Spreadsheet.trim(value))
        default:
            let raw = Spreadsheet.trim(value)
            guard !raw.isEmpty, let number = Double(raw), number.isFinite else { return raw }
            switch styles.kind(style: style) {
            case .number: return formatNumber(number)
            case .date(let time):
                return formatDate(number, date1904: date1904, time: time, timeOnly: false) ?? formatNumber(number)
            case .time:
                return formatDate(number, date1904: date1904, time: true, timeOnly: number < 1) ?? formatNumber(number)
            }
        }
    }

    // MARK: - Numbers and dates

    /// Integers without ".0" (13800138000, also from 1.3800138E10), other numbers in the
    /// shortest decimal form, both to the 15 significant digits Excel shows.
    static func formatNumber(_ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 48)
        _ = buffer.withUnsafeMutableBufferPointer { p in
            withVaList([x]) { vsnprintf(p.baseAddress!, 48, "%.15g", $0) }
        }
        let shown =
            Double(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)) ?? x
        if shown == 0 { return "0" }
        if shown == shown.rounded() && abs(shown) < 1e15 { return String(Int64(shown)) }
        return plainDecimal(shown.description)
    }

    /// "1.5e-07" → "0.00000015", "1.2e+20" → "120000000000000000000".
    static func plainDecimal(_ s: String) -> String {
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }), let exponent = Int(s[s.index(after: e)...])
        else { return s }
        var mantissa = String(s[..<e])
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let dot = mantissa.firstIndex(of: ".")
        let intPart = dot.map { String(mantissa[..<$0]) } ?? mantissa
        var digits = intPart + (dot.map { String(mantissa[mantissa.index(after: $0)...]) } ?? "")
        var point = intPart.count + exponent
        if point <= 0 {
            digits = String(repeating: "0", count: -point + 1) + digits
            point = 1
        } else if point > digits.count {
            digits += String(repeating: "0", count: point - digits.count)
        }
        var result = String(digits.prefix(point))
        var fraction = String(digits.dropFirst(point))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        while result.count > 1 && result.hasPrefix("0") { result.removeFirst() }
        if !fraction.isEmpty { result += "." + fraction }
        return (negative ? "-" : "") + result
    }

    /// An Excel serial date as YYYY-MM-DD, with " HH:MM" (":SS" when not 0) when the format
    /// shows a time and the value has one; nil out of Excel's range (years 1900–9999).
    static func formatDate(_ serial: Double, date1904: Bool, time: Bool, timeOnly: Bool) -> String? {
        guard serial >= 0 && serial < 2_958_466 else { return nil }
        var totalSeconds = Int64((serial * 86400).rounded())
        var days = totalSeconds / 86400
        totalSeconds %= 86400
        let clock =
            "\(two(Int(totalSeconds / 3600))):\(two(Int(totalSeconds / 60 % 60)))"
            + (totalSeconds % 60 == 0 ? "" : ":\(two(Int(totalSeconds % 60)))")
        if timeOnly { return clock }
        // Days since 1970-01-01. 1900 system: serial 1 is 1900-01-01, and Excel counts a
        // 29 February 1900 that never was (serial 60), so serials before it are one day off.
        if date1904 {
            days += -24107
        } else {
            if days < 61 { days += 1 }
            days += -25569
        }
        let (y, m, d) = CivilDate.from(daysSince1970: Int(days))
        let date = "\(y)-\(two(m))-\(two(d))"
        return time && totalSeconds != 0 ? date + " " + clock : date
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A `t="d"` cell (ISO 8601): the date, and the time when it is not midnight.
    static func isoDate(_ s: String) -> String {
        let u = Array(s)
        guard u.count >= 10 else { return s }
        let date = String(u[0..<10])
        guard u.count >= 16, u[10] == "T" else { return date }
        let clock = String(u[11..<16])
        let seconds = u.count >= 19 ? String(u[16..<19]) : ""
        if clock == "00:00" && (seconds.isEmpty || seconds == ":00") { return date }
        return date + " " + clock + (seconds == ":00" ? "" : seconds)
    }
}
