import Foundation
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite
import KHYAML

/// `/customers/<number>/edit/<target>`: a document field by field (FieldForm's rows: the file
/// as it is and its schema). The plan is KHWrite's (`Plans.fields`); this page maps the form to
/// it, and saves through `SaveFlow`.
enum EditPage {
    struct Model {
        let number: String
        let name: String
        let heading: String
        let file: String
        let isNew: Bool
        let action: String
        let hash: String
        let rows: [Row]
        let refusal: String?
        let diff: String?
        let preview: String?
        let errors: [ProblemRow]
        let hasErrors: Bool
        /// Rule codes behind the message (roles that do not edit files by hand).
        let plain: Bool
    }

    /// One field: its label, the value shown and the one it was built with (`o.` + key, so a
    /// save after a conflict keeps what others changed in the fields left alone), and the
    /// control: fixed, a select, a text input or a textarea.
    struct Row {
        var label: String
        var required: Bool
        /// The browser asks for it before posting: a required field of the document itself (a
        /// required field of a new contact or of an absent group is required only once it is used).
        var mustFill = false
        var value: String
        var name: String
        var key: String
        var original: String
        var problem: RowProblem?
        var fixed = false
        var isSelect = false
        var options: [OptionRow]?
        var textarea = false
        var hint: String?
        var input = false
        var inputType: String?
        var inputMode: String?
    }

    struct RowProblem {
        let code: String
        let message: String
    }

    /// Fields shown in a textarea whatever their length.
    static let longFields: Set<String> = [
        FieldName.note, FieldName.decisionProcess, FieldName.personalPreferences, FieldName.explanation,
        FieldName.address,
    ]

    static func label(_ key: String) -> String {
        key.replacingOccurrences(of: "[+]", with: " +").replacingOccurrences(of: ".", with: " · ")
            .replacingOccurrences(of: "[", with: " ").replacingOccurrences(of: "]", with: "")
    }

    static func get(_ page: PageContext, number: String, target: EditTarget) -> WebResponse {
        render(page, number: number, target: target)
    }

    /// The form for the file as it is now; after a post, with what was typed (`values`, the
    /// form's `hash`) and the feedback.
    static func render(
        _ page: PageContext, number: String, target: EditTarget, values: [String: String]? = nil,
        hash: String? = nil, feedback: Feedback = Feedback(), status: Int = 200
    ) -> WebResponse {
        guard let ties = page.ties(number) else { return page.notFound(number) }
        guard page.viewer.mayEdit(ties) else { return page.forbidden(Routes.Refusal.edit) }
        guard let s = page.snapshot(number), let path = target.path(s) else { return page.notFound(number) }
        if let refused = secret(page, s, path) { return refused }
        let bytes = page.source(path)
        let schema = schema(page.config, target)
        let fieldRows: [FieldForm.Row]
        if let bytes {
            guard let doc = try? EditableDocument(bytes: bytes, path: path) else {
                return page.error(422, FieldFormMsg.unreadable(path))
            }
            fieldRows = FieldForm.rows(doc, schema: schema)
        } else {
            fieldRows = FieldForm.rows(new: schema, fixed: target.fixedFields)
        }
        let model = Model(
            number: s.number, name: s.name, heading: target.title(page.zh), file: path, isNew: bytes == nil,
            action: target.action, hash: hash ?? bytes.map(page.remember) ?? "-",
            rows: fieldRows.map { row($0, value: values?[$0.key] ?? $0.value, in: fieldRows, page, feedback.errors) },
            refusal: feedback.refusal, diff: feedback.diff, preview: feedback.preview,
            errors: feedback.errors.map { ProblemRow($0, page, base: s.directory.path) },
            hasErrors: !feedback.errors.isEmpty, plain: !page.viewer.grants.details)
        return page.html("edit", title: target.title(page.zh) + " · " + s.name, model, status: status)
    }

    /// Team mode: a 秘密 or 机密 document has no form (a form would show it without the access
    /// register); it is changed in git by whoever may.
    static func secret(_ page: PageContext, _ s: CustomerSnapshot, _ path: String) -> WebResponse? {
        guard page.viewer.team, let level = page.readable(s).withheld.first(where: { $0.file == path })?.level else {
            return nil
        }
        return page.forbidden(
            Text(
                zh: "不能在浏览器中修改\(level)文档（表单会绕过查阅登记）；请在 git 中修改",
                en:
                    "cannot edit a \(level) document in the browser (a form would bypass the access register); change it in git"
            ))
    }

    static func schema(_ config: Config, _ target: EditTarget) -> Schema {
        config.schemas[target.type] ?? Declarations.schema(for: target.type)
    }

    /// A field's row: its label, value and control, with the first error about it.
    static func row(
        _ field: FieldForm.Row, value: String, in all: [FieldForm.Row], _ page: PageContext, _ errors: [Diagnostic]
    ) -> Row {
        var r = Row(
            label: field.key.contains("[+]")
                ? (page.zh ? "新增" : "new ") + label(field.key).replacingOccurrences(of: " +", with: "")
                : label(field.key),
            required: field.required, value: value, name: "f." + field.key, key: field.key, original: field.value,
            problem: problem(field, in: all, errors).map { RowProblem(code: $0.code, message: page.text($0.message)) })
        r.mustFill = field.required && !field.key.contains(".") && !field.key.contains("[")
        if case .fixed = field.action {
            r.fixed = true
            return r
        }
        if let options = options(field.type, page.config) {
            r.isSelect = true
            r.options = Views.options(options, value, empty: !field.required || value.isEmpty)
        } else if case .list = field.type {
            r.textarea = true
            r.hint = page.zh ? "每行一项" : "one per line"
        } else if value.contains("\n") || value.count > 40
            || longFields.contains(field.key.split(separator: ".").last.map(String.init) ?? "")
        {
            r.textarea = true
        } else {
            r.input = true
            switch field.type {
            case .date where value.isEmpty || Values.date(value) != nil: r.inputType = "date"
            case .money, .moneyWan, .integer:
                r.inputType = "text"
                r.inputMode = "decimal"
            case .mobile, .phone: r.inputType = "tel"
            default: r.inputType = "text"
            }
        }
        return r
    }

    /// A select's values, for the types that have a list of them.
    static func options(_ type: ValueType, _ config: Config) -> [String]? {
        switch type {
        case .choice(let v): return v
        case .configChoice(let l): return config.list(l)
        case .level: return ["高", "中", "低"]
        case .yesno: return ["是", "否"]
        case .person: return config.team.filter(\.active).map(\.name)
        default: return nil
        }
    }

    /// Where each error goes: the row of its field, or of the new item it is in.
    static func problem(_ row: FieldForm.Row, in rows: [FieldForm.Row], _ errors: [Diagnostic]) -> Diagnostic? {
        let plus = row.key.range(of: "[+]")
        return errors.first { d in
            guard let p = d.path else { return false }
            if p == row.key || p.hasPrefix(row.key + ".") { return true }
            guard let plus else { return false }
            let head = String(row.key[..<plus.lowerBound]) + "["
            let tail = "]" + String(row.key[plus.upperBound...])
            return p.hasPrefix(head) && p.hasSuffix(tail) && rows.allSatisfy { $0.key != p }
        }
    }

    // MARK: - Saving

    /// What the visitor typed: the `prefix`ed fields, trimmed (a textarea's line breaks kept
    /// as `\n`).
    static func values(_ page: PageContext, _ prefix: String = "f.") -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in page.request.form where k.hasPrefix(prefix) {
            out[String(k.dropFirst(prefix.count))] = v.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(
                in: .whitespacesAndNewlines)
        }
        return out
    }

    /// The values the visitor changed: each input carries the value it was built with
    /// (`o.` + key), so a save after a conflict keeps what others changed meanwhile in the
    /// fields the visitor left alone.
    static func changed(_ page: PageContext) -> [String: String] {
        let originals = values(page, "o.")
        return values(page).filter { kv in originals[kv.key].map { $0 != kv.value } ?? true }
    }

    static func post(_ page: PageContext, number: String, target: EditTarget) -> WebResponse {
        let values = changed(page)
        let hash = page.field("hash")
        guard let s = page.snapshot(number), let path = target.path(s) else { return page.notFound(number) }
        if let refused = secret(page, s, path) { return refused }
        let folder = s.directory.name
        let fields = values.keys.sorted().prefix(6).joined(separator: "、") + (values.count > 6 ? "…" : "")
        // "-": the form was for a new file (the plan refuses it if one appeared since).
        let verb = target.verb(new: hash == "-")
        func form(_ feedback: Feedback, _ hash: String, _ status: Int) -> WebResponse {
            render(page, number: number, target: target, values: values, hash: hash, feedback: feedback, status: status)
        }
        let flow = SaveFlow(
            folders: [folder],
            message: {
                Text(
                    zh: "\(verb.zh)：\(s.number) \(s.name)（\(fields)）",
                    en: "\(verb.en): \(s.number) \(s.name) (\(fields))")
            },
            plan: { (archive, author) throws(SaveFlow.Failure) in
                // Planned from the file as it is now; the form's version must be that one.
                let now = CustomerReader.source(root: archive.root, path: path)
                try SaveFlow.check(now, hash: hash, path: path)
                do throws(KHError) {
                    var p = Plans.Planned()
                    p.changes = ChangeSet([
                        try Plans.fields(
                            path: path, original: now, values: values, schema: schema(archive.config, target),
                            fixed: target.fixedFields,
                            author: try Author.resolve(author, config: archive.config, root: archive.root),
                            today: Clock.now(archive.config).day)
                    ])
                    (p.before, p.after) = ([folder], [folder])
                    return p
                } catch {
                    throw .plan(error)
                }
            },
            saved: { "/customers/" + Form.encode(s.number) },
            form: { feedback, status in form(feedback, hash, status) },
            conflict: { message in
                let now = page.source(path)
                let diff =
                    now.map { page.difference(now: $0, since: hash, of: number) }
                    ?? (page.zh ? "（文件已被删除）" : "(the file was removed)")
                return form(Feedback(refusal: page.text(message), diff: diff), now.map(page.remember) ?? "-", 409)
            })
        return flow.run(page)
    }
}
