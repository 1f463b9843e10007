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

/// End-to-end: the built `kh` binary, its exit codes and outputs.
final class CommandLineTests: XCTestCase {
    static var packageRoot: URL { TestPaths.packageRoot }

    var kh: URL { KHCommand.kh }

    typealias Run = KHCommand.Run

    func run(_ arguments: [String], cwd: String? = nil, env: [String: String] = [:]) throws -> Run {
        try KHCommand.run(arguments, cwd: cwd, env: env)
    }

    var defects: String { Golden.fixtures.appendingPathComponent("defects").path }

    func testExitOneOnErrorsAndPathsAsGiven() throws {
        let r = try run(["validate", "defects"], cwd: Golden.fixtures.path)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(
            r.stdout.contains("defects/客户档案/KH-2024-001_星辰科技/01-客户基本信息/基本信息.yaml:7:7: 错误 KH204 所属行业"), r.stdout)
        XCTAssertTrue(
            r.stdout.hasSuffix("检查了 3 位客户、8 个文件：21 个错误，8 个警告，0 个提示（已豁免 1 个）；其中 5 个可用 kh fix 自动修复\n"), r.stdout)
    }

    func testFindsArchiveFromSubfolder() throws {
        let r = try run(["validate", "--format", "github"], cwd: defects + "/客户档案/KH-2024-001_星辰科技")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(
            r.stdout.hasPrefix("::error file=../../客户档案/KH-2023-009_旧客户/01-客户基本信息/基本信息.yaml,line=1,col=7"), r.stdout)
    }

    func testExitZeroOnCleanArchiveAndStrictWarnings() throws {
        let archive = try TempArchive()
        let clean = try run(["validate", archive.root])
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        XCTAssertEqual(clean.stdout, "检查了 1 位客户、5 个文件：没有发现问题\n")
        let quiet = try run(["validate", "--quiet", archive.root])
        XCTAssertEqual(quiet.stdout, "")
        // A warning: exit 0, and 1 under --strict.
        try archive.write(
            ExampleArchive.basicInfoPath,
            ExampleArchive.basicInfo.replacingOccurrences(of: "决策人: 是", with: "决策人: 是\n    爱好: 高尔夫"))
        XCTAssertEqual(try run(["validate", archive.root]).status, 0)
        let strict = try run(["validate", "--strict", "--lang", "en", archive.root])
        XCTAssertEqual(strict.status, 1)
        XCTAssertTrue(strict.stdout.contains("warning KH205 联系人[1].爱好"), strict.stdout)
    }

    func testExitTwoWhenKhCannotRun() throws {
        let empty = NSTemporaryDirectory() + "kh-empty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let noArchive = try run(["validate"], cwd: empty)
        XCTAssertEqual(noArchive.status, 2)
        XCTAssertTrue(noArchive.stderr.contains("kh.yaml"), noArchive.stderr)
        XCTAssertEqual(try run(["validate", empty + "/nowhere"]).status, 2)
        XCTAssertEqual(try run(["validate", "--format", "xml", defects]).status, 2)
        XCTAssertEqual(try run(["validate", "--no-such-flag"]).status, 2)
        XCTAssertEqual(try run(["frobnicate"]).status, 2)
        // kh.yaml that is not YAML.
        try "档案库: [未闭合\n".write(toFile: empty + "/kh.yaml", atomically: true, encoding: .utf8)
        let broken = try run(["validate", empty])
        XCTAssertEqual(broken.status, 2)
        XCTAssertTrue(broken.stderr.contains("kh.yaml:2:1: 错误 KH101"), broken.stderr)
        // kh.yaml that is a directory.
        try FileManager.default.removeItem(atPath: empty + "/kh.yaml")
        try FileManager.default.createDirectory(atPath: empty + "/kh.yaml", withIntermediateDirectories: true)
        let dir = try run(["validate", "--lang", "en", empty])
        XCTAssertEqual(dir.status, 2)
        XCTAssertTrue(dir.stderr.contains("kh.yaml is not a regular file"), dir.stderr)
    }

    func testFormatsAreDeterministic() throws {
        for format in ["human", "github", "json", "sarif"] {
            let a = try run(["validate", "--format", format, defects])
            let b = try run(["validate", "--format", format, defects])
            XCTAssertEqual(a.status, 1)
            XCTAssertEqual(a.stdout, b.stdout, format)
        }
    }

    func testInitFromInstalledBinaryAndValidatesClean() throws {
        let parent = NSTemporaryDirectory() + "kh-init-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: parent) }
        // Copy the binary elsewhere: init must not need the source tree.
        try FileManager.default.createDirectory(atPath: parent + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: kh.path, toPath: parent + "/bin/kh")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: parent + "/bin/kh")
        p.arguments = ["init", parent + "/新档案", "--name", "测试公司客户档案"]
        p.currentDirectoryURL = URL(fileURLWithPath: parent)
        p.standardOutput = Pipe()
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let config = try String(contentsOfFile: parent + "/新档案/kh.yaml", encoding: .utf8)
        XCTAssertTrue(config.contains("档案库: \"测试公司客户档案\""), config)
        let check = try run(["validate", parent + "/新档案"])
        XCTAssertEqual(check.status, 0, check.stdout)
        XCTAssertTrue(check.stdout.hasSuffix("没有发现问题\n"), check.stdout)
        // Never over an existing, non-empty folder.
        let again = try run(["init", parent + "/新档案"])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("不是空文件夹"), again.stderr)
        // Without the examples.
        let bare = try run(["init", "--no-examples", parent + "/空档案"])
        XCTAssertEqual(bare.status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: parent + "/空档案/客户档案/KH-2024-001"))
        XCTAssertEqual(try run(["validate", parent + "/空档案"]).status, 0)
    }

    func testArchiveTemplateValidatesWithNoDiagnostics() throws {
        let r = try run([
            "validate", "--format", "json", Self.packageRoot.appendingPathComponent("archive-template").path,
        ])
        XCTAssertEqual(r.status, 0, r.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((object?["diagnostics"] as? [Any])?.count, 0, r.stdout)
        XCTAssertEqual((object?["summary"] as? [String: Any])?["customers"] as? Int, 3)
    }

    /// TemplateFiles.swift holds exactly archive-template/ (run `make embed` after editing it).
    func testEmbeddedTemplateMatchesDirectory() throws {
        let root = Self.packageRoot.appendingPathComponent("archive-template")
        var onDisk: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)!
        while let rel = enumerator.nextObject() as? String {
            // kh's own git-ignored cache (a kh run in the folder leaves one) is not template.
            if rel == ".kh" || rel.hasPrefix(".kh/") { continue }
            var isDir: ObjCBool = false
            let full = root.appendingPathComponent(rel).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                onDisk[rel] = try String(contentsOfFile: full, encoding: .utf8)
            }
        }
        let embedded = Dictionary(uniqueKeysWithValues: TemplateFiles.all.map { ($0.path, $0.content) })
        XCTAssertEqual(Set(embedded.keys), Set(onDisk.keys))
        for (path, content) in onDisk { XCTAssertEqual(embedded[path], content, path) }
    }

    func testCatalogueWriteAndCheck() throws {
        let dir = NSTemporaryDirectory() + "kh-cat-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let archive = Golden.fixtures.appendingPathComponent("catalogue").path
        let file = dir + "/客户档案总目录.md"
        // Stale (absent) → 1; written → 0; the file is what stdout would have been.
        XCTAssertEqual(try run(["catalogue", archive, "--check", file]).status, 1)
        XCTAssertEqual(try run(["catalogue", archive, "-o", file]).status, 0)
        let check = try run(["catalogue", archive, "--check", file])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), try run(["catalogue", archive]).stdout)
        try "# 旧目录\n".write(toFile: file, atomically: true, encoding: .utf8)
        let stale = try run(["catalogue", archive, "--check", file])
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue(stale.stderr.contains("不是最新的"), stale.stderr)
        // Filters, columns, formats; bad column → 2.
        let csv = try run(["catalogue", archive, "--format", "csv", "--owner", "李娜", "--columns", "档案编号,客户名称"])
        XCTAssertEqual(csv.stdout, "\u{FEFF}首字母,档案编号,客户名称\r\nC,KH-2023-002,重庆啤酒股份有限公司\r\nZ,KH-2024-001,曾国强\r\n")
        XCTAssertEqual(try run(["catalogue", archive, "--columns", "身份证"]).status, 2)
    }

    func testIndexSaysWhatItSkipped() throws {
        let r = try run(["index", defects])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("无法读取，未编入"), r.stderr)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        XCTAssertEqual((object?["customers"] as? [Any])?.count, 3)
        XCTAssertEqual(try run(["index", Golden.fixtures.appendingPathComponent("nowhere").path]).status, 2)
    }

    /// The printed catalogue in a real headless browser: a PDF whose text holds the names in
    /// catalogue order and the page numbers. CI installs chromium, fonts-noto-cjk and
    /// poppler-utils (make test's setup); elsewhere the test is skipped without them.
    func testCataloguePDFInRealBrowser() throws {
        let environment = ProcessInfo.processInfo.environment
        let browser = PDFPrinter.findBrowser(explicit: nil, environment: environment).path
        let pdftotext = PDFPrinter.resolve("pdftotext", environment: environment)
        guard browser != nil, let pdftotext else {
            if environment["CI"] == "true" { XCTFail("CI must have chromium and pdftotext (make test installs them)") }
            throw XCTSkip("no Chromium-family browser or pdftotext here")
        }
        let dir = NSTemporaryDirectory() + "kh-pdf-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let archive = Golden.fixtures.appendingPathComponent("catalogue").path
        let r = try run(["catalogue", "--format", "pdf", "-o", dir + "/目录.pdf", archive])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/目录.html"))
        let (status, text) = try PDFPrinter.run(pdftotext, ["-layout", dir + "/目录.pdf", "-"])
        XCTAssertEqual(status, 0)
        let names = [
            "长城汽车股份有限公司", "重庆啤酒股份有限公司", "区志强", "厦门航空有限公司",
            "银行大厦物业管理有限公司", "曾国强", "3M中国有限公司",
        ]
        let positions = names.map { text.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), text)
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), "catalogue order in the PDF")
        XCTAssertTrue(text.contains("客户档案总目录"))
        // pdftotext drops the spaces between CJK and digits.
        XCTAssertTrue(text.filter { !$0.isWhitespace }.contains("第2页/共2页"), text)
        // No browser: the HTML is written, the message says what was searched, exit 2.
        let missing = try run(
            ["catalogue", "--format", "pdf", "-o", dir + "/b.pdf", "--browser", "/nonexistent/chrome", archive],
            env: ["PATH": "/nonexistent"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/chrome"), missing.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/b.html"))
    }
}
