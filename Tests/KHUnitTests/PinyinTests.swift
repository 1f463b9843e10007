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

/// The catalogue's pinyin against a set of real names (Fixtures/pinyin-names.tsv).
final class PinyinTests: XCTestCase {
    struct Case {
        var name: String
        var person: Bool
        var initial: String
        var pinyin: String
    }

    func cases() throws -> [Case] {
        let url = Golden.fixtures.appendingPathComponent("pinyin-names.tsv")
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
        var wrongInitial: [String] = []
        var wrongFull: [String] = []
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
        XCTAssertEqual(
            Pinyin.key(for: "长城", override: "Zhang Cheng"),
            PinyinKey(initial: "Z", full: "zhang cheng", source: .override))
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
        XCTAssertEqual(Pinyin.uncertainFirstCharacter(of: "（停用）行知教育")?.0, "行", "a note in brackets is skipped")
        XCTAssertNil(Pinyin.uncertainFirstCharacter(of: "长城汽车"), "a phrase settles it")
        XCTAssertNil(Pinyin.uncertainFirstCharacter(of: "单田芳", person: true), "the surname table settles it")
        XCTAssertNotNil(Pinyin.uncertainFirstCharacter(of: "单田芳", person: false))
        XCTAssertNil(Pinyin.uncertainFirstCharacter(of: "行知教育", override: "xing zhi jiao yu"), "拼音 settles it")
        XCTAssertNil(Pinyin.uncertainFirstCharacter(of: "北京星辰"))
        XCTAssertEqual(Pinyin.uncertainFirstCharacter(of: "長興電子")?.0, nil, "長興 is 长兴 (a phrase)")
    }

    /// A note in brackets at the start is not part of the name (（）【】[], after NFKC); 《》 are.
    func testLeadingNotesAreSkipped() {
        XCTAssertEqual(Pinyin.key(for: "（停用）长城汽车股份有限公司").initial, "C")
        XCTAssertEqual(Pinyin.key(for: "（停用）长城汽车股份有限公司").full, "chang cheng qi che gu fen you xian gong si")
        XCTAssertEqual(Pinyin.key(for: "【VIP】招商银行").initial, "Z")
        XCTAssertEqual(Pinyin.key(for: "[测试] 【VIP】 招商银行").initial, "Z", "several notes, spaces between")
        XCTAssertEqual(Pinyin.key(for: "《财经》杂志社").initial, "C")
        XCTAssertEqual(Pinyin.key(for: "《财经》杂志社").full, "cai jing za zhi she")
        XCTAssertEqual(Pinyin.key(for: "（停用）").initial, "T", "a name that is only a note stays whole")
        XCTAssertEqual(Pinyin.key(for: "招商银行（深圳）").initial, "Z", "a note elsewhere is part of the name")
    }

    /// Place names, brands and surnames the lexicon and tables read as they are read there.
    func testPlaceNamesBrandsAndSurnames() {
        let cases: [(String, Bool, String)] = [
            ("长子县农村信用合作联社", false, "zhang zi"), ("上海莘庄工业区", false, "shang hai xin zhuang"),
            ("泌阳县农村信用合作联社", false, "bi yang"), ("枞阳县农村商业银行", false, "zong yang"),
            ("涡阳农商银行", false, "guo yang"), ("犍为县农村信用社", false, "qian wei"),
            ("朝日啤酒", false, "zhao ri"), ("乐华娱乐", false, "yue hua"), ("藏格矿业", false, "zang ge"),
        ]
        for (name, person, prefix) in cases {
            XCTAssertTrue(
                Pinyin.key(for: name, person: person).full.hasPrefix(prefix),
                "\(name): \(Pinyin.key(for: name, person: person).full)")
        }
    }

    /// What decided the letter, as kh index's record says it.
    func testSource() {
        XCTAssertEqual(Pinyin.key(for: "长城", override: "chang cheng").source, .override)
        XCTAssertEqual(Pinyin.key(for: "长城汽车").source, .phrase)
        XCTAssertEqual(Pinyin.key(for: "长城汽车").entry, "长城")
        XCTAssertEqual(Pinyin.key(for: "单田芳", person: true).source, .surname)
        XCTAssertEqual(Pinyin.key(for: "单田芳", person: true).entry, "单")
        XCTAssertEqual(Pinyin.key(for: "北京星辰").source, .system)
        XCTAssertNil(Pinyin.key(for: "北京星辰").entry)
        XCTAssertEqual(Pinyin.key(for: "IBM中国").source, .letter)
        XCTAssertEqual(Pinyin.key(for: "厦华电子").source, .character)
    }

    /// A person whose surname is read two ways in common use (乐 Yuè or Lè) gets KH701
    /// unless 拼音 says which; a company named 乐… does not (the phrase or the default decides).
    func testSurnamesWithTwoReadings() {
        XCTAssertEqual(Pinyin.uncertainFirstCharacter(of: "乐嘉", person: true)?.1, ["L", "Y"])
        XCTAssertEqual(Pinyin.uncertainFirstCharacter(of: "查良镛", person: true)?.1, ["C", "Z"])
        XCTAssertNil(Pinyin.uncertainFirstCharacter(of: "乐嘉", override: "le jia", person: true))
        XCTAssertNil(Pinyin.uncertainFirstCharacter(of: "王乐", person: true))
    }

    /// The held-out set (Fixtures/pinyin/testset.tsv and testset-people.tsv, README.md there: names never used to
    /// build the tables): every miss is known and listed in misses.tsv, exactly, so a change
    /// that reads a new name wrong fails here, and one that mends a listed miss must strike it.
    func testHeldOutSet() throws {
        let dir = Golden.fixtures.appendingPathComponent("pinyin")
        var misses: [String] = []
        var total = 0
        var firstRight = 0
        var fullRight = 0
        var fullKnown = 0
        let lines = try ["testset.tsv", "testset-people.tsv"].flatMap {
            try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8).split(separator: "\n")
        }
        for line in lines where !line.hasPrefix("#") {
            let c = line.split(separator: "\t").map(String.init)
            guard c.count == 4 else { continue }
            total += 1
            let key = Pinyin.key(for: c[0], person: c[1] == "个人")
            if key.initial == c[2] { firstRight += 1 }
            if c[3] != "-" {
                fullKnown += 1
                if key.full == c[3] { fullRight += 1 }
            }
            if key.initial != c[2] || (c[3] != "-" && key.full != c[3]) {
                misses.append("\(c[0])\t\(key.initial)\t\(key.full)")
            }
        }
        let known = try String(contentsOf: dir.appendingPathComponent("misses.tsv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        XCTAssertGreaterThanOrEqual(total, 1000)
        XCTAssertEqual(misses, known, "misses.tsv: 名称<TAB>kh's letter<TAB>kh's pinyin, in the test set's order")
        print(
            "held-out set: \(total) names, first letter \(firstRight)/\(total), full pinyin \(fullRight)/\(fullKnown)")
    }
}
