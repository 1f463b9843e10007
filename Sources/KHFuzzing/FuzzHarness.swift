import KHModel
import KHOutputs
import KHSpreadsheet
import KHSupport
import KHValidation
import KHWrite
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What each fuzz target does with one input. The libFuzzer targets under `Fuzz/` call it for
/// every input the fuzzer makes, and `FuzzReplayTests` call it for every seed and every input
/// that once crashed (`Tests/KHTestSupport/Fixtures/fuzz/<target>/`): one mechanism, so a
/// crasher found by the fuzzer is a regression test the moment its file is added.
///
/// Besides "does not crash", each target checks properties that must hold for any input and
/// stops the process (`fatalError`, which the fuzzer reports as a crash) when one does not:
/// - `yaml`: every diagnostic points at a line and column inside the file; every string the
///   parser returns, written back by `YAMLWriter` (plain, quoted, in a flow list), reads back as
///   the same string; an in-place edit of a readable mapping gives a file that reads back with
///   the new value and nothing else changed.
/// - `validate`: the input replaces one document (or kh.yaml) of an archive holding one
///   example customer, and everything that reads documents runs over it: validation with every
///   output format, `kh fix`'s plan, the index with details, the catalogue, `kh review`, `kh report`.
///   Every diagnostic's position is inside its file.
/// - `import`: the input is a CSV/.xlsx file, or one part of an otherwise valid .xlsx (the first
///   byte chooses); every file the import would write must read back as a YAML mapping
///   without errors.
public enum FuzzHarness {
    public enum Target: String, CaseIterable, Sendable {
        case yaml, validate, importer = "import"
    }

    public static func run(_ target: Target, _ bytes: [UInt8]) {
        switch target {
        case .yaml: yaml(bytes)
        case .validate: validate(bytes)
        case .importer: importer(bytes)
        }
    }

    static func require(_ condition: @autoclosure () -> Bool, _ what: @autoclosure () -> String) {
        if !condition() { fatalError("fuzz property violated: \(what())") }
    }

    // MARK: - YAML

    static func yaml(_ bytes: [UInt8]) {
        let parsed = YAMLParser.parse(bytes, file: "f.yaml")
        let lines = bytes.count < YAMLLimits.maxFileSize ? lineLengths(bytes) : []
        if !lines.isEmpty { for d in parsed.diagnostics { requireInside(d, lines) } }
        guard let root = parsed.root else { return }

        // Every string the parser gives back survives the writer.
        var budget = 64
        visit(root) { scalar in
            guard budget > 0 else { return }
            budget -= 1
            roundTrip(scalar.value)
        }

        // In-place edits: the first top-level scalar gets another scalar's value.
        guard case .mapping(let m) = root, var doc = try? EditableDocument(bytes: bytes, path: "f.yaml") else { return }
        var values: [String] = []
        visit(root) { if values.count < 8 { values.append($0.value) } }
        guard
            let target = m.entries.first(where: {
                if case .scalar(let s) = $0.value { return !s.isNull } else { return false }
            }),
            case .scalar(let scalar) = target.value
        else { return }
        let newValue = values.last { $0 != scalar.value && !$0.isEmpty } ?? "新的值"
        guard (try? doc.replace(scalar, with: newValue)) != nil else { return }
        let edited = doc.result()
        let again = YAMLParser.parse(edited, file: "f.yaml")
        require(
            again.diagnostics.allSatisfy { $0.severity != .error },
            "an in-place edit made a readable file unreadable: \(again.diagnostics.map { $0.message.en })")
        guard case .mapping(let m2)? = again.root else {
            fatalError("fuzz property violated: the edited file is no longer a mapping")
        }
        require(m2.entries.count == m.entries.count, "an in-place edit changed the number of keys")
        let key = target.key.value
        require(
            same(m2.entry(key)?.value.scalar?.value, newValue),
            "an in-place edit of \(key) wrote \(String(reflecting: m2.entry(key)?.value.scalar?.value)), not \(String(reflecting: newValue))"
        )
    }

    /// The same text scalar for scalar (Swift's `==` on strings is canonical equivalence:
    /// "é" and "e\u{301}" are equal there, not in a file).
    static func same(_ a: String?, _ b: String) -> Bool {
        guard let a else { return false }
        return a.unicodeScalars.elementsEqual(b.unicodeScalars)
    }

    /// A string written as a YAML value (block and flow) reads back as the same string.
    static func roundTrip(_ value: String) {
        // The writer refuses nothing: the strings it cannot write as YAML (control characters
        // a YAML file cannot hold) are escaped in double quotes.
        for (text, inFlow) in [
            ("k: " + YAMLWriter.scalar(value, flow: false) + "\n", false),
            ("k: [" + YAMLWriter.scalar(value, flow: true) + "]\n", true),
            ("k: " + YAMLWriter.doubleQuoted(value) + "\n", false),
        ] {
            let parsed = YAMLParser.parse(Array(text.utf8), file: "w.yaml")
            guard parsed.diagnostics.allSatisfy({ $0.severity != .error }) || text.utf8.count > YAMLLimits.maxFileSize
            else {
                fatalError(
                    "fuzz property violated: YAMLWriter wrote \(String(reflecting: text)), which does not read: \(parsed.diagnostics.map { $0.message.en })"
                )
            }
            guard case .mapping(let m)? = parsed.root, let v = m.entry("k")?.value else { continue }
            let back: String?
            if inFlow, case .sequence(let s) = v { back = s.items.first?.scalar?.value } else { back = v.scalar?.value }
            require(
                same(back, value),
                "YAMLWriter wrote \(String(reflecting: value)) as \(String(reflecting: text)), read back as \(String(reflecting: back))"
            )
        }
        // Whole documents, as kh new and kh import write them: a value on several lines is a
        // literal block, in a mapping and in a list.
        let lines = value + "\n" + value
        let document = YAMLWriter.document([
            ("k", .scalar(lines)), ("l", .list([.scalar(lines), .scalar("x")])), ("z", .scalar("end")),
        ])
        let parsed = YAMLParser.parse(Array(document.utf8), file: "w.yaml")
        guard case .mapping(let m)? = parsed.root, parsed.diagnostics.allSatisfy({ $0.severity != .error }) else {
            fatalError(
                "fuzz property violated: YAMLWriter wrote \(String(reflecting: document)), which does not read: \(parsed.diagnostics.map { $0.message.en })"
            )
        }
        require(
            same(m.entry("k")?.value.scalar?.value, lines)
                && same(m.entry("l")?.value.sequence?.items.first?.scalar?.value, lines)
                && m.entry("z")?.value.scalar?.value == "end",
            "YAMLWriter wrote \(String(reflecting: lines)) as \(String(reflecting: document))")
    }

    static func visit(_ node: YAMLNode, _ body: (YAMLScalar) -> Void) {
        switch node {
        case .scalar(let s): body(s)
        case .sequence(let s): for item in s.items { visit(item, body) }
        case .mapping(let m):
            for e in m.entries {
                body(e.key)
                visit(e.value, body)
            }
        }
    }

    /// The number of Unicode scalars on each line (the unit of a `Mark`'s column), lines ending
    /// where YAML's do: LF, CRLF, CR, NEL, LS, PS.
    static func lineLengths(_ bytes: [UInt8]) -> [Int] {
        var body = Array(bytes)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        var lengths = [0]
        var i = 0
        while i < body.count {
            let b = body[i]
            if b == 0x0D && i + 1 < body.count && body[i + 1] == 0x0A { i += 1 }
            if b == 0x0A || b == 0x0D
                || (b == 0xC2 && i + 1 < body.count && body[i + 1] == 0x85)
                || (b == 0xE2 && i + 2 < body.count && body[i + 1] == 0x80
                    && (body[i + 2] == 0xA8 || body[i + 2] == 0xA9))
            {
                lengths.append(0)
                i += b == 0xC2 ? 2 : b == 0xE2 ? 3 : 1
                continue
            }
            if b & 0xC0 != 0x80 { lengths[lengths.count - 1] += 1 }
            i += 1
        }
        return lengths
    }

    /// A diagnostic's marks are on a line of the file and at most one column past its end.
    static func requireInside(_ d: Diagnostic, _ lines: [Int]) {
        for mark in [d.start, d.end].compactMap({ $0 }) {
            require(
                mark.line >= 1 && mark.line <= lines.count && mark.column >= 1
                    && mark.column <= lines[mark.line - 1] + 2,
                "\(d.code) at \(mark.line):\(mark.column) is outside the file (\(lines.count) lines)")
        }
    }

    // MARK: - Validating a document

    /// The documents an input can replace; the first byte chooses.
    static let documents = [
        ConfigLoader.fileName,
        "客户档案/KH-2024-001_星辰科技/01-客户基本信息/基本信息.yaml",
        "客户档案/KH-2024-001_星辰科技/02-合作背景/2024-03-01-数据安全平台.yaml",
        "客户档案/KH-2024-001_星辰科技/03-互动记录/2024-Q2/2024-04-15-电话.yaml",
        "客户档案/KH-2024-001_星辰科技/04-需求偏好/需求偏好.yaml",
        "客户档案/KH-2024-001_星辰科技/05-价值评估/2024.yaml",
    ]

    /// An archive made once per process from the embedded template, with one customer.
    nonisolated(unsafe) static var scratch: String?

    static func scratchArchive() -> String {
        if let scratch { return scratch }
        var template = Array("/tmp/kh-fuzz-XXXXXX".utf8CString)
        guard
            let dir = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) })
        else {
            fatalError("cannot create a temporary folder")
        }
        let root = dir + "/archive"
        do { _ = try Initializer.create(at: root, name: nil, examples: true, publication: nil) } catch {
            fatalError("cannot create the scratch archive")
        }
        for e in FileSystem.list(root + "/" + customersFolder) ?? []
        where !e.name.hasPrefix("KH-2024-001_") && e.name.hasPrefix("KH-") {
            Initializer.removeTree(root + "/" + customersFolder + "/" + e.name)
        }
        scratch = root
        // Gone when the process ends (the fuzzer's fork mode starts many).
        atexit { if let root = FuzzHarness.scratch { Initializer.removeTree(String(root.dropLast("/archive".count))) } }
        return root
    }

    /// The scratch archive's files as the template has them (each input starts from these).
    nonisolated(unsafe) static var originals: [String: [UInt8]] = [:]

    static func validate(_ bytes: [UInt8]) {
        let root = scratchArchive()
        guard let first = bytes.first else { return }
        let path = documents[Int(first) % documents.count]
        let content = Array(bytes.dropFirst())
        if originals.isEmpty {
            for p in documents {
                if case .success(let b) = FileSystem.read(root + "/" + p, limit: 1 << 20) { originals[p] = b }
            }
        }
        do { try AtomicWrite.write(content, to: root + "/" + path) } catch {
            fatalError("cannot write the scratch archive")
        }
        defer { try? AtomicWrite.write(originals[path] ?? [], to: root + "/" + path) }

        guard let archive = try? Archive.open(root) else { return }
        let result = archive.validate()
        let lines = lineLengths(content)
        for d in result.diagnostics where d.file == path && content.count <= YAMLLimits.maxFileSize {
            requireInside(d, lines)
        }
        let source = SourceLines(root: root)
        for format in OutputFormat.allCases {
            for language in Language.allCases {
                _ = format.formatter.format(
                    FormatContext(
                        result: result, language: language,
                        sourceLine: { source.line($0, $1) }))
            }
        }
        _ = Fixer(archive).plan(result.diagnostics)
        let (records, _) = archive.index(details: true)
        let catalogue = Catalogue(title: archive.config.archiveName, records: records)
        _ = catalogue.markdown() + catalogue.html() + catalogue.csv() + catalogue.json()
        _ = IndexJSON.render(title: "f", records: records, result: result, language: .zh)
        let asOf = Day(year: 2025, month: 6, day: 30)
        let review = Review.run(archive, asOf: asOf)
        _ = review.markdown(language: .zh) + review.html(language: .en) + review.json(language: .zh)
        let report = Report.make(archive, period: .year(2025, asOf: asOf))
        _ = report.markdown() + report.html() + report.json()
        _ = CustomerRegistry(archive)
    }

    // MARK: - Importing a spreadsheet

    /// The parts of an .xlsx that an input can stand for (first byte 1…4); 0 takes the input as
    /// a whole file (CSV or .xlsx).
    static let parts = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"]

    static func importer(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let body = Array(bytes.dropFirst())
        let mode = Int(first) % (parts.count + 1)
        let file = mode == 0 ? body : xlsx(replacing: parts[mode - 1], with: body)
        guard let table = try? Spreadsheet.read(bytes: file, name: "f") else { return }
        guard let archive = try? Archive.open(scratchArchive()) else { return }
        let importer = Importer(
            registry: CustomerRegistry(archive), author: "张三", today: Day(year: 2025, month: 6, day: 30))
        guard let report = try? importer.plan(table) else { return }
        for change in report.planned.changes.changes {
            guard case .create(let path, let written) = change, path.hasSuffix(".yaml") else { continue }
            let parsed = YAMLParser.parse(written, file: path)
            require(
                parsed.diagnostics.allSatisfy { $0.severity != .error },
                "import would write \(path), which does not read: \(parsed.diagnostics.map { $0.message.en })\n\(String(decoding: written, as: UTF8.self))"
            )
            if case .mapping? = parsed.root {
            } else {
                fatalError("fuzz property violated: import would write \(path), not a mapping")
            }
        }
        // What export writes from a table imports again.
        _ = Spreadsheet.xlsx(table, sheetName: "客户")
    }

    /// A valid .xlsx (one sheet with shared strings) with one part replaced.
    static func xlsx(replacing part: String, with data: [UInt8]) -> [UInt8] {
        let sharedStrings =
            XLSXWriter.declaration + """
                <sst xmlns="\(XLSXWriter.main)" count="2" uniqueCount="2"><si><t>客户名称</t></si><si><t>海川制造</t></si></sst>
                """
        let sheet =
            XLSXWriter.declaration + """
                <worksheet xmlns="\(XLSXWriter.main)"><sheetData>\
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>首次接触时间</t></is></c></row>\
                <row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" s="1"><v>45474</v></c></row>\
                </sheetData></worksheet>
                """
        let rels = XLSXWriter.workbookRels.replacingOccurrences(
            of: "</Relationships>",
            with:
                "<Relationship Id=\"rId3\" Type=\"\(XLSXWriter.relationshipTypes)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"
        )
        var files: [(name: String, data: [UInt8])] = [
            ("[Content_Types].xml", Array(XLSXWriter.contentTypes.utf8)),
            ("_rels/.rels", Array(XLSXWriter.packageRels.utf8)),
            ("xl/workbook.xml", Array(XLSXWriter.workbook(sheetName: "Sheet1").utf8)),
            ("xl/_rels/workbook.xml.rels", Array(rels.utf8)),
            ("xl/styles.xml", Array(XLSXWriter.styles.utf8)),
            ("xl/sharedStrings.xml", Array(sharedStrings.utf8)),
            ("xl/worksheets/sheet1.xml", Array(sheet.utf8)),
        ]
        for i in files.indices where files[i].name == part { files[i].data = data }
        return ZipWriter.archive(files)
    }
}
