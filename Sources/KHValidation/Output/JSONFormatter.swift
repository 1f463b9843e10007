import KHModel
import KHSupport
import KHYAML

/// A stable JSON document (sorted keys, two-space indentation), documented in the README.
public enum JSONFormatter: ResultFormatter {
    public static let identifier = "json"

    /// The document's format version; raised only on incompatible changes.
    public static let formatVersion = 1

    public static func format(_ ctx: FormatContext) -> String {
        let r = ctx.result
        let diagnostics: [JSON] = r.diagnostics.map { d in
            .object([
                ("code", .string(d.code)),
                ("rule", .string(d.rule?.name ?? "")),
                ("severity", .string(d.severity.rawValue)),
                ("file", .string(ctx.display(d.file))),
                ("line", .int(d.start?.line)),
                ("column", .int(d.start?.column)),
                ("endLine", .int(d.end?.line)),
                ("endColumn", .int(d.end?.column)),
                ("path", .string(d.path)),
                ("message", .string(d.message.string(ctx.language))),
                ("fix", fixJSON(d.fix, ctx)),
                (
                    "notes",
                    .array(
                        d.notes.map { n in
                            .object([
                                ("file", .string(ctx.display(n.file))),
                                ("line", .int(n.start?.line)),
                                ("column", .int(n.start?.column)),
                                ("message", .string(n.message.string(ctx.language))),
                            ])
                        })
                ),
            ])
        }
        let e = r.count(.error)
        let w = r.count(.warning)
        // With --changed-since: the revision, and the customers untouched since it (only their
        // numbers and duplicates were checked; `customers` counts the changed ones).
        // `widenedBy`: the files changed since it that govern every customer (all were checked).
        let partial: [(String, JSON)] =
            r.changedSince.map {
                [
                    ("changedSince", .string($0)), ("unchanged", .int(r.unchanged)),
                    ("widenedBy", .array(r.widenedBy.map { .string($0) })),
                ]
            } ?? []
        let doc = JSON.object([
            ("tool", .string("kh")),
            ("version", .string(khVersion)),
            ("formatVersion", .int(formatVersion)),
            ("language", .string(ctx.language.rawValue)),
            ("diagnostics", .array(diagnostics)),
            (
                "summary",
                .object(
                    [
                        ("customers", .int(r.customers)),
                        ("documents", .int(r.documents)),
                    ] + partial + [
                        ("errors", .int(e)),
                        ("warnings", .int(w)),
                        ("notices", .int(r.count(.notice))),
                        ("waived", .int(r.waived)),
                        ("fixable", .int(r.fixable)),
                        ("passed", .bool(e == 0 && !(ctx.strict && w > 0))),
                    ])
            ),
        ])
        return doc.rendered() + "\n"
    }

    /// `{"replace": "2024-03-05"}`, `{"move": {"from": …, "to": …}}`, or left out.
    static func fixJSON(_ fix: Fix?, _ ctx: FormatContext) -> JSON? {
        switch fix {
        case .replace(let v)?: return .object([("replace", .string(v))])
        case .move(let from, let to)?:
            return .object([
                ("move", .object([("from", .string(ctx.display(from))), ("to", .string(ctx.display(to)))]))
            ])
        case nil: return nil
        }
    }
}
