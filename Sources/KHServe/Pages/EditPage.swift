import Foundation
import KHModel
import KHOutputs
import KHRules
import KHWrite
import KHYAML

/// The field-by-field forms: 01 基本信息 and 04 需求偏好 edited, 04 and a year's 05 价值评估
/// written new. The rows come from the file as it is and from its schema (kh.yaml's 字段
/// included), so a department's own fields are editable too. An edit changes only the bytes
/// of the values that changed (EditableDocument: comments, order and layout stay); a new file
/// is written as kh writes documents. Both go through `Forms.write`: the archive lock, the
/// result check and the journaled write, with the file's blob id against conflicts.
enum Editor {
    /// Which document of the customer a form is for (the browser names it by a word, never
    /// by a path).
    enum Target: Equatable {
        case basic, needs, assessment(Int)

        init?(_ word: String, year: String?) {
            switch word {
            case "basic": self = .basic
            case "needs": self = .needs
            case "assessment":
                guard let y = year, y.count == 4, let n = Int(y), (1900...2999).contains(n) else { return nil }
                self = .assessment(n)
            default: return nil
            }
        }

        var word: String {
            switch self {
            case .basic: return "basic"
            case .needs: return "needs"
            case .assessment: return "assessment"
            }
        }

        var type: DocumentType {
            switch self {
            case .basic: return .basicInfo
            case .needs: return .needs
            case .assessment: return .assessment
            }
        }

        var action: String {
            switch self {
            case .assessment(let y): return word + "?year=\(y)"
            default: return word
            }
        }

        func path(_ s: CustomerSnapshot) -> String? {
            switch self {
            case .basic: return s.basicFile?.path
            case .needs:
                return s.needs.first?.file.path ?? s.directory.path + "/" + DocumentType.needs.folder + "/需求偏好.yaml"
            case .assessment(let y): return s.directory.path + "/" + DocumentType.assessment.folder + "/\(y).yaml"
            }
        }

        /// The fields a new file of this kind is given by its place (05's 年度, its file name).
        var fixedFields: [(String, String)] {
            if case .assessment(let y) = self { return [("年度", String(y))] }
            return []
        }

        func title(_ zh: Bool) -> String {
            switch self {
            case .basic: return zh ? "修改基本信息" : "Edit basic information"
            case .needs: return zh ? "修改需求偏好" : "Edit needs and preferences"
            case .assessment(let y): return zh ? "\(y) 年度价值评估" : "Assessment for \(y)"
            }
        }
    }

    /// One value of the form. `key` is the field path as kh's diagnostics write it
    /// (`联系人[2].手机`; `[+]` for a new item), and the input's name is `f.` + key.
    struct Row {
        enum Action {
            /// A value in the file.
            case replace(YAMLScalar)
            /// An absent top-level field (or one written `key:`).
            case set(String)
            /// An absent field of a mapping inside the file.
            case insert(YAMLMapping, String)
            /// A new item of a top-level list of values.
            case append(String)
            /// A field of a new item of a top-level list of mappings.
            case item(list: String, field: String)
            /// A field of a new file: `path` inside the document.
            case create([String])
            /// Shown, not editable (the number, the type, kh's own header fields, a block of
            /// several lines kh does not rewrite).
            case fixed
        }

        var key: String
        var value: String
        var type: ValueType
        var required: Bool
        var action: Action
    }

    /// Fields kh keeps (or the folder and file name depend on): shown, not edited.
    static let fixedNames: Set<String> = [
        FieldName.number, FieldName.customerType, FieldName.created, FieldName.creator, FieldName.updated, "年度",
    ]

    static func label(_ key: String) -> String {
        key.replacingOccurrences(of: "[+]", with: " +").replacingOccurrences(of: ".", with: " · ")
            .replacingOccurrences(of: "[", with: " ").replacingOccurrences(of: "]", with: "")
    }

    /// Required for this 客户类型, as kh validate's KH201 decides (a field the schema does not
    /// know: no).
    static func isRequired(_ f: Field?, type: String?) -> Bool {
        f.map { Rules.MissingField.isRequired($0, for: type) } ?? false
    }

    static func isScalarType(_ t: ValueType) -> Bool {
        switch t {
        case .list, .mapping, .any: return false
        default: return true
        }
    }

    // MARK: - Rows

    /// The rows of an existing file: every value in file order, then the fields its schema
    /// declares that it lacks, then a new item for each top-level list.
    static func rows(_ doc: EditableDocument, schema: Schema) -> [Row] {
        var out: [Row] = []
        let type = doc.root[FieldName.customerType].flatMap {
            if case .scalar(let s) = $0 { return s.value } else { return nil }
        }
        walk(doc.root, schema: schema, prefix: "", top: true, type: type, into: &out)
        return out
    }

    private static func walk(
        _ m: YAMLMapping, schema: Schema?, prefix: String, top: Bool, type: String?, into out: inout [Row]
    ) {
        for entry in m.entries {
            let name = entry.key.value
            let key = prefix.isEmpty ? name : prefix + "." + name
            let field = schema?[name]
            let t = field?.type ?? .text
            switch entry.value {
            case .scalar(let s):
                let fixed = (top && fixedNames.contains(name)) || s.style == .literal || s.style == .folded
                let action: Row.Action = fixed ? .fixed : (s.isNull && top ? .set(name) : .replace(s))
                out.append(
                    Row(
                        key: key, value: s.isNull ? "" : s.value, type: t, required: isRequired(field, type: type),
                        action: action))
            case .mapping(let inner):
                var sub: Schema? = nil
                if case .mapping(let sc)? = field?.type { sub = sc }
                walk(inner, schema: sub, prefix: key, top: false, type: type, into: &out)
            case .sequence(let q):
                var element: ValueType = .text
                if case .list(let e)? = field?.type { element = e }
                for (i, item) in q.items.enumerated() {
                    let k = "\(key)[\(i + 1)]"
                    switch item {
                    case .scalar(let s):
                        let fixed = s.style == .literal || s.style == .folded
                        out.append(
                            Row(
                                key: k, value: s.value, type: element, required: false,
                                action: fixed ? .fixed : .replace(s)))
                    case .mapping(let im):
                        var sub: Schema? = nil
                        if case .mapping(let sc) = element { sub = sc }
                        walk(im, schema: sub, prefix: k, top: false, type: type, into: &out)
                    case .sequence:
                        continue
                    }
                }
                if top, let field { newItem(field, into: &out) }
            }
        }
        // What the schema declares and the file lacks.
        for f in schema?.fields ?? []
        where m.entry(f.name) == nil && Rules.NotApplicable.applies(f, to: type)
            && !(top && fixedNames.contains(f.name))
        {
            let key = prefix.isEmpty ? f.name : prefix + "." + f.name
            if isScalarType(f.type) {
                out.append(
                    Row(
                        key: key, value: "", type: f.type, required: isRequired(f, type: type),
                        action: top ? .set(f.name) : .insert(m, f.name)))
            } else if top {
                newItem(f, into: &out)
            }
        }
    }

    /// The rows for one new item of a top-level list.
    private static func newItem(_ f: Field, into out: inout [Row]) {
        guard case .list(let element) = f.type else { return }
        switch element {
        case .mapping(let sub):
            for g in sub.fields where isScalarType(g.type) {
                let k = "\(f.name)[+].\(g.name)"
                out.append(
                    Row(
                        key: k, value: "", type: g.type, required: g.requirement == .required,
                        action: .item(list: f.name, field: g.name)))
            }
        case _ where isScalarType(element):
            let k = "\(f.name)[+]"
            out.append(Row(key: k, value: "", type: element, required: false, action: .append(f.name)))
        default:
            return
        }
    }

    /// The rows of a new file: its schema's values, fields of its mappings, one item of each
    /// list (a list of values: one per line).
    static func rows(new schema: Schema, fixed: [(String, String)]) -> [Row] {
        var out: [Row] = []
        for (k, v) in fixed { out.append(Row(key: k, value: v, type: .text, required: true, action: .fixed)) }
        for f in schema.fields where !fixedNames.contains(f.name) {
            switch f.type {
            case .mapping(let sub):
                for g in sub.fields where isScalarType(g.type) {
                    let k = f.name + "." + g.name
                    out.append(
                        Row(key: k, value: "", type: g.type, required: false, action: .create([f.name, g.name])))
                }
            case .list(let element):
                if case .mapping(let sub) = element {
                    for g in sub.fields where isScalarType(g.type) {
                        let k = "\(f.name)[+].\(g.name)"
                        out.append(
                            Row(
                                key: k, value: "", type: g.type, required: g.requirement == .required,
                                action: .create([f.name, "+", g.name])))
                    }
                } else if isScalarType(element) {
                    out.append(
                        Row(key: f.name, value: "", type: .list(element), required: false, action: .create([f.name])))
                }
            case .any: continue
            default:
                out.append(
                    Row(
                        key: f.name, value: "", type: f.type, required: f.requirement == .required,
                        action: .create([f.name])))
            }
        }
        return out
    }

    // MARK: - Planning

    /// What the form's values make of the file: the change, or why not.
    static func plan(
        _ target: Target, path: String, original: [UInt8]?, values: [String: String], schema: Schema,
        author: String, today: Day
    ) throws(KHError) -> ChangeSet.Change {
        if let original {
            var doc: EditableDocument
            do { doc = try EditableDocument(bytes: original, path: path) } catch {
                throw KHError(EditorMsg.unreadable(path))
            }
            var items: [String: [(String, String)]] = [:]
            do {
                for row in rows(doc, schema: schema) {
                    guard let v = values[row.key] else { continue }
                    switch row.action {
                    case .replace(let s): if v != (s.isNull ? "" : s.value) { try doc.replace(s, with: v) }
                    case .set(let name): if !v.isEmpty { try doc.set(name, v) }
                    case .insert(let m, let name): if !v.isEmpty { try doc.insert(name, v, into: m) }
                    case .append(let list): if !v.isEmpty { try doc.append(to: list, v) }
                    case .item(let list, let field): if !v.isEmpty { items[list, default: []].append((field, v)) }
                    case .create, .fixed: continue
                    }
                }
                // A new item's fields in the schema's order.
                for (list, fields) in items.sorted(by: { $0.key < $1.key }) {
                    var order: [String] = []
                    if case .list(.mapping(let sub))? = schema[list]?.type { order = sub.fields.map(\.name) }
                    let sorted = fields.sorted {
                        (order.firstIndex(of: $0.0) ?? .max) < (order.firstIndex(of: $1.0) ?? .max)
                    }
                    try doc.appendItem(to: list, sorted)
                }
            } catch {
                throw KHError(EditorMsg.cannotWrite(path))
            }
            guard doc.hasEdits else { throw KHError(EditorMsg.unchanged) }
            do { try doc.set(FieldName.updated, today.description) } catch {
                throw KHError(EditorMsg.cannotWrite(path))
            }
            return .modify(path: path, original: original, bytes: doc.result())
        }
        // A new file: the rows of its form, in the schema's order; `.create`'s path says where
        // each value goes (a field, a field of a mapping, a field of the list's one item).
        var e: [(String, YAMLValue)] = []
        var inner: [String: [(String, YAMLValue)]] = [:]
        var items = Set<String>()
        func place(_ name: String, _ value: YAMLValue) {
            if !e.contains(where: { $0.0 == name }) { e.append((name, value)) }
        }
        let fixed = target.fixedFields
        for row in rows(new: schema, fixed: fixed) {
            switch row.action {
            case .fixed: place(row.key, .scalar(row.value))
            case .create(let path):
                guard let v = values[row.key], !v.isEmpty else { continue }
                if path.count == 1, case .list = row.type {
                    let lines = v.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                        !$0.isEmpty
                    }
                    if !lines.isEmpty { place(path[0], .list(lines.map { .scalar($0) })) }
                } else if path.count == 1 {
                    place(path[0], .scalar(v))
                } else {
                    inner[path[0], default: []].append((path[path.count - 1], .scalar(v)))
                    if path.count == 3 { items.insert(path[0]) }  // [list, "+", field]
                    place(path[0], .scalar(""))  // its place in the order; filled in below
                }
            default: continue
            }
        }
        e = e.map { name, value in
            inner[name].map { (name, items.contains(name) ? YAMLValue.list([.map($0)]) : .map($0)) } ?? (name, value)
        }
        guard e.count > fixed.count else { throw KHError(EditorMsg.unchanged) }
        e += Headers.fields(author: author, today: today)
        return .create(path: path, bytes: Array(YAMLWriter.document(e).utf8))
    }
}

enum EditorMsg {
    static func unreadable(_ path: String) -> Text {
        Text(
            zh: "\(path) 不是可读的 YAML 映射，网页上不能修改；请先用 kh validate 查看并在文件里改正",
            en:
                "\(path) is not a readable YAML mapping and cannot be edited here; see kh validate and correct the file first"
        )
    }
    static func cannotWrite(_ path: String) -> Text {
        Text(
            zh: "kh 无法在不改动其他内容的前提下把这些值写入 \(path)（例如流式列表或多行文字）；请在文件里修改",
            en:
                "kh cannot write these values into \(path) without changing anything else (a flow list, a block of several lines, say); edit the file"
        )
    }
    static let unchanged = Text(zh: "没有任何修改，未保存", en: "nothing was changed; nothing saved")
    static func exists(_ path: String) -> Text {
        Text(
            zh: "\(path) 已经存在（可能刚被别人建立）；没有保存，请打开它修改",
            en: "\(path) exists already (someone may just have created it); nothing was saved: open it to edit")
    }
}

// MARK: - The pages

extension Editor {
    /// What the visitor typed: the `f.`-prefixed fields, trimmed (a textarea's line breaks
    /// kept as `\n`).
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

    static func schema(_ page: PageContext, _ target: Target) -> Schema {
        page.state.archive.config.schemas[target.type] ?? Declarations.schema(for: target.type)
    }

    /// The rows for the file as it is now (nil bytes: a new file).
    static func rows(_ page: PageContext, _ target: Target, bytes: [UInt8]?, path: String) -> [Row]? {
        let schema = schema(page, target)
        guard let bytes else { return rows(new: schema, fixed: target.fixedFields) }
        guard let doc = try? EditableDocument(bytes: bytes, path: path) else { return nil }
        return rows(doc, schema: schema)
    }

    static func form(
        _ page: PageContext, number: String, target: Target, values: [String: String]? = nil, hash: String? = nil,
        refusal: String? = nil, errors: [Diagnostic] = [], diff: String? = nil, preview: String? = nil,
        status: Int = 200
    ) -> WebResponse {
        guard page.app.settings.permission >= .edit else {
            return page.app.errorPage(
                403,
                Text(
                    zh: "kh serve 以 --allow \(page.app.settings.permission.rawValue) 启动，不能修改档案",
                    en:
                        "kh serve was started with --allow \(page.app.settings.permission.rawValue): the archive cannot be edited"
                ), page.language)
        }
        guard let s = Pages.snapshot(page, number: number), let path = target.path(s) else {
            return Pages.notFound(page, number)
        }
        let bytes = CustomerReader.source(root: page.state.archive.root, path: path)
        guard let rows = rows(page, target, bytes: bytes, path: path) else {
            return page.app.errorPage(422, EditorMsg.unreadable(path), page.language)
        }
        let config = page.state.archive.config
        let hash = hash ?? bytes.map { page.app.seen.remember($0) } ?? "-"
        // Where each error goes: the row of its field, or of the new item it is in.
        func problem(_ row: Row) -> [String: Any]? {
            let plus = row.key.range(of: "[+]")
            guard
                let d = errors.first(where: { d in
                    guard let p = d.path else { return false }
                    if p == row.key || p.hasPrefix(row.key + ".") { return true }
                    guard let plus else { return false }
                    let head = String(row.key[..<plus.lowerBound]) + "["
                    let tail = "]" + String(row.key[plus.upperBound...])
                    return p.hasPrefix(head) && p.hasSuffix(tail) && rows.allSatisfy { $0.key != p }
                })
            else { return nil }
            return ["code": d.code, "message": page.text(d.message)]
        }
        let members = config.team.filter(\.active).map(\.name)
        var out: [[String: Any]] = []
        for row in rows {
            var r: [String: Any] = [:]
            let value = values?[row.key] ?? row.value
            r["label"] =
                row.key.contains("[+]")
                ? (page.zh ? "新增" : "new ") + label(row.key).replacingOccurrences(of: " +", with: "")
                : label(row.key)
            r["required"] = row.required
            r["value"] = value
            r["name"] = "f." + row.key
            r["key"] = row.key
            r["original"] = row.value
            if let p = problem(row) { r["problem"] = p }
            if case .fixed = row.action {
                r["fixed"] = true
                out.append(r)
                continue
            }
            var options: [String]?
            switch row.type {
            case .choice(let v): options = v
            case .configChoice(let l): options = config.list(l)
            case .level: options = ["高", "中", "低"]
            case .yesno: options = ["是", "否"]
            case .person: options = members
            default: options = nil
            }
            if let options {
                r["isSelect"] = true
                r["options"] = Views.options(options, value, empty: !row.required || value.isEmpty)
            } else if case .list = row.type {
                r["textarea"] = true
                r["hint"] = page.zh ? "每行一项" : "one per line"
            } else if value.contains("\n") || value.count > 40
                || ["备注", "决策流程", "个人偏好", "说明", "注册地址"].contains(
                    row.key.split(separator: ".").last.map(String.init) ?? "")
            {
                r["textarea"] = true
            } else {
                r["input"] = true
                switch row.type {
                case .date where value.isEmpty || Values.date(value) != nil: r["inputType"] = "date"
                case .money, .moneyWan, .integer:
                    r["inputType"] = "text"
                    r["inputMode"] = "decimal"
                case .mobile, .phone: r["inputType"] = "tel"
                default: r["inputType"] = "text"
                }
            }
            out.append(r)
        }
        var ctx: [String: Any] = [:]
        ctx["number"] = s.number
        ctx["name"] = s.name
        ctx["heading"] = target.title(page.zh)
        ctx["file"] = path
        ctx["isNew"] = bytes == nil
        ctx["action"] = target.action
        ctx["hash"] = hash
        ctx["rows"] = out
        if let refusal { ctx["refusal"] = refusal }
        if let diff { ctx["diff"] = diff }
        if let preview { ctx["preview"] = preview }
        ctx["errors"] = errors.map { Pages.problemRow($0, page, base: s.directory.path) }
        ctx["hasErrors"] = !errors.isEmpty
        return page.html("edit", title: target.title(page.zh) + " · " + s.name, ctx, status: status)
    }

    static func save(_ page: PageContext, number: String, target: Target) -> WebResponse {
        let values = changed(page)
        let hash = page.field("hash")
        let previewOnly = page.field("action") == "preview"
        guard let s = Pages.snapshot(page, number: number), let path = target.path(s) else {
            return Pages.notFound(page, number)
        }
        guard let author = page.session.member else {
            return form(
                page, number: number, target: target, values: values, hash: hash, refusal: page.text(Forms.chooseFirst),
                status: 422)
        }
        let folder = s.directory.name
        // Plans from the file as it is now; the form's version must be that one.
        func planned(_ archive: Archive) throws(Forms.FormError) -> Plans.Planned {
            let now = CustomerReader.source(root: archive.root, path: path)
            switch (now, hash) {
            case (nil, "-"): break
            case (nil, _): throw .conflict(Forms.conflictText(path))
            case (.some, "-"): throw .conflict(EditorMsg.exists(path))
            case (.some(let b), _): guard SHA1.gitBlob(b) == hash else { throw .conflict(Forms.conflictText(path)) }
            }
            do throws(KHError) {
                let author = try Author.resolve(author, config: archive.config, root: archive.root)
                let schema = archive.config.schemas[target.type] ?? Declarations.schema(for: target.type)
                let change = try plan(
                    target, path: path, original: now, values: values, schema: schema, author: author,
                    today: Clock.now(archive.config).day)
                var p = Plans.Planned()
                p.changes = ChangeSet([change])
                p.before = [folder]
                p.after = [folder]
                return p
            } catch {
                throw .plan(error)
            }
        }
        func conflict(_ message: Text) -> WebResponse {
            let now = CustomerReader.source(root: page.state.archive.root, path: path)
            let diff =
                now.map { Forms.difference(page, now: $0, since: hash) }
                ?? (page.zh ? "（文件已被删除）" : "(the file was removed)")
            return form(
                page, number: number, target: target, values: values,
                hash: now.map { page.app.seen.remember($0) } ?? "-",
                refusal: page.text(message), diff: diff, status: 409)
        }
        if previewOnly {
            do throws(Forms.FormError) {
                let p = try planned(page.state.archive)
                return form(
                    page, number: number, target: target, values: values, hash: hash,
                    preview: p.changes.describe(page.language, contents: true))
            } catch {
                switch error {
                case .plan(let e):
                    return form(
                        page, number: number, target: target, values: values, hash: hash, refusal: page.text(e.message),
                        errors: e.diagnostics, status: 422)
                case .conflict(let t): return conflict(t)
                }
            }
        }
        let fields = values.keys.sorted().prefix(6).joined(separator: "、") + (values.count > 6 ? "…" : "")
        let verb: Text
        switch target {
        case .basic: verb = Text(zh: "修改基本信息", en: "Edit basic information")
        // "-": the form was for a new file (the plan refuses it if one appeared since).
        case .needs: verb = hash == "-" ? Text(zh: "新建需求偏好", en: "Add needs") : Text(zh: "修改需求偏好", en: "Edit needs")
        case .assessment(let y): verb = Text(zh: "\(y) 年度价值评估", en: "Assessment for \(y)")
        }
        let message = Text(
            zh: "\(verb.zh)：\(s.number) \(s.name)（\(fields)）", en: "\(verb.en): \(s.number) \(s.name) (\(fields))")
        switch Forms.write(page, folders: [folder], message: { message }, planned) {
        case .written: return .redirect("/customers/" + Form.encode(s.number))
        case .refused(let message, let errors):
            return form(
                page, number: number, target: target, values: values, hash: hash, refusal: page.text(message),
                errors: errors, status: 422)
        case .failed(409, let message): return conflict(message)
        case .failed(let status, let message):
            return form(
                page, number: number, target: target, values: values, hash: hash, refusal: page.text(message),
                status: status)
        }
    }
}
