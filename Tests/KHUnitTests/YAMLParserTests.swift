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

final class YAMLParserTests: XCTestCase {
    func parse(_ text: String) -> ParsedDocument {
        YAMLParser.parse(Array(text.utf8), file: "t.yaml")
    }

    func briefs(_ doc: ParsedDocument) -> [String] { doc.diagnostics.map(brief) }

    func testPositionsAreOneBasedAndCountCharacters() throws {
        let doc = parse("名称: 星辰科技\n联系人:\n  - 姓名: 张伟\n    手机: '13812345678'\n")
        let root = try XCTUnwrap(doc.root?.mapping)
        XCTAssertEqual(root.entries.map(\.key.value), ["名称", "联系人"])
        let name = try XCTUnwrap(root["名称"]?.scalar)
        XCTAssertEqual(name.start, Mark(line: 1, column: 5))
        XCTAssertEqual(name.end, Mark(line: 1, column: 9))
        XCTAssertEqual(name.style, .plain)
        let contact = try XCTUnwrap(root["联系人"]?.sequence?.items.first?.mapping)
        XCTAssertEqual(contact.start, Mark(line: 3, column: 5))
        let mobile = try XCTUnwrap(contact["手机"]?.scalar)
        XCTAssertEqual(mobile.value, "13812345678")
        XCTAssertEqual(mobile.style, .singleQuoted)
        XCTAssertEqual(mobile.start, Mark(line: 4, column: 9))
        XCTAssertTrue(doc.diagnostics.isEmpty)
    }

    func testScalarStyles() throws {
        let doc = parse("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  literal\ne: >\n  folded\n")
        let m = try XCTUnwrap(doc.root?.mapping)
        XCTAssertEqual(
            ["a", "b", "c", "d", "e"].map { m[$0]?.scalar?.style },
            [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
        XCTAssertEqual(m["d"]?.scalar?.value, "literal\n")
    }

    func testDuplicateKeyReportedAtRepeatWithNoteAndParsingGoesOn() throws {
        let doc = parse("a: 1\nb: 2\na: 3\nc: 4\n")
        XCTAssertEqual(briefs(doc), ["KH102 t.yaml:3:1 a"])
        XCTAssertEqual(doc.diagnostics[0].notes.first?.start, Mark(line: 1, column: 1))
        let m = try XCTUnwrap(doc.root?.mapping)
        XCTAssertEqual(m.entries.map(\.key.value), ["a", "b", "c"])
        XCTAssertEqual(m["a"]?.text, "1")
    }

    func testNestedDuplicateKeys() {
        let doc = parse("x:\n  y: 1\n  y: 2\n  z:\n    - {k: 1, k: 2}\n")
        XCTAssertEqual(briefs(doc), ["KH102 t.yaml:3:3 y", "KH102 t.yaml:5:14 k"])
    }

    func testAnchorsAliasesTagsMergeKeysRefused() {
        let doc = parse("base: &b {x: 1}\ncopy: *b\nt: !!str 5\nm:\n  <<: {y: 2}\n")
        XCTAssertEqual(briefs(doc), ["KH103 t.yaml:1:7", "KH103 t.yaml:2:7", "KH104 t.yaml:3:4", "KH105 t.yaml:5:3"])
    }

    func testMultipleDocumentsRefused() {
        let doc = parse("a: 1\n---\nb: 2\n")
        XCTAssertEqual(briefs(doc), ["KH106 t.yaml:2:1"])
    }

    func testDepthLimit() {
        let deep = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
        let doc = parse("a: " + deep + "\n")
        XCTAssertEqual(briefs(doc), ["KH108 t.yaml:1:35"])
        XCTAssertNil(doc.root)
        // 32 levels (the top mapping and 31 lists) are fine.
        let ok = parse("a: " + String(repeating: "[", count: 31) + String(repeating: "]", count: 31) + "\n")
        XCTAssertEqual(briefs(ok), [])
    }

    func testDeeplyNestedFlowDoesNotCrash() {
        let deep = String(repeating: "[", count: 100_000)
        let doc = parse(deep)
        XCTAssertEqual(doc.diagnostics.first?.code, "KH108")
    }

    func testSizeLimit() {
        let big = "a: " + String(repeating: "x", count: YAMLLimits.maxFileSize) + "\n"
        XCTAssertEqual(briefs(parse(big)), ["KH107 t.yaml"])
    }

    func testBOMTolerated() throws {
        let doc = YAMLParser.parse([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), file: "t.yaml")
        XCTAssertEqual(briefs(doc), [])
        XCTAssertEqual(doc.root?.mapping?["a"]?.scalar?.start, Mark(line: 1, column: 4))
    }

    func testInvalidUTF8ReportedWithByteOffset() throws {
        // "名: " then a GBK-encoded byte pair.
        let bytes = Array("a: ok\n名: ".utf8) + [0xD5, 0xC5] + [0x0A]
        let doc = YAMLParser.parse(bytes, file: "t.yaml")
        XCTAssertEqual(briefs(doc), ["KH109 t.yaml:2:4"])
        XCTAssertTrue(doc.diagnostics[0].message.en.contains("byte offset 11"), doc.diagnostics[0].message.en)
        let withBOM = YAMLParser.parse([0xEF, 0xBB, 0xBF, 0xFF], file: "t.yaml")
        XCTAssertTrue(withBOM.diagnostics[0].message.en.contains("byte offset 3"))
    }

    func testTruncatedUTF8Sequence() {
        XCTAssertEqual(
            briefs(YAMLParser.parse(Array("a: ".utf8) + [0xE6, 0x98], file: "t.yaml")), ["KH109 t.yaml:1:4"])
    }

    func testSyntaxErrorAtLibyamlPosition() {
        let doc = parse("a: 1\nb: [1, 2\nc: 3\n")
        XCTAssertEqual(doc.diagnostics.count, 1)
        XCTAssertEqual(doc.diagnostics[0].code, "KH101")
        XCTAssertNil(doc.root)
        let colon = parse("a: b: c\n")
        XCTAssertEqual(briefs(colon), ["KH101 t.yaml:1:5"])
        XCTAssertTrue(colon.diagnostics[0].message.zh.contains("加引号"), colon.diagnostics[0].message.zh)
    }

    func testTabIndentation() {
        let doc = parse("a:\n\tb: 1\n")
        XCTAssertEqual(doc.diagnostics.map(\.code), ["KH101"])
        XCTAssertEqual(doc.diagnostics[0].start?.line, 2)
    }

    func testEmptyAndCommentOnlyFiles() {
        let empty = parse("")
        XCTAssertNil(empty.root)
        XCTAssertFalse(empty.hasContent)
        let comments = parse("# 只有注释\n")
        XCTAssertNil(comments.root)
        XCTAssertFalse(comments.hasContent)
    }

    func testNonStringKey() {
        XCTAssertEqual(briefs(parse("? [a, b]\n: 1\nc: 2\n")), ["KH111 t.yaml:1:3"])
    }

    func testBinaryInput() {
        let bytes: [UInt8] = [0x00, 0x01, 0x02, 0x7F, 0x41, 0x0A]
        let doc = YAMLParser.parse(bytes, file: "t.yaml")
        XCTAssertEqual(doc.diagnostics.map(\.code), ["KH101"])
    }

    func testNullForms() throws {
        let m = try XCTUnwrap(parse("a:\nb: ~\nc: null\nd: ''\n").root?.mapping)
        XCTAssertTrue(m["a"]!.isAbsent)
        XCTAssertTrue(m["b"]!.isAbsent)
        XCTAssertTrue(m["c"]!.isAbsent)
        XCTAssertFalse(m["d"]!.isAbsent, "a quoted empty string is a value (and fails as text)")
    }
}

/// Positions the fuzzer found wrong (Fixtures/fuzz/yaml): each is now where an editor shows it.
final class YAMLPositionRegressionTests: XCTestCase {
    func first(_ bytes: [UInt8]) -> String? {
        YAMLParser.parse(bytes, file: "t.yaml").diagnostics.first.map(brief)
    }

    func testErrorAtTheEndOfAFileWithoutAFinalLineBreakIsOnItsLastLine() {
        // libyaml reports 2:1 (a line break of its own at the end); the file has one line.
        XCTAssertEqual(first(Array("[b".utf8)), "KH101 t.yaml:1:3")
        XCTAssertEqual(first(Array("a: 1\n名称: [星辰".utf8)), "KH101 t.yaml:2:8")
        XCTAssertEqual(first(Array("a: 1\n名称: [星辰\n".utf8)), "KH101 t.yaml:3:1")
    }

    func testControlCharacterIsReportedWhereItIsNotAtALaterInvalidByte() {
        // DEL on line 1, an invalid byte (0xFF) on line 2: the reader stops at DEL.
        XCTAssertEqual(first(Array("a: x\u{7F}y\nb: ".utf8) + [0xFF]), "KH101 t.yaml:1:5")
        XCTAssertEqual(first(Array("a: xy\nb: ".utf8) + [0xFF]), "KH109 t.yaml:2:4")
    }

    func testLineBreaksCountAsLibyamlCountsThem() {
        // CR alone, NEL and LS end lines for libyaml; invalid UTF-8 after them is on line 4.
        XCTAssertEqual(first(Array("a: 1\rb: 2\u{85}c: 3\u{2028}d: ".utf8) + [0xFF]), "KH109 t.yaml:4:4")
        XCTAssertEqual(first(Array("a: 1\r\nb: ".utf8) + [0xC3]), "KH109 t.yaml:2:4")
    }
}
