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

final class ValuesTests: XCTestCase {
    func testDates() {
        XCTAssertEqual(Values.date("2024-02-29")?.description, "2024-02-29")
        XCTAssertNil(Values.date("2023-02-29"))
        XCTAssertNil(Values.date("2024/03/05"))
        XCTAssertNil(Values.date("2024-3-5"))
        XCTAssertNil(Values.date("2024-13-01"))
        XCTAssertEqual(Values.datetime("2024-03-05 09:30")?.hour, 9)
        XCTAssertNil(Values.datetime("2024-03-05 24:00"))
        XCTAssertNil(Values.datetime("2024-03-05T09:30"))
        XCTAssertNil(Values.datetime("2024-03-05"))
    }

    func testMoney() {
        XCTAssertEqual(Values.money("1000.00"), 100_000)
        XCTAssertEqual(Values.money("-12.50"), -1250)
        XCTAssertEqual(Values.money("0.05"), 5)
        for bad in ["1000", "1000.5", "1,000.00", "1000.000", ".50", "¥100.00", "-", "1e3.00"] {
            XCTAssertNil(Values.money(bad), bad)
        }
    }

    func testMobile() {
        for good in ["13812345678", "+8613812345678", "+86 138 1234 5678", "138-1234-5678", "199 0000 0000"] {
            XCTAssertEqual(Values.mobile(good)?.count, 11, good)
        }
        for bad in [
            "1381234567", "12812345678", "138123456789", "138--1234-5678", "138 1234 567a", "010-62345678",
            "-13812345678",
        ] {
            XCTAssertNil(Values.mobile(bad), bad)
        }
    }

    func testPhone() {
        for good in [
            "010-62345678", "0755-8888888", "0755-88888888-123", "+86-10-62345678", "400-800-1234", "4008001234",
            "800-820-8820",
        ] {
            XCTAssertTrue(Values.isPhone(good), good)
        }
        for bad in [
            "62345678", "010 62345678", "10-62345678", "010-0234567", "+86-010-62345678", "13812345678", "400-800-123",
        ] {
            XCTAssertFalse(Values.isPhone(bad), bad)
        }
    }

    func testEmailAndURL() {
        XCTAssertTrue(Values.isEmail("zhang.wei+crm@xingchen.example.com"))
        XCTAssertFalse(Values.isEmail("zhangwei@"))
        XCTAssertFalse(Values.isEmail("zhang wei@x.com"))
        XCTAssertFalse(Values.isEmail("a@b"))
        XCTAssertTrue(Values.isURL("https://www.xingchen.example.com/about"))
        XCTAssertFalse(Values.isURL("www.xingchen.com"))
        XCTAssertFalse(Values.isURL("https://"))
    }

    func testCreditCode() {
        XCTAssertTrue(Values.isCreditCode("91110108MA01ABCDEN"))
        XCTAssertTrue(Values.isCreditCode("91350100M000100Y43"))
        XCTAssertEqual(Values.creditCodeProblem("91110108MA01ABCDE0"), "N")
        XCTAssertEqual(Values.creditCodeProblem("91110108MA01ABCDI0"), "", "I is not in the alphabet")
        XCTAssertEqual(Values.creditCodeProblem("9111010"), "")
    }

    func testResidentIDAndBankCard() {
        XCTAssertEqual(PersonalData.find(in: "身份证 11010519491231002X")?.isID, true)
        XCTAssertEqual(PersonalData.find(in: "身份证 11010519491231002x")?.isID, true)
        XCTAssertEqual(PersonalData.find(in: "１１０１０５１９４９１２３１００２Ｘ")?.isID, true, "full-width digits")
        XCTAssertNil(PersonalData.find(in: "110105194912310021"), "wrong check digit")
        XCTAssertNil(PersonalData.find(in: "11010519491332002X"), "no 13th month")
        // A Luhn-valid card number, plain and grouped.
        XCTAssertEqual(PersonalData.find(in: "卡号 6222021234567890128")?.isID, false)
        XCTAssertEqual(PersonalData.find(in: "卡号 6222 0212 3456 7890 128")?.isID, false)
        XCTAssertNil(PersonalData.find(in: "卡号 6222021234567890127"), "fails Luhn")
        // Dates, phones and amounts side by side are not card numbers.
        XCTAssertNil(PersonalData.find(in: "2024-03-05 2024-03-06 2024-03-07"))
        XCTAssertNil(PersonalData.find(in: "010-62345678-1234 13812345678"))
        XCTAssertNil(PersonalData.find(in: "0000000000000000"), "one repeated digit")
    }

    func testSuggest() {
        XCTAssertEqual(Suggest.nearest("备住", in: ["备注", "职位"]), "备注")
        XCTAssertEqual(Suggest.nearest("成交了", in: Declarations.stages), "成交")
        XCTAssertEqual(Suggest.nearest("信息技术行业", in: Config().industries), "信息技术")
        XCTAssertNil(Suggest.nearest("火星", in: Declarations.stages))
    }

    func testNormalisedNames() {
        XCTAssertEqual(Normalize.name("北京 星辰科技（集团）有限公司"), Normalize.name("北京星辰科技(集团)有限公司"))
        XCTAssertEqual(Normalize.name("ＡＢＣ Tech"), Normalize.name("abctech"))
    }

    func testNumbers() {
        let c = Config()
        XCTAssertEqual(c.parseNumber("KH-2024-001")?.sequence, 1)
        XCTAssertEqual(c.parseNumber("KH-2024-1000")?.sequence, 1000)
        XCTAssertNil(c.parseNumber("KH-2024-01"))
        XCTAssertNil(c.parseNumber("KH-2024-0001"), "wider only past 999")
        XCTAssertNil(c.parseNumber("KH-2024-000"))
        XCTAssertNil(c.parseNumber("KH-24-001"))
        XCTAssertNil(c.parseNumber("kh-2024-001"))
        XCTAssertEqual(c.number(year: 2024, sequence: 7), "KH-2024-007")
    }
}
