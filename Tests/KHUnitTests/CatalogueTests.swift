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

/// kh index and kh catalogue: golden outputs for the fixture archives, formats' safety.
final class CatalogueTests: XCTestCase {
    func index(_ archive: String) throws -> (Archive, [IndexRecord], ValidationResult) {
        let opened = try Archive.open(Golden.fixtures.appendingPathComponent(archive).path)
        let (records, result) = opened.index()
        return (opened, records, result)
    }

    func testCatalogueGoldenFiles() throws {
        for archive in ["defects", "catalogue"] {
            let (opened, records, _) = try index(archive)
            let catalogue = Catalogue(title: opened.config.archiveName, records: records)
            assertGolden(catalogue.markdown(), "\(archive).catalogue.md")
            assertGolden(catalogue.csv(), "\(archive).catalogue.csv")
            assertGolden(catalogue.json(), "\(archive).catalogue.json")
            assertGolden(catalogue.html(), "\(archive).catalogue.html")
        }
    }

    func testIndexGoldenFiles() throws {
        for archive in ["defects", "catalogue"] {
            let (opened, records, result) = try index(archive)
            assertGolden(
                IndexJSON.render(title: opened.config.archiveName, records: records, result: result, language: .zh),
                "\(archive).index.json")
        }
    }

    /// The catalogue fixture holds names whose pinyin is easy to get wrong; their order is the point.
    func testCatalogueOrder() throws {
        let (opened, records, result) = try index("catalogue")
        XCTAssertEqual(result.diagnostics.filter { $0.severity == .error }.map(brief), [])
        let c = Catalogue(title: opened.config.archiveName, records: records)
        XCTAssertEqual(c.sections.map(\.letter), ["C", "O", "X", "Y", "Z", "#"])
        XCTAssertEqual(
            c.sections.flatMap { $0.records.map(\.name) },
            [
                "长城汽车股份有限公司", "重庆啤酒股份有限公司", "区志强", "厦门航空有限公司",
                "银行大厦物业管理有限公司", "曾国强", "3M中国有限公司",
            ])
    }

    func testFilterAndColumns() throws {
        let (opened, records, _) = try index("catalogue")
        let c = Catalogue(
            title: opened.config.archiveName, records: records, columns: [.number, .name, .stage],
            filter: .init(owners: ["李娜"]))
        XCTAssertEqual(c.count, 2)
        XCTAssertTrue(c.markdown().contains("| 档案编号 | 客户名称 | 客户阶段 |"))
    }

    func testCSVIsExcelSafe() {
        XCTAssertEqual(Catalogue.csvCell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"")
        XCTAssertEqual(Catalogue.csvCell("+86 138"), "'+86 138")
        XCTAssertEqual(Catalogue.csvCell("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(Catalogue.csvCell("-1"), "'-1")
        XCTAssertEqual(Catalogue.csvCell("北京,海淀"), "\"北京,海淀\"")
        XCTAssertEqual(Catalogue.csvCell("星辰科技"), "星辰科技")
    }

    func testHTMLEscapesArchiveContent() {
        XCTAssertEqual(
            Catalogue.escape("<script>alert('x')</script> & \"A\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;A&quot;")
        var r = try! CatalogueTests.oneRecord()
        r.name = "<script>alert(1)</script>"
        let html = Catalogue(title: "<b>档案</b>", records: [r]).html()
        XCTAssertFalse(html.contains("<script>alert"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("&lt;b&gt;档案&lt;/b&gt;"))
    }

    static func oneRecord() throws -> IndexRecord {
        let opened = try Archive.open(Golden.fixtures.appendingPathComponent("catalogue").path)
        return opened.index().records[0]
    }

    func testMarkdownCellsAreEscaped() {
        XCTAssertEqual(Catalogue.cell("A|B\nC"), "A\\|B C")
    }

    func testClassesAndCompleteness() throws {
        let (_, records, _) = try index("catalogue")
        let byNumber = Dictionary(uniqueKeysWithValues: records.map { ($0.number, $0) })
        XCTAssertEqual(byNumber["KH-2023-001"]?.customerClass, "重要")
        XCTAssertEqual(byNumber["KH-2023-002"]?.customerClass, "稳定")
        XCTAssertEqual(byNumber["KH-2024-002"]?.customerClass, "潜在")
        XCTAssertEqual(
            byNumber["KH-2024-002"]?.completeness, 53, "7 of 13 fields a 个人 customer can fill; 待确认 counts as missing")
    }
}
