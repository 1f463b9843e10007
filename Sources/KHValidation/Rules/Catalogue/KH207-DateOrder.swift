import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH207 date-order.
    public enum DateOrder: CustomerRule {
        public static let rule = Rule(
            code: "KH207", name: "date-order", severity: .error,
            summary: Text(zh: "日期先后顺序不对", en: "dates in the wrong order"))

        static func message(_ field: String, _ value: String, notBefore other: String, _ otherValue: String) -> Text {
            Text(
                zh: "「\(field)」\(value) 早于「\(other)」\(otherValue)；应不早于\(other)",
                en: "'\(field)' \(value) is before '\(other)' \(otherValue); expected no earlier than \(other)")
        }

        static func budgetMessage(high: String, low: String) -> Text {
            Text(
                zh: "「预算上限」\(high) 低于「预算下限」\(low)；上限应不低于下限",
                en: "'预算上限' \(high) is below '预算下限' \(low); the upper bound must not be below the lower")
        }

        /// What comes after must not come before: 最后更新时间 and 创建时间 in every document, a
        /// contract's term and each renewal's 开始/结束, a problem's 接收/响应/解决时间, a need's budget.
        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            func add(_ file: String, _ node: YAMLNode?, _ path: String, _ message: Text) {
                out.append(
                    Diagnostic(rule: rule, file: file, start: node?.start, end: node?.end, path: path, message: message)
                )
            }
            for d in s.documents {
                let m = d.mapping
                if let created = d.created, let updated = d.updated, updated < created {
                    add(
                        d.path, m[FieldName.updated], FieldName.updated,
                        message(
                            FieldName.updated, updated.description, notBefore: FieldName.created, created.description))
                }
            }
            func range(_ m: YAMLMapping, _ file: String, _ path: String) {
                guard let start = m.date(FieldName.start)?.0, let end = m.date(FieldName.end)?.0, end < start else {
                    return
                }
                add(
                    file, m[FieldName.end], path + "." + FieldName.end,
                    message(FieldName.end, end.description, notBefore: FieldName.start, start.description))
            }
            for c in s.contracts {
                if let term = c.term { range(term, c.path, FieldName.term) }
                for (i, item) in c.mapping.items(FieldName.renewals).enumerated() {
                    if let r = item.mapping { range(r, c.path, "\(FieldName.renewals)[\(i + 1)]") }
                }
            }
            for n in s.needs {
                for (i, item) in n.mapping.items(FieldName.needs).enumerated() {
                    guard let need = item.mapping, let low = need.money(FieldName.budgetLow)?.0,
                        let high = need.money(FieldName.budgetHigh)?.0,
                        high < low
                    else { continue }
                    add(
                        n.path, need[FieldName.budgetHigh], "\(FieldName.needs)[\(i + 1)].\(FieldName.budgetHigh)",
                        budgetMessage(high: need.text(FieldName.budgetHigh)!, low: need.text(FieldName.budgetLow)!))
                }
            }
            for r in s.interactions {
                guard let p = r.mapping.submapping(FieldName.problem) else { continue }
                let received = p.datetime(FieldName.received)?.0
                let responded = p.datetime(FieldName.responded)?.0
                let resolved = p.datetime(FieldName.resolved)?.0
                let at = FieldName.problem + "."
                if let r0 = received, let s0 = responded, s0 < r0 {
                    add(
                        r.path, p[FieldName.responded], at + FieldName.responded,
                        message(
                            FieldName.responded, p.text(FieldName.responded)!, notBefore: FieldName.received,
                            p.text(FieldName.received)!))
                }
                let before = responded.map { (FieldName.responded, $0) } ?? received.map { (FieldName.received, $0) }
                if let (name, b) = before, let s0 = resolved, s0 < b {
                    add(
                        r.path, p[FieldName.resolved], at + FieldName.resolved,
                        message(FieldName.resolved, p.text(FieldName.resolved)!, notBefore: name, p.text(name)!))
                }
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.contractPath, E.contract, "结束: 2025-02-28", "结束: 2023-02-28"),
                .file(E.contractPath, E.contract)
            )
        }
    }
}

extension Rule {
    public static let dateOrder = Rules.DateOrder.rule
}
