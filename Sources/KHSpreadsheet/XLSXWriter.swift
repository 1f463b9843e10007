import KHSupport
import KHYAML

extension Spreadsheet {
    /// A minimal .xlsx that Excel, WPS and LibreOffice open: one sheet named `sheetName`
    /// (made valid for Excel: at most 31 characters, none of : \ / ? * [ ]), the header row
    /// bold and frozen, every cell an inline string in text format, so that a phone number or
    /// an ID stays text. Line ends in cells become "\n"; characters XML 1.0 cannot hold are
    /// dropped. The bytes depend only on the table (stored entries, fixed ZIP dates).
    public static func xlsx(_ table: Table, sheetName: String) -> [UInt8] {
        ZipWriter.archive([
            ("[Content_Types].xml", Array(XLSXWriter.contentTypes.utf8)),
            ("_rels/.rels", Array(XLSXWriter.packageRels.utf8)),
            ("xl/workbook.xml", Array(XLSXWriter.workbook(sheetName: sheetName).utf8)),
            ("xl/_rels/workbook.xml.rels", Array(XLSXWriter.workbookRels.utf8)),
            ("xl/styles.xml", Array(XLSXWriter.styles.utf8)),
            ("xl/worksheets/sheet1.xml", Array(XLSXWriter.sheet(table).utf8)),
        ])
    }
}

package enum XLSXWriter {
    package static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    package static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    package static let relationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    package static let contentTypes =
        declaration + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
            </Types>
            """

    package static let packageRels =
        declaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationshipTypes)/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """

    package static let workbookRels =
        declaration + """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relationshipTypes)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(relationshipTypes)/styles" Target="styles.xml"/>\
            </Relationships>
            """

    /// Cell styles: 0 default, 1 text (@), 2 text and bold (the header).
    package static let styles =
        declaration + """
            <styleSheet xmlns="\(main)">\
            <fonts count="2">\
            <font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>\
            <font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>\
            </fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="3">\
            <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>\
            </cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
            </styleSheet>
            """

    package static func workbook(sheetName: String) -> String {
        declaration + """
            <workbook xmlns="\(main)" xmlns:r="\(relationshipTypes)">\
            <bookViews><workbookView/></bookViews>\
            <sheets><sheet name="\(XMLWriter.escape(validSheetName(sheetName), attribute: true))" sheetId="1" r:id="rId1"/></sheets>\
            </workbook>
            """
    }

    /// Excel refuses a sheet name that is empty, longer than 31 characters, has : \ / ? * [ ]
    /// or starts or ends with an apostrophe.
    static func validSheetName(_ name: String) -> String {
        var s = ""
        for u in name.unicodeScalars where u.value >= 0x20 && u.value != 0xFFFE && u.value != 0xFFFF {
            s.unicodeScalars.append(":\\/?*[]".unicodeScalars.contains(u) ? "_" : u)
        }
        s = String(Spreadsheet.trim(s).prefix(31))
        while s.hasPrefix("'") { s.removeFirst() }
        while s.hasSuffix("'") { s.removeLast() }
        return Spreadsheet.trim(s).isEmpty ? "Sheet1" : s
    }

    static func sheet(_ table: Table) -> String {
        let all = [table.header] + table.rows
        let width = all.map(\.count).max() ?? 0
        var out = declaration + "<worksheet xmlns=\"\(main)\" xmlns:r=\"\(relationshipTypes)\">"
        let last = width > 0 ? "\(Spreadsheet.columnName(width - 1))\(all.count)" : ""
        out += "<dimension ref=\"\(width > 0 && all.count > 0 ? "A1:" + last : "A1")\"/>"
        out += "<sheetViews><sheetView workbookViewId=\"0\">"
        out += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        out += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        out += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if width > 0 {
            out += "<cols>"
            for c in 0..<width {
                let longest = all.map { c < $0.count ? displayWidth($0[c]) : 0 }.max() ?? 0
                let w = min(60, max(8, longest + 2))
                out += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(w)\" style=\"1\" customWidth=\"1\"/>"
            }
            out += "</cols>"
        }
        out += "<sheetData>"
        for (r, cells) in all.enumerated() {
            out += "<row r=\"\(r + 1)\">"
            for (c, value) in cells.enumerated() where !value.isEmpty {
                let text = XMLWriter.escape(escapeOOXML(value))
                // A value of characters XML cannot hold only (control characters) leaves nothing.
                guard let first = text.unicodeScalars.first, let lastScalar = text.unicodeScalars.last else { continue }
                let space =
                    first.properties.isWhitespace || lastScalar.properties.isWhitespace ? " xml:space=\"preserve\"" : ""
                out +=
                    "<c r=\"\(Spreadsheet.columnName(c))\(r + 1)\" s=\"\(r == 0 ? 2 : 1)\" t=\"inlineStr\"><is><t\(space)>\(text)</t></is></c>"
            }
            out += "</row>"
        }
        out += "</sheetData></worksheet>"
        return out
    }

    /// "_x0041_" in a cell would read back as "A": its "_" is written as "_x005F_".
    static func escapeOOXML(_ s: String) -> String {
        guard s.contains("_x") else { return s }
        let u = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        for k in u.indices {
            if u[k] == "_", k + 6 < u.count, u[k + 1] == "x", u[k + 6] == "_",
                u[(k + 2)...(k + 5)].allSatisfy({ $0.properties.isASCIIHexDigit })
            {
                out.append(contentsOf: "_x005F_".unicodeScalars)
            } else {
                out.append(u[k])
            }
        }
        return String(out)
    }

    /// Columns wide enough for the longest line of a cell: CJK characters count twice.
    static func displayWidth(_ s: String) -> Int {
        s.split(separator: "\n").map { line in
            line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) }
        }.max() ?? 0
    }
}
