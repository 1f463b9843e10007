import KHModel
import KHSupport
import KHValidation
import KHYAML

/// `kh report --format md`: the report's figures as GitHub-flavoured Markdown tables.
extension Report {
    public func markdown() -> String {
        var out = "# 客户分析报告\n\n"
        out += "- 档案库：\(Self.md(title))\n"
        out += "- 统计期：\(Self.md(ReportNumbers.periodTitle(period)))\n"
        out += "- 数据截至：\(period.through)（--as-of \(period.asOf)）\n"
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                out += "\n" + String(repeating: "#", count: level) + " " + Self.md(text) + "\n"
            case .paragraph(let text):
                out += "\n" + Self.md(text) + "\n"
            case .table(let t), .distribution(let t, _):
                out += "\n" + Self.md(t)
            case .chart:
                break
            }
        }
        return out
    }

    static func md(_ t: ReportTable) -> String {
        guard !t.rows.isEmpty || t.total != nil else { return md(t.empty) + "\n" }
        var out = "| " + t.columns.map(md).joined(separator: " | ") + " |\n"
        out += "|" + t.columns.indices.map { t.numeric.contains($0) ? "---:|" : "---|" }.joined() + "\n"
        for row in t.rows { out += "| " + row.map(md).joined(separator: " | ") + " |\n" }
        if let total = t.total {
            out += "| " + total.map { $0.isEmpty ? "" : "**" + md($0) + "**" }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// Text from the archive as Markdown shows it literally: `| \ * _ [ ] ``, `#` escaped
    /// with a backslash, `< > &` as entities (a name `<script>` is text), line breaks as spaces.
    static func md(_ s: String) -> String { DocumentText.markdown(s) }
}
