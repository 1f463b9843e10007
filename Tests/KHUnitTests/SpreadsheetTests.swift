import Foundation
import KHTestSupport
import XCTest

@testable import KHFuzzing
@testable import KHModel
@testable import KHOutputs
@testable import KHPinyin
@testable import KHSpreadsheet
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// The spreadsheet layer of `kh import` / `kh export`: CSV in every encoding Chinese users
/// have, .xlsx from a real spreadsheet program, and what is written back.
final class SpreadsheetTests: XCTestCase {
    static let importFixtures = Golden.fixtures.appendingPathComponent("import")

    static let header = SpreadsheetSamples.header
    static let collection = SpreadsheetSamples.collection
    static let tricky = SpreadsheetSamples.tricky

    func assertTable(_ actual: Table, _ expected: Table, file: StaticString = #filePath, line: UInt = #line) {
        SpreadsheetSamples.assertTable(actual, expected, file: file, line: line)
    }

    func fixture(_ name: String) -> String { Self.importFixtures.appendingPathComponent(name).path }

    func fixtureBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: fixture(name))))
    }

    /// The error `body` throws; fails when it throws none.
    func error(
        _ body: () throws(SpreadsheetError) -> Table, file: StaticString = #filePath, line: UInt = #line
    ) -> SpreadsheetError? {
        do {
            let table = try body()
            XCTFail("expected a SpreadsheetError, read \(table)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - The collection fixtures

    func testReadsUTF8CSV() throws {
        assertTable(try Spreadsheet.read(path: fixture("collection-utf8.csv")), Self.collection)
    }

    func testReadsUTF8CSVWithBOM() throws {
        let bytes = try fixtureBytes("collection-utf8-bom.csv")
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertTrue(bytes.contains(0x0D), "CRLF line ends")
        assertTable(try Spreadsheet.read(path: fixture("collection-utf8-bom.csv")), Self.collection)
    }

    func testReadsGB18030CSV() throws {
        let bytes = try fixtureBytes("collection-gb18030.csv")
        XCTAssertNil(String(validating: bytes, as: UTF8.self), "the fixture is not UTF-8")
        // 𠮷 U+20BB7 is outside GBK: GB18030 gives it four bytes.
        XCTAssertNotNil(bytes.firstRange(of: [0x95, 0x34, 0xB2, 0x35]))
        assertTable(try Spreadsheet.read(path: fixture("collection-gb18030.csv")), Self.collection)
    }

    func testReadsXLSXWrittenByLibreOffice() throws {
        let bytes = try fixtureBytes("collection.xlsx")
        // The fixture covers what the reader must render: a phone number stored as a number,
        // dates (one with a time) stored as date-formatted numbers, rich text, shared strings.
        let zip = try ZipArchive(bytes)
        let sheet = String(decoding: try XCTUnwrap(try zip.data("xl/worksheets/sheet1.xml")), as: UTF8.self)
        XCTAssertTrue(sheet.contains("<c r=\"H2\" s=\"0\" t=\"n\"><v>13800138000</v></c>"))
        XCTAssertTrue(sheet.contains("<c r=\"O2\" s=\"2\" t=\"n\"><v>45420</v></c>"))
        XCTAssertTrue(sheet.contains("<c r=\"O3\" s=\"3\" t=\"n\"><v>45422.6041666667</v></c>"))
        XCTAssertFalse(sheet.contains("r=\"G3\""), "an empty cell is left out: columns come from the references")
        XCTAssertTrue(
            String(decoding: try XCTUnwrap(try zip.data("xl/workbook.xml")), as: UTF8.self).contains("r:id=\"rId2\""))

        assertTable(try Spreadsheet.read(path: fixture("collection.xlsx")), Self.collection)
        // By content, not by extension.
        assertTable(try Spreadsheet.read(bytes: bytes, name: "客户.csv"), Self.collection)
    }

    // MARK: - CSV dialects

    func testCSVQuotingLineEndsAndEmptyRows() throws {
        let csv = "名称,备注\r\n\"星辰, 北京\",\"他说\"\"好\"\"\r\n第二行\"\r\n\r\n,  \r\n  李娜　, x \r帅\"气\"\n\"A\" ,\"\"\n\n"
        let t = try Spreadsheet.read(bytes: Array(csv.utf8), name: "t.csv")
        XCTAssertEqual(t.header, ["名称", "备注"])
        XCTAssertEqual(t.rows, [["星辰, 北京", "他说\"好\"\n第二行"], ["李娜", "x"], ["帅\"气\"", ""], ["A", ""]])
        // Records, not physical lines: the quoted line break stays in row 2.
        XCTAssertEqual(t.lines, [2, 5, 6, 7])
    }

    func testCSVRowsWiderOrNarrowerThanTheHeader() throws {
        let t = try Spreadsheet.read(bytes: Array("a,b,c,,\n1\n1,2,3,4\n".utf8), name: "t.csv")
        XCTAssertEqual(t.header, ["a", "b", "c"])
        XCTAssertEqual(t.rows, [["1", "", ""], ["1", "2", "3", "4"]])
    }

    func testTabAndSemicolonSeparatedFiles() throws {
        // Excel's "Unicode text": UTF-16LE with a BOM, tabs.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in "客户名称\t手机号码\r\n北京星辰科技有限公司, 总部\t13800138000\r\n𠮷祥\t\r\n".utf16 {
            utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)]
        }
        let t = try Spreadsheet.read(bytes: utf16, name: "unicode.txt")
        XCTAssertEqual(t, Table(header: ["客户名称", "手机号码"], rows: [["北京星辰科技有限公司, 总部", "13800138000"], ["𠮷祥", ""]]))

        let s = try Spreadsheet.read(bytes: Array("客户名称;手机号码\n\"李;娜\";139\n".utf8), name: "eu.csv")
        XCTAssertEqual(s, Table(header: ["客户名称", "手机号码"], rows: [["李;娜", "139"]]))
        // A comma in the header wins.
        let c = try Spreadsheet.read(bytes: Array("a;b,c\n1;2,3\n".utf8), name: "c.csv")
        XCTAssertEqual(c.header, ["a;b", "c"])
    }

    func testUnclosedQuoteNamesItsRow() {
        let e = error { () throws(SpreadsheetError) in
            try Spreadsheet.read(bytes: Array("a,b\n1,2\n3,\"oops\n4,5\n".utf8), name: "q.csv")
        }
        XCTAssertEqual(e?.en, "q.csv: a quote (\") opened in row 3 is never closed before the end of the file")
        XCTAssertEqual(e?.zh, "q.csv：第 3 行有一个引号（\"）直到文件末尾都没有闭合")
    }

    // MARK: - Writing CSV

    func testCSVOutputBytes() {
        let table = Table(
            header: ["客户名称", "手机号码", "备注"],
            rows: [
                ["北京星辰科技有限公司", "13800138000", "=HYPERLINK(\"x\")"],
                ["李娜", "+86 139", "第一行\n第二行, 还有\"引号\""],
                ["@张伟", "-", ""],
            ])
        let expected =
            "\u{FEFF}客户名称,手机号码,备注\r\n"
            + "北京星辰科技有限公司,13800138000,\"'=HYPERLINK(\"\"x\"\")\"\r\n"
            + "李娜,'+86 139,\"第一行\n第二行, 还有\"\"引号\"\"\"\r\n"
            + "'@张伟,'-,\r\n"
        XCTAssertEqual(Spreadsheet.csv(table), Array(expected.utf8))
        XCTAssertEqual(Array(Spreadsheet.csv(table).prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(Spreadsheet.csvCell("a\r\nb"), "\"a\r\nb\"")
        XCTAssertEqual(Spreadsheet.csvCell("\tx"), "'\tx")
        XCTAssertEqual(Spreadsheet.csvCell(""), "")
    }

    func testCSVReadsBackWhatItWrites() throws {
        let table = Table(header: ["名称", "备注"], rows: [["星辰, \"科技\"", "一\n二"], ["李娜", "x"]])
        XCTAssertEqual(try Spreadsheet.read(bytes: Spreadsheet.csv(table), name: "out.csv"), table)
    }

    // MARK: - Writing .xlsx

    func testXLSXRoundTrip() throws {
        let bytes = Spreadsheet.xlsx(Self.tricky, sheetName: "客户")
        XCTAssertEqual(bytes, Spreadsheet.xlsx(Self.tricky, sheetName: "客户"), "deterministic")
        let back = try Spreadsheet.read(bytes: bytes, name: "out.xlsx")
        var expected = Self.tricky
        expected.rows[2][20] = "前后空格"  // read cells are trimmed
        expected.lines = [2, 3, 4]
        assertTable(back, expected)

        let zip = try ZipArchive(bytes)
        XCTAssertEqual(
            zip.entries.map(\.name),
            [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml",
            ])
        let sheet = String(decoding: try XCTUnwrap(try zip.data("xl/worksheets/sheet1.xml")), as: UTF8.self)
        // The phone number stays text; a bold, frozen header.
        XCTAssertTrue(sheet.contains("<c r=\"H2\" s=\"1\" t=\"inlineStr\"><is><t>13800138000</t></is></c>"))
        XCTAssertTrue(sheet.contains("<c r=\"A1\" s=\"2\" t=\"inlineStr\"><is><t>客户编号</t></is></c>"))
        XCTAssertTrue(sheet.contains("state=\"frozen\""))
        XCTAssertTrue(sheet.contains("<t>&lt;a href=\"x\"&gt;&amp;amp;&lt;/a&gt;</t>"))
        XCTAssertTrue(sheet.contains("<t>_x005F_x0041_ 'q' 👍</t>"))
        XCTAssertTrue(
            String(decoding: try XCTUnwrap(try zip.data("xl/workbook.xml")), as: UTF8.self).contains(
                "<sheet name=\"客户\" sheetId=\"1\" r:id=\"rId1\"/>"))
    }

    func testXLSXDropsCharactersXMLCannotHoldAndFixesSheetNames() throws {
        let bytes = Spreadsheet.xlsx(
            Table(header: ["a\u{1}b", "c"], rows: [["x\u{0}y\u{FFFE}", "1\r\n2"]]), sheetName: "客户/名单:2024[1]'")
        XCTAssertEqual(
            try Spreadsheet.read(bytes: bytes, name: "o.xlsx"), Table(header: ["ab", "c"], rows: [["xy", "1\n2"]]))
        let workbook = String(decoding: try XCTUnwrap(try ZipArchive(bytes).data("xl/workbook.xml")), as: UTF8.self)
        XCTAssertTrue(workbook.contains("name=\"客户_名单_2024_1_\""))
        XCTAssertEqual(XLSXWriter.validSheetName(String(repeating: "客", count: 40)).count, 31)
        XCTAssertEqual(XLSXWriter.validSheetName(" ''' "), "Sheet1")
    }

    // MARK: - .xlsx details

    static let mainNS = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
    static let relNS = "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

    /// A workbook whose first sheet is `xl/worksheets/data.xml` (relationship rId7), after a
    /// hidden-order second sheet.
    func workbook(
        sheet: String, shared: String? = nil, styles: String? = nil, date1904: Bool = false,
        omit: Set<String> = []
    ) -> [UInt8] {
        var files: [(name: String, data: [UInt8])] = [
            (
                "_rels/.rels",
                Array(
                    """
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/>\
                    </Relationships>
                    """.utf8)
            ),
            (
                "xl/workbook.xml",
                Array(
                    """
                    <?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY boom "boom">]><workbook \(Self.mainNS) \(Self.relNS)>\
                    <workbookPr date1904="\(date1904 ? 1 : 0)"/><sheets><sheet name="名单" sheetId="2" r:id="rId7"/>\
                    <sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
                    """.utf8)
            ),
            (
                "xl/_rels/workbook.xml.rels",
                Array(
                    """
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
                    <Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/../worksheets/data.xml"/>\
                    <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>\
                    <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
                    </Relationships>
                    """.utf8)
            ),
            (
                "xl/worksheets/sheet1.xml",
                Array(
                    "<worksheet \(Self.mainNS)><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>"
                        .utf8)
            ),
            ("xl/worksheets/data.xml", Array(sheet.utf8)),
        ]
        if let shared { files.append(("xl/strings.xml", Array(shared.utf8))) }
        if let styles { files.append(("xl/styles.xml", Array(styles.utf8))) }
        return ZipWriter.archive(files.filter { !omit.contains($0.name) })
    }

    static let styles = """
        <styleSheet \(mainNS)><numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>\
        <numFmt numFmtId="165" formatCode="0.0&quot;d&quot;"/><numFmt numFmtId="166" formatCode="[$-804]yyyy/m/d\\ h:mm;@"/>\
        <numFmt numFmtId="167" formatCode="#,##0.00_);[Red]\\(#,##0.00\\)"/></numFmts>\
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>\
        <cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="20"/><xf numFmtId="167"/></cellXfs>\
        </styleSheet>
        """

    func testXLSXCellTypesNumbersAndDates() throws {
        let shared = """
            <sst \(Self.mainNS) count="3"><si><t>名称</t></si><si><r><rPr><b/></rPr><t>北京</t></r><r><t xml:space="preserve">星辰 </t></r>\
            <rPh sb="0" eb="2"><t>ベイジン</t></rPh></si><si><t>a_x000D__x005F_x0041_&#x4E2D;&amp;&lt;&#25991;</t></si></sst>
            """
        let sheet = """
            <worksheet \(Self.mainNS)><sheetData>\
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>电话</t></is></c><c r="D1" t="str"><v>公式</v></c>\
            <c r="E1" t="inlineStr"><is><t>日期</t></is></c><c r="F1" t="inlineStr"><is><t>其他</t></is></c></row>\
            <row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3"><v>1.3800138E10</v></c><c r="D3" t="str"><f>A3</f><v>北京星辰</v></c>\
            <c r="E3" s="1"><v>45420</v></c><c r="F3" t="b"><v>1</v></c></row>\
            <row r="4"><c r="A4" t="s"><v>2</v></c><c r="C4" t="n"><v>13800138000</v></c><c r="D4" t="e"><v>#N/A</v></c>\
            <c r="E4" s="2"><v>45422.604166666664</v></c><c r="F4"><v>0.30000000000000004</v></c></row>\
            <row r="6"><c r="B6"><v>-1.5E-3</v></c><c r="C6" s="3"><v>3</v></c><c r="E6" s="4"><v>45422.604166666664</v></c>\
            <c r="F6" s="5"><v>0.5</v></c></row>\
            <row r="7"><c r="E7" s="4"><v>45423</v></c><c r="F7" s="6"><v>1234.5</v></c></row>\
            <row><c><v>1</v></c><c t="b"><v>0</v></c></row>\
            <row r="9"><c r="A9" t="d"><v>2024-05-08T00:00:00</v></c><c r="B9" t="d"><v>2024-05-08T09:30:00Z</v></c></row>\
            </sheetData></worksheet>
            """
        let t = try Spreadsheet.read(
            bytes: workbook(sheet: sheet, shared: shared, styles: Self.styles), name: "types.xlsx")
        XCTAssertEqual(t.header, ["名称", "", "电话", "公式", "日期", "其他"])
        XCTAssertEqual(
            t.rows,
            [
                ["北京星辰", "", "13800138000", "北京星辰", "2024-05-08", "TRUE"],
                ["a\r_x0041_中&<文", "", "13800138000", "#N/A", "2024-05-10", "0.3"],
                ["", "-0.0015", "3", "", "2024-05-10 14:30", "12:00"],
                ["", "", "", "", "2024-05-11", "1234.5"],
                ["1", "FALSE", "", "", "", ""],
                ["2024-05-08", "2024-05-08 09:30", "", "", "", ""],
            ])
        XCTAssertEqual(t.lines, [3, 4, 6, 7, 8, 9])
    }

    func testXLSXDate1904() throws {
        let sheet =
            "<worksheet \(Self.mainNS)><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>日期</t></is></c></row>"
            + "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>43958</v></c></row></sheetData></worksheet>"
        let t = try Spreadsheet.read(
            bytes: workbook(sheet: sheet, styles: Self.styles, date1904: true), name: "mac.xlsx")
        XCTAssertEqual(t.rows, [["2024-05-08"]])
    }

    func testNumberAndDateRendering() {
        XCTAssertEqual(XLSXReader.formatNumber(13_800_138_000), "13800138000")
        XCTAssertEqual(XLSXReader.formatNumber(1.3800138E10), "13800138000")
        XCTAssertEqual(XLSXReader.formatNumber(0.1 + 0.2), "0.3")
        XCTAssertEqual(XLSXReader.formatNumber(-0.0), "0")
        XCTAssertEqual(XLSXReader.formatNumber(1.5e-7), "0.00000015")
        XCTAssertEqual(XLSXReader.formatNumber(1.2e20), "120000000000000000000")
        XCTAssertEqual(XLSXReader.formatNumber(50.25), "50.25")
        XCTAssertEqual(XLSXReader.formatDate(1, date1904: false, time: false, timeOnly: false), "1900-01-01")
        XCTAssertEqual(XLSXReader.formatDate(59, date1904: false, time: false, timeOnly: false), "1900-02-28")
        XCTAssertEqual(XLSXReader.formatDate(61, date1904: false, time: false, timeOnly: false), "1900-03-01")
        XCTAssertEqual(XLSXReader.formatDate(45420.75, date1904: false, time: false, timeOnly: false), "2024-05-08")
        XCTAssertEqual(
            XLSXReader.formatDate(45420.500011574, date1904: false, time: true, timeOnly: false), "2024-05-08 12:00:01")
        XCTAssertEqual(XLSXReader.formatDate(0, date1904: true, time: false, timeOnly: false), "1904-01-01")
        func kind(_ code: String) -> String { "\(XLSXReader.Styles.kind(code: code))" }
        XCTAssertEqual(kind("yyyy\\-mm\\-dd"), "date(time: false)")
        XCTAssertEqual(kind("yyyy\\-mm\\-dd\\ hh:mm:ss"), "date(time: true)")
        XCTAssertEqual(kind("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"), "date(time: false)")
        XCTAssertEqual(kind("mmm"), "date(time: false)")
        XCTAssertEqual(kind("[h]:mm:ss"), "time")
        XCTAssertEqual(kind("General"), "number")
        XCTAssertEqual(kind("0.00\"天\"\\d"), "number")
        XCTAssertEqual(kind("[Red]#,##0;[Blue]-#,##0"), "number")
        XCTAssertEqual(kind("_(* #,##0_);_(* \\(#,##0\\)"), "number")
    }

    // MARK: - Malformed input: an error naming the file and where, never a crash

    func testEmptyAndBinaryFiles() {
        XCTAssertEqual(
            error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: [], name: "空.csv") }?.en,
            "空.csv: the file is empty")
        XCTAssertEqual(
            error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: [], name: "空.csv") }?.zh, "空.csv：文件是空的")
        XCTAssertEqual(
            error { () throws(SpreadsheetError) in
                try Spreadsheet.read(bytes: Array("\u{FEFF} \r\n,,\r\n".utf8), name: "b.csv")
            }?.en,
            "b.csv: the file has no content (no header row)")

        // Deterministic "random" bytes, with a 0 byte in them.
        var seed: UInt64 = 42
        let random = (0..<512).map { _ -> UInt8 in
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: seed >> 33)
        }
        let e = error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: random, name: "random.bin") }
        XCTAssertTrue(e?.en.hasPrefix("random.bin: not a text file (a 0 byte at byte offset ") == true, e?.en ?? "")
        // Without 0 bytes: neither UTF-8 nor GB18030.
        let noZero = random.map { $0 == 0 ? 1 : $0 }
        let e2 = error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: noZero, name: "random.bin") }
        XCTAssertTrue(
            e2?.en.hasPrefix("random.bin: unknown text encoding: neither UTF-8 nor GB18030/GBK (at byte offset ")
                == true, e2?.en ?? "")

        let xls: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)
        XCTAssertTrue(
            error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: xls, name: "old.xls") }?.zh.contains(
                "（.xls）") == true)
    }

    func testInvalidGB18030NamesTheByteOffset() throws {
        let gb = try fixtureBytes("collection-gb18030.csv")
        // A lead byte followed by a space is no GB18030 character.
        let bad = Array(gb.prefix(40)) + [0x81, 0x20] + Array(gb.dropFirst(40))
        let e = error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: bad, name: "乱码.csv") }
        XCTAssertEqual(
            e?.en,
            "乱码.csv: unknown text encoding: neither UTF-8 nor GB18030/GBK (at byte offset 40: 81 20 C0 E0); save the file as \"CSV UTF-8\""
        )
        XCTAssertEqual(e?.zh, "乱码.csv：无法识别文件编码：既不是 UTF-8，也不是 GB18030/GBK（第 40 字节起：81 20 C0 E0）；请另存为“CSV UTF-8”")
        // A character cut off at the end.
        let cut = error { () throws(SpreadsheetError) in
            try Spreadsheet.read(bytes: Array(gb.prefix(4)) + [0x95], name: "cut.csv")
        }
        XCTAssertTrue(cut?.en.contains("(at byte offset 4: 95)") == true, cut?.en ?? "")
        // UTF-8 announced by a BOM but broken.
        let bom = error { () throws(SpreadsheetError) in
            try Spreadsheet.read(bytes: [0xEF, 0xBB, 0xBF, 0x61, 0xC3], name: "bom.csv")
        }
        XCTAssertEqual(bom?.en, "bom.csv: the file starts with a UTF-8 BOM but is not valid UTF-8 at byte offset 4")
    }

    func testTruncatedAndDamagedZIP() throws {
        let xlsx = try fixtureBytes("collection.xlsx")
        for length in [4, 30, 100, xlsx.count / 2, xlsx.count - 1] {
            let e = error { () throws(SpreadsheetError) in
                try Spreadsheet.read(bytes: Array(xlsx.prefix(length)), name: "cut.xlsx")
            }
            XCTAssertEqual(
                e?.en,
                "cut.xlsx: incomplete ZIP file (no end of central directory record): the file is truncated or damaged")
        }
        // A damaged byte inside the sheet's compressed data.
        let zip = try ZipArchive(xlsx)
        let sheet = try XCTUnwrap(zip.entry("xl/worksheets/sheet1.xml"))
        var damaged = xlsx
        damaged[sheet.localHeader + 30 + sheet.name.utf8.count + 20] ^= 0xFF
        let e = error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: damaged, name: "bad.xlsx") }
        XCTAssertTrue(e?.en.hasPrefix("bad.xlsx: xl/worksheets/sheet1.xml in the ZIP ") == true, e?.en ?? "")
        // Every prefix cut of the data (the directory at the end intact) fails cleanly.
        for cut in stride(from: 0, to: xlsx.count - 22, by: 97) {
            var b = xlsx
            for k in cut..<min(cut + 64, b.count - 22) { b[k] = 0 }
            b.replaceSubrange(0..<4, with: [0x50, 0x4B, 0x03, 0x04])
            _ = try? Spreadsheet.read(bytes: b, name: "fuzz.xlsx")
        }
    }

    func testZIPWithoutWorkbookOrSheet() throws {
        let plain = ZipWriter.archive([("hello.txt", Array("你好".utf8))])
        XCTAssertEqual(
            error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: plain, name: "a.zip") }?.en,
            "a.zip: no xl/workbook.xml in the ZIP: not an Excel workbook (.xlsx)")
        XCTAssertEqual(
            error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: plain, name: "a.zip") }?.zh,
            "a.zip：ZIP 中没有 xl/workbook.xml：不是 Excel 工作簿（.xlsx）")
        let ods = ZipWriter.archive([
            ("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8)), ("content.xml", []),
        ])
        XCTAssertTrue(
            error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: ods, name: "a.ods") }?.en.contains(
                "(.ods)") == true)

        let noSheet = workbook(sheet: "", omit: ["xl/worksheets/data.xml"])
        XCTAssertEqual(
            error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: noSheet, name: "b.xlsx") }?.en,
            "b.xlsx: xl/worksheets/data.xml of the first worksheet \"名单\" is missing from the ZIP")
        let noRels = workbook(sheet: "", omit: ["xl/_rels/workbook.xml.rels"])
        XCTAssertEqual(
            error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: noRels, name: "c.xlsx") }?.en,
            "c.xlsx: no xl/_rels/workbook.xml.rels in the ZIP: the worksheets cannot be found")
        let empty = workbook(sheet: "<worksheet \(Self.mainNS)><sheetData/></worksheet>")
        XCTAssertEqual(
            error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: empty, name: "d.xlsx") }?.en,
            "d.xlsx: the first worksheet \"名单\" is empty (no header row)")
    }

    func testBadXML() {
        let cases: [(String, String)] = [
            (
                "<worksheet \(Self.mainNS)><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>名称</t></is></c></row>",
                "e.xlsx: xl/worksheets/data.xml is not valid XML (byte offset 155: the document ends inside <sheetData>)"
            ),
            (
                "<worksheet \(Self.mainNS)><sheetData><row></c></sheetData></worksheet>",
                "e.xlsx: xl/worksheets/data.xml is not valid XML (byte offset 93: end tag </c> does not match <row>)"
            ),
            (
                "<worksheet \(Self.mainNS)><sheetData><row r=1></row></sheetData></worksheet>",
                "e.xlsx: xl/worksheets/data.xml is not valid XML (byte offset 95: the value of attribute r is not quoted)"
            ),
            (
                "not XML at all",
                "e.xlsx: xl/worksheets/data.xml is not valid XML (byte offset 0: text outside the root element)"
            ),
            ("<html><body/></html>", "e.xlsx: the root of xl/worksheets/data.xml is <html>, not a <worksheet>"),
            (
                "<worksheet \(Self.mainNS)><sheetData><row><c r=\"A1\" t=\"s\"><v>5</v></c></row></sheetData></worksheet>",
                "e.xlsx: cell A1 of xl/worksheets/data.xml refers to shared string 5, which does not exist"
            ),
            (
                "<worksheet \(Self.mainNS)><sheetData><row><c r=\"1A\"><v>5</v></c></row></sheetData></worksheet>",
                "e.xlsx: invalid cell reference 1A in xl/worksheets/data.xml"
            ),
        ]
        for (sheet, message) in cases {
            XCTAssertEqual(
                error { () throws(SpreadsheetError) in
                    try Spreadsheet.read(bytes: workbook(sheet: sheet), name: "e.xlsx")
                }?.en, message)
        }
    }

    func testXMLEntitiesAreNotExpanded() throws {
        // A DTD is skipped, never processed: no user-defined entity is ever expanded.
        let sheet = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\
            <worksheet \(Self.mainNS)><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c>\
            <c r="B1" t="inlineStr"><is><t><![CDATA[<b>&amp;</b>]]></t></is></c></row></sheetData></worksheet>
            """
        let t = try Spreadsheet.read(bytes: workbook(sheet: sheet), name: "dtd.xlsx")
        XCTAssertEqual(t.header, ["&lol2;", "<b>&amp;</b>"])
    }

    /// A ZIP with entries as given (method, declared sizes and flags), to reach the reader's
    /// refusals.
    func rawZip(
        name: String = "xl/workbook.xml", method: UInt16, data: [UInt8], crc: UInt32, size: UInt32, flags: UInt16 = 0,
        count: Int = 1
    ) -> [UInt8] {
        func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func le32(_ v: UInt32) -> [UInt8] {
            [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
        }
        var out: [UInt8] = []
        var central: [UInt8] = []
        for k in 0..<count {
            let n = Array((count == 1 ? name : "\(name)\(k)").utf8)
            let offset = UInt32(out.count)
            out +=
                le32(0x0403_4B50) + le16(20) + le16(flags) + le16(method) + le16(0) + le16(0x21) + le32(crc)
                + le32(UInt32(data.count)) + le32(size) + le16(UInt16(n.count)) + le16(0) + n + data
            central +=
                le32(0x0201_4B50) + le16(20) + le16(20) + le16(flags) + le16(method) + le16(0) + le16(0x21) + le32(crc)
                + le32(UInt32(data.count)) + le32(size) + le16(UInt16(n.count)) + le16(0) + le16(0) + le16(0) + le16(0)
                + le32(0) + le32(offset) + n
        }
        return out + central + le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(count)) + le16(UInt16(count))
            + le32(UInt32(central.count)) + le32(UInt32(out.count)) + le16(0)
    }

    func testZipBombsEncryptionAndZIP64AreRefused() {
        // 1000 × "a", deflated.
        let deflated: [UInt8] = [75, 76, 28, 5, 163, 96, 20, 12, 119, 0, 0]
        let crc: UInt32 = 2_587_417_091
        func read(_ b: [UInt8]) -> String? {
            error { () throws(SpreadsheetError) in try Spreadsheet.read(bytes: b, name: "z.xlsx") }?.en
        }

        // The honest entry inflates, passes its CRC, and is no workbook XML.
        XCTAssertEqual(
            read(rawZip(method: 8, data: deflated, crc: crc, size: 1000)),
            "z.xlsx: xl/workbook.xml is not valid XML (byte offset 0: text outside the root element)")
        XCTAssertEqual(
            read(rawZip(method: 8, data: deflated, crc: crc, size: 10)),
            "z.xlsx: xl/workbook.xml in the ZIP inflates to more than its recorded size: refused")
        XCTAssertEqual(
            read(rawZip(method: 8, data: deflated, crc: crc ^ 1, size: 1000)),
            "z.xlsx: xl/workbook.xml in the ZIP fails its CRC32 check: the file is damaged")
        XCTAssertEqual(
            read(rawZip(method: 8, data: deflated, crc: crc, size: 60 << 20)),
            "z.xlsx: xl/workbook.xml in the ZIP is 60.0 MB uncompressed, over the 50 MB limit")
        XCTAssertEqual(
            read(rawZip(method: 8, data: deflated, crc: crc, size: 45 << 20, count: 5)),
            "z.xlsx: the ZIP's uncompressed content is over the 200 MB limit")
        XCTAssertEqual(
            read(rawZip(method: 8, data: deflated, crc: crc, size: 1000, flags: 1)),
            "z.xlsx: xl/workbook.xml in the ZIP is encrypted: remove the password in Excel or WPS first")
        XCTAssertEqual(
            read(rawZip(method: 14, data: deflated, crc: crc, size: 1000)),
            "z.xlsx: xl/workbook.xml in the ZIP uses an unsupported compression method (14)")
        XCTAssertEqual(
            read(rawZip(method: 8, data: deflated, crc: crc, size: 0xFFFF_FFFF)),
            "z.xlsx: ZIP64 archives are not supported")
        XCTAssertEqual(
            read(rawZip(method: 8, data: Array(deflated.prefix(5)), crc: crc, size: 1000)),
            "z.xlsx: xl/workbook.xml in the ZIP cannot be inflated: the file is damaged or truncated")
    }

    /// Bytes flipped, cut and inserted anywhere in the fixtures: an error or a table, never a
    /// crash. `KH_FUZZ=n` runs n rounds per fixture (default 100).
    func testMutatedFilesNeverCrash() throws {
        let rounds = ProcessInfo.processInfo.environment["KH_FUZZ"].flatMap { Int($0) } ?? 100
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % max(n, 1)
        }
        func mutate(_ input: [UInt8]) -> [UInt8] {
            var b = input
            for _ in 0...next(4) where !b.isEmpty {
                switch next(4) {
                case 0: b[next(b.count)] = UInt8(next(256))
                case 1: b[next(b.count)] ^= 0x80
                case 2: b.insert(contentsOf: [0x3C, 0x22, 0x26, 0x0A][next(4)...], at: next(b.count))
                default:
                    let at = next(b.count)
                    b.removeSubrange(at..<min(b.count, at + next(8)))
                }
            }
            return b
        }
        var errors = 0
        var tables = 0
        func read(_ b: [UInt8]) {
            do {
                _ = try Spreadsheet.read(bytes: b, name: "fuzz")
                tables += 1
            } catch { errors += 1 }
        }
        for name in ["collection.xlsx", "collection-utf8.csv", "collection-gb18030.csv"] {
            let original = try fixtureBytes(name)
            for _ in 0..<rounds { read(mutate(original)) }
        }
        // The XML parts themselves, mutated and stored again (a mutated deflate stream
        // rarely gets past the CRC).
        let zip = try ZipArchive(try fixtureBytes("collection.xlsx"))
        let parts = try zip.entries.map { ($0.name, try XCTUnwrap(try zip.data($0.name))) }
        for _ in 0..<rounds * 3 {
            var files = parts
            let k = next(files.count)
            files[k].1 = mutate(files[k].1)
            read(ZipWriter.archive(files))
        }
        XCTAssertGreaterThan(tables, 0)
        XCTAssertGreaterThan(errors, 0)
    }

    func testReadPathErrors() {
        let e = error { () throws(SpreadsheetError) in try Spreadsheet.read(path: "/nonexistent/客户.xlsx") }
        XCTAssertEqual(e?.en, "/nonexistent/客户.xlsx: cannot open the file (No such file or directory)")
        XCTAssertEqual(
            error { () throws(SpreadsheetError) in try Spreadsheet.read(path: NSTemporaryDirectory()) }?.en,
            "\(NSTemporaryDirectory()): not a regular file")
    }
}
