import KHModel
import KHSupport
import KHValidation
import KHYAML

/// `kh report --format json`: one deterministic document (keys sorted, two-space indent,
/// amounts as yuan strings with two decimals, shares as percent strings with one decimal).
extension Report {
    public static let formatVersion = 1

    public func json() -> String {
        var periodMembers: [(String, JSON?)] = [
            ("from", .string(period.from.description)), ("to", .string(period.to.description)),
            ("through", .string(period.through.description)),
        ]
        if let y = period.year { periodMembers.append(("year", .int(y))) }
        let skippedRows: [JSON] = skipped.map { d in
            JSON.object([("code", .string(d.code)), ("file", .string(d.file))])
        }
        let distributionMembers: [(String, JSON?)] = distributions.map {
            ($0.key, Self.sharesJSON($0.rows, total: customers))
        }
        let members: [(String, JSON?)] = [
            ("tool", .string("kh")),
            ("formatVersion", .int(Self.formatVersion)),
            ("archive", .string(title)),
            ("asOf", .string(period.asOf.description)),
            ("period", .object(periodMembers)),
            ("customers", .int(customers)),
            ("skipped", .array(skippedRows)),
            ("distributions", .object(distributionMembers)),
            ("classes", classesJSON()),
            ("satisfaction", satisfactionJSON()),
            ("activity", activityJSON(activity)),
            ("owners", ownersJSON()),
            ("needs", needsJSON()),
            ("renewals", renewalsJSON()),
        ]
        let doc = JSON.object(members)
        return doc.rendered() + "\n"
    }

    // MARK: - The parts of the document

    /// `classes`: the rules of kh.yaml, the counts per class, upgrades and losses.
    private func classesJSON() -> JSON {
        let ruleRows: [JSON] = classRules.map { r in
            JSON.object([
                ("class", .string(r.name)), ("years", .int(r.years)), ("amount", .string(ReportNumbers.plain(r.cents))),
            ])
        }
        let countRows: [JSON] = classes.map { c in
            JSON.object([
                ("class", .string(c.name)), ("count", .int(c.count)),
                ("share", .string(ReportNumbers.share(c.count, of: customers))),
                ("previous", .int(c.previous)),
            ])
        }
        let upgradeRows: [JSON] = upgrades.map { u in
            let more: [(String, JSON?)] = [
                ("class", .string(u.current)), ("target", .string(u.target)), ("year", .int(u.year)),
                ("amount", .string(ReportNumbers.plain(u.cents))), ("years", .int(u.years)),
                ("required", .int(u.required)),
            ]
            return JSON.object(Self.refMembers(u.customer) + more)
        }
        let lostRows: [JSON] = lost.map { l in
            let more: [(String, JSON?)] = [
                ("previous", .string(l.previous)), ("class", .string(l.current)), ("year", .int(l.year)),
                ("amount", JSON.string(l.cents.map { ReportNumbers.plain($0) })),
            ]
            return JSON.object(Self.refMembers(l.customer) + more)
        }
        return JSON.object([
            ("year", .int(period.classYear)), ("previousYear", .int(period.classYear - 1)), ("rules", .array(ruleRows)),
            ("counts", .array(countRows)), ("upgrades", .array(upgradeRows)), ("lost", .array(lostRows)),
        ])
    }

    /// `satisfaction`: the problem time limits, the key customers, the SLA tables.
    private func satisfactionJSON() -> JSON {
        let limitRows: [JSON] = limits.levels.map { l in
            JSON.object([
                ("level", .string(l.level)), ("respondHours", .string(ProblemLimits.hours(l.respond))),
                ("resolveHours", .string(ProblemLimits.hours(l.resolve))),
            ])
        }
        let keyRows: [JSON] = keyCustomers.map { k in
            let more: [(String, JSON?)] = [
                ("class", .string(k.customerClass)), ("tier", .string(k.tier)),
                ("complaints", .int(k.complaints)), ("problems", Self.countsJSON(k.problems)),
                ("response", Self.outcomesJSON(k.response)), ("resolution", Self.outcomesJSON(k.resolution)),
            ]
            return JSON.object(Self.refMembers(k.customer) + more)
        }
        return JSON.object([
            ("limits", .array(limitRows)), ("keyCustomers", .array(keyRows)),
            ("keySLA", Self.slaJSON(keySLA)), ("allSLA", Self.slaJSON(allSLA)),
        ])
    }

    /// `owners`: each owner's portfolio, contracts and activity.
    private func ownersJSON() -> JSON {
        .array(
            owners.map { o in
                let contracts: [(String, JSON?)] = [
                    ("signed", .int(o.signed)), ("signedAmount", .string(ReportNumbers.plain(o.signedCents))),
                    ("renewals", .int(o.renewals)), ("renewalAmount", .string(ReportNumbers.plain(o.renewalCents))),
                    ("amount", .string(ReportNumbers.plain(o.value))),
                ]
                return JSON.object([
                    ("owner", .string(o.name)), ("customers", .int(o.customers)), ("stages", Self.countsJSON(o.stages)),
                    ("contracts", .object(contracts)), ("activity", activityJSON(o.activity)),
                ])
            })
    }

    /// `needs`: the pipeline per status.
    private func needsJSON() -> JSON {
        .array(
            needs.map { n in
                JSON.object([
                    ("status", .string(n.status)), ("count", .int(n.count)),
                    ("budgetLow", .string(ReportNumbers.plain(n.low))),
                    ("budgetHigh", .string(ReportNumbers.plain(n.high))), ("withoutBudget", .int(n.withoutBudget)),
                ])
            })
    }

    /// `renewals`: the contracts due.
    private func renewalsJSON() -> JSON {
        .array(
            renewals.map { r in
                let more: [(String, JSON?)] = [
                    ("project", .string(r.project)), ("file", .string(r.file)), ("end", .string(r.end.description)),
                    ("amount", JSON.string(r.cents.map { ReportNumbers.plain($0) })), ("status", .string(r.status)),
                    ("daysLeft", .int(r.daysLeft)),
                ]
                return JSON.object(Self.refMembers(r.customer) + more)
            })
    }

    /// Interactions: totals, per method and type, per month of the period.
    private func activityJSON(_ a: Activity) -> JSON {
        let months = period.months.map { ReportNumbers.month($0) }
        let byMonth: [JSON] = zip(months, a.byMonth).map { m, c in
            JSON.object([("month", .string(m)), ("count", .int(c))])
        }
        return JSON.object([
            ("total", .int(a.total)), ("complaints", .int(a.complaints)),
            ("byMethod", Self.countsJSON(a.byMethod)), ("byType", Self.countsJSON(a.byType)),
            ("byMonth", .array(byMonth)),
        ])
    }

    // MARK: - Rows

    private static func countsJSON(_ rows: [Count]) -> JSON {
        .array(rows.map { c in JSON.object([("label", .string(c.label)), ("count", .int(c.count))]) })
    }

    private static func sharesJSON(_ rows: [Count], total: Int) -> JSON {
        .array(
            rows.map { c in
                JSON.object([
                    ("label", .string(c.label)), ("count", .int(c.count)),
                    ("share", .string(ReportNumbers.share(c.count, of: total))),
                ])
            })
    }

    /// A customer's members of a row.
    private static func refMembers(_ c: CustomerRef) -> [(String, JSON?)] {
        [("number", .string(c.number)), ("name", .string(c.name)), ("owner", .string(c.owner))]
    }

    private static func outcomesJSON(_ o: Outcomes) -> JSON {
        JSON.object([
            ("inTime", .int(o.inTime)), ("late", .int(o.late)), ("overdue", .int(o.overdue)),
            ("pending", .int(o.pending)),
        ])
    }

    private static func slaJSON(_ rows: [SLA]) -> JSON {
        .array(
            rows.map { s in
                JSON.object([
                    ("level", .string(s.level)), ("problems", .int(s.problems)),
                    ("response", outcomesJSON(s.response)), ("resolution", outcomesJSON(s.resolution)),
                ])
            })
    }
}
