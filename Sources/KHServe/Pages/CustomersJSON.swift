import Foundation
import KHModel
import KHOutputs
import KHSupport

/// `/customers.json`: the list's page as JSON (the same query as `/customers`).
enum CustomersJSON {
    static func get(_ page: PageContext) -> WebResponse {
        let (query, rows, _) = CustomersPage.matching(page)
        let (shown, current, pages) = CustomersPage.paged(rows, query)
        var list: [JSON] = []
        for e in shown {
            let r = e.record
            var m: [(String, JSON?)] = []
            m.append(("number", str(r.number)))
            m.append(("name", str(r.name)))
            m.append(("shortName", str(r.shortName)))
            m.append(("type", str(r.type)))
            m.append(("pinyin", str(r.pinyin.full)))
            m.append(("initial", str(r.pinyin.initial)))
            m.append(("owner", str(r.owner)))
            m.append(("industry", str(r.industry)))
            m.append(("stage", str(r.stage)))
            m.append(("grade", str(e.grade)))
            m.append(("tier", str(r.tier)))
            m.append(("overdueSteps", num(e.overdue)))
            m.append(("lastInteraction", str(r.lastInteraction)))
            m.append(("updated", str(r.updated)))
            m.append(("url", str("/customers/" + Form.encode(r.number))))
            list.append(JSON.object(m))
        }
        var top: [(String, JSON?)] = []
        top.append(("total", num(rows.count)))
        top.append(("page", num(current)))
        top.append(("pages", num(pages)))
        top.append(("pageSize", num(CustomersPage.pageSize)))
        top.append(("customers", arr(list)))
        let json = JSON.object(top)
        return .json(200, json.rendered() + "\n")
    }

    static func str(_ s: String?) -> JSON? {
        guard let s else { return nil }
        let j: JSON = .string(s)
        return j
    }

    static func num(_ i: Int) -> JSON? {
        let j: JSON = .int(i)
        return j
    }

    static func arr(_ a: [JSON]) -> JSON? {
        let j: JSON = .array(a)
        return j
    }
}
