import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH203 bad-value.
    public enum BadValue: RuleDefinition {
        public static let rule = Rule(
            code: "KH203", name: "bad-value", severity: .error,
            summary: Text(zh: "值的格式或类型不对", en: "a value of the wrong type or form"))

        /// Raised by the schema check (`FieldChecker`), which tells each type's value by `Values`;
        /// `hint` says what is wrong when that is clear (the hints below).
        package static func message(_ name: String, found: String, expected: Text, hint: Text?) -> Text {
            let h = hint.map { (zh: "；" + $0.zh, en: "; " + $0.en) } ?? (zh: "", en: "")
            return Text(
                zh: "「\(name)」的值\(Msg.q(found))格式不对；应为\(expected.zh)\(h.zh)",
                en: "'\(name)' has \(Msg.qe(found)); expected \(expected.en)\(h.en)")
        }

        /// An empty item in a list.
        static func emptyItemMessage(_ name: String, expected: Text) -> Text {
            Text(zh: "「\(name)」中有空的列表项；应为\(expected.zh)", en: "an empty item in '\(name)'; expected \(expected.en)")
        }

        static func dateHint(_ v: String) -> Text? {
            if v.contains("/") || v.contains(".") || v.contains("年") {
                return Text(zh: "请用连字符写成 YYYY-MM-DD", en: "write it as YYYY-MM-DD with hyphens")
            }
            if v.count == 10, Values.date(v) == nil, v.filter({ $0 == "-" }).count == 2 {
                return Text(zh: "该日期在日历上不存在", en: "no such calendar date")
            }
            return nil
        }

        static func datetimeHint(_ v: String) -> Text? {
            if Values.date(v) != nil {
                return Text(zh: "缺少时间，请写成 YYYY-MM-DD HH:MM", en: "the time is missing: write YYYY-MM-DD HH:MM")
            }
            return nil
        }

        static func moneyHint(_ v: String) -> Text? {
            if v.contains(",") || v.contains("，") {
                return Text(zh: "去掉千分位逗号，保留两位小数", en: "drop the thousands separators and keep two decimals")
            }
            if v.contains("万") || v.contains("元") {
                return Text(zh: "只写数字，单位由字段决定", en: "write digits only; the field fixes the unit")
            }
            if Double(v) != nil {
                return Text(zh: "须保留两位小数", en: "exactly two decimals are needed")
            }
            return nil
        }

        static let landlineInMobile = Text(zh: "这是座机号码，请填在「电话」", en: "this is a landline: put it in 电话")
        static let mobileInPhone = Text(
            zh: "这是手机号码，请填在「手机」；座机须带区号", en: "this is a mobile number: put it in 手机; landlines need an area code")

        static func creditCheck(expected: String) -> Text {
            Text(
                zh: "校验位不对（按 GB 32100-2015 应为 \(expected)），请核对代码",
                en: "wrong check character (GB 32100-2015 gives \(expected)); check the code")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "手机: 13812345678", "手机: 1381234567"),
                .file(E.basicInfoPath, E.basicInfo)
            )
        }
    }
}

extension Rule {
    public static let badValue = Rules.BadValue.rule
}
