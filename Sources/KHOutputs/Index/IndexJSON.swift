import KHModel
import KHSupport
import KHValidation
import KHYAML

/// `kh index --format json`: one deterministic document, a record per customer in number order.
public enum IndexJSON {
    public static let formatVersion = 1

    /// Diagnostics that mean a file or folder could not be read at all: what the index skipped.
    static let skipping: Set<String> = [
        Rule.yamlSyntax, .multipleDocuments, .fileTooLarge, .tooDeep, .invalidUTF8,
        .notAMapping, .unreadable, .symlink, .badCustomerDirectory,
        .missingBasicInfo,
    ].reduce(into: []) { $0.insert($1.code) }

    public static func skipped(_ result: ValidationResult) -> [Diagnostic] {
        result.diagnostics.filter { skipping.contains($0.code) }
    }

    /// One customer's members in kh index's JSON (kh serve's customer JSON starts from them).
    public static func members(_ r: IndexRecord) -> [(String, JSON?)] {
        [
            ("number", .string(r.number)),
            ("directory", .string(r.directory)),
            ("type", .string(r.type)),
            ("name", .string(r.name)),
            ("shortName", .string(r.shortName)),
            (
                "pinyin",
                .object([
                    ("initial", .string(r.pinyin.initial)), ("full", .string(r.pinyin.full)),
                    ("source", .string(r.pinyin.source.rawValue)), ("entry", .string(r.pinyin.entry)),
                ])
            ),
            ("industry", .string(r.industry)),
            ("region", .string(r.region)),
            ("nature", .string(r.nature)),
            ("owner", .string(r.owner)),
            ("stage", .string(r.stage)),
            ("tier", .string(r.tier)),
            ("grade", .object([("declared", .string(r.declaredGrade)), ("computed", .string(r.computedGrade))])),
            ("class", .string(r.customerClass)),
            ("firstInteraction", .string(r.firstInteraction)),
            ("lastInteraction", .string(r.lastInteraction)),
            ("totals", .object(r.totals.map { (String($0.year), JSON.string($0.amount)) })),
            (
                "openNextSteps",
                .array(
                    r.openNextSteps.map { s in
                        .object([
                            ("task", .string(s.task)), ("owner", .string(s.owner)), ("due", .string(s.due)),
                            ("file", .string(s.file)),
                        ])
                    })
            ),
            ("completeness", .int(r.completeness)),
            ("updated", .string(r.updated)),
            ("documents", .object(DocumentType.allCases.map { ($0.rawValue, JSON.int(r.documents[$0] ?? 0)) })),
        ]
    }

    public static func render(
        title: String, records: [IndexRecord], result: ValidationResult, language: Language
    ) -> String {
        let customers: [JSON] = records.map { .object(members($0)) }
        let skipped: [JSON] = skipped(result).map { d in
            .object([
                ("code", .string(d.code)), ("file", .string(d.file)), ("line", .int(d.start?.line)),
                ("message", .string(d.message.string(language))),
            ])
        }
        return JSON.object([
            ("tool", .string("kh")),
            ("version", .string(khVersion)),
            ("formatVersion", .int(formatVersion)),
            ("archive", .string(title)),
            ("customers", .array(customers)),
            ("skipped", .array(skipped)),
        ]).rendered() + "\n"
    }
}
