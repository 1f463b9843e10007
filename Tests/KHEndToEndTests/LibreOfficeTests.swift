import Foundation
import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHOutputs
@testable import KHSpreadsheet
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// What kh writes, opened by LibreOffice (SpreadsheetTests checks the files).
final class LibreOfficeTests: XCTestCase {
    /// LibreOffice opens what `xlsx` writes: converted back to CSV, the cells are the same.
    func testLibreOfficeOpensTheXLSX() throws {
        let soffice = [
            "/usr/bin/soffice", "/usr/local/bin/soffice", "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        ]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let soffice else { throw XCTSkip("LibreOffice (soffice) is not installed") }
        let dir = NSTemporaryDirectory() + "kh-sheet-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(Spreadsheet.xlsx(SpreadsheetSamples.tricky, sheetName: "客户")).write(
            to: URL(fileURLWithPath: dir + "/out.xlsx"))

        let p = Process()
        p.executableURL = URL(fileURLWithPath: soffice)
        p.arguments = [
            "-env:UserInstallation=file://\(dir)/profile", "--headless", "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir", dir + "/csv", dir + "/out.xlsx",
        ]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let converted = try Spreadsheet.read(path: dir + "/csv/out.csv")
        var expected = SpreadsheetSamples.tricky
        expected.rows[2][20] = "前后空格"
        expected.lines = [2, 3, 4]
        SpreadsheetSamples.assertTable(converted, expected)
    }
}
