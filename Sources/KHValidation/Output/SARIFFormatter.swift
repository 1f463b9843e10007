import Foundation
import KHModel
import KHSupport
import KHYAML

/// SARIF 2.1.0, for code scanning. The region is left out when a diagnostic has no line;
/// columns count Unicode code points, as kh's do.
public enum SARIFFormatter: ResultFormatter {
    public static let identifier = "sarif"

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .notice: return "note"
        }
    }

    public static func format(_ ctx: FormatContext) -> String {
        let rules = Rule.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.code, $0) })
        let other: Language = ctx.language == .zh ? .en : .zh
        let ruleOut: [JSON] = rules.map { r in
            .object([
                ("id", .string(r.code)),
                ("name", .string(r.name)),
                ("shortDescription", .object([("text", .string(r.summary.string(ctx.language)))])),
                ("fullDescription", .object([("text", .string(r.summary.string(other)))])),
                ("defaultConfiguration", .object([("level", .string(level(r.severity)))])),
                ("help", .object([("text", .string("kh rules \(r.code)"))])),
            ])
        }
        func location(_ file: String, _ start: Mark?, _ end: Mark?, _ message: String?) -> JSON {
            let region: JSON? = start.map { s in
                .object([
                    ("startLine", .int(s.line)), ("startColumn", .int(s.column)),
                    ("endLine", .int(end?.line)), ("endColumn", .int(end?.column)),
                ])
            }
            return .object([
                (
                    "physicalLocation",
                    .object([
                        ("artifactLocation", .object([("uri", .string(uri(ctx.display(file))))])),
                        ("region", region),
                    ])
                ),
                ("message", message.map { .object([("text", .string($0))]) }),
            ])
        }
        let results: [JSON] = ctx.result.diagnostics.map { d in
            .object([
                ("ruleId", .string(d.code)),
                ("ruleIndex", .int(index[d.code] ?? 0)),
                ("level", .string(level(d.severity))),
                ("message", .object([("text", .string(d.message.string(ctx.language)))])),
                ("locations", .array([location(d.file, d.start, d.end, nil)])),
                (
                    "relatedLocations",
                    d.notes.isEmpty
                        ? nil
                        : .array(d.notes.map { location($0.file, $0.start, nil, $0.message.string(ctx.language)) })
                ),
            ])
        }
        let log = JSON.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            (
                "runs",
                .array([
                    .object([
                        (
                            "tool",
                            .object([
                                (
                                    "driver",
                                    .object([
                                        ("name", .string("kh")),
                                        ("version", .string(khVersion)),
                                        ("semanticVersion", .string(khVersion)),
                                        ("rules", .array(ruleOut)),
                                    ])
                                )
                            ])
                        ),
                        ("columnKind", .string("unicodeCodePoints")),
                        ("results", .array(results)),
                    ])
                ])
            ),
        ])
        return log.rendered() + "\n"
    }

    /// A relative URI reference: each path segment percent-encoded (UTF-8).
    static func uri(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E, 0x2F:
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
