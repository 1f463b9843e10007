import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHValidation
@testable import KHWrite

/// The data policy's registers under 登记/: their places, names and entries, as kh validate
/// checks them, and the entries kh appends.
final class RegisterTests: XCTestCase {
    let entry = "- 时间: 2026-12-01 10:30\n  人员: 王磊\n  操作: 查阅\n  档案编号: KH-2024-001\n  密级: 秘密\n"

    func problems(_ files: [(String, String)]) throws -> [String] {
        let a = try TempArchive()
        for (p, c) in files { try a.write(p, c) }
        return try a.validate().diagnostics.filter { $0.file.hasPrefix("登记") }.map(brief)
    }

    func testAGoodRegisterHasNoProblems() throws {
        XCTAssertEqual(try problems([("登记/查阅登记/2026-12.yaml", entry)]), [])
        XCTAssertEqual(
            try problems([
                ("登记/数据提供登记/2026.yaml", "- 时间: 2026-12-01 10:30\n  人员: 王磊\n  操作: 导出\n  原因: 审计\n  批准人: [王磊, 李娜]\n")
            ]), [])
    }

    func testPlacesNamesAndEntries() throws {
        let found = try problems([
            ("登记/查阅登记/2026-12.yaml", entry + "- 时间: 2026-11-30 09:00\n  人员: 无名氏\n  操作: 偷看\n  备注: x\n- just text\n"),
            ("登记/查阅登记/2026.yaml", entry),
            ("登记/其他登记/2026.yaml", entry),
            ("登记/销毁登记/2026.yaml", "时间: 2026-12-01 10:30\n"),
            ("登记/数据提供登记/2026.yaml", "- 时间: 2026-12-01 10:30\n  人员: 王磊\n  操作: 导出\n  批准人: [王磊]\n"),
        ])
        XCTAssertEqual(
            found,
            [
                "KH130 登记/其他登记",
                "KH130 登记/数据提供登记/2026.yaml:1:3 [1].批准人",
                "KH130 登记/查阅登记/2026-12.yaml:6:7 [2].时间",
                "KH208 登记/查阅登记/2026-12.yaml:7:7 [2].人员",
                "KH204 登记/查阅登记/2026-12.yaml:8:7 [2].操作",
                "KH205 登记/查阅登记/2026-12.yaml:9:3 [2].备注",
                "KH130 登记/查阅登记/2026-12.yaml:10:3 [3]",
                "KH130 登记/查阅登记/2026.yaml",
                "KH130 登记/销毁登记/2026.yaml:1:1",
            ])
    }

    func testAnAppendedEntryIsCheckedFirst() throws {
        let a = try TempArchive()
        let archive = try Archive.open(a.root)
        let day = Day(year: 2026, month: 12, day: 8)
        var e = Register.Entry(
            time: Moment(day: day, hour: 9, minute: 5), person: "王磊", action: "查阅", number: "KH-2024-001",
            file: "客户档案/KH-2024-001_星辰科技/02-合作背景/2024-03-01-数据安全平台.yaml", secrecy: "秘密", reason: "续约: 报价")
        let p = try Plans.register(e, in: .access, archive: archive)
        XCTAssertEqual(p.changes.changes.first?.paths, ["登记/查阅登记/2026-12.yaml"])
        try p.apply(to: archive)
        XCTAssertEqual(
            try String(contentsOfFile: a.root + "/登记/查阅登记/2026-12.yaml", encoding: .utf8),
            "# 查阅登记：由 kh 追加写入，请勿手改（kh validate 检查其格式）\n- 时间: 2026-12-08 09:05\n  人员: 王磊\n  操作: 查阅\n"
                + "  档案编号: KH-2024-001\n  文件: 客户档案/KH-2024-001_星辰科技/02-合作背景/2024-03-01-数据安全平台.yaml\n"
                + "  密级: 秘密\n  原因: \"续约: 报价\"\n")
        e.person = "无名氏"
        XCTAssertThrowsError(try Plans.register(e, in: .access, archive: archive)) { error in
            XCTAssertEqual((error as? KHError)?.diagnostics.map(\.code), ["KH208"])
        }
    }
}
