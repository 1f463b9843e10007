import KHModel
import KHSupport
import KHValidation
import KHYAML

private typealias E = ExampleArchive

extension ReviewRules {
    /// R08 incomplete: 基本信息 below kh.yaml 完整度 (or none that could be read), with the
    /// missing fields named.
    enum Incomplete: ReviewRule {
        static let code = "R08", name = "incomplete"
        static let summary = Text(zh: "基本信息完整度低于 kh.yaml 完整度", en: "基本信息 less complete than kh.yaml 完整度 asks")

        static let incomplete = Review.Kind(rawValue: "incomplete", code: code, level: .notice)
        static let kinds = [incomplete]

        package static func message(percent: Int, threshold: Int, missing: [String]) -> Text {
            Text(
                zh: "基本信息完整度 \(percent)%，低于 \(threshold)%：缺 " + missing.joined(separator: "、"),
                en: "基本信息 is \(percent)% complete, below \(threshold)%: missing " + missing.joined(separator: ", "))
        }

        static let noBasicInfo = Text(zh: "没有可读的 01-客户基本信息/基本信息.yaml", en: "no readable 01-客户基本信息/基本信息.yaml")

        static func check(_ c: ReviewCustomer, config: Config, asOf: Day, into out: inout [Review.Item]) {
            let threshold = Int((config.completeness * 100).rounded())
            if c.basicFile == nil {
                out.append(
                    Review.Item(
                        incomplete, c, file: c.directory, date: nil, asOf: asOf, noBasicInfo,
                        [
                            "completeness": .int(0), "threshold": .int(threshold),
                            "missing": .array([.string("基本信息.yaml")]),
                        ]))
            } else if let k = c.completeness, k.total > 0,
                Double(k.filled) < config.completeness * Double(k.total) - 1e-9
            {
                let percent = k.filled * 100 / k.total
                out.append(
                    Review.Item(
                        incomplete, c, file: c.basicOrFolder, date: nil, asOf: asOf,
                        message(percent: percent, threshold: threshold, missing: k.missing),
                        [
                            "completeness": .int(percent), "threshold": .int(threshold),
                            "missing": .array(k.missing.map { .string($0) }),
                        ]))
            }
        }

        /// 基本信息 14 of 20 fields filled (70%, kh.yaml 完整度 asks 80%), or two more.
        static var examples: (failing: ReviewExample, passing: ReviewExample) {
            (
                ReviewExample(asOf: "2024-03-10"),
                ReviewExample(
                    asOf: "2024-03-10", E.basicInfoPath, E.basicInfo,
                    ("所在地区: 北京市\n", "所在地区: 北京市\n注册地址: 北京市海淀区中关村大街 1 号\n官网: https://xingchen.example.com\n"))
            )
        }
    }
}

extension Review.Kind {
    public static let incomplete = ReviewRules.Incomplete.incomplete
}
