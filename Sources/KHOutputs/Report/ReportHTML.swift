import KHModel
import KHValidation
import KHYAML

/// `kh report --format html`: one self-contained printable file — A4, a title with the
/// archive's name and the period, a section per part with its tables, inline SVG charts
/// (hatched, labelled bars: readable in black and white), "第 n 页 / 共 N 页" page numbers,
/// a Chinese font stack; no scripts, nothing loaded from elsewhere, and everything from the
/// archive escaped.
extension Report {
    public func html() -> String {
        let escape = Catalogue.escape
        var out = htmlHead()
        var chartID = 0
        var first = true
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                out += "<h\(level)>\(escape(text))</h\(level)>\n"
            case .paragraph(let text):
                out += "<p\(text.hasPrefix("注意") ? " class=\"note\"" : "")>\(escape(text))</p>\n"
            case .table(let t):
                out += Self.html(t, overview: first)
                first = false
            case .distribution(let t, let chart):
                chartID += 1
                out += "<div class=\"dist\">\n" + Self.html(t, overview: false)
                out += "<figure>" + SVGChart.bars(chart, id: chartID, width: 400) + "</figure>\n</div>\n"
            case .chart(.bars(let chart)):
                guard !chart.rows.isEmpty else { continue }
                chartID += 1
                out +=
                    "<figure><figcaption>\(escape(chart.title))</figcaption>"
                    + SVGChart.bars(chart, id: chartID, width: 520) + "</figure>\n"
            case .chart(.timeline(let chart)):
                chartID += 1
                out +=
                    "<figure><figcaption>\(escape(chart.title))</figcaption>" + SVGChart.timeline(chart, id: chartID)
                    + "</figure>\n"
            }
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// The document up to its title block: the printed page's style, the report's title, the
    /// archive's name and the period.
    private func htmlHead() -> String {
        let escape = Catalogue.escape
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>客户分析报告 · \(escape(title)) · \(escape(ReportNumbers.periodTitle(period)))</title>
            <style>
            @page { size: A4; margin: 16mm 14mm 18mm 14mm;
              @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 8.5pt; color: #444; } }
            html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans SC", sans-serif; font-size: 9.5pt; color: #111; line-height: 1.45; }
            body { margin: 0; }
            header.title { border-bottom: 2pt solid #111; padding-bottom: 3mm; margin-bottom: 4mm; }
            header.title h1 { font-size: 22pt; margin: 0 0 2mm; letter-spacing: 0.15em; }
            header.title .archive { font-size: 13pt; font-weight: bold; }
            header.title .period { font-size: 10.5pt; color: #333; margin-top: 1mm; }
            h2 { font-size: 14pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1pt solid #111; break-after: avoid; page-break-after: avoid; }
            h3 { font-size: 11pt; margin: 4mm 0 1.5mm; break-after: avoid; page-break-after: avoid; }
            p { margin: 1mm 0 2mm; color: #222; }
            p.empty { color: #444; font-style: italic; }
            p.note { border: 0.8pt solid #111; padding: 1.5mm 2.5mm; }
            table { border-collapse: collapse; margin: 1mm 0 3mm; width: 100%; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; page-break-inside: avoid; }
            th, td { border: 0.5pt solid #888; padding: 0.9mm 1.6mm; text-align: left; vertical-align: top; }
            th { background: #e8e8e8; font-weight: bold; }
            td { white-space: nowrap; }
            td.wrap { white-space: normal; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.total td { font-weight: bold; border-top: 1.2pt solid #111; }
            table.overview { width: auto; min-width: 110mm; }
            .dist { display: grid; grid-template-columns: 62mm 1fr; column-gap: 5mm; align-items: start; break-inside: avoid; page-break-inside: avoid; }
            .dist table { margin-top: 0; }
            .dist svg.chart { width: 100%; }
            figure { margin: 1mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
            figure figcaption { font-size: 8.5pt; color: #333; margin-bottom: 1mm; }
            svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; }
            svg.chart text { fill: #111; }
            table.wide { font-size: 8pt; }
            table.wide th, table.wide td { padding: 0.7mm 1mm; }
            @media screen { body { max-width: 182mm; margin: 10mm auto; } }
            </style>
            </head>
            <body>
            <header class="title">
            <h1>客户分析报告</h1>
            <div class="archive">\(escape(title))</div>
            <div class="period">统计期：\(escape(ReportNumbers.periodTitle(period))) · 数据截至 \(period.through) · 共 \(customers) 位客户</div>
            </header>

            """
    }

    static func html(_ t: ReportTable, overview: Bool) -> String {
        let escape = Catalogue.escape
        guard !t.rows.isEmpty || t.total != nil else { return "<p class=\"empty\">\(escape(t.empty))</p>\n" }
        func cell(_ tag: String, _ i: Int, _ text: String) -> String {
            let kind =
                t.numeric.contains(i) ? " class=\"num\"" : tag == "td" && t.wrap.contains(i) ? " class=\"wrap\"" : ""
            return "<\(tag)\(kind)>\(escape(text))</\(tag)>"
        }
        let classes = [overview ? "overview" : nil, t.columns.count > 9 ? "wide" : nil].compactMap { $0 }
        var out =
            "<table\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\n<thead><tr>"
            + t.columns.enumerated().map { cell("th", $0, $1) }.joined() + "</tr></thead>\n<tbody>\n"
        for row in t.rows { out += "<tr>" + row.enumerated().map { cell("td", $0, $1) }.joined() + "</tr>\n" }
        if let total = t.total {
            out += "<tr class=\"total\">" + total.enumerated().map { cell("td", $0, $1) }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
