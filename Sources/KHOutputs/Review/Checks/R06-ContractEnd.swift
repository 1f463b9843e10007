import KHModel
import KHSupport
import KHValidation
import KHYAML

private typealias E = ExampleArchive

extension ReviewRules {
    /// R06 contract-end: contracts 执行中 or 待续约 ending within 60 days, or 执行中 past their
    /// end (the end as renewed by the as-of date).
    enum ContractEnd: ReviewRule {
        static let code = "R06", name = "contract-end"
        static let summary = Text(
            zh: "合同 60 天内到期待续约，或已到期仍为 执行中",
            en: "a contract ending within 60 days, or 执行中 past its end")

        static let expired = Review.Kind(rawValue: "contract-expired", code: code, level: .error)
        static let renewal = Review.Kind(rawValue: "contract-renewal", code: code, level: .warning)
        static let kinds = [expired, renewal]

        /// Contracts ending within this many days are due for renewal.
        static let renewalDays = 60

        static func expiredMessage(_ k: ReviewCustomer.Contract) -> Text {
            Text(
                zh: "合同「\(k.project)」已于 \(k.end) 到期，合作状态仍为 执行中：续约，或改为 已完成 / 待续约",
                en: "contract '\(k.project)' ended \(k.end) but is still 执行中: renew it, or set 合作状态 to 已完成 or 待续约")
        }

        static func renewalMessage(_ k: ReviewCustomer.Contract, ended: Bool) -> Text {
            if ended {
                return Text(
                    zh: "合同「\(k.project)」已于 \(k.end) 到期，待续约：跟进续约，或改为 已终止",
                    en: "contract '\(k.project)' ended \(k.end) and awaits renewal (待续约): follow it up, or set 已终止")
            }
            return Text(
                zh: "合同「\(k.project)」（\(k.status)）将于 \(k.end) 到期：安排续约",
                en: "contract '\(k.project)' (\(k.status)) ends \(k.end): arrange the renewal")
        }

        static func check(_ c: ReviewCustomer, config: Config, asOf: Day, into out: inout [Review.Item]) {
            for k in c.contracts {
                let details: [String: JSON] = [
                    "project": .string(k.project), "status": .string(k.status), "end": .string(k.end.description),
                ]
                if k.status.same(FieldValue.contractActive) && k.end < asOf {
                    out.append(
                        Review.Item(expired, c, file: k.file, date: k.end, asOf: asOf, expiredMessage(k), details))
                } else if ReviewCalendar.days(from: asOf, to: k.end) <= renewalDays {
                    out.append(
                        Review.Item(
                            renewal, c, file: k.file, date: k.end, asOf: asOf, renewalMessage(k, ended: k.end < asOf),
                            details))
                }
            }
        }

        /// The contract ended on 2025-02-28: still 执行中, or 已完成.
        static var examples: (failing: ReviewExample, passing: ReviewExample) {
            (
                ReviewExample(asOf: "2025-03-10"),
                ReviewExample(asOf: "2025-03-10", E.contractPath, E.contract, ("合作状态: 执行中", "合作状态: 已完成"))
            )
        }
    }
}

extension Review.Kind {
    public static let contractRenewal = ReviewRules.ContractEnd.renewal
}
