import Foundation
import KHModel
import KHOutputs
import KHSupport
import KHYAML

/// `/`: who the visitor is, then their week (kh review's items of their customers), each next
/// step with a form to mark it done or move it. `POST /me` chooses who they are.
enum WeekPage {
    struct Model {
        let team: [TeamRow]
        let member: String?
        let memberQuery: String?
        let asOfText: String?
        let items: [Item]?
        /// Local mode: "not me" chooses again (team mode: you are who logged in).
        let canSwitch: Bool
    }

    struct TeamRow {
        let name: String
        let role: String
    }

    struct Item {
        let level: String
        let levelWord: String
        let number: String
        let customer: String
        let message: String
        let lateness: String?
        let step: Step?
    }

    /// The hidden fields of a step's form: the record, the step's index and the record's hash.
    struct Step {
        let file: String
        let index: Int
        let hash: String
        let due: String
        /// Why this step's form was just refused (beside its date).
        let error: String?
    }

    static func get(_ page: PageContext) -> WebResponse {
        let config = page.config
        let team = config.team.filter(\.active).map { TeamRow(name: $0.name, role: $0.role) }
        guard let me = page.session.member, config.member(named: me) != nil else {
            let model = Model(team: team, member: nil, memberQuery: nil, asOfText: nil, items: nil, canSwitch: true)
            return page.html("week", title: page.zh ? "我的一周" : "My week", model)
        }
        let review = page.store.review(page.state)
        let mine = review.groups.filter { $0.owner.map { $0.same(me) } ?? false }.flatMap(\.items)
        let items = mine.map { item in
            Item(
                // A late next step is late (逾期), not an error in the archive.
                level: item.level.rawValue,
                levelWord: item.kind == .nextStepOverdue
                    ? (page.zh ? "逾期" : "overdue") : item.level.word(page.language), number: item.number,
                customer: item.customer, message: page.text(item.message), lateness: item.lateness.map(page.text),
                step: page.viewer.grants.steps > .none && (item.kind == .nextStepOverdue || item.kind == .nextStepDue)
                    ? step(page, item: item) : nil)
        }
        let model = Model(
            team: team, member: me, memberQuery: Form.encode(me),
            asOfText: page.zh ? "截至 \(review.asOf)" : "as of \(review.asOf)", items: items,
            canSwitch: !page.viewer.team)
        return page.html("week", title: page.zh ? "我的一周" : "My week", model)
    }

    static func step(_ page: PageContext, item: Review.Item) -> Step? {
        guard case .string(let task)? = item.details["task"], case .string(let due)? = item.details["due"],
            let bytes = page.source(item.file),
            let doc = try? EditableDocument(bytes: bytes, path: item.file),
            let items = doc.root[FieldName.nextSteps]?.sequence?.items
        else { return nil }
        guard
            let i = items.firstIndex(where: {
                $0.mapping?.text(FieldName.task) == task && $0.mapping?.text(FieldName.due) == due
            })
        else { return nil }
        let error = page.stepError.flatMap { $0.file == item.file && $0.index == i + 1 ? $0.message : nil }
        return Step(file: item.file, index: i + 1, hash: page.remember(bytes), due: due, error: error)
    }

    static func chooseMember(_ page: PageContext, session: inout Session) -> WebResponse {
        let name = page.field("name").trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
            session.choose(nil)
        } else {
            guard let m = page.config.member(named: name), m.active else {
                return page.error(
                    400,
                    Text(zh: "「\(name)」不是 kh.yaml 团队中的在职成员", en: "'\(name)' is not a serving member of kh.yaml 团队"))
            }
            session.choose(m.name)
        }
        return .redirect("/")
    }
}
