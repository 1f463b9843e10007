import Foundation
import XCTest

@testable import KHSpreadsheet

/// The collection template's sample rows the spreadsheet tests read and write (SpreadsheetTests,
/// LibreOfficeTests).
public enum SpreadsheetSamples {
    public static let header = [
        "客户编号", "客户名称/个人姓名", "所属行业", "客户类型", "信息来源", "联系人", "职位", "手机号码", "电子邮箱",
        "企业地址", "核心需求", "关注产品/服务", "预算范围", "沟通偏好", "最近跟进时间", "跟进人", "跟进内容", "下一步计划", "备注",
    ]

    /// What every collection fixture holds: row 4 is empty, a cell has a comma, quotes and a
    /// line break, one starts with "=", one is padded with U+3000, one has 𠮷 (not in GBK).
    public static let collection = Table(
        header: header,
        rows: [
            [
                "KH-2024-001", "北京星辰科技有限公司", "信息技术", "潜在客户", "展会对接", "张伟", "技术总监", "13800138000",
                "zhangwei@xingchen.com.cn", "北京市海淀区中关村大街27号", "数据安全合规", "数据安全平台", "50-80万", "电话+邮件",
                "2024-05-08", "王磊", "介绍数据安全平台方案，客户关注等保2.0合规", "5月15日前提供报价单", "",
            ],
            [
                "KH-2024-002", "李娜", "教育培训", "个人客户", "朋友推荐", "李娜", "", "13912345678", "lina_edu@163.com", "",
                "少儿编程课程", "编程培训课程", "1-2万", "微信", "2024-05-10 14:30", "赵敏",
                "试听后反馈: 孩子喜欢, 家长说\"价格再谈\"\n下周回访", "发送课程优惠方案", "=VIP意向",
            ],
            [
                "KH-2024-003", "上海𠮷祥餐饮管理有限公司", "餐饮", "意向客户", "官网咨询", "陈静", "采购经理", "13700001234",
                "chenjing@jixiang-food.cn", "上海市徐汇区漕溪北路88号", "门店收银系统升级", "智慧收银系统", "20万以内", "邮件",
                "2024-04-28", "王磊", "电话沟通门店数量（32家）", "安排上门演示", "老客户转介绍",
            ],
        ], lines: [2, 3, 5])

    public static let tricky = Table(
        header: header + ["身份证号", "特殊字符"],
        rows: collection.rows.enumerated().map { i, row in
            row + [
                ["110101199003077654", "007", "1.50"][i], ["<a href=\"x\">&amp;</a>", "_x0041_ 'q' 👍", "  前后空格  "][i],
            ]
        })

    public static func assertTable(
        _ actual: Table, _ expected: Table, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(actual.header, expected.header, file: file, line: line)
        XCTAssertEqual(actual.lines, expected.lines, file: file, line: line)
        XCTAssertEqual(actual.rows.count, expected.rows.count, file: file, line: line)
        for (i, (a, e)) in zip(actual.rows, expected.rows).enumerated() where a != e {
            for (c, (x, y)) in zip(a, e).enumerated() where x != y {
                XCTFail("row \(i) column \(c): \(x.debugDescription) != \(y.debugDescription)", file: file, line: line)
            }
            if a.count != e.count { XCTFail("row \(i): \(a.count) cells, expected \(e.count)", file: file, line: line) }
        }
        XCTAssertEqual(actual, expected, file: file, line: line)
    }
}
