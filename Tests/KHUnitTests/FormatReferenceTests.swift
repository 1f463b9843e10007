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

/// docs/archive-format.md: its generated blocks are what `FormatReference` makes from the
/// declarations kh validates with, `kh docs` prints it, and every example in it is one kh accepts.
///
/// When a declaration, a rule or the template changes, re-record the blocks with
/// `KH_RECORD=1 swift test --filter FormatReferenceTests` (the run still fails, so that a
/// recording never passes unnoticed), run `make embed`, review the diff and commit it.
final class FormatReferenceTests: XCTestCase {
    static var documentURL: URL { TestPaths.packageRoot.appendingPathComponent(FormatReference.documentPath) }

    static let howToUpdate =
        "to update it: KH_RECORD=1 swift test --filter FormatReferenceTests (rewrites the generated blocks "
        + "and fails once), then make embed, review git diff docs/ and commit"

    /// The template's kh.yaml: its 团队 makes the examples' persons known.
    static func templateConfig() throws -> Config {
        let text = try XCTUnwrap(TemplateFiles.all.first { $0.path == "kh.yaml" }?.content)
        let (config, diagnostics) = try ConfigLoader.load(bytes: Array(text.utf8))
        XCTAssertEqual(diagnostics.map(\.code), [])
        return config
    }

    // MARK: - The document

    /// The document is itself with its generated blocks regenerated (`assertGolden`: under
    /// KH_RECORD=1 the blocks are rewritten and the test fails); markers out of place are never
    /// rewritten, they fail the test in both modes.
    func testDocumentMatchesTheGenerator() throws {
        let url = Self.documentURL
        let document = try String(contentsOf: url, encoding: .utf8)
        let problems = FormatReference.problems(in: document)
        let structural = problems.filter { !$0.isRecordable }
        guard structural.isEmpty else {
            if Golden.isRecording {
                XCTFail(
                    "KH_RECORD=1: \(FormatReference.documentPath) was NOT rewritten; put its markers right by hand first:\n"
                        + structural.map { "  \($0)" }.joined(separator: "\n"))
            } else {
                XCTFail(
                    "\(FormatReference.documentPath) is out of date:\n"
                        + problems.map { "  \($0)" }.joined(separator: "\n")
                        + "\nput its markers right by hand first, then " + Self.howToUpdate)
            }
            return
        }
        let names = problems.compactMap { p -> String? in if case .stale(let n, _) = p { return n } else { return nil }
        }
        let note =
            Golden.isRecording
            ? "rewrote \(names.count) generated block(s) of \(FormatReference.documentPath)"
                + (names.isEmpty ? "" : " (\(names.joined(separator: ", ")))")
                + "; now run make embed, review the diff, and run the tests again without KH_RECORD"
            : problems.map { "  \($0)" }.joined(separator: "\n") + "\n" + Self.howToUpdate
        let matched = assertGolden(FormatReference.update(document), at: url, normalizingVersion: false, note: note)
        if matched {
            // Whatever update(_:) leaves as it is must not be a problem either.
            XCTAssertTrue(
                problems.isEmpty,
                "\(FormatReference.documentPath) is out of date:\n"
                    + problems.map { "  \($0)" }.joined(separator: "\n") + "\n" + Self.howToUpdate)
        }
    }

    /// What `kh docs` prints is the committed document (`make embed` copies it into the binary).
    func testEmbeddedDocumentIsTheFile() throws {
        let onDisk = try String(contentsOf: Self.documentURL, encoding: .utf8)
        XCTAssertTrue(
            FormatReferenceDocument.markdown == onDisk,
            "Sources/KHOutputs/Reference/FormatReferenceDocument.swift is not \(FormatReference.documentPath): run make embed"
        )
    }

    // MARK: - Finding and rewriting blocks

    func testUpdateRewritesTheBlocksAndNothingElse() throws {
        let rules = try XCTUnwrap(FormatReference.block("rules"))
        let document =
            "# 标题\n\n说明 <!-- generated: rules --> 不是标记\n<!-- generated: rules -->\n| 旧表 |\n<!-- end generated -->\n结尾\n"
        let problems = FormatReference.problems(in: document)
        XCTAssertEqual(problems.first, .stale(name: "rules", line: 4))
        XCTAssertEqual(
            Set(problems.dropFirst()),
            Set(FormatReference.blockNames.filter { $0 != "rules" }.map { FormatReference.Problem.missing(name: $0) }))
        let updated = FormatReference.update(document)
        XCTAssertEqual(
            updated,
            "# 标题\n\n说明 <!-- generated: rules --> 不是标记\n<!-- generated: rules -->\n" + rules
                + "<!-- end generated -->\n结尾\n")
        XCTAssertFalse(FormatReference.problems(in: updated).contains { $0.isRecordable })
        XCTAssertEqual(FormatReference.update(updated), updated)
        XCTAssertEqual(
            FormatReference.blocks(in: updated).blocks, [FormatReference.Block(name: "rules", content: rules, line: 4)])
    }

    func testMarkersThatDoNotPairUpAreReportedAndLeftAlone() {
        let document = """
            <!-- generated: rules -->
            <!-- end generated -->
            <!-- generated: 没有这一块 -->
            x
            <!-- end generated -->
            <!-- generated: rules -->
            <!-- end generated -->
            <!-- end generated -->
            <!-- generated: types -->
            散文不能被吞掉

            """
        let problems = FormatReference.problems(in: document)
        XCTAssertTrue(problems.contains(.unterminated(name: FormatReference.endMarker, line: 8)), "\(problems)")
        XCTAssertTrue(problems.contains(.unterminated(name: "types", line: 9)), "\(problems)")
        XCTAssertTrue(problems.contains(.unknown(name: "没有这一块", line: 3)), "\(problems)")
        XCTAssertTrue(problems.contains(.duplicate(name: "rules", line: 6)), "\(problems)")
        XCTAssertFalse(problems.contains(.missing(name: "types")), "an unterminated block is not also missing")
        XCTAssertFalse(problems.contains { $0.isRecordable && $0 != .stale(name: "rules", line: 1) })
        let updated = FormatReference.update(document)
        XCTAssertTrue(updated.hasSuffix("<!-- generated: types -->\n散文不能被吞掉\n"), updated)
        XCTAssertTrue(updated.contains("<!-- generated: 没有这一块 -->\nx\n<!-- end generated -->"), updated)
    }

    // MARK: - What the blocks say

    func testEveryRuleIsInTheRuleTable() throws {
        let table = try XCTUnwrap(FormatReference.block("rules"))
        for rule in Rule.all {
            let row =
                "| \(rule.code) | `\(rule.name)` | \(rule.severity.word(.zh)) \(rule.severity.word(.en)) | "
                + "\(rule.category.zh) \(rule.category.en) | \(FormatReference.text(rule.summary.zh)) | \(FormatReference.text(rule.summary.en)) |\n"
            XCTAssertTrue(table.contains(row), "rule table lacks: \(row)")
        }
        // Markup in a summary is shown as written, not rendered.
        XCTAssertTrue(table.contains("| anchors (&amp;) and aliases (\\*) are not allowed |"), table)
        XCTAssertTrue(table.contains("| merge keys (&lt;&lt;) are not allowed |"), table)
        XCTAssertEqual(table.components(separatedBy: "\n| KH").count - 1, Rule.all.count)
    }

    func testFieldTablesListEveryDeclaredFieldOnce() throws {
        let header = Set(Declarations.header.map(\.name))
        func paths(_ schema: Schema, _ prefix: String) -> [String] {
            schema.fields.flatMap { f -> [String] in
                switch f.type {
                case .mapping(let s): return [prefix + f.name] + paths(s, prefix + f.name + ".")
                case .list(.mapping(let s)): return [prefix + f.name] + paths(s, prefix + f.name + "[n].")
                default: return [prefix + f.name]
                }
            }
        }
        for type in DocumentType.allCases {
            let table = try XCTUnwrap(FormatReference.block(FormatReference.fieldsBlock(type)))
            let expected = paths(Schema(Declarations.schema(for: type).fields.filter { !header.contains($0.name) }), "")
            let listed = table.split(separator: "\n").dropFirst(2).map { $0.split(separator: "`")[1] }.map(String.init)
            XCTAssertEqual(listed, expected, type.rawValue)
        }
        let common = try XCTUnwrap(FormatReference.block("fields 共同字段"))
        XCTAssertEqual(
            common.split(separator: "\n").dropFirst(2).map { String($0.split(separator: "`")[1]) },
            ["创建时间", "创建人", "最后更新时间", "密级"])
        XCTAssertTrue(common.contains("| `密级` | 选项 enum | 选填 | 公开 / 内部 / 秘密 / 机密 | `内部` |"), common)
        let basic = try XCTUnwrap(FormatReference.block("fields 客户基本信息"))
        XCTAssertTrue(basic.contains("| `联系人[n].手机`（敏感） | 手机 mobile | 选填 | "), basic)
        XCTAssertTrue(basic.contains("| `企业名称` | 映射 mapping | 企业客户必填 | 映射，含下列字段 | — |"), basic)
        XCTAssertTrue(basic.contains("| `联系人` | 列表 list（映射 mapping） | 必填，至少一项 | 列表，每项含下列字段 | — |"), basic)
        XCTAssertTrue(basic.contains("| `所属行业` | 选项 enum | 必填 | kh.yaml `行业` 中的一项（默认：信息技术、制造业、"), basic)
    }

    /// Every example the document shows is a value kh accepts for that field, and every wrong
    /// value in the types table is one kh reports (and, where a fix is shown, one the fix puts right).
    func testExamplesAreValuesKhAccepts() throws {
        let config = try Self.templateConfig()
        func diagnostics(_ value: String, _ type: ValueType) -> [String] {
            let parsed = YAMLParser.parse(Array("v: \(value)\n".utf8), file: "x.yaml")
            guard parsed.diagnostics.isEmpty, let node = parsed.root?.mapping?["v"] else {
                return ["YAML: \(parsed.diagnostics.map(\.code))"]
            }
            var checker = FieldChecker(config: config, file: "x.yaml")
            checker.check(node: node, type: type, parent: "", name: "v")
            return checker.diagnostics.map(\.code)
        }
        var examples = 0
        for type in DocumentType.allCases {
            for row in FormatReference.rows(for: type, config: Config()) {
                guard let example = row.example else { continue }
                examples += 1
                XCTAssertEqual(diagnostics(example, row.field.type), [], "\(type.rawValue) \(row.path): \(example)")
            }
        }
        for row in FormatReference.headerRows(config: Config()) {
            XCTAssertEqual(diagnostics(try XCTUnwrap(row.example), row.field.type), [], row.path)
        }
        XCTAssertGreaterThan(examples, 80)
        for (type, valid, wrong) in FormatReference.types {
            for v in valid { XCTAssertEqual(diagnostics(v, type), [], "valid \(v)") }
            for w in wrong {
                XCTAssertNotEqual(diagnostics(w, type), [], "wrong \(w) is accepted")
                if let fixed = Repair.value(w, type: type, config: config) {
                    XCTAssertEqual(diagnostics(fixed, type), [], "\(w) → \(fixed)")
                }
            }
        }
        let types = try XCTUnwrap(FormatReference.block("types"))
        XCTAssertTrue(types.contains("`2024/3/5` → `2024-03-05`"), types)
        XCTAssertTrue(types.contains("`62345678`（需手工改正）"), types)
        XCTAssertTrue(types.contains("`91110108ma01xk7q3g` → `91110108MA01XK7Q3G`"), types)
    }

    /// The kh.yaml table's defaults, written out as a kh.yaml, give exactly kh's defaults.
    func testConfigDefaultsAreKhsDefaults() throws {
        let defaults = Config()
        var tree: [(path: [String], value: String)] = []
        for row in FormatReference.configRows() {
            let value = FormatReference.configDefault(row.path, config: defaults)
            let container: Bool
            switch row.field.type {
            case .mapping, .list(.mapping): container = true
            default: container = false
            }
            if FormatReference.keysWithoutDefault.contains(row.path) {
                XCTAssertNil(value, "\(row.path) is listed without a default but has one")
            } else if !container {
                XCTAssertNotNil(value, "kh.yaml \(row.path) has no default in the table")
            }
            if let value, !row.path.contains("[n]") {
                tree.append((row.path.split(separator: ".").map(String.init), value))
            }
        }
        var yaml = "档案库: 默认值\n团队:\n  - {姓名: 王磊, 角色: 销售}\n"
        var written: [String] = []
        for (path, value) in tree {
            for depth in 0..<(path.count - 1) where !written.contains(path[...depth].joined(separator: ".")) {
                written.append(path[...depth].joined(separator: "."))
                yaml += String(repeating: "  ", count: depth) + path[depth] + ":\n"
            }
            yaml += String(repeating: "  ", count: path.count - 1) + path[path.count - 1] + ": " + value + "\n"
        }
        let (config, diagnostics) = try ConfigLoader.load(bytes: Array(yaml.utf8))
        XCTAssertEqual(diagnostics.map { "\($0.code) \($0.path ?? "")" }, [], yaml)
        XCTAssertEqual(config.timeZone, defaults.timeZone)
        XCTAssertEqual(config.language, defaults.language)
        XCTAssertEqual(config.numberPrefix, defaults.numberPrefix)
        XCTAssertEqual(config.numberWidth, defaults.numberWidth)
        XCTAssertEqual(config.groupByProject, defaults.groupByProject)
        XCTAssertEqual(config.industries, defaults.industries)
        XCTAssertEqual(config.revenueRanges, defaults.revenueRanges)
        XCTAssertEqual(config.sources, defaults.sources)
        XCTAssertTrue(config.gradeThresholds == defaults.gradeThresholds)
        XCTAssertEqual(
            config.classes.map { "\($0.name) \($0.years) \($0.cents)" },
            defaults.classes.map { "\($0.name) \($0.years) \($0.cents)" })
        XCTAssertEqual(config.cadence, defaults.cadence)
        XCTAssertEqual(config.problemLimits, defaults.problemLimits)
        XCTAssertEqual(config.completeness, defaults.completeness)
        XCTAssertEqual(config.retiredNumbers, [])
        XCTAssertEqual(config.waivers, [])
        // Every key of kh.yaml has its row.
        XCTAssertEqual(
            tree.map { $0.path[0] }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } },
            Declarations.config.fields.map(\.name).filter { !["档案库", "团队", "默认创建人"].contains($0) })
    }
}
