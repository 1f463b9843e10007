import KHYAML

/// The pieces the rules' examples (`Rules/Catalogue/`) are made of.
extension RuleExample {
    /// One base file with `from` replaced by `to`.
    package static func edit(_ path: String, _ base: String, _ from: String, _ to: String) -> RuleExample {
        precondition(base.contains(from), "example edit must apply: \(from)")
        return .file(path, base.replacingOccurrences(of: from, with: to))
    }

    static let second = "客户档案/KH-2024-002_云帆物流/01-客户基本信息/基本信息.yaml"

    /// A second customer's 基本信息, valid on its own.
    package static func secondCustomer(
        _ from: String = "", _ to: String = "", number: String = "KH-2024-002",
        directory: String = "KH-2024-002_云帆物流"
    ) -> RuleExample {
        var text = """
            档案编号: \(number)
            客户类型: 企业
            企业名称:
              全称: 上海云帆物流有限公司
              简称: 云帆物流
            统一社会信用代码: 91440300MA5FT8LC2E
            所属行业: 物流
            负责销售: 王磊
            客户阶段: 意向
            联系人:
              - 姓名: 陈晨
                手机: 13900001111
            创建时间: \(number.contains("2023") ? "2023-05-01" : "2024-02-01")
            创建人: 王磊
            最后更新时间: 2024-02-01

            """
        if !from.isEmpty {
            precondition(text.contains(from), "example edit must apply: \(from)")
            text = text.replacingOccurrences(of: from, with: to)
        }
        return .file("客户档案/\(directory)/01-客户基本信息/基本信息.yaml", text)
    }

    /// A waiver that waives a KH205 (the passing example of the waiver rules).
    static let usedWaiver = RuleExample(files: [
        (
            ExampleArchive.basicInfoPath,
            ExampleArchive.basicInfo.replacingOccurrences(of: "密级: 内部", with: "密级: 内部\n开票抬头: 北京星辰科技有限公司")
        ),
        ("kh.yaml", ExampleArchive.config + "豁免:\n  - {规则: KH205, 文件: \(ExampleArchive.basicInfoPath), 原因: 财务部试点字段}\n"),
    ])
}
