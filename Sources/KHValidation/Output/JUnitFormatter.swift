import KHModel
import KHYAML

/// JUnit XML, for CI systems that show test reports (GitLab merge requests, Jenkins, …).
///
/// One `<testsuite>` per customer folder (and one for the archive level: kh.yaml and
/// whatever is not inside a customer folder), one `<testcase>` per file with diagnostics:
/// a `<failure>` per error (and per warning under `--strict`), the other diagnostics as lines
/// of its `<system-out>`. The archive-level suite always holds a passing testcase
/// "kh validate" with the counts, so a clean archive still shows a green test. No clock, no
/// host name: the same result gives the same bytes.
public enum JUnitFormatter: ResultFormatter {
    public static let identifier = "junit"

    /// One file's testcase.
    struct Case {
        var file: String
        var failures: [Diagnostic] = []
        var output: [Diagnostic] = []
    }

    public static func format(_ ctx: FormatContext) -> String {
        let lang = ctx.language
        // Group by customer folder ("" = archive level), files in the order of the (sorted)
        // diagnostics.
        var groups: [String: [Case]] = [:]
        for d in ctx.result.diagnostics {
            let g = HumanFormatter.groupName(d.file)
            var cases = groups[g] ?? []
            if cases.last?.file != d.file { cases.append(Case(file: d.file)) }
            if d.severity == .error || (ctx.strict && d.severity == .warning) {
                cases[cases.count - 1].failures.append(d)
            } else {
                cases[cases.count - 1].output.append(d)
            }
            groups[g] = cases
        }
        let names = groups.keys.filter { !$0.isEmpty }.sorted {
            $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars)
        }

        var summaryContext = ctx
        summaryContext.color = false
        let summary = HumanFormatter.summary(summaryContext)
        let archiveTitle = lang == .zh ? "档案库" : "archive"

        var suites: [(name: String, body: String, tests: Int, failures: Int)] = []
        // The archive level: its files, then the summary testcase.
        do {
            let cases = groups[""] ?? []
            var body = cases.map { render($0, suite: archiveTitle, ctx) }.joined()
            body += "    <testcase classname=\"\(attribute(archiveTitle))\" name=\"kh validate\" time=\"0\">\n"
            body += "      <system-out>\(text(summary))</system-out>\n"
            body += "    </testcase>\n"
            suites.append((archiveTitle, body, cases.count + 1, cases.filter { !$0.failures.isEmpty }.count))
        }
        for g in names {
            let cases = groups[g]!
            let title = ctx.display(g)
            suites.append(
                (
                    title, cases.map { render($0, suite: title, ctx) }.joined(), cases.count,
                    cases.filter { !$0.failures.isEmpty }.count
                ))
        }

        let tests = suites.reduce(0) { $0 + $1.tests }
        let failures = suites.reduce(0) { $0 + $1.failures }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"kh validate\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\" time=\"0\">\n"
        for s in suites {
            out +=
                "  <testsuite name=\"\(attribute(s.name))\" tests=\"\(s.tests)\" failures=\"\(s.failures)\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
            out += s.body
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    static func render(_ c: Case, suite: String, _ ctx: FormatContext) -> String {
        let file = ctx.display(c.file)
        var out =
            "    <testcase classname=\"\(attribute(suite))\" name=\"\(attribute(file))\" file=\"\(attribute(file))\" time=\"0\""
        if c.failures.isEmpty && c.output.isEmpty { return out + "/>\n" }
        out += ">\n"
        for d in c.failures {
            out += "      <failure type=\"\(attribute(d.code))\" message=\"\(attribute(ctx.flatMessage(d)))\">"
            out += text(location(d, ctx)) + "</failure>\n"
        }
        if !c.output.isEmpty {
            // As the human report heads them: `file:line:column: 警告 KH209 负责销售: message`.
            let lines = c.output.map { d -> String in
                var s = ctx.display(d.file)
                if let m = d.start { s += ":\(m.line):\(m.column)" }
                s += ": " + d.severity.word(ctx.language) + " " + d.code
                if let p = d.path { s += " " + p }
                return s + ": " + ctx.flatMessage(d)
            }
            out += "      <system-out>" + text(lines.joined(separator: "\n")) + "</system-out>\n"
        }
        return out + "    </testcase>\n"
    }

    /// `file:line:column path` (as far as the diagnostic has them).
    static func location(_ d: Diagnostic, _ ctx: FormatContext) -> String {
        var s = ctx.display(d.file)
        if let m = d.start { s += ":\(m.line):\(m.column)" }
        if let p = d.path { s += " " + p }
        return s
    }

    /// Character data: markup escaped, characters XML 1.0 does not allow dropped, a carriage
    /// return kept as a reference (a parser would turn a literal one into a line feed).
    static func text(_ s: String) -> String {
        escape(s, attribute: false)
    }

    /// An attribute value (double-quoted): also tabs and line ends as references, so that
    /// attribute-value normalisation keeps them.
    static func attribute(_ s: String) -> String {
        escape(s, attribute: true)
    }

    static func escape(_ s: String, attribute: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            switch u.value {
            case 0x26: out += "&amp;"
            case 0x3C: out += "&lt;"
            case 0x3E: out += "&gt;"
            case 0x22 where attribute: out += "&quot;"
            case 0x09 where attribute: out += "&#9;"
            case 0x0A where attribute: out += "&#10;"
            case 0x0D: out += "&#13;"
            case 0x09, 0x0A: out.unicodeScalars.append(u)
            case 0x00...0x1F, 0xFFFE, 0xFFFF: continue
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
