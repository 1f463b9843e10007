import CSQLite
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

/// kh index --format sqlite: the tables, their keys, and queries a team would run.
final class SQLiteIndexTests: XCTestCase {
    func query(_ path: String, _ sql: String) throws -> [[String]] { try SQLiteQuery.rows(path, sql) }

    func testTablesAndQueries() throws {
        let dir = NSTemporaryDirectory() + "kh-sqlite-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let opened = try Archive.open(TestPaths.packageRoot.appendingPathComponent("archive-template").path)
        let (records, _) = opened.index(details: true)
        let db = dir + "/index.sqlite"
        try SQLiteIndex.write(title: opened.config.archiveName, records: records, to: db)
        XCTAssertEqual(try query(db, "SELECT name FROM archive"), [["示例科技有限公司客户档案"]])
        XCTAssertEqual(
            try query(db, "SELECT number, pinyin_initial, class, completeness FROM customers ORDER BY number"),
            [["KH-2024-001", "B", "一般", "100"], ["KH-2024-003", "L", "潜在", "80"], ["KH-2025-001", "S", "潜在", "54"]])
        // What decided each letter: the template's first two write 拼音, the third is read.
        XCTAssertEqual(
            try query(db, "SELECT number, pinyin_source, coalesce(pinyin_entry, '-') FROM customers ORDER BY number"),
            [["KH-2024-001", "override", "-"], ["KH-2024-003", "override", "-"], ["KH-2025-001", "system", "-"]])
        XCTAssertEqual(
            try query(db, "SELECT customer, year, amount, grade FROM assessments ORDER BY year"),
            [["KH-2024-001", "2024", "216000.0", "A"], ["KH-2024-001", "2025", "190000.0", "A"]])
        XCTAssertEqual(
            try query(
                db,
                "SELECT owner, count(*), sum(amount) FROM customers JOIN contracts ON contracts.customer = customers.number GROUP BY owner"
            ),
            [["王磊", "2", "216000.0"]])
        XCTAssertEqual(
            try query(db, "SELECT customer, owner, due FROM next_steps WHERE status = '待办' ORDER BY due"),
            [["KH-2024-003", "陈静", "2024-09-10"], ["KH-2024-001", "陈静", "2025-02-15"]])
        XCTAssertEqual(try query(db, "SELECT count(*) FROM interactions"), [["7"]])
        // No means of contact in the index: they are sensitive.
        let columns = try query(db, "SELECT name FROM pragma_table_info('contacts')").map { $0[0] }
        XCTAssertEqual(columns, ["customer", "name", "title", "decision_maker", "preference", "key_contact"])
        XCTAssertEqual(try query(db, "PRAGMA foreign_key_check"), [])
        // Written whole: nothing left beside it.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["index.sqlite"])
    }

}
