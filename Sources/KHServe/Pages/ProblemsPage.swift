import Foundation
import KHModel
import KHValidation

/// `/problems`: what the last full kh validate found, grouped by customer folder.
enum ProblemsPage {
    struct Model {
        let countText: String
        let groups: [Group]
    }

    struct Group {
        let title: String
        let number: String?
        let items: [ProblemRow]
    }

    static func get(_ page: PageContext) -> WebResponse {
        let state = page.state
        let numbers = Dictionary(
            state.entries.map { ($0.record.directory, $0.record.number) }, uniquingKeysWith: { a, _ in a })
        var groups: [(key: String, items: [Diagnostic])] = []
        for d in state.result.diagnostics {
            let parts = d.file.split(separator: "/")
            let key = parts.count >= 2 && parts[0] == Substring(customersFolder) ? parts[0] + "/" + parts[1] : ""
            if groups.last?.key == String(key) {
                groups[groups.count - 1].items.append(d)
            } else {
                groups.append((String(key), [d]))
            }
        }
        let r = state.result
        let model = Model(
            countText: page.zh
                ? "\(r.count(.error)) 错误 · \(r.count(.warning)) 警告 · \(r.count(.notice)) 提示"
                : "\(r.count(.error)) errors · \(r.count(.warning)) warnings · \(r.count(.notice)) notices",
            groups: groups.map { g in
                Group(
                    title: g.key.isEmpty
                        ? (page.zh ? "档案库" : "The archive") : String(g.key.dropFirst(customersFolder.count + 1)),
                    number: numbers[g.key], items: g.items.map { ProblemRow($0, page, base: g.key) })
            })
        return page.html("problems", title: page.zh ? "问题" : "Problems", model)
    }
}
