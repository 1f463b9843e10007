import CSQLite
import Foundation
import XCTest

@testable import KHFuzzing
@testable import KHModel
@testable import KHOutputs
@testable import KHPinyin
@testable import KHRules
@testable import KHSpreadsheet
@testable import KHWrite
@testable import KHYAML

/// kh index --format sqlite: the tables, their keys, and queries a team would run.
final class SQLiteIndexTests: XCTestCase {
    func query(_ path: String, _ sql: String) throws -> [[String]] {
        var db: OpaquePointer?
        XCTAssertEqual(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, nil), SQLITE_OK)
        defer { sqlite3_close_v2(db) }
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &stmt, nil) == SQLITE_OK else {
            XCTFail(String(cString: sqlite3_errmsg(db)))
            return []
        }
        defer { sqlite3_finalize(stmt) }
        var rows: [[String]] = []
        while sqlite3_step(stmt) == SQLITE_ROW {
            rows.append(
                (0..<sqlite3_column_count(stmt)).map { i in
                    sqlite3_column_text(stmt, i).map { String(cString: $0) } ?? "NULL"
                })
        }
        return rows
    }

    func testTablesAndQueries() throws {
        let dir = NSTemporaryDirectory() + "kh-sqlite-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let opened = try Archive.open(CommandLineTests.packageRoot.appendingPathComponent("archive-template").path)
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

    /// The command streams records into the writer while reading; the database holds the
    /// same rows as one written from the gathered records, and a failed write leaves nothing.
    func testStreamedWriteMatchesAndFailsCleanly() throws {
        let dir = NSTemporaryDirectory() + "kh-sqlite-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fixture = GoldenTests.fixtures.appendingPathComponent("catalogue").path
        let opened = try Archive.open(fixture)
        let (records, _) = opened.index(details: true)
        try SQLiteIndex.write(title: opened.config.archiveName, records: records, to: dir + "/whole.sqlite")
        let cli = try CommandLineTests.run(["index", "--format", "sqlite", "-o", dir + "/streamed.sqlite", fixture])
        XCTAssertEqual(cli.status, 0, cli.stderr)
        for table in ["customers", "contacts", "contracts", "interactions", "next_steps", "needs", "assessments"] {
            let sql = "SELECT * FROM \(table) ORDER BY 1, 2"
            XCTAssertEqual(try query(dir + "/streamed.sqlite", sql), try query(dir + "/whole.sqlite", sql), table)
        }
        XCTAssertEqual(try query(dir + "/streamed.sqlite", "SELECT count(*) FROM customers"), [["\(records.count)"]])
        XCTAssertEqual(try query(dir + "/streamed.sqlite", "PRAGMA page_size"), [["16384"]])
        XCTAssertEqual(try query(dir + "/streamed.sqlite", "PRAGMA integrity_check"), [["ok"]])
        // A folder that cannot be (a file is in its place): exit 2, a message naming the file,
        // nothing written. (A missing folder is created, as for every -o.)
        let bad = try CommandLineTests.run([
            "index", "--format", "sqlite", "-o", dir + "/whole.sqlite/index.sqlite", fixture, "--lang", "en",
        ])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(
            bad.stderr.hasPrefix("kh: cannot write the SQLite index \(dir)/whole.sqlite/index.sqlite: "), bad.stderr)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["streamed.sqlite", "whole.sqlite"])
    }
}
