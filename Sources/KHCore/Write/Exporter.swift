/// `kh export`: one row per customer in the collection template's columns, so that what
/// `kh import` maps comes back the same way (import → export → import keeps every mapped
/// field). The sheet holds contacts' mobiles and e-mails: it is as sensitive as the archive.
public enum Exporter {
    public static func table(_ registry: CustomerRegistry) -> Table {
        let archive = registry.archive
        let rows = ParallelMap.map(registry.entries) { row($0, archive: archive) }
        return Table(header: Importer.columns, rows: rows)
    }

    static func row(_ e: CustomerRegistry.Entry, archive: Archive) -> [String] {
        let b = e.basic
        var cell: [String: String] = [:]
        cell["客户编号"] = e.number
        cell["客户名称/个人姓名"] = e.name
        cell["所属行业"] = b?.text("所属行业")
        cell["客户类型"] = (e.isPerson ? "个人" : "企业") + (e.stage.map { "/" + $0 + "客户" } ?? "")
        cell["信息来源"] = b?.text("信息来源")
        if let c = b?.items("联系人").first?.mapping {
            cell["联系人"] = c.text("姓名")
            cell["职位"] = c.text("职位")
            cell["手机号码"] = c.text("手机") ?? c.text("电话")
            cell["电子邮箱"] = c.text("邮箱")
        }
        var note = b?.text("备注")
        if e.isPerson, let n = note, n.hasPrefix("地址：") {
            let lines = n.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            cell["企业地址"] = String(lines[0].dropFirst(3))
            note = lines.count > 1 ? String(lines[1]) : nil
        } else {
            cell["企业地址"] = b?.text("注册地址")
        }
        cell["备注"] = note
        let load = { (f: DocumentFile) in DocumentLoader.loadMapping(root: archive.root, file: f).root }
        if let f = e.directory.documents.first(where: { $0.type == .needs }), let m = load(f) {
            cell["核心需求"] = join(m.items("业务痛点").compactMap(\.text), "；")
            let needs = m.items("需求").compactMap(\.mapping)
            cell["关注产品/服务"] = join(needs.compactMap { $0.text("名称") }, "、")
            if let n = needs.first(where: { $0.text("预算下限") != nil || $0.text("预算上限") != nil }) {
                cell["预算范围"] = budget(low: n.money("预算下限")?.0, high: n.money("预算上限")?.0)
            }
            cell["沟通偏好"] = join(m.items("沟通偏好").compactMap(\.text), "+")
        }
        // The latest interaction.
        var latest: (Moment, YAMLMapping)?
        for f in e.directory.documents where f.type == .interaction {
            guard let m = load(f), let (t, _) = m.datetime("沟通时间") else { continue }
            if latest.map({ t > $0.0 }) ?? true { latest = (t, m) }
        }
        if let (t, m) = latest {
            cell["最近跟进时间"] = t.hour == 0 && t.minute == 0 ? t.day.description : t.description
            cell["跟进人"] = join(m.submapping("参与人员")?.items("我方").compactMap(\.text) ?? [], "、")
            cell["跟进内容"] = m.text("沟通内容")
            if let s = m.items("下一步计划").compactMap(\.mapping).first(where: { ($0.text("状态") ?? "待办") == "待办" }),
               let task = s.text("事项"), let due = s.text("截止日期") {
                cell["下一步计划"] = "\(due)前\(task)"
            }
        }
        return Importer.columns.map { cell[$0] ?? "" }
    }

    static func join(_ items: [String], _ separator: String) -> String? {
        items.isEmpty ? nil : items.joined(separator: separator)
    }

    /// `50-80万` when both are whole 万, else in 元; `20万以内`, `100万以上` for one bound.
    static func budget(low: Int64?, high: Int64?) -> String? {
        let values = [low, high].compactMap { $0 }
        guard !values.isEmpty else { return nil }
        let wan = values.allSatisfy { $0 % 1_000_000 == 0 }
        func f(_ cents: Int64) -> String {
            if wan { return String(cents / 1_000_000) }
            return cents % 100 == 0 ? String(cents / 100) : String(format: "%d.%02d", cents / 100, cents % 100)
        }
        let unit = wan ? "万" : "元"
        switch (low, high) {
        case (let l?, let h?): return l == h ? f(l) + unit : "\(f(l))-\(f(h))" + unit
        case (nil, let h?): return f(h) + unit + "以内"
        case (let l?, nil): return f(l) + unit + "以上"
        default: return nil
        }
    }
}
