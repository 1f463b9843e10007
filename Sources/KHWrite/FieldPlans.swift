import Foundation
import KHModel
import KHSupport
import KHValidation
import KHYAML

/// The field-by-field edit of one document (kh serve's 01 基本信息, 04 需求偏好 and 05 价值评估
/// forms): its rows come from the file as it is and from its schema (kh.yaml's 字段 included),
/// so a department's own fields are editable too. An edit changes only the bytes of the values
/// that changed (EditableDocument: comments, order and layout stay); a new file is written as
/// kh writes documents.
public enum FieldForm {
    /// One value of the form. `key` is the field path as kh's diagnostics write it
    /// (`联系人[2].手机`; `[+]` for a new item).
    public struct Row {
        public enum Action {
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

        public var key: String
        public var value: String
        public var type: ValueType
        public var required: Bool
        public var action: Action
    }

    /// Fields kh keeps (or the folder and file name depend on): shown, not edited.
    public static let fixedNames: Set<String> = [
        FieldName.number, FieldName.customerType, FieldName.created, FieldName.creator, FieldName.updated,
        FieldName.year,
    ]

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
    public static func rows(_ doc: EditableDocument, schema: Schema) -> [Row] {
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
                items(q, field: field, key: key, top: top, type: type, into: &out)
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

    /// The rows of a list's items, then (a top-level list) of one new item.
    private static func items(
        _ q: YAMLSequence, field: Field?, key: String, top: Bool, type: String?, into out: inout [Row]
    ) {
        var element: ValueType = .text
        if case .list(let e)? = field?.type { element = e }
        for (i, item) in q.items.enumerated() {
            let k = "\(key)[\(i + 1)]"
            switch item {
            case .scalar(let s):
                let fixed = s.style == .literal || s.style == .folded
                out.append(
                    Row(key: k, value: s.value, type: element, required: false, action: fixed ? .fixed : .replace(s)))
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
    public static func rows(new schema: Schema, fixed: [(String, String)]) -> [Row] {
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
}

extension Plans {
    /// What a field form's values (by field path) make of the document at `path`: the edit of
    /// `original`, or (nil) a new file with the `fixed` fields its place gives it (05's 年度).
    public static func fields(
        path: String, original: [UInt8]?, values: [String: String], schema: Schema, fixed: [(String, String)],
        author: String, today: Day
    ) throws(KHError) -> ChangeSet.Change {
        guard let original else {
            return try newDocument(
                path: path, values: values, schema: schema, fixed: fixed, author: author, today: today)
        }
        var doc: EditableDocument
        do { doc = try EditableDocument(bytes: original, path: path) } catch {
            throw KHError(FieldFormMsg.unreadable(path))
        }
        do {
            try edit(&doc, values: values, schema: schema)
        } catch {
            throw KHError(FieldFormMsg.cannotWrite(path))
        }
        guard doc.hasEdits else { throw KHError(FieldFormMsg.unchanged) }
        do { try doc.set(FieldName.updated, today.description) } catch {
            throw KHError(FieldFormMsg.cannotWrite(path))
        }
        return .modify(path: path, original: original, bytes: doc.result())
    }

    /// The changed values written into the document; a new item's fields in the schema's order.
    private static func edit(
        _ doc: inout EditableDocument, values: [String: String], schema: Schema
    ) throws(EditableDocument.Problem) {
        var items: [String: [(String, String)]] = [:]
        for row in FieldForm.rows(doc, schema: schema) {
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
        for (list, fields) in items.sorted(by: { $0.key < $1.key }) {
            var order: [String] = []
            if case .list(.mapping(let sub))? = schema[list]?.type { order = sub.fields.map(\.name) }
            let sorted = fields.sorted {
                (order.firstIndex(of: $0.0) ?? .max) < (order.firstIndex(of: $1.0) ?? .max)
            }
            try doc.appendItem(to: list, sorted)
        }
    }

    /// A new file: the rows of its form, in the schema's order; `.create`'s path says where
    /// each value goes (a field, a field of a mapping, a field of the list's one item).
    private static func newDocument(
        path: String, values: [String: String], schema: Schema, fixed: [(String, String)], author: String,
        today: Day
    ) throws(KHError) -> ChangeSet.Change {
        var e: [(String, YAMLValue)] = []
        var inner: [String: [(String, YAMLValue)]] = [:]
        var items = Set<String>()
        func place(_ name: String, _ value: YAMLValue) {
            if !e.contains(where: { $0.0 == name }) { e.append((name, value)) }
        }
        for row in FieldForm.rows(new: schema, fixed: fixed) {
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
        guard e.count > fixed.count else { throw KHError(FieldFormMsg.unchanged) }
        e += Headers.fields(author: author, today: today)
        return .create(path: path, bytes: Array(YAMLWriter.document(e).utf8))
    }
}

/// The messages of a field form's plan.
public enum FieldFormMsg {
    public static func unreadable(_ path: String) -> Text {
        Text(
            zh: "\(path) 不是可读的 YAML 映射，网页上不能修改；请先用 kh validate 查看并在文件里改正",
            en:
                "\(path) is not a readable YAML mapping and cannot be edited here; see kh validate and correct the file first"
        )
    }
    public static func cannotWrite(_ path: String) -> Text {
        Text(
            zh: "kh 无法在不改动其他内容的前提下把这些值写入 \(path)（例如流式列表或多行文字）；请在文件里修改",
            en:
                "kh cannot write these values into \(path) without changing anything else (a flow list, a block of several lines, say); edit the file"
        )
    }
    public static let unchanged = Text(zh: "没有任何修改，未保存", en: "nothing was changed; nothing saved")
    public static func exists(_ path: String) -> Text {
        Text(
            zh: "\(path) 已经存在（可能刚被别人建立）；没有保存，请打开它修改",
            en: "\(path) exists already (someone may just have created it); nothing was saved: open it to edit")
    }
}
