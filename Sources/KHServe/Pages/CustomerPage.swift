import Foundation
import KHModel
import KHValidation

/// `/customers/<number>`: the customer read now: its problems, 基本信息 with each field's
/// problem beside it, contacts, open next steps (with their forms), the timeline and needs.
enum CustomerPage {
    struct Model {
        let name: String
        let number: String
        let canLog: Bool
        let canEdit: Bool
        /// Last year's assessment until it is written, then this year's.
        let assessYear: Int
        let problems: [ProblemRow]
        let fields: [FieldRow]
        let contacts: [Contact]
        let steps: [Step]
        let timeline: [Event]
        let needs: [Need]
        let painPoints: [String]
        let hasPainPoints: Bool
        let hasProblems: Bool
        /// 秘密 and 机密 documents (team mode): named, opened only through 查阅.
        let withheld: [WithheldRow]
        let hasWithheld: Bool
        /// Rule codes and file paths behind "详情" (roles that do not edit files).
        let plain: Bool
    }

    struct WithheldRow {
        let file: String
        let level: String
        /// The 查阅 page's address, when the viewer's role reaches the 密级.
        let open: String?
    }

    struct FieldRow {
        let label: String
        let value: String
        let problem: FieldProblem?
    }

    struct FieldProblem {
        let level: String
        let code: String
        let message: String
    }

    struct Contact {
        let name: String
        let title: String?
        let mobile: String?
        let phone: String?
        let email: String?
        let decision: String?
    }

    struct Step {
        let task: String
        let assignee: String
        let due: String
        let overdue: Bool
        let overdueText: String
        let number: String
        let file: String
        let index: Int
        let canLog: Bool
        let hash: String?
        /// Why this step's form was just refused (beside its date).
        let error: String?
    }

    struct Event {
        let when: String
        let kind: String
        let title: String
        let text: String
        let file: String
    }

    struct Need {
        let name: String
        let priority: String?
        let status: String?
    }

    static func get(_ page: PageContext, number: String) -> WebResponse {
        guard let full = page.snapshot(number) else { return page.notFound(number) }
        let (s, withheld) = page.readable(full)
        let hidden = Set(withheld.map(\.file))
        let today = page.state.today
        let problems = page.problems(of: full).filter { !hidden.contains($0.file) }
        let ties = CustomerTies(full)
        let canLog = page.viewer.mayLog(ties)
        let years = Set(s.assessments.compactMap { Int($0.file.path.split(separator: "/").last?.prefix(4) ?? "") })
        let painPoints = s.needs.flatMap(\.painPoints)
        let model = Model(
            name: s.name, number: s.number, canLog: canLog, canEdit: page.viewer.mayEdit(ties),
            assessYear: years.contains(today.year - 1) ? today.year : today.year - 1,
            problems: problems.map { ProblemRow($0, page, base: s.directory.path, ties: ties) },
            fields: fields(s, problems, page, ties: ties),
            contacts: (s.basic?.contacts ?? []).map {
                Contact(
                    name: $0.name ?? "", title: $0.title, mobile: page.shown(field: FieldName.mobile, $0.mobile, ties),
                    phone: page.shown(field: FieldName.phone, $0.phone, ties),
                    email: page.shown(field: FieldName.email, $0.email, ties), decision: $0.decisionMaker)
            },
            steps: steps(s, page, ties: ties), timeline: timeline(s, page, ties: ties),
            needs: s.needs.flatMap(\.needs).map { Need(name: $0.name ?? "", priority: $0.priority, status: $0.status) },
            painPoints: painPoints, hasPainPoints: !painPoints.isEmpty, hasProblems: !problems.isEmpty,
            withheld: withheld.map {
                WithheldRow(
                    file: String($0.file.dropFirst(full.directory.path.count + 1)), level: $0.level,
                    open: $0.mayRead
                        ? "/customers/\(Form.encode(s.number))/document" + Form.query([("file", $0.file)]) : nil)
            }, hasWithheld: !withheld.isEmpty, plain: !page.viewer.grants.details)
        return page.html("customer", title: s.name, model)
    }

    /// 基本信息's fields, labelled by their names; one that is absent shows only with a problem.
    static func fields(
        _ s: CustomerSnapshot, _ problems: [Diagnostic], _ page: PageContext, ties: CustomerTies
    ) -> [FieldRow] {
        let b = s.basic
        func problem(_ path: String) -> FieldProblem? {
            guard let b,
                let d = problems.first(where: {
                    $0.file == b.path && ($0.path == path || $0.path?.hasPrefix(path + ".") == true)
                })
            else { return nil }
            return FieldProblem(
                level: d.severity.rawValue, code: d.code, message: page.shown(page.text(d.message), ties))
        }
        let company = FieldName.company
        let nameLabel: String = b?.isPerson == true ? FieldName.personName : FieldName.fullName
        var rows: [(path: String, label: String, value: String?)] = []
        rows.append((FieldName.number, FieldName.number, b?.number))
        rows.append((FieldName.customerType, FieldName.customerType, b?.customerType))
        rows.append(("\(company).\(FieldName.fullName)", nameLabel, b?.name))
        rows.append(("\(company).\(FieldName.shortName)", FieldName.shortName, b?.shortName))
        rows.append((FieldName.industry, FieldName.industry, b?.industry))
        rows.append((FieldName.region, FieldName.region, b?.region))
        rows.append((FieldName.owner, FieldName.owner, b?.owner))
        rows.append((FieldName.stage, FieldName.stage, b?.stage))
        rows.append((FieldName.tier, FieldName.tier, b?.tier))
        rows.append((FieldName.grade, FieldName.grade, b?.declaredGrade ?? s.computedGrade(page.config)))
        rows.append((FieldName.source, FieldName.source, b?.source))
        rows.append((FieldName.firstContact, FieldName.firstContact, b?.mapping.text(FieldName.firstContact)))
        rows.append((FieldName.note, FieldName.note, b?.note))
        return rows.compactMap { r in
            let p = problem(r.path)
            guard r.value != nil || p != nil else { return nil }
            return FieldRow(label: r.label, value: r.value.map { page.shown($0, ties) } ?? "—", problem: p)
        }
    }

    /// Contracts, interactions and assessments, the latest first.
    static func timeline(_ s: CustomerSnapshot, _ page: PageContext, ties: CustomerTies) -> [Event] {
        var events: [Event] = []
        for c in s.contracts {
            let when: String = c.signed?.description ?? c.termStart?.description ?? ""
            let ends: String? = c.termEnd.map { (page.zh ? "到期 " : "ends ") + $0.description }
            let text: String = [c.status, ends].compactMap { $0 }.joined(separator: " · ")
            events.append(
                Event(
                    when: when, kind: page.zh ? "合同" : "contract", title: c.project ?? c.contractNumber ?? "",
                    text: text, file: c.path))
        }
        for r in s.interactions {
            let people: String = (r.ours + r.theirs).joined(separator: "、")
            let title: String = [r.contentType, people].compactMap { $0 }.joined(separator: " · ")
            events.append(
                Event(
                    when: r.timeText ?? "", kind: r.method ?? (page.zh ? "互动" : "interaction"),
                    title: page.shown(title, ties), text: page.shown(r.content ?? "", ties), file: r.path))
        }
        for a in s.assessments {
            let title: String = [a.amountText, a.declaredGrade].compactMap { $0 }.joined(separator: " · ")
            events.append(
                Event(
                    when: a.yearText ?? "", kind: page.zh ? "价值评估" : "assessment", title: title, text: "", file: a.path)
            )
        }
        events.sort { $0.when > $1.when }
        return events
    }

    /// The open next steps, each with its record's hash for its form.
    static func steps(_ s: CustomerSnapshot, _ page: PageContext, ties: CustomerTies) -> [Step] {
        s.openSteps.map { r, step in
            let canLog = page.viewer.mayChangeStep(ties, assignee: step.assignee)
            return Step(
                task: step.task ?? "", assignee: step.assignee ?? "", due: step.dueText ?? "",
                overdue: step.due.map { $0 < page.state.today } ?? false, overdueText: page.zh ? "已逾期" : "overdue",
                number: s.number, file: r.path, index: step.index, canLog: canLog,
                hash: canLog ? page.source(r.path).map(page.remember) : nil,
                error: page.stepError.flatMap { $0.file == r.path && $0.index == step.index ? $0.message : nil })
        }
    }
}
