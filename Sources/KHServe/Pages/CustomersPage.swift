import Foundation
import KHModel
import KHPinyin
import KHSupport

/// `/customers`: the list, searched (number, name, 简称, pinyin, initials), filtered by facets,
/// sorted and paged.
enum CustomersPage {
    static let pageSize = 50

    struct Model {
        let q: String
        let canEdit: Bool
        let keep: [Keep]
        let countText: String
        let facets: [Facet]
        let sorts: [Choice]
        let filtered: Bool
        let clearHref: String
        let rows: [Row]
        let pageText: String
        let prev: String?
        let next: String?
    }

    /// A filter the search form keeps (a hidden field).
    struct Keep {
        let name: String
        let value: String
    }

    struct Facet {
        let title: String
        let values: [Choice.Counted]
    }

    /// A link that filters or sorts.
    struct Choice {
        struct Counted {
            let label: String
            let count: Int
            let active: Bool
            let href: String
        }

        let label: String
        let active: Bool
        let href: String
    }

    struct Row {
        let number: String
        let name: String
        let shortName: String?
        let owner: String
        let stage: String
        let grade: String
        let lastContact: String
        let overdue: Bool
        let overdueText: String
    }

    struct ListQuery {
        var q: String
        var filters: [(key: String, value: String)]
        var sort: String
        var page: Int

        static let facetKeys = ["owner", "industry", "stage", "grade", "tier", "overdue"]

        init(_ page: PageContext) {
            q = page.param("q") ?? ""
            filters = Self.facetKeys.compactMap { k in page.param(k).map { (k, $0) } }
            sort = page.param("sort") ?? "number"
            self.page = max(1, Int(page.param("page") ?? "") ?? 1)
        }

        func value(_ e: ListEntry, _ key: String) -> String? {
            switch key {
            case "owner": return e.record.owner
            case "industry": return e.record.industry
            case "stage": return e.record.stage
            case "grade": return e.grade
            case "tier": return e.record.tier
            case "overdue": return e.overdue > 0 ? "1" : nil
            default: return nil
            }
        }

        func keeps(_ e: ListEntry, except: String? = nil) -> Bool {
            filters.allSatisfy { f in f.key == except || value(e, f.key) == f.value }
        }

        /// The URL with `changes` applied (nil removes a key); the page goes back to 1.
        func href(_ changes: [String: String?]) -> String {
            var fields: [(String, String)] = []
            var qv: String? = q.isEmpty ? nil : q
            if let c = changes["q"] { qv = c }
            if let qv { fields.append(("q", qv)) }
            for k in Self.facetKeys {
                var v = filters.first { $0.key == k }?.value
                if let c = changes[k] { v = c }
                if let v { fields.append((k, v)) }
            }
            var s: String? = sort == "number" ? nil : sort
            if let c = changes["sort"] { s = c }
            if let s { fields.append(("sort", s)) }
            if let p = changes["page"], let p { fields.append(("page", p)) }
            return "/customers" + Form.query(fields)
        }
    }

    static func get(_ page: PageContext) -> WebResponse {
        let (query, rows, searched) = matching(page)
        let (shown, current, pages) = paged(rows, query)
        var keep = query.filters.map { Keep(name: $0.key, value: $0.value) }
        if query.sort != "number" { keep.append(Keep(name: "sort", value: query.sort)) }
        let model = Model(
            q: query.q, canEdit: page.settings.permission >= .edit, keep: keep,
            countText: page.zh ? "共 \(rows.count) 位" : "\(rows.count) of \(page.state.entries.count)",
            facets: facets(page, query, searched), sorts: sorts(page, query),
            filtered: !query.filters.isEmpty || !query.q.isEmpty, clearHref: "",
            rows: shown.map { row($0, page) },
            pageText: page.zh ? "第 \(current) / \(pages) 页" : "page \(current) of \(pages)",
            prev: current > 1 ? query.href(["page": String(current - 1)]) : nil,
            next: current < pages ? query.href(["page": String(current + 1)]) : nil)
        return page.html("customers", title: page.zh ? "客户" : "Customers", model)
    }

    static func row(_ e: ListEntry, _ page: PageContext) -> Row {
        Row(
            number: e.record.number, name: e.record.name, shortName: e.record.shortName,
            owner: e.record.owner ?? "", stage: e.record.stage ?? "", grade: e.grade,
            lastContact: e.record.lastInteraction.map { String($0.prefix(10)) } ?? "", overdue: e.overdue > 0,
            overdueText: page.zh ? "逾期 \(e.overdue)" : "\(e.overdue) overdue")
    }

    /// Each facet's values with their counts within the search and the other filters, so
    /// every link leads somewhere (a facet without values is left out).
    static func facets(_ page: PageContext, _ query: ListQuery, _ searched: [ListEntry]) -> [Facet] {
        let titles: [String: Text] = [
            "owner": Text(zh: FieldName.owner, en: "Owner"), "industry": Text(zh: FieldName.industry, en: "Industry"),
            "stage": Text(zh: FieldName.stage, en: "Stage"),
            "grade": Text(zh: FieldName.grade, en: "Grade"), "tier": Text(zh: FieldName.tier, en: "Tier"),
            "overdue": Text(zh: "逾期", en: "Overdue"),
        ]
        return ListQuery.facetKeys.map { key in
            var counts: [String: Int] = [:]
            for e in searched where query.keeps(e, except: key) {
                if let v = query.value(e, key) { counts[v, default: 0] += 1 }
            }
            let active = query.filters.first { $0.key == key }?.value
            let values = counts.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }.map {
                v in
                Choice.Counted(
                    label: key == "overdue" ? (page.zh ? "有逾期的下一步" : "has overdue steps") : v, count: counts[v] ?? 0,
                    active: active == v, href: query.href([key: active == v ? nil : v]))
            }
            return Facet(title: page.text(titles[key]!), values: values)
        }.filter { !$0.values.isEmpty }
    }

    static func sorts(_ page: PageContext, _ query: ListQuery) -> [Choice] {
        let sortChoices: [(key: String, zh: String, en: String)] = [
            ("number", "编号", "number"), ("name", "拼音", "pinyin"),
            ("contact", "最近沟通", "last contact"), ("updated", "更新", "updated"),
        ]
        return sortChoices.map { c in
            let change: String? = c.key == "number" ? nil : c.key
            return Choice(label: page.zh ? c.zh : c.en, active: query.sort == c.key, href: query.href(["sort": change]))
        }
    }

    static func matching(_ page: PageContext) -> (ListQuery, [ListEntry], all: [ListEntry]) {
        let query = ListQuery(page)
        let needle = Array(Normalize.name(query.q).utf8)
        let searched = page.state.entries.filter { $0.matches(needle) }
        var rows = searched.filter { query.keeps($0) }
        switch query.sort {
        case "name":
            rows.sort {
                PinyinKey.precedes(
                    ($0.record.pinyin, $0.record.name, $0.record.number),
                    ($1.record.pinyin, $1.record.name, $1.record.number))
            }
        case "updated":
            rows.sort { ($0.record.updated ?? "", $1.record.number) > ($1.record.updated ?? "", $0.record.number) }
        case "contact":
            rows.sort {
                ($0.record.lastInteraction ?? "", $1.record.number) > (
                    $1.record.lastInteraction ?? "", $0.record.number
                )
            }
        default: break  // folder order is number order
        }
        return (query, rows, searched)
    }

    /// The page of `rows` the query asks for (the last one when it asks beyond), its number and
    /// how many pages there are.
    static func paged(
        _ rows: [ListEntry], _ query: ListQuery
    ) -> (shown: ArraySlice<ListEntry>, current: Int, pages: Int) {
        let pages = max(1, (rows.count + pageSize - 1) / pageSize)
        let current = min(query.page, pages)
        return (rows.dropFirst((current - 1) * pageSize).prefix(pageSize), current, pages)
    }
}
