import KHYAML

extension Msg {
    // MARK: - Fields

    package static func q(_ s: String) -> String {
        let cleaned = s.count > 60 ? String(s.prefix(60)) + "…" : s
        return "「" + cleaned.replacingOccurrences(of: "\n", with: "⏎") + "」"
    }

    package static func qe(_ s: String) -> String {
        let cleaned = s.count > 60 ? String(s.prefix(60)) + "…" : s
        return "'" + cleaned.replacingOccurrences(of: "\n", with: "⏎") + "'"
    }

    static func missingField(_ field: Field, inEmpty: Bool) -> Text {
        let what = field.type.expected
        if inEmpty {
            return Text(zh: "必填字段「\(field.name)」的值为空；应为\(what.zh)（不确定时可写 待确认）",
                        en: "required field '\(field.name)' is empty; expected \(what.en) (write 待确认 if unsure)")
        }
        return Text(zh: "缺少必填字段「\(field.name)」；应为\(what.zh)（不确定时可写 待确认）",
                    en: "required field '\(field.name)' is missing; expected \(what.en) (write 待确认 if unsure)")
    }

    static func emptyList(_ name: String) -> Text {
        Text(zh: "「\(name)」至少要有一项，这里是空列表", en: "'\(name)' needs at least one item, found an empty list")
    }

    static func emptyItem(_ name: String, expected: Text) -> Text {
        Text(zh: "「\(name)」中有空的列表项；应为\(expected.zh)", en: "an empty item in '\(name)'; expected \(expected.en)")
    }

    static func pendingRequired(_ name: String) -> Text {
        Text(zh: "必填字段「\(name)」仍为 待确认；确认后请填写实际值",
             en: "required field '\(name)' is still 待确认 (to be confirmed); fill in the real value once known")
    }

    static func notApplicable(_ name: String, customerType: String) -> Text {
        Text(zh: "字段「\(name)」不适用于客户类型 \(customerType)",
             en: "field '\(name)' does not apply to 客户类型 \(customerType)")
    }

    static func unknownField(_ key: String, suggestion: String?, known: [String]) -> Text {
        if let s = suggestion {
            return Text(zh: "未定义的字段「\(key)」；是否想写「\(s)」？",
                        en: "unknown field '\(key)'; did you mean '\(s)'?")
        }
        return Text(zh: "未定义的字段「\(key)」；可用字段：\(known.joined(separator: "、"))（新增字段请在 kh.yaml 字段.新增 中声明）",
                    en: "unknown field '\(key)'; known fields: \(known.joined(separator: ", ")) (declare new fields in kh.yaml 字段.新增)")
    }

    static func wrongShape(_ name: String, found: (zh: String, en: String), expected: Text) -> Text {
        Text(zh: "「\(name)」应为\(expected.zh)，这里是\(found.zh)",
             en: "'\(name)' should be \(expected.en), found \(found.en)")
    }

    static func badValue(_ name: String, found: String, expected: Text, hint: Text?) -> Text {
        let h = hint.map { (zh: "；" + $0.zh, en: "; " + $0.en) } ?? (zh: "", en: "")
        return Text(zh: "「\(name)」的值\(q(found))格式不对；应为\(expected.zh)\(h.zh)",
                    en: "'\(name)' has \(qe(found)); expected \(expected.en)\(h.en)")
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
    static let mobileInPhone = Text(zh: "这是手机号码，请填在「手机」；座机须带区号", en: "this is a mobile number: put it in 手机; landlines need an area code")

    static func creditCheck(expected: String) -> Text {
        Text(zh: "校验位不对（按 GB 32100-2015 应为 \(expected)），请核对代码", en: "wrong check character (GB 32100-2015 gives \(expected)); check the code")
    }

    static func unknownPerson(_ name: String, suggestion: String?) -> Text {
        let s = suggestion.map { (zh: "；是否想写「\($0)」？", en: "; did you mean '\($0)'?") } ?? (zh: "", en: "")
        return Text(zh: "人员\(q(name))不在 kh.yaml 的 团队 中\(s.zh)（新同事请先加入 团队）",
                    en: "\(qe(name)) is not in kh.yaml's 团队\(s.en) (add new colleagues to 团队 first)")
    }

    static func notInList(_ name: String, found: String, allowed: [String], suggestion: String?, list: ConfigList?) -> Text {
        let s = suggestion.map { (zh: "；是否想写「\($0)」？", en: "; did you mean '\($0)'?") } ?? (zh: "", en: "")
        let source = list.map { (zh: "，取值来自 kh.yaml \($0.rawValue)", en: ", from kh.yaml \($0.rawValue)") } ?? (zh: "", en: "")
        let shown = allowed.count > 15 ? Array(allowed.prefix(15)) + ["…"] : allowed
        return Text(zh: "「\(name)」的值\(q(found))不在允许的取值中（可选：\(shown.joined(separator: "、"))\(source.zh)）\(s.zh)",
                    en: "'\(name)' has \(qe(found)), not an allowed value (allowed: \(shown.joined(separator: ", "))\(source.en))\(s.en)")
    }
}
