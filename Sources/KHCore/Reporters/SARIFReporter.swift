import Foundation

/// SARIF 2.1.0, for code scanning. The region is left out when a diagnostic has no line;
/// columns count Unicode code points, as kh's do.
public enum SARIFReporter: Reporter {
    public static let identifier = "sarif"

    struct Message: Encodable { var text: String }
    struct Configuration: Encodable { var level: String }
    struct RuleOut: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var defaultConfiguration: Configuration
        var help: Message
    }
    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var rules: [RuleOut]
    }
    struct Tool: Encodable { var driver: Driver }
    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int?
        var endColumn: Int?
    }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }
    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
        var message: Message?
    }
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
    }
    struct Run: Encodable {
        var tool: Tool
        var columnKind: String
        var results: [Result]
    }
    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema", version, runs
        }
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .notice: return "note"
        }
    }

    public static func report(_ ctx: ReportContext) -> String {
        let rules = Rule.allCases
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.code, $0) })
        let ruleOut = rules.map { r in
            RuleOut(id: r.code, name: r.name, shortDescription: Message(text: r.summary.string(ctx.language)),
                    fullDescription: Message(text: r.summary.string(ctx.language == .zh ? .en : .zh)),
                    defaultConfiguration: Configuration(level: level(r.severity)),
                    help: Message(text: "kh rules \(r.code)"))
        }
        func location(_ file: String, _ start: Mark?, _ end: Mark?, _ message: String?) -> Location {
            let region = start.map { s in
                Region(startLine: s.line, startColumn: s.column, endLine: end?.line, endColumn: end?.column)
            }
            return Location(physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri(ctx.display(file))), region: region),
                            message: message.map(Message.init))
        }
        let results = ctx.result.diagnostics.map { d in
            Result(ruleId: d.code, ruleIndex: index[d.code] ?? 0, level: level(d.severity),
                   message: Message(text: d.message.string(ctx.language)),
                   locations: [location(d.file, d.start, d.end, nil)],
                   relatedLocations: d.notes.isEmpty ? nil : d.notes.map { location($0.file, $0.start, nil, $0.message.string(ctx.language)) })
        }
        let log = Log(schema: "https://json.schemastore.org/sarif-2.1.0.json", version: "2.1.0",
                      runs: [Run(tool: Tool(driver: Driver(name: "kh", version: khVersion, semanticVersion: khVersion,
                                                           rules: ruleOut)),
                                 columnKind: "unicodeCodePoints", results: results)])
        return JSONReporter.encode(log) + "\n"
    }

    /// A relative URI reference: each path segment percent-encoded (UTF-8).
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~/")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
