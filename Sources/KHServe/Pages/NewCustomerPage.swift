import Foundation
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite

/// `/customers/new`: kh new in a form. The number is the next of this year's, given when
/// the file is written (under the lock); a customer the archive has already (the same
/// 统一社会信用代码 or full name) is refused with a link to it.
enum NewCustomerPage {
    struct Model {
        let rows: [Row]
        let next: String
        let refusal: String?
        let existing: String?
        let preview: String?
        let errors: [ProblemRow]
        let hasErrors: Bool
    }

    struct Row {
        var name: String
        var label: String
        var required: Bool
        var value: String
        var isSelect = false
        var options: [OptionRow]?
        var input = false
        var inputType: String?
        /// The first problem about this field after a refused save, beside it.
        var problem: String?
    }

    /// The field of 基本信息 each input writes (the first contact's, for the contact's inputs).
    static let fieldOf: [String: String] = [
        "type": FieldName.customerType, "short": "\(FieldName.company).\(FieldName.shortName)",
        "credit": FieldName.creditCode, "industry": FieldName.industry, "region": FieldName.region,
        "owner": FieldName.owner, "stage": FieldName.stage, "tier": FieldName.tier, "source": FieldName.source,
        "note": FieldName.note, "contact": "\(FieldName.contacts)[1].\(FieldName.contactName)",
        "title": "\(FieldName.contacts)[1].\(FieldName.title)",
        "mobile": "\(FieldName.contacts)[1].\(FieldName.mobile)",
        "phone": "\(FieldName.contacts)[1].\(FieldName.phone)", "email": "\(FieldName.contacts)[1].\(FieldName.email)",
    ]

    /// Required by the format, or made required by kh.yaml 字段 必填.
    static func isRequired(_ input: String, _ config: Config) -> Bool {
        if required.contains(input) { return true }
        guard let field = fieldOf[input], !field.contains("."),
            let f = (config.schemas[.basicInfo] ?? Declarations.schema(for: .basicInfo))[field]
        else { return false }
        return f.requirement == Requirement.required
    }

    /// The first of `errors` about the input's field.
    static func problem(_ input: String, _ errors: [Diagnostic], _ page: PageContext) -> String? {
        let paths: [String] =
            input == "name"
            ? ["\(FieldName.company).\(FieldName.fullName)", FieldName.personName, FieldName.company]
            : fieldOf[input].map { [$0] } ?? []
        return errors.first { d in paths.contains { p in d.path == p || d.path?.hasPrefix(p + ".") == true } }.map {
            page.text($0.message)
        }
    }

    /// The form's inputs, in order: name, label and kind.
    static let inputs: [(name: String, zh: String, en: String)] = [
        ("type", FieldName.customerType, "type"),
        (
            "name", "\(FieldName.fullName)（企业）或 \(FieldName.personName)（个人）",
            "full name (company) or \(FieldName.personName) (person)"
        ),
        ("short", FieldName.shortName, FieldName.shortName), ("credit", FieldName.creditCode, FieldName.creditCode),
        ("industry", FieldName.industry, FieldName.industry), ("region", FieldName.region, FieldName.region),
        ("owner", FieldName.owner, FieldName.owner), ("stage", FieldName.stage, FieldName.stage),
        ("tier", FieldName.tier, FieldName.tier),
        ("source", FieldName.source, FieldName.source),
        contact("contact", FieldName.contactName), contact("title", FieldName.title),
        contact("mobile", FieldName.mobile), contact("phone", FieldName.phone), contact("email", FieldName.email),
        ("note", FieldName.note, FieldName.note),
    ]

    private static func contact(_ name: String, _ field: String) -> (name: String, zh: String, en: String) {
        (name, "\(FieldName.contacts) · \(field)", "contact · \(field)")
    }

    static let required: Set<String> = ["type", "name", "industry", "owner", "stage", "contact"]

    static func value(_ page: PageContext, _ name: String) -> String? {
        let v = page.field(name).trimmingCharacters(in: .whitespacesAndNewlines)
        return v.isEmpty ? nil : v
    }

    static func customer(_ page: PageContext) -> NewCustomer {
        var c = NewCustomer(type: value(page, "type") ?? FieldValue.enterprise, name: value(page, "name") ?? "")
        (c.shortName, c.creditCode, c.industry, c.region) = (
            value(page, "short"), value(page, "credit"), value(page, "industry"), value(page, "region")
        )
        (c.owner, c.stage, c.tier, c.source, c.note) = (
            value(page, "owner"), value(page, "stage"), value(page, "tier"), value(page, "source"), value(page, "note")
        )
        if c.isPerson {
            c.shortName = nil
            c.creditCode = nil
        }
        if let contact = value(page, "contact") {
            c.contacts = [
                .init(
                    name: contact, title: value(page, "title"), mobile: value(page, "mobile"),
                    phone: value(page, "phone"), email: value(page, "email"))
            ]
        }
        return c
    }

    static func get(_ page: PageContext) -> WebResponse { render(page) }

    /// The form: defaults, or what was `typed` with the feedback (`existing`: the customer the
    /// archive has already).
    static func render(
        _ page: PageContext, typed: [String: String]? = nil, feedback: Feedback = Feedback(),
        existing: String? = nil, status: Int = 200
    ) -> WebResponse {
        guard page.viewer.grants.create else { return page.forbidden(Routes.Refusal.create) }
        let config = page.config
        let today = page.state.today
        var defaults: [String: String] = [
            "type": FieldValue.enterprise, "stage": FieldValue.stageProspect, "tier": FieldValue.defaultTier,
        ]
        if let m = page.session.member, config.member(named: m)?.active == true { defaults["owner"] = m }
        let typed = typed ?? defaults
        let choices: [String: [String]] = [
            "type": [FieldValue.enterprise, FieldValue.person], "industry": [""] + config.industries,
            "owner": [""] + config.team.filter(\.active).map(\.name),
            "stage": Declarations.stages, "tier": Declarations.tiers, "source": [""] + config.sources,
        ]
        let rows = inputs.map { input in
            let value = typed[input.name] ?? ""
            var r = Row(
                name: input.name, label: page.zh ? input.zh : input.en, required: isRequired(input.name, config),
                value: value, problem: problem(input.name, feedback.errors, page))
            if let options = choices[input.name] {
                r.isSelect = true
                r.options = Views.options(options, value)
            } else {
                r.input = true
                r.inputType = ["mobile", "phone"].contains(input.name) ? "tel" : "text"
            }
            return r
        }
        // From the list kh serve keeps (the number is given again, under the lock, on saving).
        let next = config.number(
            year: today.year,
            sequence: CustomerRegistry.highestSequence(
                year: today.year, of: page.state.entries.lazy.map(\.record.number), config: config) + 1)
        let model = Model(
            rows: rows, next: next, refusal: feedback.refusal, existing: existing, preview: feedback.preview,
            errors: feedback.errors.map { ProblemRow($0, page) }, hasErrors: !feedback.errors.isEmpty)
        return page.html("new", title: page.zh ? "新建客户" : "New customer", model, status: status)
    }

    static func post(_ page: PageContext) -> WebResponse {
        var typed: [String: String] = [:]
        for input in inputs {
            typed[input.name] = page.field(input.name).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let c = customer(page)
        var number = ""
        let flow = SaveFlow(
            folders: [],
            message: { Text(zh: "新建客户档案：\(number) \(c.name)", en: "New customer: \(number) \(c.name)") },
            plan: { (archive, author) throws(SaveFlow.Failure) in
                do throws(KHError) {
                    let author = try Author.resolve(author, config: archive.config, root: archive.root)
                    let registry = CustomerRegistry(archive)
                    // kh new's refusals, one by one, with the existing customer linked.
                    if let (existing, _) = registry.existing(c.identity) { number = existing.number }
                    let (n, p) = try Plans.new(
                        c, registry: registry, author: author, today: Clock.now(archive.config).day)
                    number = n
                    return p
                } catch {
                    throw .plan(error)
                }
            },
            saved: { "/customers/" + Form.encode(number) },
            // A refusal (422) links the customer the archive has already.
            form: { feedback, status in
                render(
                    page, typed: typed, feedback: feedback, existing: status == 422 && !number.isEmpty ? number : nil,
                    status: status)
            },
            conflict: { message in
                render(page, typed: typed, feedback: Feedback(refusal: page.text(message)), status: 409)
            })
        return flow.run(page)
    }
}
