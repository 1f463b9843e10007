import Foundation
import KHTestSupport
import XCTest

/// README.md and docs/*.md link only inside the repository: every Markdown link, image,
/// reference definition, autolink, bare URL and HTML `href`/`src` outside code must name a file
/// or folder of the repository that exists (relative to the linking file's folder), optionally
/// with a `#anchor` that is a heading of the target Markdown file. URLs shown in code (spans or
/// fenced blocks, e.g. an install command) are not links.
final class DocsLinkTests: XCTestCase {
    struct Link: Equatable {
        var target: String
        var line: Int
    }

    static var root: URL { TestPaths.packageRoot.standardizedFileURL }

    /// README.md and every Markdown file of docs/.
    static func documents() throws -> [URL] {
        let docs = root.appendingPathComponent("docs")
        let names = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }
            .sorted()
        return [root.appendingPathComponent("README.md")] + names.map { docs.appendingPathComponent($0) }
    }

    func testEveryLinkStaysInTheRepositoryAndResolves() throws {
        let documents = try Self.documents()
        XCTAssertGreaterThan(documents.count, 1, "docs/ has no Markdown files")
        var problems: [String] = []
        var count = 0
        for url in documents {
            let text = try String(contentsOf: url, encoding: .utf8)
            let name = String(url.path.dropFirst(Self.root.path.count + 1))
            for link in Self.links(in: text) {
                count += 1
                if let problem = Self.problem(link.target, in: url, root: Self.root) {
                    problems.append("\(name):\(link.line): \(link.target): \(problem)")
                }
            }
        }
        XCTAssertGreaterThan(count, 20, "suspiciously few links found")
        XCTAssertTrue(
            problems.isEmpty, "links that leave the repository or lead nowhere:\n" + problems.joined(separator: "\n"))
    }

    // MARK: - The scanner, on known input

    func testScannerFindsLinksOutsideCodeOnly() {
        let markdown = """
            # Title

            See [the format](docs/archive-format.md#一档案库的结构layout) and ![page](docs/images/p.png "Title").
            A [ref][r] and <https://example.com/auto> and https://bare.example.com/x, or www.example.org.
            `[not a link](http://code.example.com)` and ``code with ` https://x.example`` stay code.
            <img src="logo.png" alt="x"> <a href='../outside.md'>a</a>

            ```sh
            curl -fsSL https://github.com/your-org/kh/releases/latest/download/install.sh | sh
            [also not](http://fenced.example.com)
            ```

            ~~~
            https://tilde.example.com
            ~~~
            [r]: <../shared/spec.md>
            [empty]()
            """
        XCTAssertEqual(
            Self.links(in: markdown),
            [
                Link(target: "docs/archive-format.md#一档案库的结构layout", line: 3),
                Link(target: "docs/images/p.png", line: 3),
                Link(target: "https://example.com/auto", line: 4),
                Link(target: "https://bare.example.com/x", line: 4),
                Link(target: "www.example.org", line: 4),
                Link(target: "logo.png", line: 6),
                Link(target: "../outside.md", line: 6),
                Link(target: "../shared/spec.md", line: 16),
                Link(target: "", line: 17),
            ])
    }

    func testTargetsAreJudgedFromTheLinkingFilesFolder() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("kh-links-" + UUID().uuidString)
            .standardizedFileURL
        let docs = root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(
            at: docs.appendingPathComponent("images"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("# 一、档案库的结构（Layout）\n\n## `kh review [ARCHIVE]`\n\n## Notes\n\n## Notes\n".utf8).write(
            to: docs.appendingPathComponent("format.md"))
        try Data().write(to: docs.appendingPathComponent("images/page.png"))
        try Data("# kh\n".utf8).write(to: root.appendingPathComponent("README.md"))
        let readme = root.appendingPathComponent("README.md")
        let format = docs.appendingPathComponent("format.md")

        XCTAssertNil(Self.problem("docs/format.md", in: readme, root: root))
        XCTAssertNil(Self.problem("docs/images/page.png", in: readme, root: root))
        XCTAssertNil(Self.problem("docs/", in: readme, root: root))
        XCTAssertNil(Self.problem("images/page.png", in: format, root: root))
        XCTAssertNil(Self.problem("../README.md", in: format, root: root))
        XCTAssertNil(Self.problem("./format.md#一档案库的结构layout", in: format, root: root))
        XCTAssertNil(Self.problem("#kh-review-archive", in: format, root: root))
        XCTAssertNil(Self.problem("#notes-1", in: format, root: root))
        XCTAssertNil(Self.problem("docs/format.md#kh-review-archive", in: readme, root: root))
        XCTAssertNil(Self.problem("#kh", in: readme, root: root))
        XCTAssertNil(Self.problem("docs/images/page%2Epng", in: readme, root: root))

        XCTAssertEqual(Self.problem("#nowhere", in: format, root: root), "no heading makes the anchor #nowhere")
        XCTAssertEqual(
            Self.problem("docs/format.md#notes-2", in: readme, root: root), "no heading makes the anchor #notes-2")
        XCTAssertEqual(Self.problem("images/page.png", in: readme, root: root), "no such file: images/page.png")
        XCTAssertEqual(Self.problem("format.md", in: readme, root: root), "no such file: format.md")
        XCTAssertEqual(Self.problem("../../etc/passwd", in: format, root: root), "leaves the repository")
        XCTAssertEqual(Self.problem("../shared/spec.md", in: readme, root: root), "leaves the repository")
        XCTAssertEqual(
            Self.problem("/etc/passwd", in: readme, root: root), "an absolute path, not relative to the file")
        XCTAssertEqual(Self.problem("https://example.com", in: readme, root: root), "points to another site")
        XCTAssertEqual(Self.problem("http://localhost:8080/", in: readme, root: root), "points to another site")
        XCTAssertEqual(Self.problem("mailto:someone@example.com", in: readme, root: root), "points to another site")
        XCTAssertEqual(Self.problem("//cdn.example.com/x.png", in: readme, root: root), "points to another site")
        XCTAssertEqual(Self.problem("www.example.org", in: readme, root: root), "points to another site")
        XCTAssertEqual(Self.problem("", in: readme, root: root), "an empty link")
    }

    func testAnchorsAreGitHubs() {
        XCTAssertEqual(
            Self.anchors(
                in: "# kh — the git-friendly customer archive (客户档案)\n## `kh validate [ARCHIVE]`\n"
                    + "### `kh renumber OLD NEW`, `kh retire NUMBER`\n## 一、档案库的结构（Layout）\n"
                    + "## Decisions where the spec is silent\n## Decisions where the spec is silent\n"
                    + "```\n# not a heading\n```\n#not a heading either\n## [Linked](x.md) *emphasis* ##\n"),
            [
                "kh--the-git-friendly-customer-archive-客户档案", "kh-validate-archive",
                "kh-renumber-old-new-kh-retire-number",
                "一档案库的结构layout", "decisions-where-the-spec-is-silent", "decisions-where-the-spec-is-silent-1",
                "linked-emphasis",
            ])
    }

    // MARK: - Scanning

    /// The links of a Markdown text, in order, with their 1-based lines.
    static func links(in markdown: String) -> [Link] {
        var out: [Link] = []
        var fence: String?
        for (i, raw) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let trimmed = line.drop { $0 == " " }
            if let f = fence {
                if trimmed.hasPrefix(f)
                    && trimmed.drop(while: { String($0) == String(f.first!) }).allSatisfy({ $0 == " " })
                {
                    fence = nil
                }
                continue
            }
            if line.prefix(while: { $0 == " " }).count < 4, trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix { $0 == trimmed.first! })
                continue
            }
            var text = withoutCodeSpans(line)
            var found: [(offset: Int, target: String)] = []
            func take(_ pattern: String, group: Int) {
                let regex = try! NSRegularExpression(pattern: pattern)
                let ns = text as NSString
                var blanked = text
                for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).reversed() {
                    var target = ns.substring(with: m.range(at: group))
                    if target.hasPrefix("<") && target.hasSuffix(">") { target = String(target.dropFirst().dropLast()) }
                    found.append((m.range.location, target))
                    blanked = (blanked as NSString).replacingCharacters(
                        in: m.range, with: String(repeating: " ", count: m.range.length))
                }
                text = blanked
            }
            // Inline links and images: [text](target "title"), ![alt](<target>).
            take(#"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^()\s]*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)"#, group: 1)
            // Reference definitions: [id]: target.
            take(#"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)"#, group: 1)
            // Autolinks: <scheme:…>.
            take(#"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>"#, group: 1)
            // HTML attributes.
            take(#"\b(?:href|src)\s*=\s*["']([^"']*)["']"#, group: 1)
            // Bare URLs, which GitHub turns into links.
            take(#"((?:https?://|www\.)[^\s<>()]*[^\s<>().,;:!?'"*_~])"#, group: 1)
            for f in found.sorted(by: { $0.offset < $1.offset }) { out.append(Link(target: f.target, line: i + 1)) }
        }
        return out
    }

    /// The line with its code spans blanked out (the same length, so offsets keep their order).
    static func withoutCodeSpans(_ line: String) -> String {
        var chars = Array(line)
        var i = 0
        while i < chars.count {
            guard chars[i] == "`" else {
                i += 1
                continue
            }
            var n = 0
            while i + n < chars.count && chars[i + n] == "`" { n += 1 }
            // Find a closing run of exactly n backticks.
            var j = i + n
            var close: Int?
            while j < chars.count {
                if chars[j] == "`" {
                    var m = 0
                    while j + m < chars.count && chars[j + m] == "`" { m += 1 }
                    if m == n {
                        close = j
                        break
                    }
                    j += m
                } else {
                    j += 1
                }
            }
            guard let close else {
                i += n
                continue
            }
            for k in i..<(close + n) { chars[k] = " " }
            i = close + n
        }
        return String(chars)
    }

    /// The anchors GitHub gives a Markdown file's headings (lower case, punctuation dropped,
    /// spaces as hyphens, `-1`, `-2` for repeats), outside fenced code.
    static func anchors(in markdown: String) -> [String] {
        var out: [String] = []
        var counts: [String: Int] = [:]
        var fence: String?
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = raw.drop { $0 == " " }
            if let f = fence {
                if trimmed.hasPrefix(f) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = String(trimmed.prefix(3))
                continue
            }
            let hashes = trimmed.prefix { $0 == "#" }.count
            guard (1...6).contains(hashes), raw.prefix(while: { $0 == " " }).count < 4 else { continue }
            let rest = trimmed.dropFirst(hashes)
            guard rest.isEmpty || rest.first == " " else { continue }
            var title = rest.trimmingCharacters(in: .whitespaces)
            while title.hasSuffix("#") { title = String(title.dropLast()).trimmingCharacters(in: .whitespaces) }
            // Rendered text: [text](url) → text; markup characters dropped.
            title = title.replacingOccurrences(of: #"!?\[([^\]]*)\]\([^)]*\)"#, with: "$1", options: .regularExpression)
            title = title.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression)
            var slug = ""
            for scalar in title.lowercased().unicodeScalars {
                if scalar == " " {
                    slug += "-"
                    continue
                }
                if scalar == "-" || scalar == "_" {
                    slug.unicodeScalars.append(scalar)
                    continue
                }
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                    .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
                    slug.unicodeScalars.append(scalar)
                default:
                    continue
                }
            }
            let n = counts[slug, default: 0]
            counts[slug] = n + 1
            out.append(n == 0 ? slug : "\(slug)-\(n)")
        }
        return out
    }

    /// Why a link target is not allowed, or nil when it names an existing file of the repository.
    static func problem(_ target: String, in file: URL, root: URL) -> String? {
        if target.isEmpty { return "an empty link" }
        if target.hasPrefix("//") || target.lowercased().hasPrefix("www.")
            || target.range(of: #"^[A-Za-z][A-Za-z0-9+.\-]*:"#, options: .regularExpression) != nil
        {
            return "points to another site"
        }
        var path = target
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        if path.hasPrefix("/") { return "an absolute path, not relative to the file" }
        let decoded = path.removingPercentEncoding ?? path
        let resolved =
            decoded.isEmpty
            ? file : URL(fileURLWithPath: decoded, relativeTo: file.deletingLastPathComponent()).standardizedFileURL
        let rootPath = root.standardizedFileURL.path
        guard resolved.path == rootPath || resolved.path.hasPrefix(rootPath + "/") else {
            return "leaves the repository"
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory) else {
            return "no such file: \(path)"
        }
        if let fragment, !fragment.isEmpty, !isDirectory.boolValue, resolved.pathExtension.lowercased() == "md" {
            let text = (try? String(contentsOf: resolved, encoding: .utf8)) ?? ""
            let anchor = (fragment.removingPercentEncoding ?? fragment).lowercased()
            if !anchors(in: text).contains(anchor) { return "no heading makes the anchor #\(fragment)" }
        }
        return nil
    }
}
