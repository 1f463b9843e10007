import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHWrite
@testable import KHYAML

/// KHWrite's plan of a field form (kh serve's edit forms): the rows of a document and the
/// change its values make, without the web layer.
final class FieldPlanTests: XCTestCase {
    var archive: TempArchive!
    let basic = "客户档案/KH-2024-001_星辰科技/01-客户基本信息/基本信息.yaml"
    let today = Day(year: 2026, month: 3, day: 2)

    override func setUpWithError() throws {
        archive = try TempArchive(files: TemplateFiles.all.map { ($0.path, $0.content) })
    }

    func bytes(_ path: String) throws -> [UInt8] {
        try XCTUnwrap(CustomerReader.source(root: archive.root, path: path))
    }

    func testAnEditChangesOnlyTheValuesThatChanged() throws {
        let original = try bytes(basic)
        let schema = Declarations.schema(for: .basicInfo)
        let rows = FieldForm.rows(try EditableDocument(bytes: original, path: basic), schema: schema)
        XCTAssertEqual(rows.first { $0.key == FieldName.region }?.value, "北京市")
        guard case .fixed = try XCTUnwrap(rows.first { $0.key == FieldName.number }).action else {
            return XCTFail("档案编号 is kh's: shown, not edited")
        }
        XCTAssertTrue(rows.contains { $0.key == "\(FieldName.contacts)[+].\(FieldName.contactName)" }, "a new contact")

        let change = try Plans.fields(
            path: basic, original: original, values: [FieldName.region: "天津市"], schema: schema, fixed: [],
            author: "王磊", today: today)
        guard case .modify(let path, _, let after) = change else { return XCTFail("an edit of the file") }
        XCTAssertEqual(path, basic)
        let before = String(decoding: original, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let now = String(decoding: after, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(before.count, now.count)
        let changed = zip(before, now).filter { $0.0 != $0.1 }.map { String($0.1) }
        XCTAssertEqual(changed, ["所在地区: 天津市", "最后更新时间: 2026-03-02"], "comments, order and layout stay")
    }

    func testTheSameValuesAreNothingToSave() throws {
        let original = try bytes(basic)
        XCTAssertThrowsError(
            try Plans.fields(
                path: basic, original: original, values: [FieldName.region: "北京市"],
                schema: Declarations.schema(for: .basicInfo), fixed: [], author: "王磊", today: today)
        ) { error in
            XCTAssertEqual((error as? KHError)?.message, FieldFormMsg.unchanged)
        }
    }

    func testANewFileIsWrittenAsKhWritesDocuments() throws {
        let path = "客户档案/KH-2025-001_海川制造/05-价值评估/2026.yaml"
        let fixed = [(FieldName.year, "2026")]
        let schema = Declarations.schema(for: .assessment)
        let rows = FieldForm.rows(new: schema, fixed: fixed)
        XCTAssertEqual(rows.first?.key, FieldName.year)
        XCTAssertThrowsError(
            try Plans.fields(
                path: path, original: nil, values: [:], schema: schema, fixed: fixed, author: "王磊", today: today),
            "only the fixed fields: nothing to save")
        let change = try Plans.fields(
            path: path, original: nil, values: [FieldName.yearAmount: "120000.00"], schema: schema, fixed: fixed,
            author: "王磊", today: today)
        guard case .create(let p, let bytes) = change else { return XCTFail("a new file") }
        XCTAssertEqual(p, path)
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("年度: 2026\n年度合作金额: 120000.00\n"), text)
        XCTAssertTrue(text.contains("创建人: 王磊"), text)
    }
}
