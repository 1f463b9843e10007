import XCTest
@testable import KHYAML
@testable import KHPinyin
@testable import KHModel
@testable import KHSpreadsheet
@testable import KHRules
@testable import KHOutputs
@testable import KHWrite
@testable import KHFuzzing

/// The catalogue's pinyin against a set of real names (Fixtures/pinyin-names.tsv).
final class PinyinTests: XCTestCase {
    struct Case {
        var name: String
        var person: Bool
        var initial: String
        var pinyin: String
    }

    func cases() throws -> [Case] {
        let url = GoldenTests.fixtures.appendingPathComponent("pinyin-names.tsv")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let c = line.split(separator: "\t").map(String.init)
            guard c.count == 4 else { return nil }
            return Case(name: c[0], person: c[1] == "个人", initial: c[2], pinyin: c[3])
        }
    }

    func testFirstLettersAndFullPinyin() throws {
        let all = try cases()
        XCTAssertGreaterThanOrEqual(all.count, 300)
        var wrongInitial: [String] = [], wrongFull: [String] = []
        for c in all {
            let key = Pinyin.key(for: c.name, person: c.person)
            if key.initial != c.initial { wrongInitial.append("\(c.name): \(key.initial) ≠ \(c.initial)") }
            if key.full != c.pinyin { wrongFull.append("\(c.name): \(key.full) ≠ \(c.pinyin)") }
        }
        let rate = Double(all.count - wrongInitial.count) / Double(all.count)
        XCTAssertGreaterThanOrEqual(rate, 0.995, wrongInitial.joined(separator: "\n"))
        XCTAssertEqual(wrongFull, [])
    }

    func testOverrideWins() {
        XCTAssertEqual(Pinyin.key(for: "长城", override: "Zhang Cheng"), PinyinKey(initial: "Z", full: "zhang cheng"))
        XCTAssertEqual(Pinyin.key(for: "星辰", override: "  "), Pinyin.key(for: "星辰"))
    }

    func testSurnamesOnlyForPersons() {
        XCTAssertEqual(Pinyin.key(for: "单位", person: false).initial, "D")
        XCTAssertEqual(Pinyin.key(for: "单位", person: true).initial, "S")
    }

    func testOrder() {
        let names = ["重庆啤酒", "3M中国", "阿里巴巴", "长城汽车", "IBM中国", "北京星辰"]
        let sorted = names.map { (key: Pinyin.key(for: $0), name: $0, number: "") }
            .sorted(by: PinyinKey.precedes).map(\.name)
        XCTAssertEqual(sorted, ["阿里巴巴", "北京星辰", "长城汽车", "重庆啤酒", "IBM中国", "3M中国"])
    }

    func testUncertainFirstCharacter() {
        XCTAssertEqual(Pinyin.uncertainFirstCharacter(of: "行知教育科技有限公司")?.1, ["H", "X"])
        XCTAssertEqual(Pinyin.uncertainFirstCharacter(of: "（朝晖）科技")?.0, "朝")
        XCTAssertNil(Pinyin.uncertainFirstCharacter(of: "长城汽车"), "a phrase settles it")
        XCTAssertNil(Pinyin.uncertainFirstCharacter(of: "单田芳", person: true), "the surname table settles it")
        XCTAssertNotNil(Pinyin.uncertainFirstCharacter(of: "单田芳", person: false))
        XCTAssertNil(Pinyin.uncertainFirstCharacter(of: "行知教育", override: "xing zhi jiao yu"), "拼音 settles it")
        XCTAssertNil(Pinyin.uncertainFirstCharacter(of: "北京星辰"))
        XCTAssertEqual(Pinyin.uncertainFirstCharacter(of: "長興電子")?.0, nil, "長興 is 长兴 (a phrase)")
    }
}
