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

/// kh import and kh export: the collection template in CSV (UTF-8, BOM, GB18030) and .xlsx.
final class ImportTests: XCTestCase {
    static let fixtures = Golden.fixtures.appendingPathComponent("import").path

    /// A new archive from the built-in template without examples.
    func emptyArchive() throws -> String {
        let dir = NSTemporaryDirectory() + "kh-import-" + UUID().uuidString
        _ = try Initializer.create(at: dir, name: "导入测试", examples: false, publication: nil)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    func kh(_ args: [String]) throws -> KHCommand.Run { try KHCommand.run(args) }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    static let expectedReport = """
        第 2 行 → KH-2024-001 北京星辰科技有限公司
        第 3 行 → KH-2024-004 李娜
        第 5 行 → KH-2024-003 上海𠮷祥餐饮管理有限公司
        第 2 行「最近跟进时间」：只有日期没有时刻，沟通时间记为 2024-05-08 00:00
        第 3 行「跟进人」：「赵敏」不是 团队 中在职的成员，负责销售记为 孙倩
        第 3 行「下一步计划」：下一步计划「发送课程优惠方案」没有具体日期或事项，未作为下一步计划，已附在沟通内容后
        第 3 行「客户编号」：编号 KH-2024-002 已被使用或已退役，改用新编号
        第 5 行「最近跟进时间」：只有日期没有时刻，沟通时间记为 2024-04-28 00:00
        第 5 行「下一步计划」：下一步计划「安排上门演示」没有具体日期或事项，未作为下一步计划，已附在沟通内容后

        """

    /// A GB18030 CSV (what Excel writes on Chinese Windows): dry run by default, then written.
    func testImportGB18030CSV() throws {
        let root = try emptyArchive()
        let csv = Self.fixtures + "/collection-gb18030.csv"
        let dry = try kh(["import", csv, "-C", root, "--by", "孙倩", "--date", "2024-06-01"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertEqual(dry.stdout, Self.expectedReport + "可导入 3 位客户，0 行未导入，6 条说明（演练：未写入；加 --write 写入）\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/客户档案/KH-2024-001_北京星辰科技有限公司"))
        let r = try kh(["import", csv, "-C", root, "--by", "孙倩", "--date", "2024-06-01", "--write"])
        XCTAssertEqual(r.stdout, Self.expectedReport + "已导入 3 位客户，0 行未导入，6 条说明\n")
        let dir = root + "/客户档案/KH-2024-001_北京星辰科技有限公司"
        XCTAssertEqual(
            try read(dir + "/01-客户基本信息/基本信息.yaml"),
            """
            档案编号: KH-2024-001
            客户类型: 企业
            企业名称:
              全称: 北京星辰科技有限公司
            所属行业: 信息技术
            所在地区: 北京市
            注册地址: 北京市海淀区中关村大街27号
            负责销售: 王磊
            客户阶段: 潜在
            信息来源: 展会对接
            首次接触时间: 2024-06-01
            联系人:
              - 姓名: 张伟
                职位: 技术总监
                手机: 13800138000
                邮箱: zhangwei@xingchen.com.cn
                沟通偏好: 电话
            创建时间: 2024-06-01
            创建人: 孙倩
            最后更新时间: 2024-06-01

            """)
        XCTAssertEqual(
            try read(dir + "/04-需求偏好/需求偏好.yaml"),
            """
            业务痛点: [数据安全合规]
            沟通偏好: [电话, 邮件]
            需求:
              - 名称: 数据安全平台
                优先级: 中
                预算下限: 500000.00
                预算上限: 800000.00
                状态: 挖掘中
            创建时间: 2024-06-01
            创建人: 孙倩
            最后更新时间: 2024-06-01

            """)
        XCTAssertEqual(
            try read(dir + "/03-互动记录/2024-Q2/2024-05-08-电话.yaml"),
            """
            沟通时间: 2024-05-08 00:00
            沟通方式: 电话
            参与人员:
              我方: [王磊]
              客户方: [张伟]
            内容类型: 其他
            沟通内容: 介绍数据安全平台方案，客户关注等保2.0合规
            下一步计划:
              - 事项: 提供报价单
                负责人: 王磊
                截止日期: 2024-05-15
                优先级: 中
                状态: 待办
            创建时间: 2024-06-01
            创建人: 孙倩
            最后更新时间: 2024-06-01

            """)
        let person = try read(root + "/客户档案/KH-2024-004_李娜/01-客户基本信息/基本信息.yaml")
        XCTAssertTrue(person.contains("客户类型: 个人\n姓名: 李娜\n所属行业: 教育\n"), person)
        XCTAssertTrue(person.contains("备注: =VIP意向\n"), person)
        let v = try kh(["validate", root, "--format", "json"])
        XCTAssertEqual(v.status, 0, v.stdout)
        // Importing the same sheet again duplicates nobody.
        let again = try kh(["import", csv, "-C", root, "--by", "孙倩", "--date", "2024-06-01", "--write"])
        XCTAssertTrue(again.stdout.contains("第 2 行：档案库中已有这位客户（KH-2024-001，名称「北京星辰科技有限公司」相同），未重复导入\n"), again.stdout)
        XCTAssertTrue(again.stdout.hasSuffix("已导入 0 位客户，3 行未导入，3 条说明\n"), again.stdout)
    }

    /// The same sheet as UTF-8, UTF-8 with BOM and .xlsx (saved by LibreOffice, with a number
    /// cell for the mobile and a date cell) makes the same archive.
    func testEveryEncodingAndXLSXMakeTheSameArchive() throws {
        var trees: [[String: Data]] = []
        for name in ["collection-utf8.csv", "collection-utf8-bom.csv", "collection-gb18030.csv", "collection.xlsx"] {
            let root = try emptyArchive()
            let r = try kh([
                "import", Self.fixtures + "/" + name, "-C", root, "--by", "孙倩", "--date", "2024-06-01", "--write",
            ])
            XCTAssertEqual(r.status, 0, name + r.stderr)
            trees.append(WriteTests.snapshot(root + "/客户档案"))
        }
        XCTAssertEqual(trees[0].count, 10)
        for t in trees.dropFirst() { XCTAssertEqual(t, trees[0]) }
    }

    /// import → export → import → export gives the same sheet (CSV and .xlsx).
    func testRoundTrip() throws {
        let a = try emptyArchive()
        let b = try emptyArchive()
        let c = try emptyArchive()
        let args = ["--by", "孙倩", "--date", "2024-06-01", "--write"]
        XCTAssertEqual(try kh(["import", Self.fixtures + "/collection-utf8.csv", "-C", a] + args).status, 0)
        let first = a + "/export.csv"
        XCTAssertEqual(try kh(["export", a, "-o", first]).status, 0)
        XCTAssertEqual(try kh(["import", first, "-C", b] + args).status, 0)
        let second = try kh(["export", b])
        XCTAssertEqual(second.stdout, String(decoding: FileManager.default.contents(atPath: first)!, as: UTF8.self))
        XCTAssertTrue(second.stdout.hasPrefix("\u{FEFF}客户编号,客户名称/个人姓名,所属行业,客户类型,"))
        XCTAssertTrue(
            second.stdout.contains("KH-2024-004,李娜,教育,个人/潜在客户,客户转介绍,李娜,,13912345678,lina_edu@163.com,"), second.stdout)
        XCTAssertTrue(second.stdout.contains(",'=VIP意向\r\n"), "formula-safe in CSV")
        // .xlsx
        let xlsx = b + "/export.xlsx"
        XCTAssertEqual(try kh(["export", b, "--format", "xlsx", "-o", xlsx]).status, 0)
        XCTAssertEqual(try kh(["import", xlsx, "-C", c] + args).status, 0)
        XCTAssertEqual(try kh(["export", c]).stdout, second.stdout)
        XCTAssertEqual(WriteTests.snapshot(b + "/客户档案"), WriteTests.snapshot(c + "/客户档案"))
    }

    /// The collection template filled in below a title row (merged across the columns) and a
    /// blank row: the header is found in row 3, said so, and every row keeps its real number.
    func testHeaderBelowATitleRow() throws {
        let root = try emptyArchive()
        let csv = root + "/titled.csv"
        let template = try read(Self.fixtures + "/collection-utf8.csv")
        try ("客户信息收集表（2024年5月）,,,,\n,,,\n" + template).write(toFile: csv, atomically: true, encoding: .utf8)
        let r = try kh(["import", csv, "-C", root, "--by", "孙倩", "--date", "2024-06-01"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            r.stdout,
            """
            表头：第 3 行（其上的第 1 行是标题或说明，未导入）
            第 4 行 → KH-2024-001 北京星辰科技有限公司
            第 5 行 → KH-2024-004 李娜
            第 7 行 → KH-2024-003 上海𠮷祥餐饮管理有限公司
            第 4 行「最近跟进时间」：只有日期没有时刻，沟通时间记为 2024-05-08 00:00
            第 5 行「跟进人」：「赵敏」不是 团队 中在职的成员，负责销售记为 孙倩
            第 5 行「下一步计划」：下一步计划「发送课程优惠方案」没有具体日期或事项，未作为下一步计划，已附在沟通内容后
            第 5 行「客户编号」：编号 KH-2024-002 已被使用或已退役，改用新编号
            第 7 行「最近跟进时间」：只有日期没有时刻，沟通时间记为 2024-04-28 00:00
            第 7 行「下一步计划」：下一步计划「安排上门演示」没有具体日期或事项，未作为下一步计划，已附在沟通内容后
            可导入 3 位客户，0 行未导入，6 条说明（演练：未写入；加 --write 写入）

            """)
        // Written, it makes the same archive as the sheet without the title.
        let plain = try emptyArchive()
        let args = ["--by", "孙倩", "--date", "2024-06-01", "--write"]
        XCTAssertEqual(try kh(["import", csv, "-C", root] + args).status, 0)
        XCTAssertEqual(try kh(["import", Self.fixtures + "/collection-utf8.csv", "-C", plain] + args).status, 0)
        XCTAssertEqual(WriteTests.snapshot(root + "/客户档案"), WriteTests.snapshot(plain + "/客户档案"))
        // English, and a header in row 1 is not mentioned.
        let en = try kh(["import", csv, "-C", try emptyArchive(), "--by", "孙倩", "--date", "2024-06-01", "--lang", "en"])
        XCTAssertTrue(
            en.stdout.hasPrefix(
                "header: row 3 (row 1 above it is a title or a note, not imported)\nrow 4 → KH-2024-001 "), en.stdout)
        XCTAssertFalse(
            try kh(["import", Self.fixtures + "/collection-utf8.csv", "-C", try emptyArchive(), "--by", "孙倩"]).stdout
                .contains("表头"))
    }

    /// The same in an .xlsx: a title and a note above the header.
    func testHeaderBelowATitleRowInXLSX() throws {
        let csv = try Spreadsheet.read(path: Self.fixtures + "/collection-utf8.csv")
        let sheet = Table(
            header: ["客户信息收集表（2024年5月）"],
            rows: [["填表说明：手机号码填 11 位，日期写成 2024-05-08"], []] + [csv.header] + csv.rows)
        let read = try Spreadsheet.read(bytes: Spreadsheet.xlsx(sheet, sheetName: "收集表"), name: "t.xlsx")
        let found = try Importer.locateHeader(read)
        XCTAssertEqual(found.headerLine, 4)
        XCTAssertEqual(found.header, csv.header)
        XCTAssertEqual(found.rows, csv.rows)
        XCTAssertEqual(found.lines, Array(5..<(5 + csv.rows.count)))
        let report = try Importer(
            registry: CustomerRegistry(Archive.open(try emptyArchive())), author: "孙倩",
            today: Day(year: 2024, month: 6, day: 1)
        ).plan(read)
        XCTAssertEqual(report.headerRow, 4)
        XCTAssertEqual(report.rowsAboveHeader, [1, 2])
        XCTAssertEqual(report.imported.map { $0.row }, [5, 6, 7])
        XCTAssertEqual(ImportMsg.headerFound(row: 4, above: [1, 2]).zh, "表头：第 4 行（其上的第 1、2 行是标题或说明，未导入）")
    }

    /// No header among the first rows: the clear error, nothing planned.
    func testNoHeaderInTheFirstRows() throws {
        let root = try emptyArchive()
        let sheet = root + "/notes.csv"
        try (["客户信息收集表"] + (1...12).map { "第 \($0) 条说明,北京星辰科技有限公司" }).joined(separator: "\n").write(
            toFile: sheet, atomically: true, encoding: .utf8)
        let r = try kh(["import", sheet, "-C", root, "--by", "孙倩"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "kh：前 10 行中没有表头（表头要有「客户名称/个人姓名」列）；第一行是：客户信息收集表\n")
        // A one-row sheet says what its only row is.
        try "名称缺失,手机号码\n".write(toFile: sheet, atomically: true, encoding: .utf8)
        XCTAssertEqual(
            try kh(["import", sheet, "-C", root, "--by", "孙倩", "--lang", "en"]).stderr,
            "kh: the header has no 客户名称/个人姓名 column; it is: 名称缺失, 手机号码\n")
    }

    /// Rows that repeat an earlier row or cannot reach anybody are reported, not imported.
    func testDuplicateRowsAndUnmappableValues() throws {
        let root = try emptyArchive()
        let sheet = root + "/sheet.csv"
        try """
        客户名称,所属行业,客户类型,联系人,手机号码,电子邮箱,预算范围,沟通偏好,跟进人,最近跟进时间,跟进内容,下一步计划
        杭州远山贸易有限公司,外贸,意向客户,吴昊,１３６００００１１１１,,约50万,电话+飞鸽,陈静,2024/6/3 9:30,电话介绍产品,6月10日前寄送样品
        杭州远山贸易有限公司（分部）,零售,潜在,周丽,13600001111,,,,,,,
        宁波海风电器厂,制造业,成交客户,孙杰,不详,none,,,,,,
        """.write(toFile: sheet, atomically: true, encoding: .utf8)
        let r = try kh(["import", sheet, "-C", root, "--by", "孙倩", "--date", "2024-06-05", "--write"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            r.stdout,
            """
            第 2 行 → KH-2024-003 杭州远山贸易有限公司
            第 2 行「所属行业」：「外贸」不在 kh.yaml 的列表中（信息技术、制造业、金融、医疗、教育、零售业、服务业、物流、能源、建筑、政府、其他），写为 待确认
            第 2 行「沟通偏好」：「飞鸽」无法对应到可选值（电话、邮件、微信、面谈、短信），未导入该值
            第 2 行「预算范围」：预算「约50万」无法读出金额（可写 50-80万、20万以内、100万以上、5000-8000元），未导入该值
            第 3 行：与第 2 行是同一客户（联系人手机 13600001111 相同），未重复导入
            第 4 行「手机号码」：「不详」格式不对（应为11 位手机号码，以 13–19 开头，可加 +86，分组可用空格或连字符），未导入该值
            第 4 行「电子邮箱」：「none」格式不对（应为电子邮箱，如 name@example.com），未导入该值
            第 4 行「手机号码」：联系人没有有效的手机、电话或邮箱，整行未导入（每位联系人至少要有一种联系方式）
            已导入 1 位客户，2 行未导入，7 条说明

            """)
        let record = try read(root + "/客户档案/KH-2024-003_杭州远山贸易有限公司/03-互动记录/2024-Q2/2024-06-03-电话.yaml")
        XCTAssertTrue(record.hasPrefix("沟通时间: 2024-06-03 09:30\n"), record)
        XCTAssertTrue(record.contains("  - 事项: 寄送样品\n    负责人: 陈静\n    截止日期: 2024-06-10\n"), record)
        XCTAssertEqual(try kh(["validate", root]).status, 0)
    }

    func testNextStepsAndBudgets() {
        let day = Day(year: 2024, month: 12, day: 20)
        XCTAssertEqual(
            Importer.step("1月5日前提供报价单", after: day, owner: "王磊").map { "\($0.due) \($0.task)" }, "2025-01-05 提供报价单")
        XCTAssertEqual(
            Importer.step("提供方案（2024年12月28日前）", after: day, owner: "王磊").map { "\($0.due) \($0.task)" },
            "2024-12-28 提供方案")
        XCTAssertNil(Importer.step("12月25日前继续跟进", after: day, owner: "王磊"), "vague")
        XCTAssertNil(Importer.step("安排上门演示", after: day, owner: "王磊"), "no date")
        XCTAssertEqual(Importer.budget("50-80万").map { "\($0.low ?? "-") \($0.high ?? "-")" }, "500000.00 800000.00")
        XCTAssertEqual(Importer.budget("1.5万-2万").map { "\($0.low ?? "-") \($0.high ?? "-")" }, "15000.00 20000.00")
        XCTAssertEqual(Importer.budget("20万以内").map { "\($0.low ?? "-") \($0.high ?? "-")" }, "- 200000.00")
        XCTAssertEqual(Importer.budget("100万以上").map { "\($0.low ?? "-") \($0.high ?? "-")" }, "1000000.00 -")
        XCTAssertEqual(Importer.budget("5000-8000元").map { "\($0.low ?? "-") \($0.high ?? "-")" }, "5000.00 8000.00")
        XCTAssertNil(Importer.budget("50-80"), "no unit")
        XCTAssertNil(Importer.budget("80-50万"), "upside down")
        XCTAssertEqual(Exporter.budget(low: 50_000_000, high: 80_000_000), "50-80万")
        XCTAssertEqual(Exporter.budget(low: 500_050, high: nil), "5000.50元以上")
        XCTAssertTrue(Importer.looksLikePerson("欧阳娜娜"))
        XCTAssertFalse(Importer.looksLikePerson("小米科技"))
        XCTAssertFalse(Importer.looksLikePerson("宁波电器厂"))
        // A short brand reads like a name: the sheet's 客户类型 (企业/个人) settles it.
        XCTAssertTrue(Importer.looksLikePerson("华为"))
    }
}
