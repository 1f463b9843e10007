import Foundation
import KHTestSupport
import XCTest

@testable import KHFuzzing
@testable import KHModel
@testable import KHOutputs
@testable import KHPinyin
@testable import KHSpreadsheet
@testable import KHSupport
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// `kh schema`: the JSON Schemas agree with `kh validate` on per-field errors, checked by an
/// independent validator (check-jsonschema from PyPI); a golden schema; the patterns against
/// the `Values` parsers; the command line; the schemas and editor settings of archive-template.
final class SchemaTests: XCTestCase {
    static let template = TestPaths.packageRoot.appendingPathComponent("archive-template").path
    static let fixtures = Golden.fixtures.appendingPathComponent("schema")
    /// The per-field rules a JSON Schema answers for (spec section 5, "Fields").
    static let fieldCodes: Set<String> = [
        "KH201", "KH202", "KH203", "KH204", "KH205", "KH206", "KH207", "KH208", "KH212",
    ]

    func tempDir(_ name: String) throws -> String {
        let dir = NSTemporaryDirectory() + "kh-schema-\(name)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    static func templateConfig() throws -> Config {
        try Archive.open(template).config
    }

    // MARK: - Golden

    /// One schema byte for byte (`assertGolden`), from Fixtures/schema/kh.yaml (a 团队 of three,
    /// 字段 for 互动记录); re-record with KH_RECORD=1.
    func testGoldenInteractionSchema() throws {
        let (config, diagnostics) = try ConfigLoader.load(
            bytes: Array(Data(contentsOf: Self.fixtures.appendingPathComponent("kh.yaml"))))
        XCTAssertEqual(diagnostics.map(brief), [])
        let file = try XCTUnwrap(JSONSchemaGenerator.files(config: config).first { $0.fileName == "互动记录.schema.json" })
        assertGolden(file.json, at: Self.fixtures.appendingPathComponent(file.fileName), normalizingVersion: false)
    }

    /// Every schema is JSON, draft 2020-12, titled, and carries kh.yaml's settings.
    func testShapeAndConfigApplied() throws {
        let config = try Self.templateConfig()
        let files = JSONSchemaGenerator.files(config: config)
        XCTAssertEqual(
            files.map(\.fileName),
            [
                "客户基本信息.schema.json", "合作背景.schema.json", "互动记录.schema.json",
                "需求偏好.schema.json", "价值评估.schema.json", "kh.schema.json",
            ])
        for f in files {
            let object = try XCTUnwrap(
                JSONSerialization.jsonObject(with: Data(f.json.utf8)) as? [String: Any], f.fileName)
            XCTAssertEqual(object["$schema"] as? String, "https://json-schema.org/draft/2020-12/schema")
            XCTAssertNil(object["$id"])
            XCTAssertNil(object["additionalProperties"], "unknown keys are warnings in kh")
            XCTAssertFalse(f.json.contains("\"$ref\""))
            XCTAssertTrue(f.json.hasSuffix("}\n"))
        }
        let basic = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(files[0].json.utf8)) as? [String: Any])
        let properties = try XCTUnwrap(basic["properties"] as? [String: [String: Any]])
        // kh.yaml 字段: 必填 所在地区, 新增 开票抬头 (text) and 合作渠道 (enum).
        XCTAssertTrue((basic["required"] as? [String])?.contains("所在地区") == true)
        func values(_ name: String) -> [String]? {
            (properties[name]?["enum"] as? [Any])?.map { $0 as? String ?? "null" }
        }
        XCTAssertEqual(values("合作渠道"), ["直销", "代理", "待确认", "null"])
        XCTAssertEqual(properties["开票抬头"]?["title"] as? String, "开票抬头")
        XCTAssertEqual(values("所属行业"), config.industries + ["待确认"])
        XCTAssertEqual(values("信息来源"), config.sources + ["待确认", "null"])
        XCTAssertEqual(values("负责销售"), config.team.map(\.name) + ["待确认"])
        XCTAssertEqual(properties["成立时间"]?["description"] as? String, "日期 YYYY-MM-DD（真实存在的日期）")
        XCTAssertEqual(properties["企业名称"]?["description"] as? String, "映射，字段：全称*、简称、拼音（* 为必填）；企业客户必填")
        XCTAssertEqual((basic["allOf"] as? [Any])?.count, 2, "企业名称 for 企业, 姓名 for 个人")
    }

    // MARK: - Patterns against the Values parsers

    /// Each pattern accepts exactly what its `Values` parser accepts (after kh's trimming), over
    /// chosen cases and seeded random strings. ICU (NSRegularExpression) stands in for the
    /// ECMA-262 engine here; the agreement test below runs the real validator.
    func testPatternsMatchValues() throws {
        var rng = SeededGenerator(seed: 20_240_301)
        func check(
            _ name: String, _ core: String, _ cases: [String], alphabet: [String], lengths: ClosedRange<Int>,
            _ kh: (String) -> Bool
        ) throws {
            let regex = try NSRegularExpression(pattern: SchemaPatterns.whole(core))
            var all = cases
            for _ in 0..<4000 {
                var s = ""
                for _ in 0..<Int.random(in: lengths, using: &rng) { s += alphabet.randomElement(using: &rng)! }
                all.append(s)
            }
            // Mutations of the accepted cases: one character changed, dropped or doubled.
            for c in cases where kh(c) {
                let chars = Array(c)
                for i in chars.indices {
                    all.append(String(chars[..<i]) + alphabet.randomElement(using: &rng)! + String(chars[(i + 1)...]))
                    all.append(String(chars[..<i] + chars[(i + 1)...]))
                    all.append(String(chars[...i] + chars[i...]))
                }
            }
            var accepted = 0
            for s in all {
                let ns = s as NSString
                let match = regex.firstMatch(in: s, range: NSRange(location: 0, length: ns.length))
                let schema = match.map { $0.range.location == 0 && $0.range.length == ns.length } ?? false
                let expected = s == pendingValue || kh(s.trimmingWhitespace())
                if schema != expected {
                    XCTFail(
                        "\(name): «\(s)» schema \(schema ? "accepts" : "rejects"), kh \(expected ? "accepts" : "rejects")"
                    )
                }
                if expected { accepted += 1 }
            }
            XCTAssertGreaterThan(accepted, cases.count / 3, name)
        }
        let digits = (0...9).map(String.init)
        try check(
            "date", SchemaPatterns.date,
            [
                "2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "0000-02-29", "2024-04-31", "2024-12-31",
                "2024-13-01",
                "2024-00-10", "2024-1-05", "2024/03/05", " 2024-03-05\u{3000}", "2024-03-05 ", "２０２４-03-05", "待确认",
                "待确认 ",
            ],
            alphabet: digits + ["-", "0", "1", "2"], lengths: 9...11
        ) { Values.date($0) != nil }
        try check(
            "datetime", SchemaPatterns.datetime,
            [
                "2024-03-05 14:30", "2024-03-05 24:00", "2024-03-05 23:59", "2024-03-05 9:30", "2024-03-05T14:30",
                "2024-03-05  14:30",
            ],
            alphabet: digits + ["-", ":", " "], lengths: 15...17
        ) { Values.datetime($0) != nil }
        try check("year", SchemaPatterns.year, ["2024", "202", "20245", "0999"], alphabet: digits, lengths: 3...5) {
            Values.year($0) != nil
        }
        try check(
            "integer", SchemaPatterns.integer, ["0", "320", "-3", "3.0", "999999999999999", "1000000000000000"],
            alphabet: digits + ["-", "."], lengths: 1...17
        ) { Values.integer($0) != nil }
        try check(
            "money", SchemaPatterns.money,
            [
                "1000.00", "-1000.00", "0.50", ".50", "1,000.00", "1000", "1000.5", "1000.005", "--1.00", "-.00",
                "999999999999999.99", "1000000000000000.00",
            ],
            alphabet: digits + ["-", ".", ","], lengths: 3...19
        ) { Values.money($0) != nil }
        try check(
            "fraction", SchemaPatterns.fraction,
            [
                "0.8", "1", "1.0", "1.5", "0", ".5", "0.", "+.5", "-0", "-0.0", "-0.1", ".", "+", "1.000", "01", "00.5",
                "1e-1",
            ],
            alphabet: digits + [".", "+", "-", "e"], lengths: 1...5
        ) { Values.fraction($0) != nil }
        try check(
            "hours", SchemaPatterns.hours,
            [
                "0.5", "4", "24", "0", "2.25", "999999", "999999.5", "1000000", ".5", "1.", "+1", "-1", "1e1", "1..5",
                "1.5.5", "00.5", " 0.5 ",
            ],
            alphabet: digits + [".", "-", "+", "e"], lengths: 1...8
        ) { Values.hours($0) != nil }
        try check(
            "mobile", SchemaPatterns.mobile,
            [
                "13812345678", "138 1234 5678", "138-1234-5678", "+86 139 0213 4567", "+86-13902134567",
                "+8613902134567", "+86  13902134567",
                "1381234567", "12812345678", "138--1234-5678", "-13812345678", "13812345678-", "+87 13812345678",
                "+86 -13812345678",
            ],
            alphabet: digits + [" ", "-", "1", "3", "+86"], lengths: 10...15
        ) { Values.mobile($0) != nil }
        try check(
            "phone", SchemaPatterns.phone,
            [
                "010-62345678", "0755-8888888-123", "0755-8888888-1234567", "+86-10-62345678", "+86-010-62345678",
                "62345678", "010-02345678",
                "400-800-1234", "4008001234", "400 800 1234", "400--800-1234", "400-800-1234-", "800 - 820 - 8820",
                "400-800-123",
                "010 62345678", "01-62345678", "+86 10 62345678", "13812345678",
            ],
            alphabet: digits + ["-", " ", "0", "+86-", "400", "800"], lengths: 8...14
        ) { Values.isPhone($0) }
        try check(
            "email", SchemaPatterns.email,
            [
                "name@example.com", "a.b+c@mail.example.cn", ".a@example.com", "a.@example.com", "a..b@example.com",
                "a@b@example.com",
                "a@example", "a@example.c", "a@-example.com", "a@example-.com", "a@example.c0m", "用户@example.com",
                "a@例子.中国",
                "a@例子。中国", "a@ex_ample.com", String(repeating: "a", count: 64) + "@example.com",
                String(repeating: "a", count: 65) + "@example.com",
            ],
            alphabet: ["a", "b", "1", ".", "@", "-", "_", "+", "例", "com", "。"], lengths: 3...12
        ) { Values.isEmail($0) }
        try check(
            "url", SchemaPatterns.url,
            [
                "https://www.example.com", "http://example.com/a?b=c#d", "https://localhost:8080/x",
                "https://localhost", "https://LOCALHOST",
                "https://example", "https://例子.中国/关于", "https://ex ample.com", "ftp://example.com", "https://",
                "https://.com",
                "https://a..b", "https://a.b:", "https://user@example.com", "www.example.com", "https://例子。中国",
            ],
            alphabet: ["https://", "http://", "a", "b", ".", "/", ":", "-", "例", " ", "?", "@"], lengths: 2...8
        ) { Values.isURL($0) }
        try check(
            "credit-code form", SchemaPatterns.creditCode,
            [
                "91110108MA01XK7Q3G", "91110108MA01XK7Q3H", "91110108MA01XK7Q3", "91110108MA01XK7Q3GG",
                "91110108MI01XK7Q3G", "91110108ma01xk7q3g",
            ],
            alphabet: digits + ["A", "I", "O", "Z", "Y"], lengths: 17...19
        ) { Values.creditCodeProblem($0) != "" }
    }

    // MARK: - Command line

    func testCommandLine() throws {
        let listing = try KHCommand.run(["schema", Self.template])
        XCTAssertEqual(listing.status, 0, listing.stderr)
        XCTAssertTrue(listing.stdout.contains("  客户基本信息.schema.json → 客户档案/*/01-客户基本信息/*.yaml\n"), listing.stdout)
        XCTAssertTrue(listing.stdout.contains("  互动记录.schema.json → 客户档案/*/03-互动记录/*/*.yaml\n"), listing.stdout)
        XCTAssertTrue(listing.stdout.contains("  kh.schema.json → kh.yaml\n"), listing.stdout)

        let dir = try tempDir("cli") + "/a/b"
        let written = try KHCommand.run(["schema", "-o", dir, "--lang", "en", Self.template])
        XCTAssertEqual(written.status, 0, written.stderr)
        XCTAssertEqual(written.stdout, "wrote 6 JSON Schemas into \(dir)/\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        XCTAssertEqual(
            names, JSONSchemaGenerator.files(config: try Self.templateConfig()).map(\.fileName).sorted(),
            "no temporary files left")
        XCTAssertEqual(try KHCommand.run(["schema", "--check", dir, Self.template]).status, 0)
        // Stale: one file changed.
        try Data("{}\n".utf8).write(to: URL(fileURLWithPath: dir + "/价值评估.schema.json"))
        let stale = try KHCommand.run(["schema", "--check", dir, Self.template])
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue(stale.stderr.contains("价值评估.schema.json"), stale.stderr)
        XCTAssertFalse(stale.stderr.contains("互动记录.schema.json"), stale.stderr)
        // Found from a subfolder, like validate; bad arguments and no archive exit 2.
        let fromSub = try KHCommand.run(["schema", "--check", dir], cwd: Self.template + "/客户档案")
        XCTAssertEqual(fromSub.status, 1)
        XCTAssertEqual(try KHCommand.run(["schema", "-o", dir, "--check", dir, Self.template]).status, 2)
        XCTAssertEqual(try KHCommand.run(["schema", try tempDir("none")]).status, 2)
        // -o onto a file: exit 2, nothing written.
        let file = try tempDir("file") + "/f"
        try Data().write(to: URL(fileURLWithPath: file))
        XCTAssertEqual(try KHCommand.run(["schema", "-o", file, Self.template]).status, 2)
    }

    // MARK: - The template

    /// archive-template commits its schemas (schema/) and maps them for VS Code's YAML extension.
    func testTemplateSchemasAndEditorSettings() throws {
        let files = JSONSchemaGenerator.files(config: try Self.templateConfig())
        let dir = Self.template + "/schema"
        // What kh schema -o archive-template/schema writes: under KH_RECORD=1, written (and the test fails).
        for f in files {
            assertGolden(
                f.json, at: URL(fileURLWithPath: dir).appendingPathComponent(f.fileName), normalizingVersion: false,
                note: "archive-template/schema is embedded for kh init: after re-recording, run make embed")
        }
        let check = try KHCommand.run(["schema", "--check", dir, Self.template])
        XCTAssertEqual(
            check.status, 0,
            "archive-template/schema is stale: kh schema archive-template -o archive-template/schema && make embed\n"
                + check.stderr)
        // Embedded for kh init.
        for f in files {
            XCTAssertTrue(
                TemplateFiles.all.first { $0.path == "schema/" + f.fileName }?.content == f.json,
                "schema/\(f.fileName) is not embedded as generated: make embed")
        }
        let settings = try XCTUnwrap(
            JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: Self.template + "/.vscode/settings.json")))
                as? [String: Any])
        let mapped = try XCTUnwrap(settings["yaml.schemas"] as? [String: String])
        XCTAssertEqual(
            mapped, Dictionary(uniqueKeysWithValues: files.map { ("./schema/" + $0.fileName, $0.documents) }))
        let extensions = try XCTUnwrap(
            JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: Self.template + "/.vscode/extensions.json")))
                as? [String: Any])
        XCTAssertEqual(extensions["recommendations"] as? [String], ["redhat.vscode-yaml"])
    }

    // MARK: - Agreement with kh validate

    /// check-jsonschema, installed from PyPI when missing; nil (skip) when it cannot be, except under CI=true.
    static func checkJSONSchema() throws -> [String]? {
        let environment = ProcessInfo.processInfo.environment
        func onPath(_ name: String) -> String? {
            for dir in (environment["PATH"] ?? "").split(separator: ":") {
                let path = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
            return nil
        }
        if let exe = onPath("check-jsonschema") { return [exe] }
        guard let python = onPath("python3") else { return nil }
        func module() throws -> Bool {
            try KHCommand.runProgram(python, ["-m", "check_jsonschema", "--version"]).status == 0
        }
        if try module() { return [python, "-m", "check_jsonschema"] }
        for extra in [[], ["--user"]] {
            let r = try KHCommand.runProgram(
                python, ["-m", "pip", "install", "--quiet"] + extra + ["check-jsonschema"])
            if r.status == 0, try module() { return [python, "-m", "check_jsonschema"] }
        }
        return nil
    }

    struct Fixture {
        var name: String
        /// nil: kh.yaml.
        var type: DocumentType?
        var text: String
        /// Whether kh reports a per-field error (and the schema rejects the file).
        var error: Bool
    }

    /// A field error kh reports and the schema, by design, cannot see (see JSONSchema.swift).
    struct KnownDifference {
        var name: String
        var type: DocumentType
        var text: String
    }

    func testAgreementWithKhValidate() throws {
        guard let validator = try Self.checkJSONSchema() else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                XCTFail("CI must have check-jsonschema (python3 -m pip install check-jsonschema)")
                return
            }
            throw XCTSkip("check-jsonschema is not installed and pip could not install it")
        }
        let work = try tempDir("agree")
        let schemaDir = work + "/schema"
        let generated = try KHCommand.run(["schema", "-o", schemaDir, Self.template])
        XCTAssertEqual(generated.status, 0, generated.stderr)

        func schema(for file: String) -> String {
            if file.hasSuffix(ConfigLoader.fileName) { return schemaDir + "/" + JSONSchemaGenerator.configFileName }
            let parts = file.split(separator: "/").map(String.init)
            let type = parts.lazy.compactMap(DocumentType.init(folder:)).first!
            return schemaDir + "/" + JSONSchemaGenerator.fileName(for: type)
        }
        /// Whether check-jsonschema rejects each file: one run per schema over all its files
        /// (side by side), read from its JSON report (a file with a schema error or one it
        /// could not parse is rejected).
        func rejects(_ files: [String]) -> [String: Bool] {
            let program = validator[0]
            let groups = Dictionary(grouping: files, by: schema(for:)).sorted { $0.key < $1.key }
            let jobs = groups.map {
                Array(validator.dropFirst()) + ["--output-format", "json", "--schemafile", $0.key] + $0.value
            }
            let results = Results(count: jobs.count)
            DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
                results.set(i, try? KHCommand.runProgram(program, jobs[i]))
            }
            var out: [String: Bool] = [:]
            for (i, group) in groups.enumerated() {
                guard let r = results.runs[i], r.status == 0 || r.status == 1,
                    let report = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [String: Any]
                else {
                    XCTFail(
                        "check-jsonschema failed on \(group.key): \(results.runs[i].map { $0.stdout + $0.stderr } ?? "did not run")"
                    )
                    continue
                }
                let named =
                    ((report["errors"] as? [[String: Any]] ?? []) + (report["parse_errors"] as? [[String: Any]] ?? []))
                    .compactMap { $0["filename"] as? String }
                for f in group.value { out[f] = named.contains(f) }
                XCTAssertEqual(
                    r.status == 1, !named.isEmpty, "check-jsonschema's exit status and its report on \(group.key)")
            }
            return out
        }
        /// The files under `root` kh reports a per-field error for (paths relative to root).
        func khErrors(_ root: String) throws -> Set<String> {
            let r = try KHCommand.run(["validate", "--format", "json", "."], cwd: root)
            XCTAssertTrue(r.status == 0 || r.status == 1, r.stderr)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            let diagnostics = try XCTUnwrap(object["diagnostics"] as? [[String: Any]])
            return Set(
                diagnostics.filter {
                    ($0["severity"] as? String) == "error" && Self.fieldCodes.contains($0["code"] as? String ?? "")
                }
                .compactMap { $0["file"] as? String })
        }

        // 1. Every document of archive-template: accepted by both.
        var templateFiles = [ConfigLoader.fileName]
        let enumerator = FileManager.default.enumerator(atPath: Self.template + "/" + customersFolder)!
        while let rel = enumerator.nextObject() as? String {
            if rel.hasSuffix(".yaml") { templateFiles.append(customersFolder + "/" + rel) }
        }
        templateFiles.sort()
        XCTAssertGreaterThanOrEqual(templateFiles.count, 16)
        XCTAssertEqual(try khErrors(Self.template), [])
        // One run per schema over all its documents: exit 0 means every one is accepted.
        let bySchema = Dictionary(grouping: templateFiles.map { Self.template + "/" + $0 }, by: schema(for:))
        for (schemaFile, files) in bySchema.sorted(by: { $0.key < $1.key }) {
            let r = try KHCommand.runProgram(
                validator[0], Array(validator.dropFirst()) + ["--schemafile", schemaFile] + files)
            XCTAssertEqual(r.status, 0, "archive-template against \(schemaFile): \(r.stdout)\(r.stderr)")
        }

        // 2. One archive, one customer per fixture; kh.yaml fixtures in archives of their own.
        let archive = work + "/archive"
        try FileManager.default.createDirectory(atPath: archive, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.template + "/kh.yaml", toPath: archive + "/kh.yaml")
        var expected: [String: (name: String, error: Bool)] = [:]
        var configArchives: [(root: String, fixture: Fixture)] = []
        var differences: [(path: String, name: String)] = []
        func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }
        /// A customer with the base 基本信息 (or the fixture's) and the fixture's document.
        func customer(_ n: Int, type: DocumentType, text: String) throws -> String {
            let number = "KH-2030-" + String(format: "%03d", n)
            let dir = "\(archive)/\(customersFolder)/\(number)_测试"
            let path = dir + "/" + type.folder + "/" + Self.documentName(type)
            if type != .basicInfo {
                try write(dir + "/" + DocumentType.basicInfo.folder + "/基本信息.yaml", Self.number(Self.basicInfo, number))
            }
            try write(path, Self.number(text, number))
            return path
        }
        var n = 0
        for fixture in Self.fixtureList {
            if let type = fixture.type {
                n += 1
                let path = try customer(n, type: type, text: fixture.text)
                expected[path] = (fixture.name, fixture.error)
            } else {
                let root = work + "/config-\(configArchives.count)"
                try write(root + "/kh.yaml", fixture.text)
                try FileManager.default.createDirectory(
                    atPath: root + "/" + customersFolder, withIntermediateDirectories: true)
                configArchives.append((root, fixture))
            }
        }
        for d in Self.knownDifferences {
            n += 1
            differences.append((try customer(n, type: d.type, text: d.text), d.name))
        }

        // The fixture documents (not the base 基本信息 beside the other types: it is fixture "valid 企业").
        let allFiles = expected.keys.sorted() + differences.map(\.path)
        let configFiles = configArchives.map { $0.root + "/kh.yaml" }
        let verdicts = rejects(allFiles + configFiles)
        var kh = Set(try khErrors(archive).map { archive + "/" + $0 })
        for (root, _) in configArchives { kh.formUnion(try khErrors(root).map { root + "/" + $0 }) }

        var agreed = 0
        var rejected = 0
        for file in allFiles + configFiles {
            let name =
                expected[file]?.name ?? configArchives.first { $0.root + "/kh.yaml" == file }?.fixture.name ?? file
            if let d = differences.first(where: { $0.path == file }) {
                XCTAssertTrue(kh.contains(file), "known difference \(d.name): kh should report an error")
                XCTAssertEqual(verdicts[file], false, "known difference \(d.name): the schema should accept")
                continue
            }
            let want =
                expected[file]?.error ?? configArchives.first { $0.root + "/kh.yaml" == file }?.fixture.error ?? false
            XCTAssertEqual(kh.contains(file), want, "kh validate on \(name)")
            XCTAssertEqual(verdicts[file], kh.contains(file), "check-jsonschema vs kh validate on \(name)")
            if verdicts[file] == kh.contains(file) {
                agreed += 1
                if kh.contains(file) { rejected += 1 }
            }
        }
        print(
            "schema agreement: \(templateFiles.count) template documents accepted by both; \(agreed) of \(Self.fixtureList.count) fixtures agree (\(rejected) rejected by both, \(agreed - rejected) accepted by both); \(differences.count) known differences"
        )
    }

    // MARK: - Fixtures

    static func documentName(_ type: DocumentType) -> String {
        switch type {
        case .basicInfo: return "基本信息.yaml"
        case .cooperation: return "2030-01-10-数据平台.yaml"
        case .interaction: return "2030-Q1/2030-01-20-电话.yaml"
        case .needs: return "需求偏好.yaml"
        case .assessment: return "2030.yaml"
        }
    }

    static func number(_ text: String, _ number: String) -> String {
        text.replacingOccurrences(of: "KH-2030-000", with: number)
    }

    /// `base` with `old` (which must occur exactly once) replaced.
    static func edit(_ base: String, _ old: String, _ new: String) -> String {
        precondition(base.components(separatedBy: old).count == 2, "fixture edit: «\(old)» must occur once")
        return base.replacingOccurrences(of: old, with: new)
    }

    static let basicInfo = """
        档案编号: KH-2030-000
        客户类型: 企业
        企业名称:
          全称: 测试科技有限公司
          简称: 测试
        所属行业: 信息技术
        所在地区: 北京市
        成立时间: 2015-06-18
        注册资本: 500.00
        官网: https://www.example.com
        企业规模:
          员工数: 320
          年营收: 1亿-10亿
        负责销售: 王磊
        客户阶段: 意向
        信息来源: 展会对接
        标签: [数据安全]
        联系人:
          - 姓名: 张伟
            手机: 13812345678
            电话: 010-62345678
            邮箱: zhangwei@example.com
            决策人: 是
        合作渠道: 直销
        创建时间: 2030-01-15
        创建人: 王磊
        最后更新时间: 2030-01-16

        """

    static let contacts =
        "联系人:\n  - 姓名: 张伟\n    手机: 13812345678\n    电话: 010-62345678\n    邮箱: zhangwei@example.com\n    决策人: 是\n"

    static let person = """
        档案编号: KH-2030-000
        客户类型: 个人
        姓名: 测试
        所属行业: 教育
        所在地区: 上海市
        负责销售: 陈静
        客户阶段: 意向
        联系人:
          - 姓名: 测试
            手机: +86 139 0213 4567
        创建时间: 2030-01-15
        创建人: 陈静
        最后更新时间: 2030-01-15

        """

    static let cooperation = """
        合作项目: 数据平台
        签订日期: 2030-01-10
        合同期限:
          开始: 2030-02-01
          结束: 2031-01-31
        合作金额: 120000.00
        合作状态: 执行中
        续约记录:
          - {日期: 2030-12-01, 金额: 130000.00, 开始: 2031-02-01, 结束: 2032-01-31}
        创建时间: 2030-01-10
        创建人: 王磊
        最后更新时间: 2030-01-10

        """

    static let interaction = """
        沟通时间: 2030-01-20 10:30
        沟通方式: 电话
        参与人员:
          我方: [王磊, 李娜]
          客户方: [张伟]
        内容类型: 日常维护
        沟通内容: 例行回访
        下一步计划:
          - 事项: 发送报价单
            负责人: 王磊
            截止日期: 2030-01-25
            优先级: 高
            状态: 待办
        问题处理:
          问题等级: 二级
          接收时间: 2030-01-20 10:30
        创建时间: 2030-01-20
        创建人: 王磊
        最后更新时间: 2030-01-20

        """

    static let needs = """
        价格敏感度: 中
        沟通偏好: [电话, 微信]
        需求:
          - 名称: 数据备份
            优先级: 高
            预算下限: 10000.00
            预算上限: 50000.00
            状态: 挖掘中
        创建时间: 2030-01-20
        创建人: 王磊
        最后更新时间: 2030-01-20

        """

    static let assessment = """
        年度: 2030
        年度合作金额: 120000.00
        行业影响力: 中
        价值等级: A
        创建时间: 2030-12-31
        创建人: 王磊
        最后更新时间: 2030-12-31

        """

    static var config: String {
        (try? String(contentsOfFile: template + "/kh.yaml", encoding: .utf8)) ?? ""
    }

    static var fixtureList: [Fixture] {
        let b = basicInfo
        func basic(_ name: String, _ old: String, _ new: String, error: Bool) -> Fixture {
            Fixture(name: name, type: .basicInfo, text: edit(b, old, new), error: error)
        }
        func doc(
            _ type: DocumentType, _ base: String, _ name: String, _ old: String, _ new: String, error: Bool
        ) -> Fixture {
            Fixture(name: name, type: type, text: edit(base, old, new), error: error)
        }
        func cfg(_ name: String, _ old: String, _ new: String, error: Bool) -> Fixture {
            Fixture(name: name, type: nil, text: edit(config, old, new), error: error)
        }
        return [
            Fixture(name: "valid 企业", type: .basicInfo, text: b, error: false),
            Fixture(name: "valid 个人", type: .basicInfo, text: person, error: false),
            Fixture(name: "valid 合作背景", type: .cooperation, text: cooperation, error: false),
            Fixture(name: "valid 互动记录", type: .interaction, text: interaction, error: false),
            Fixture(name: "valid 需求偏好", type: .needs, text: needs, error: false),
            Fixture(name: "valid 价值评估", type: .assessment, text: assessment, error: false),
            // Dates.
            basic("bad date 2023-02-29", "成立时间: 2015-06-18", "成立时间: 2023-02-29", error: true),
            basic("date 2024/3/5", "成立时间: 2015-06-18", "成立时间: 2024/3/5", error: true),
            basic("leap day 2000-02-29", "成立时间: 2015-06-18", "成立时间: 2000-02-29", error: false),
            basic(
                "quoted date with full-width space", "成立时间: 2015-06-18", "成立时间: \"2015-06-18\u{3000}\"", error: false),
            basic("optional date empty", "成立时间: 2015-06-18", "成立时间: ~", error: false),
            basic("required date empty", "创建时间: 2030-01-15", "创建时间:", error: true),
            // Amounts and numbers.
            basic("amount 1,000", "注册资本: 500.00", "注册资本: 1,000", error: true),
            basic("amount 5000.00 (a number to YAML)", "注册资本: 500.00", "注册资本: 5000.00", error: false),
            basic("amount \"500.5\"", "注册资本: 500.00", "注册资本: \"500.5\"", error: true),
            basic("integer 320.5", "员工数: 320", "员工数: 320.5", error: true),
            basic("integer \"320\"", "员工数: 320", "员工数: \"320\"", error: false),
            basic("integer -3", "员工数: 320", "员工数: -3", error: true),
            // Mobiles, phones, e-mail, web.
            basic("mobile 10 digits", "手机: 13812345678", "手机: 1381234567", error: true),
            basic("mobile 138-1234-567", "手机: 13812345678", "手机: 138-1234-567", error: true),
            basic("mobile +8613902134567 (a number to YAML)", "手机: 13812345678", "手机: +8613902134567", error: false),
            basic("mobile 138 1234 5678", "手机: 13812345678", "手机: 138 1234 5678", error: false),
            basic("phone without area code", "电话: 010-62345678", "电话: 62345678", error: true),
            basic("phone holding a mobile", "电话: 010-62345678", "电话: 13812345678", error: true),
            basic("phone 4008001234 (a number to YAML)", "电话: 010-62345678", "电话: 4008001234", error: false),
            basic("phone +86-10-62345678", "电话: 010-62345678", "电话: +86-10-62345678", error: false),
            basic("phone 0755-8888888-123", "电话: 010-62345678", "电话: 0755-8888888-123", error: false),
            basic("e-mail without domain", "邮箱: zhangwei@example.com", "邮箱: zhangwei@example", error: true),
            basic("e-mail with two @", "邮箱: zhangwei@example.com", "邮箱: zhang@wei@example.com", error: true),
            basic("url without scheme", "官网: https://www.example.com", "官网: www.example.com", error: true),
            basic("url with Chinese host", "官网: https://www.example.com", "官网: https://例子.中国/关于", error: false),
            basic("credit code of 17 characters", "负责销售: 王磊", "统一社会信用代码: 91110108MA01XK7Q3\n负责销售: 王磊", error: true),
            basic("credit code valid", "负责销售: 王磊", "统一社会信用代码: 91110108MA01XK7Q3G\n负责销售: 王磊", error: false),
            // Lists of values.
            basic("industry not in kh.yaml 行业", "所属行业: 信息技术", "所属行业: 互联网", error: true),
            basic("revenue range not in kh.yaml 营收区间", "年营收: 1亿-10亿", "年营收: 一个亿", error: true),
            basic("source not in kh.yaml 信息来源", "信息来源: 展会对接", "信息来源: 朋友", error: true),
            basic("kh.yaml 新增 enum value not in list", "合作渠道: 直销", "合作渠道: 分销", error: true),
            basic("yes/no as Y", "决策人: 是", "决策人: Y", error: true),
            basic("yes/no as true", "决策人: 是", "决策人: true", error: true),
            basic("person not in 团队", "负责销售: 王磊", "负责销售: 张三", error: true),
            basic("former staff as 负责销售 (a warning)", "负责销售: 王磊", "负责销售: 郑凯", error: false),
            // Presence.
            basic("missing required field", "负责销售: 王磊\n", "", error: true),
            basic("missing kh.yaml 必填 所在地区", "所在地区: 北京市\n", "", error: true),
            basic("待确认 in a required field (a warning)", "负责销售: 王磊", "负责销售: 待确认", error: false),
            basic("待确认 for a required list", contacts, "联系人: 待确认\n", error: false),
            basic("待确认 for a mapping", "企业规模:\n  员工数: 320\n  年营收: 1亿-10亿", "企业规模: 待确认", error: false),
            basic("unknown key (a warning)", "合作渠道: 直销", "合作渠道: 直销\n爱好: 高尔夫", error: false),
            basic("empty required list", contacts, "联系人: []\n", error: true),
            basic("empty list item", "标签: [数据安全]", "标签:\n  -\n  - 数据安全", error: true),
            basic("text only white space", "所在地区: 北京市", "所在地区: \"\u{3000}\"", error: true),
            basic("kh.yaml 新增 text empty", "合作渠道: 直销", "合作渠道: 直销\n开票抬头: \"\"", error: true),
            // Shapes.
            basic("single value where a list is expected", "标签: [数据安全]", "标签: 数据安全", error: true),
            basic(
                "single value where a mapping is expected", "企业名称:\n  全称: 测试科技有限公司\n  简称: 测试", "企业名称: 测试科技有限公司",
                error: true),
            basic("a list item that should be a mapping", "联系人:\n  - 姓名: 张伟", "联系人:\n  - 张伟\n  - 姓名: 张伟", error: true),
            // 客户类型.
            Fixture(name: "个人 without 企业名称", type: .basicInfo, text: person, error: false),
            basic("企业 without 企业名称", "企业名称:\n  全称: 测试科技有限公司\n  简称: 测试\n", "", error: true),
            basic("企业 with an empty 企业名称", "企业名称:\n  全称: 测试科技有限公司\n  简称: 测试\n", "企业名称:\n", error: true),
            Fixture(name: "个人 without 姓名", type: .basicInfo, text: edit(person, "姓名: 测试\n所属行业", "所属行业"), error: true),
            Fixture(
                name: "个人 with 企业名称 (not applicable: a warning)", type: .basicInfo,
                text: edit(person, "姓名: 测试\n所属行业", "姓名: 测试\n企业名称: {全称: 测试有限公司}\n所属行业"), error: false),
            basic(
                "客户类型 待确认: neither name required", "客户类型: 企业\n企业名称:\n  全称: 测试科技有限公司\n  简称: 测试\n", "客户类型: 待确认\n",
                error: false),
            // Other documents.
            doc(.cooperation, cooperation, "amount 1,000", "合作金额: 120000.00", "合作金额: 1,000", error: true),
            doc(.cooperation, cooperation, "negative amount", "合作金额: 120000.00", "合作金额: \"-500.00\"", error: false),
            doc(
                .cooperation, cooperation, "待确认 for a required mapping", "合同期限:\n  开始: 2030-02-01\n  结束: 2031-01-31",
                "合同期限: 待确认", error: false),
            doc(.cooperation, cooperation, "nested required field missing", "  结束: 2031-01-31\n", "", error: true),
            doc(.cooperation, cooperation, "amount 13万 in a list item", "金额: 130000.00", "金额: 13万", error: true),
            doc(.cooperation, cooperation, "status not in list", "合作状态: 执行中", "合作状态: 进行中", error: true),
            doc(
                .interaction, interaction, "datetime without time", "沟通时间: 2030-01-20 10:30", "沟通时间: 2030-01-20",
                error: true),
            doc(
                .interaction, interaction, "datetime 24:00", "沟通时间: 2030-01-20 10:30", "沟通时间: 2030-01-20 24:00",
                error: true),
            doc(.interaction, interaction, "method not in list", "沟通方式: 电话", "沟通方式: 面谈", error: true),
            doc(.interaction, interaction, "unknown person in a list", "我方: [王磊, 李娜]", "我方: [王磊, 王五]", error: true),
            doc(
                .interaction, interaction, "single person where a list is expected", "我方: [王磊, 李娜]", "我方: 王磊",
                error: true),
            doc(.interaction, interaction, "level not in list", "优先级: 高", "优先级: 急", error: true),
            doc(.interaction, interaction, "next step without 截止日期", "    截止日期: 2030-01-25\n", "", error: true),
            doc(.interaction, interaction, "待确认 for a list item's required field", "优先级: 高", "优先级: 待确认", error: false),
            doc(.interaction, interaction, "optional enum empty", "    状态: 待办", "    状态:", error: false),
            doc(.interaction, interaction, "text read as a number", "沟通内容: 例行回访", "沟通内容: 12345", error: false),
            doc(.interaction, interaction, "multi-line text", "沟通内容: 例行回访", "沟通内容: |\n  例行回访。\n  客户满意。", error: false),
            doc(.needs, needs, "list item not in list", "沟通偏好: [电话, 微信]", "沟通偏好: [电话, 飞鸽]", error: true),
            doc(.needs, needs, "待确认 as a list item", "沟通偏好: [电话, 微信]", "沟通偏好: [电话, 待确认]", error: false),
            doc(.needs, needs, "budget 1w", "预算下限: 10000.00", "预算下限: 1w", error: true),
            doc(.assessment, assessment, "year 30", "年度: 2030", "年度: 30", error: true),
            doc(.assessment, assessment, "year quoted", "年度: 2030", "年度: \"2030\"", error: false),
            doc(.assessment, assessment, "level not in list", "行业影响力: 中", "行业影响力: 很高", error: true),
            // kh.yaml.
            cfg("kh.yaml 完整度 1.5", "完整度: 0.8", "完整度: 1.5", error: true),
            cfg("kh.yaml 完整度 quoted", "完整度: 0.8", "完整度: \"0.8\"", error: false),
            cfg("kh.yaml 问题时限 in decimal hours", "一级: {响应: 1, 解决: 4}", "一级: {响应: 0.5, 解决: 2.5}", error: false),
            cfg("kh.yaml 问题时限 quoted", "一级: {响应: 1, 解决: 4}", "一级: {响应: \"0.5\", 解决: \"4\"}", error: false),
            cfg("kh.yaml 问题时限 in words", "一级: {响应: 1, 解决: 4}", "一级: {响应: 半小时, 解决: 4}", error: true),
            cfg("kh.yaml 问题时限 negative", "一级: {响应: 1, 解决: 4}", "一级: {响应: -1, 解决: 4}", error: true),
            cfg("kh.yaml 问题时限 with a unit", "一级: {响应: 1, 解决: 4}", "一级: {响应: 1h, 解决: 4}", error: true),
            cfg("kh.yaml without 档案库", "档案库: 示例科技有限公司客户档案", "# 档案库: 无", error: true),
            cfg("kh.yaml 角色 not in list", "角色: 管理员", "角色: 经理", error: true),
            cfg("kh.yaml unknown key (a warning)", "完整度: 0.8", "完整度: 0.8\n备注: 测试", error: false),
        ]
    }

    /// kh reports these (KH203, KH207); a JSON Schema cannot: how a number was written, a
    /// check character, the order of two dates.
    static let knownDifferences: [KnownDifference] = [
        KnownDifference(
            name: "amount without decimals (120000)", type: .cooperation,
            text: edit(cooperation, "合作金额: 120000.00", "合作金额: 120000")),
        KnownDifference(
            name: "amount with one decimal (1000.5)", type: .assessment,
            text: edit(assessment, "年度合作金额: 120000.00", "年度合作金额: 1000.5")),
        KnownDifference(
            name: "credit code with a wrong check character", type: .basicInfo,
            text: edit(basicInfo, "负责销售: 王磊", "统一社会信用代码: 91110108MA01XK7Q3H\n负责销售: 王磊")),
        KnownDifference(
            name: "contract ending before it starts", type: .cooperation,
            text: edit(cooperation, "结束: 2031-01-31", "结束: 2030-01-31")),
    ]
}

/// Runs gathered from concurrent work.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var runs: [KHCommand.Run?]
    init(count: Int) { runs = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ run: KHCommand.Run?) {
        lock.lock()
        runs[i] = run
        lock.unlock()
    }
}

/// A small deterministic random number generator (SplitMix64) for the pattern tests.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
