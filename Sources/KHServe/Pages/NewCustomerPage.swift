import Foundation
import KHModel
import KHOutputs
import KHRules
import KHWrite
import KHYAML

/// `/customers/new`: kh new in a form. The number is the next of this year's, given when
/// the file is written (under the lock); a customer the archive has already (the same
/// 统一社会信用代码 or full name) is refused with a link to it.
enum NewCustomerForm {
    /// The form's inputs, in order: name, label and kind.
    static let inputs: [(name: String, zh: String, en: String)] = [
        ("type", FieldName.customerType, "type"), ("name", "全称（企业）或 姓名（个人）", "full name (company) or 姓名 (person)"),
        ("short", FieldName.shortName, FieldName.shortName), ("credit", FieldName.creditCode, FieldName.creditCode),
        ("industry", FieldName.industry, FieldName.industry), ("region", FieldName.region, FieldName.region),
        ("owner", FieldName.owner, FieldName.owner), ("stage", FieldName.stage, FieldName.stage),
        ("tier", FieldName.tier, FieldName.tier),
        ("source", FieldName.source, FieldName.source),
        ("contact", "联系人 · 姓名", "contact · 姓名"), ("title", "联系人 · 职位", "contact · 职位"),
        ("mobile", "联系人 · 手机", "contact · 手机"),
        ("phone", "联系人 · 电话", "contact · 电话"), ("email", "联系人 · 邮箱", "contact · 邮箱"),
        ("note", FieldName.note, FieldName.note),
    ]

    static func value(_ page: PageContext, _ name: String) -> String? {
        let v = page.field(name).trimmingCharacters(in: .whitespacesAndNewlines)
        return v.isEmpty ? nil : v
    }

    static func customer(_ page: PageContext) -> NewCustomer {
        var c = NewCustomer(type: value(page, "type") ?? "企业", name: value(page, "name") ?? "")
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

    static func form(
        _ page: PageContext, typed: [String: String]? = nil, refusal: String? = nil, errors: [Diagnostic] = [],
        existing: String? = nil, preview: String? = nil, status: Int = 200
    ) -> WebResponse {
        guard page.app.settings.permission >= .edit else {
            return page.app.errorPage(
                403,
                Text(
                    zh: "kh serve 以 --allow \(page.app.settings.permission.rawValue) 启动，不能新建客户",
                    en:
                        "kh serve was started with --allow \(page.app.settings.permission.rawValue): customers cannot be created"
                ), page.language)
        }
        let config = page.state.archive.config
        let today = page.state.today
        var defaults: [String: String] = ["type": "企业", "stage": "潜在", "tier": "普通"]
        if let m = page.session.member, config.member(named: m)?.active == true { defaults["owner"] = m }
        let typed = typed ?? defaults
        let choices: [String: [String]] = [
            "type": ["企业", "个人"], "industry": [""] + config.industries,
            "owner": [""] + config.team.filter(\.active).map(\.name),
            "stage": Declarations.stages, "tier": Declarations.tiers, "source": [""] + config.sources,
        ]
        var rows: [[String: Any]] = []
        for input in inputs {
            var r: [String: Any] = [:]
            r["name"] = input.name
            r["label"] = page.zh ? input.zh : input.en
            r["required"] = ["type", "name", "industry", "owner", "stage", "contact"].contains(input.name)
            let value = typed[input.name] ?? ""
            r["value"] = value
            if let options = choices[input.name] {
                r["isSelect"] = true
                r["options"] = Views.options(options, value)
            } else {
                r["input"] = true
                r["inputType"] = ["mobile", "phone"].contains(input.name) ? "tel" : "text"
            }
            rows.append(r)
        }
        var ctx: [String: Any] = [:]
        ctx["rows"] = rows
        // From the list kh serve keeps (the number is given again, under the lock, on saving).
        ctx["next"] = config.number(
            year: today.year,
            sequence: CustomerRegistry.highestSequence(
                year: today.year, of: page.state.entries.lazy.map(\.record.number), config: config) + 1)
        if let refusal { ctx["refusal"] = refusal }
        if let existing { ctx["existing"] = existing }
        if let preview { ctx["preview"] = preview }
        ctx["errors"] = errors.map { Pages.problemRow($0, page) }
        ctx["hasErrors"] = !errors.isEmpty
        return page.html("new", title: page.zh ? "新建客户" : "New customer", ctx, status: status)
    }

    static func save(_ page: PageContext) -> WebResponse {
        var typed: [String: String] = [:]
        for input in inputs {
            typed[input.name] = page.field(input.name).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let author = page.session.member else {
            return form(page, typed: typed, refusal: page.text(Forms.chooseFirst), status: 422)
        }
        let c = customer(page)
        var number = ""
        func planned(_ archive: Archive) throws(Forms.FormError) -> Plans.Planned {
            do throws(KHError) {
                let author = try Author.resolve(author, config: archive.config, root: archive.root)
                let registry = CustomerRegistry(archive)
                // kh new's refusals, one by one, with the existing customer linked.
                if let (existing, _) = registry.existing(c.identity) { number = existing.number }
                let (n, p) = try Plans.new(c, registry: registry, author: author, today: Clock.now(archive.config).day)
                number = n
                return p
            } catch {
                throw .plan(error)
            }
        }
        if page.field("action") == "preview" {
            do throws(Forms.FormError) {
                let p = try planned(page.state.archive)
                return form(page, typed: typed, preview: p.changes.describe(page.language, contents: true))
            } catch {
                guard case .plan(let e) = error else { return form(page, typed: typed, status: 409) }
                return form(
                    page, typed: typed, refusal: page.text(e.message), errors: e.diagnostics,
                    existing: number.isEmpty ? nil : number, status: 422)
            }
        }
        let outcome = Forms.write(
            page, folders: [],
            message: {
                Text(zh: "新建客户档案：\(number) \(c.name)", en: "New customer: \(number) \(c.name)")
            }
        ) { (archive) throws(Forms.FormError) in
            try planned(archive)
        }
        switch outcome {
        case .written:
            return .redirect("/customers/" + Form.encode(number))
        case .refused(let message, let errors):
            return form(
                page, typed: typed, refusal: page.text(message), errors: errors,
                existing: number.isEmpty ? nil : number, status: 422)
        case .failed(let status, let message):
            return form(page, typed: typed, refusal: page.text(message), status: status)
        }
    }
}
