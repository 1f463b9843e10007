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

final class ConfigTests: XCTestCase {
    func load(_ text: String) throws -> (Config, [String]) {
        let (config, diagnostics) = try ConfigLoader.load(bytes: Array(text.utf8))
        return (config, diagnostics.sorted(by: Diagnostic.ordered).map(brief))
    }

    func testDefaults() throws {
        let (c, d) = try load("档案库: 测试\n团队: [{姓名: 王磊, 角色: 销售}]\n")
        XCTAssertEqual(d, [])
        XCTAssertEqual(c.archiveName, "测试")
        XCTAssertEqual(c.language, .zh)
        XCTAssertEqual(c.numberPrefix, "KH")
        XCTAssertEqual(c.numberWidth, 3)
        XCTAssertEqual(c.industries.count, 12)
        XCTAssertEqual(c.grade(forCents: 10_000_000), "A")
        XCTAssertEqual(c.grade(forCents: 9_999_999), "B")
        XCTAssertEqual(c.grade(forCents: 999_999), "D")
        XCTAssertEqual(c.completeness, 0.8)
        XCTAssertEqual(c.team.first?.active, true)
    }

    func testRequiredKeys() throws {
        let (_, d) = try load("时区: Asia/Shanghai\n")
        XCTAssertEqual(d, ["KH201 kh.yaml:1:1 团队", "KH201 kh.yaml:1:1 档案库"])
    }

    func testListsReplaceDefaults() throws {
        let (c, d) = try load("档案库: 测试\n团队: [{姓名: 王磊, 角色: 销售}]\n行业: [软件, 硬件, 软件]\n编号: {前缀: KHA, 位数: 4}\n")
        XCTAssertEqual(c.industries, ["软件", "硬件"])
        XCTAssertEqual(d, ["KH601 kh.yaml:3:14 行业[3]"])
        XCTAssertEqual(c.number(year: 2024, sequence: 12), "KHA-2024-0012")
    }

    func testFieldsAddAndRequire() throws {
        let text = """
            档案库: 测试
            团队: [{姓名: 王磊, 角色: 销售}]
            字段:
              客户基本信息:
                必填: [所在地区, 不存在]
                新增: {开票抬头: text, 合作渠道: {类型: enum, 取值: [直销, 代理]}, 等级: 星级, 所在地区: text}
              售后记录:
                必填: [x]

            """
        let (c, d) = try load(text)
        XCTAssertEqual(
            d,
            [
                "KH601 kh.yaml:5:16 字段.客户基本信息.必填[2]", "KH601 kh.yaml:6:58 字段.客户基本信息.新增.等级",
                "KH601 kh.yaml:6:62 字段.客户基本信息.新增.所在地区", "KH601 kh.yaml:7:3 字段.售后记录",
            ])
        let schema = try XCTUnwrap(c.schemas[.basicInfo])
        XCTAssertEqual(schema["所在地区"]?.requirement, .required)
        XCTAssertNotNil(schema["开票抬头"])
        if case .choice(let values) = schema["合作渠道"]?.type { XCTAssertEqual(values, ["直销", "代理"]) } else { XCTFail() }
    }

    func testWaivers() throws {
        let text = """
            档案库: 测试
            团队: [{姓名: 王磊, 角色: 销售}]
            豁免:
              - {规则: KH999, 文件: a.yaml, 原因: 测试}
              - {规则: KH205, 文件: "客户档案/*", 原因: 全局豁免}
              - {规则: KH205, 文件: 客户档案/x.yaml}
              - {规则: kh205, 文件: 客户档案/x.yaml, 原因: 小写编号也可以}

            """
        let (c, d) = try load(text)
        XCTAssertEqual(d, ["KH602 kh.yaml:4:10 豁免[1].规则", "KH602 kh.yaml:5:21 豁免[2].文件", "KH201 kh.yaml:6:5 豁免[3].原因"])
        XCTAssertEqual(c.waivers.map(\.code), ["KH205"])
    }

    func testUnreadableConfigThrows() {
        XCTAssertThrowsError(try ConfigLoader.load(bytes: Array("档案库: [\n".utf8)))
        XCTAssertThrowsError(try ConfigLoader.load(bytes: Array("- a\n".utf8)))
        XCTAssertThrowsError(try ConfigLoader.load(bytes: []))
    }

    func testCustomFieldIsValidated() throws {
        let a = try TempArchive()
        try a.write(
            "kh.yaml",
            ExampleArchive.config + "字段:\n  客户基本信息:\n    新增: {合作渠道: {类型: enum, 取值: [直销, 代理]}}\n    必填: [合作渠道]\n")
        XCTAssertEqual(try a.validate().diagnostics.map(brief), ["KH201 \(ExampleArchive.basicInfoPath):1:1 合作渠道"])
        try a.write(ExampleArchive.basicInfoPath, ExampleArchive.basicInfo + "合作渠道: 经销\n")
        XCTAssertEqual(try a.validate().diagnostics.map(brief), ["KH204 \(ExampleArchive.basicInfoPath):29:7 合作渠道"])
    }

    func testWaiverAppliesToOneFileOnly() throws {
        let a = try TempArchive()
        let odd = ExampleArchive.basicInfo.replacingOccurrences(of: "密级: 内部", with: "密级: 内部\n爱好: 高尔夫")
        try a.write(ExampleArchive.basicInfoPath, odd)
        try a.write(
            "kh.yaml",
            ExampleArchive.config
                + "豁免:\n  - {规则: KH205, 文件: \(ExampleArchive.basicInfoPath), 原因: 试点字段}\n  - {规则: KH205, 文件: \(ExampleArchive.needsPath), 原因: 无用}\n  - {规则: KH205, 文件: 客户档案/无此文件.yaml, 原因: 拼错}\n"
        )
        let r = try a.validate()
        XCTAssertEqual(r.waived, 1)
        XCTAssertEqual(r.diagnostics.map(brief), ["KH603 kh.yaml:9:5", "KH602 kh.yaml:10:5"])
    }
}
