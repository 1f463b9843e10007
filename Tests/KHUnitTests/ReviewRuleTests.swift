import Foundation
import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHOutputs
@testable import KHSupport
@testable import KHValidation
@testable import KHYAML

/// kh review's checks (`Review/Checks/`): each one's examples really fail and pass, and the
/// registry (`ReviewRules.all`) lists every check's file once.
final class ReviewRuleTests: XCTestCase {
    static let folder = TestPaths.packageRoot.appendingPathComponent("Sources/KHOutputs/Review/Checks").path

    /// The check's items for the example's customers, and every check's codes as `Review.run` lists them.
    func run(_ rule: any ReviewRule.Type, _ example: ReviewExample) throws -> (items: [Review.Item], review: [String]) {
        let tmp = try TempArchive(example: example.archive)
        let archive = try Archive.open(tmp.root)
        var items: [Review.Item] = []
        for c in Review.customers(archive, asOf: example.asOf) {
            rule.check(c, config: archive.config, asOf: example.asOf, into: &items)
        }
        return (items, Review.run(archive, asOf: example.asOf).items.map(\.code))
    }

    func testEveryFailingExampleFiresItsCheck() throws {
        for rule in ReviewRules.all {
            let (items, review) = try run(rule, rule.examples.failing)
            XCTAssertFalse(items.isEmpty, "\(rule.code) \(rule.name): failing example gave nothing")
            XCTAssertEqual(items.filter { $0.code != rule.code }.map(\.code), [], rule.code)
            XCTAssertTrue(items.allSatisfy { rule.kinds.contains($0.kind) }, rule.code)
            XCTAssertTrue(review.contains(rule.code), "\(rule.code): kh review runs the check")
        }
    }

    func testEveryPassingExampleIsQuietForItsCheck() throws {
        for rule in ReviewRules.all {
            let (items, review) = try run(rule, rule.examples.passing)
            XCTAssertEqual(items.map(\.kind.rawValue), [], "\(rule.code) \(rule.name): passing example")
            XCTAssertFalse(review.contains(rule.code), rule.code)
        }
    }

    /// The examples are valid archives: kh validate finds nothing in them.
    func testExamplesAreValidArchives() throws {
        for rule in ReviewRules.all {
            for example in [rule.examples.failing, rule.examples.passing] {
                XCTAssertEqual(
                    try TempArchive(example: example.archive).validate().diagnostics.map(brief), [], rule.code)
            }
        }
    }

    /// One check, one file: `Review/Checks/<code>-<Type>.swift` declares `ReviewRules.<Type>` with
    /// that code, and the registry lists every such file once, in code order.
    func testRegistryListsEveryCheckFile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".swift") }
            .sorted()
        let listed = ReviewRules.all.map { "\($0.code)-\(String(describing: $0)).swift" }
        XCTAssertEqual(listed, files, "ReviewRules.all (Review/ReviewRule.swift) and the files of Review/Checks differ")
        for (file, rule) in zip(files, ReviewRules.all) {
            let text = try String(contentsOfFile: Self.folder + "/" + file, encoding: .utf8)
            XCTAssertTrue(text.contains("enum \(String(describing: rule)): ReviewRule {"), file)
            XCTAssertEqual(
                text.components(separatedBy: "static let code = \"").count - 1, 1, "\(file): one check per file")
        }
        let codes = ReviewRules.all.map { $0.code }
        XCTAssertEqual(codes, (1...codes.count).map { String(format: "R%02d", $0) })
    }

    func testNamesKindsAndSummaries() {
        let names = ReviewRules.all.map { $0.name }
        XCTAssertEqual(Set(names).count, names.count)
        for rule in ReviewRules.all {
            XCTAssertNotNil(rule.name.range(of: "^[a-z]+(-[a-z]+)*$", options: .regularExpression), rule.name)
            XCTAssertFalse(rule.kinds.isEmpty, rule.code)
            XCTAssertTrue(rule.kinds.allSatisfy { $0.code == rule.code }, rule.code)
            XCTAssertFalse(rule.summary.zh.isEmpty || rule.summary.en.isEmpty, rule.code)
            XCTAssertNotEqual(rule.summary.zh, rule.summary.en, rule.code)
        }
        let kinds = ReviewRules.all.flatMap { $0.kinds }.map(\.rawValue)
        XCTAssertEqual(Set(kinds).count, kinds.count)
        XCTAssertEqual(kinds.count, 12)
    }

    /// What `ConfigProblemLimitsTests` asks of Review/ holds for the checks' files too: kh.yaml
    /// is not read again, and 问题时限 is named in comments only.
    func testChecksDoNotReadTheConfig() throws {
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.folder) {
            let text = try String(contentsOfFile: Self.folder + "/" + file, encoding: .utf8)
            for forbidden in ["ConfigLoader", "YAMLParser", "FileSystem.read", "\"问题时限\")", "\"响应\")", "Values.hours"] {
                XCTAssertFalse(text.contains(forbidden), "\(file) uses \(forbidden)")
            }
            for line in text.split(separator: "\n") where line.contains("问题时限") {
                XCTAssertTrue(line.contains("///") || line.contains("// "), "\(file): \(line)")
            }
        }
    }
}
