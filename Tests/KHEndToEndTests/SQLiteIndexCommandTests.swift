import Foundation
import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHOutputs
@testable import KHSpreadsheet
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// kh index --format sqlite as a command (SQLiteIndexTests checks the index).
final class SQLiteIndexCommandTests: XCTestCase {
    func query(_ path: String, _ sql: String) throws -> [[String]] { try SQLiteQuery.rows(path, sql) }

    /// The command streams records into the writer while reading; the database holds the
    /// same rows as one written from the gathered records, and a failed write leaves nothing.
    func testStreamedWriteMatchesAndFailsCleanly() throws {
        let dir = NSTemporaryDirectory() + "kh-sqlite-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fixture = Golden.fixtures.appendingPathComponent("catalogue").path
        let opened = try Archive.open(fixture)
        let (records, _) = opened.index(details: true)
        try SQLiteIndex.write(title: opened.config.archiveName, records: records, to: dir + "/whole.sqlite")
        let cli = try KHCommand.run(["index", "--format", "sqlite", "-o", dir + "/streamed.sqlite", fixture])
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
        let bad = try KHCommand.run([
            "index", "--format", "sqlite", "-o", dir + "/whole.sqlite/index.sqlite", fixture, "--lang", "en",
        ])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(
            bad.stderr.hasPrefix("kh: cannot write the SQLite index \(dir)/whole.sqlite/index.sqlite: "), bad.stderr)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["streamed.sqlite", "whole.sqlite"])
    }
}
