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

/// Every rule's examples (what `kh rules` shows) really fail and pass.
final class RuleExampleTests: XCTestCase {
    func testBaseArchiveIsClean() throws {
        let r = try TempArchive().validate()
        XCTAssertEqual(r.diagnostics.map(brief), [])
        XCTAssertEqual(r.customers, 1)
        XCTAssertEqual(r.documents, 5)
    }

    func testEveryFailingExampleFiresItsRule() throws {
        for rule in Rule.all {
            let r = try TempArchive(example: rule.examples.failing).validate()
            XCTAssertTrue(
                r.diagnostics.contains { $0.code == rule.code },
                "\(rule.code) \(rule.name): failing example gave \(r.diagnostics.map(brief))")
        }
    }

    /// KH701's message suggests the name's own reading, as kh reads it now, for 拼音.
    func testUncertainPinyinSuggestsTheNamesReading() throws {
        let r = try TempArchive(example: Rule.uncertainPinyin.examples.failing).validate()
        let d = try XCTUnwrap(r.diagnostics.first { $0.code == "KH701" })
        XCTAssertEqual(brief(d), "KH701 客户档案/KH-2024-001_星辰科技/01-客户基本信息/基本信息.yaml:4:7 企业名称.全称")
        XCTAssertEqual(
            d.message.zh,
            "「行知星辰科技有限公司」的首字「行」是多音字（H/X），总目录按哪个字母排列无法确定；请在同级填写 拼音，写明实际读音，如 拼音: xing zhi xing chen ke ji you xian gong si（kh 现在的读法，首字读错时改正）"
        )
        XCTAssertEqual(
            d.message.en,
            "the first character '行' of '行知星辰科技有限公司' has readings with different letters (H/X); add 拼音 beside it with the name's real reading to fix its place in the catalogue, e.g. 拼音: xing zhi xing chen ke ji you xian gong si (kh's reading now; correct the first syllable if it is wrong)"
        )
    }

    func testEveryPassingExampleIsClean() throws {
        for rule in Rule.all {
            let r = try TempArchive(example: rule.examples.passing).validate()
            XCTAssertEqual(r.diagnostics.map(brief), [], "\(rule.code) \(rule.name): passing example")
        }
    }

    func testCodesAreUniqueAndWellFormed() {
        let codes = Rule.all.map(\.code)
        XCTAssertEqual(Set(codes).count, codes.count)
        for code in codes {
            XCTAssertNotNil(code.range(of: "^KH[1-7][0-9]{2}$", options: .regularExpression), code)
            XCTAssertEqual(Rule(code: code)?.code, code)
            XCTAssertEqual(Rule(code: code.lowercased())?.code, code)
        }
        XCTAssertEqual(Set(Rule.all.map(\.name)).count, codes.count)
    }

    /// One rule, one file: `Rules/Catalogue/<code>-<Type>.swift` declares `Rules.<Type>` with that
    /// code, and the registry (`Rules.all`) lists every such file once, in code order.
    func testRegistryListsEveryRuleFile() throws {
        // A rule lives in the layer whose code finds it: KHModel (parser, reader, layout, schema,
        // kh.yaml) or KHValidation (checks over a snapshot or the archive).
        let sources = TestPaths.packageRoot.appendingPathComponent("Sources").path
        var paths: [String: String] = [:]
        for target in ["KHModel", "KHValidation"] {
            let folder = sources + "/" + target + "/Rules/Catalogue"
            for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".swift") {
                XCTAssertNil(paths[file], "\(file) in two layers")
                paths[file] = folder + "/" + file
            }
        }
        let files = paths.keys.sorted()
        let listed = Rules.all.map { "\($0.rule.code)-\(String(describing: $0)).swift" }
        XCTAssertEqual(listed, files, "Rules.all (Rules/Registry.swift) and the files of Rules/Catalogue differ")
        for (file, definition) in zip(files, Rules.all) {
            let text = try String(contentsOfFile: paths[file]!, encoding: .utf8)
            XCTAssertTrue(text.contains("public enum \(String(describing: definition)): "), file)
            let declarations = try NSRegularExpression(pattern: #"Rule\(\s*code:\s*""#)
            XCTAssertEqual(
                declarations.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text)), 1,
                "\(file): one rule per file")
        }
        XCTAssertEqual(Rule.all.map(\.code), Rule.all.map(\.code).sorted())
    }

    func testEveryRuleHasSummariesInBothLanguages() {
        for rule in Rule.all {
            XCTAssertFalse(rule.summary.zh.isEmpty, rule.code)
            XCTAssertFalse(rule.summary.en.isEmpty, rule.code)
            XCTAssertNotEqual(rule.summary.zh, rule.summary.en, rule.code)
        }
    }

    /// Exact code, file, line, column and field path of representative failing examples.
    func testPositions() throws {
        let c = ExampleArchive.customer
        let expected: [Rule: [String]] = [
            .yamlSyntax: ["KH101 \(c)/03-互动记录/2024-Q1/2024-03-05-电话.yaml:7:10"],
            .duplicateKey: ["KH102 \(ExampleArchive.contractPath):8:1 合作金额"],
            .yamlAnchor: ["KH103 \(ExampleArchive.contractPath):3:7"],
            .yamlTag: ["KH104 \(ExampleArchive.contractPath):6:7"],
            .invalidUTF8: ["KH109 \(ExampleArchive.needsPath):1:8"],
            .multipleDocuments: ["KH106 \(ExampleArchive.contractPath):11:1"],
            .missingField: ["KH201 \(ExampleArchive.contractPath):1:1 合作金额"],
            .pendingRequired: ["KH202 \(ExampleArchive.basicInfoPath):7:7 所属行业"],
            .badValue: ["KH203 \(ExampleArchive.basicInfoPath):21:9 联系人[1].手机"],
            .notInList: ["KH204 \(ExampleArchive.basicInfoPath):14:7 客户阶段"],
            .unknownField: ["KH205 \(ExampleArchive.basicInfoPath):25:5 联系人[1].备住"],
            .wrongShape: ["KH206 \(ExampleArchive.basicInfoPath):18:5 标签"],
            .dateOrder: ["KH207 \(ExampleArchive.contractPath):5:7 合同期限.结束"],
            .unknownPerson: ["KH208 \(ExampleArchive.basicInfoPath):13:7 负责销售"],
            .formerStaff: ["KH209 \(ExampleArchive.basicInfoPath):13:7 负责销售"],
            .halfFilledScale: ["KH210 \(ExampleArchive.basicInfoPath):11:3 企业规模"],
            .unreachableContact: ["KH211 \(ExampleArchive.basicInfoPath):25:5 联系人[2]"],
            .vagueNextStep: ["KH213 \(ExampleArchive.interactionPath):9:9 下一步计划[1].事项"],
            .numberMismatch: ["KH301 \(ExampleArchive.basicInfoPath):1:7 档案编号"],
            .unknownParticipant: ["KH308 \(ExampleArchive.interactionPath):5:13 参与人员.客户方[2]"],
            .duplicateCreditCode: ["KH402 客户档案/KH-2024-002_云帆物流/01-客户基本信息/基本信息.yaml:6:11 统一社会信用代码"],
            .sharedContact: ["KH404 客户档案/KH-2024-002_云帆物流/01-客户基本信息/基本信息.yaml:12:9"],
            .residentID: ["KH501 \(ExampleArchive.basicInfoPath):29:5 备注"],
            .wrongGroupFolder: ["KH126 \(c)/03-互动记录/2024-Q2/2024-03-05-电话.yaml:1:7 沟通时间"],
            .fileNameMismatch: ["KH125 \(c)/03-互动记录/2024-Q1/2024-03-06-电话.yaml:1:7 沟通时间"],
        ]
        for (rule, briefs) in expected {
            let r = try TempArchive(example: rule.examples.failing).validate()
            XCTAssertEqual(r.diagnostics.map(brief), briefs, rule.code)
        }
    }

    /// KH213: what counts as a vague next step (kh log refuses these, kh import leaves them
    /// out, validation gives a notice on open ones).
    func testVagueNextSteps() {
        for task in [
            "继续跟进", "跟进", "尽快跟进", "尽快联系", "尽快联系客户", "保持联系", "及时跟进一下", "等待回复", "再联系",
            "持续关注", "后续跟进。", " 跟 进 ", "待定", "x",
        ] {
            XCTAssertTrue(Rules.VagueNextStep.isVague(task), task)
        }
        for task in ["3月20日前提交二期方案", "联系张总确认报价", "提供报价单", "尽快提供报价单", "安排技术交流会", "跟进合同签署并寄出原件"] {
            XCTAssertFalse(Rules.VagueNextStep.isVague(task), task)
        }
        XCTAssertTrue(NewInteraction.isVague("尽快联系"), "kh log and kh import use the rule's check")
    }

    func testRulesReportListsEveryRule() {
        let text = RulesReference.render(Rule.all, format: .text, language: .zh)
        for rule in Rule.all { XCTAssertTrue(text.contains(rule.code + "  "), rule.code) }
        let json = RulesReference.render([.badValue], format: .json, language: .en)
        XCTAssertTrue(json.contains("\"code\": \"KH203\""), json)
        XCTAssertTrue(json.contains("手机: 1381234567"), json)
        let md = RulesReference.render(Rule.all, format: .md, language: .zh)
        XCTAssertTrue(md.hasPrefix("# kh 规则\n"))
    }
}

final class ReadmeTests: XCTestCase {
    /// The command reference's rule table (docs/commands.md) is `kh rules --format md --lang en`'s table.
    func testCommandReferenceListsEveryRule() throws {
        let doc = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent("docs/commands.md"), encoding: .utf8)
        for rule in Rule.all {
            let row =
                "| \(rule.code) | \(rule.name) | \(rule.severity.word(.en)) | \(rule.category.en) | \(rule.summary.en) |"
            XCTAssertTrue(doc.contains(row), "docs/commands.md lacks: \(row)")
        }
    }
}
