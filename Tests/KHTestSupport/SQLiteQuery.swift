import CSQLite
import XCTest

/// The rows a query of an SQLite file returns, every value as text (the SQLite index tests).
public enum SQLiteQuery {
    public static func rows(_ path: String, _ sql: String) throws -> [[String]] {
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
}
