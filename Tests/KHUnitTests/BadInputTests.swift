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

/// Hostile and broken input: each yields a diagnostic or a clear error, never a crash or a hang.
final class BadInputTests: XCTestCase {
    let contract = ExampleArchive.contractPath
    let basic = ExampleArchive.basicInfoPath

    func codes(_ archive: TempArchive) throws -> [String] {
        try archive.validate().diagnostics.map(brief)
    }

    func testTruncatedFile() throws {
        let a = try TempArchive()
        try a.write(contract, ExampleArchive.contract + "备注: \"引号未闭合\n")
        let r = try a.validate().diagnostics
        XCTAssertEqual(r.map(\.code), ["KH101"])
        XCTAssertEqual(r[0].file, contract)
    }

    func testBinaryFile() throws {
        let a = try TempArchive()
        try a.writeBytes(contract, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00])
        XCTAssertEqual(try codes(a), ["KH109 \(contract):1:1"])
        try a.writeBytes(contract, [0x00, 0x01, 0x02, 0x41])
        XCTAssertEqual(try a.validate().diagnostics.map(\.code), ["KH101"])
    }

    func testTenMegabyteFile() throws {
        let a = try TempArchive()
        try a.writeBytes(contract, [UInt8](repeating: 0x61, count: 10 << 20))
        let r = try a.validate().diagnostics
        XCTAssertEqual(r.map(brief), ["KH107 \(contract)"])
        XCTAssertTrue(r[0].message.en.contains("10485760 bytes"), r[0].message.en)
    }

    func testDeeplyNestedFlowCollections() throws {
        let a = try TempArchive()
        try a.write(contract, "合作项目: " + String(repeating: "{a: [", count: 5000) + "\n")
        XCTAssertEqual(try a.validate().diagnostics.map(\.code), ["KH108"])
    }

    func testAliasBomb() throws {
        let a = try TempArchive()
        var bomb = "a: &a [\"lol\", \"lol\"]\n"
        for i in 1..<20 {
            bomb +=
                "\(Character(Unicode.Scalar(97 + i)!)): &\(Character(Unicode.Scalar(97 + i)!)) [*\(Character(Unicode.Scalar(96 + i)!)), *\(Character(Unicode.Scalar(96 + i)!))]\n"
        }
        try a.write(contract, bomb)
        let r = try a.validate().diagnostics
        XCTAssertEqual(Set(r.map(\.code)), ["KH103", "KH205", "KH201"])
        XCTAssertEqual(r.filter { $0.code == "KH103" }.count, 20 + 38)
    }

    func testInvalidUTF8() throws {
        let a = try TempArchive()
        try a.writeBytes(contract, Array("合作项目: ".utf8) + [0xCA, 0xFD, 0xBE, 0xDD] + [0x0A])
        let r = try a.validate().diagnostics
        XCTAssertEqual(r.map(brief), ["KH109 \(contract):1:7"])
        XCTAssertTrue(r[0].message.zh.contains("第 14 字节"), r[0].message.zh)
    }

    func testEmptyFile() throws {
        let a = try TempArchive()
        try a.write(contract, "")
        XCTAssertEqual(try codes(a), ["KH110 \(contract):1:1"])
        try a.write(contract, "- 列表\n")
        XCTAssertEqual(try codes(a), ["KH110 \(contract):1:1"])
    }

    func testDirectoryNamedLikeAFile() throws {
        let a = try TempArchive()
        try FileManager.default.removeItem(atPath: a.root + "/" + basic)
        try FileManager.default.createDirectory(atPath: a.root + "/" + basic, withIntermediateDirectories: true)
        XCTAssertEqual(try codes(a), ["KH128 \(ExampleArchive.customer)", "KH112 \(basic)"])
    }

    func testSymlinkLoopsAndLinksOutsideAreNeverFollowed() throws {
        let a = try TempArchive()
        try a.apply(
            RuleExample(symlinks: [
                (ExampleArchive.customer + "/05-价值评估/2023.yaml", "2023.yaml"),
                ("客户档案/KH-2024-002_外部", "/etc"),
                (ExampleArchive.customer + "/04-需求偏好/附件", "/"),
            ]))
        XCTAssertEqual(
            try codes(a),
            [
                "KH113 \(ExampleArchive.customer)/04-需求偏好/附件",
                "KH113 \(ExampleArchive.customer)/05-价值评估/2023.yaml",
                "KH113 客户档案/KH-2024-002_外部",
            ].sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) })
    }

    func testFIFOIsNotOpenedForReading() throws {
        let a = try TempArchive()
        let path = a.root + "/" + ExampleArchive.customer + "/05-价值评估/2023.yaml"
        XCTAssertEqual(mkfifo(path, 0o644), 0)
        XCTAssertEqual(try codes(a), ["KH112 \(ExampleArchive.customer)/05-价值评估/2023.yaml"])
    }

    func testUnreadableFile() throws {
        try XCTSkipIf(getuid() == 0, "root reads every file")
        let a = try TempArchive()
        chmod(a.root + "/" + contract, 0)
        XCTAssertEqual(try codes(a), ["KH112 \(contract)"])
    }

    func testCustomersFolderIsAFile() throws {
        let a = try TempArchive(files: [("kh.yaml", ExampleArchive.config), ("客户档案", "not a folder")])
        XCTAssertEqual(try codes(a), ["KH112 客户档案"])
    }

    func testArchiveWithNoCustomersIsClean() throws {
        let a = try TempArchive(files: [("kh.yaml", ExampleArchive.config)])
        let r = try a.validate()
        XCTAssertEqual(r.diagnostics.count, 0)
        XCTAssertEqual(r.customers, 0)
    }

    func testManyFilesInOneFolder() throws {
        let a = try TempArchive()
        for i in 0..<300 {
            try a.write(ExampleArchive.customer + "/04-需求偏好/附件/扫描\(i).pdf", "x")
        }
        XCTAssertEqual(try codes(a), [])
    }
}
