import Foundation

/// A stable JSON document: sorted keys, two-space indentation, documented in the README.
public enum JSONReporter: Reporter {
    public static let identifier = "json"

    struct Position: Encodable {
        var line: Int
        var column: Int
    }

    struct NoteOut: Encodable {
        var file: String
        var line: Int?
        var column: Int?
        var message: String
    }

    struct DiagnosticOut: Encodable {
        var code: String
        var rule: String
        var severity: String
        var file: String
        var line: Int?
        var column: Int?
        var endLine: Int?
        var endColumn: Int?
        var path: String?
        var message: String
        var notes: [NoteOut]
    }

    struct Summary: Encodable {
        var customers: Int
        var documents: Int
        var errors: Int
        var warnings: Int
        var notices: Int
        var waived: Int
        var passed: Bool
    }

    struct Document: Encodable {
        var tool: String
        var version: String
        var formatVersion: Int
        var language: String
        var diagnostics: [DiagnosticOut]
        var summary: Summary
    }

    public static func report(_ ctx: ReportContext) -> String {
        let r = ctx.result
        let diagnostics = r.diagnostics.map { d in
            DiagnosticOut(code: d.code, rule: d.rule?.name ?? "", severity: d.severity.rawValue, file: ctx.display(d.file),
                          line: d.start?.line, column: d.start?.column, endLine: d.end?.line, endColumn: d.end?.column,
                          path: d.path, message: d.message.string(ctx.language),
                          notes: d.notes.map { NoteOut(file: ctx.display($0.file), line: $0.start?.line, column: $0.start?.column,
                                                       message: $0.message.string(ctx.language)) })
        }
        let e = r.count(.error), w = r.count(.warning)
        let doc = Document(tool: "kh", version: khVersion, formatVersion: 1, language: ctx.language.rawValue,
                           diagnostics: diagnostics,
                           summary: Summary(customers: r.customers, documents: r.documents, errors: e, warnings: w,
                                            notices: r.count(.notice), waived: r.waived,
                                            passed: e == 0 && !(ctx.strict && w > 0)))
        return encode(doc) + "\n"
    }

    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
