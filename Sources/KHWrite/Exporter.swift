import KHModel
import KHSpreadsheet
import KHValidation
import KHYAML

/// `kh export`: one row per customer in the collection template's columns, so that what
/// `kh import` maps comes back the same way (import → export → import keeps every mapped
/// field). The sheet holds contacts' mobiles and e-mails: it is as sensitive as the archive.
public enum Exporter {
    public static func table(_ archive: Archive) -> Table {
        let rows = ArchiveReader(archive, kinds: [.basicInfo, .needs, .interaction]).map { row($0) }.results
        return Table(header: TemplateColumn.all, rows: rows)
    }

    static func row(_ s: CustomerSnapshot) -> [String] {
        let b = s.basic
        let person = b?.isPerson ?? false
        var cell: [String: String] = [:]
        cell[TemplateColumn.number] = s.number
        cell[TemplateColumn.name] = b?.name
        cell[TemplateColumn.industry] = b?.industry
        cell[TemplateColumn.customerType] =
            (person ? FieldValue.person : FieldValue.enterprise) + (b?.stage.map { "/" + $0 + "客户" } ?? "")
        cell[TemplateColumn.source] = b?.source
        if let c = b?.contacts.first {
            cell[TemplateColumn.contact] = c.name
            cell[TemplateColumn.title] = c.title
            cell[TemplateColumn.mobile] = c.mobile ?? c.phone
            cell[TemplateColumn.email] = c.email
        }
        var note = b?.note
        if person, let n = note, n.hasPrefix("地址：") {
            let lines = n.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            cell[TemplateColumn.address] = String(lines[0].dropFirst(3))
            note = lines.count > 1 ? String(lines[1]) : nil
        } else {
            cell[TemplateColumn.address] = b?.address
        }
        cell[TemplateColumn.note] = note
        if let m = s.needs.first, m.file.path == s.directory.documents.first(where: { $0.type == .needs })?.path {
            cell[TemplateColumn.painPoints] = join(m.painPoints, "；")
            let needs = m.needs
            cell[TemplateColumn.products] = join(needs.compactMap(\.name), "、")
            if let n = needs.first(where: { $0.lowText != nil || $0.highText != nil }) {
                cell[TemplateColumn.budget] = budget(low: n.low, high: n.high)
            }
            cell[TemplateColumn.preference] = join(m.preferences, "+")
        }
        // The latest interaction.
        var latest: (Moment, InteractionRecord)?
        for r in s.interactions {
            guard let t = r.time else { continue }
            if latest.map({ t > $0.0 }) ?? true { latest = (t, r) }
        }
        if let (t, r) = latest {
            cell[TemplateColumn.followUpTime] = t.hour == 0 && t.minute == 0 ? t.day.description : t.description
            cell[TemplateColumn.follower] = join(r.ours, "、")
            cell[TemplateColumn.followUp] = r.content
            if let step = r.openSteps.first, let task = step.task, let due = step.dueText {
                cell[TemplateColumn.nextStep] = "\(due)前\(task)"
            }
        }
        return TemplateColumn.all.map { cell[$0] ?? "" }
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
