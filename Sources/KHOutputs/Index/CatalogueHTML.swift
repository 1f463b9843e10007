import KHModel
import KHSupport
import KHValidation
import KHYAML

/// The printable catalogue: one self-contained HTML file (no scripts, no external files),
/// A4, a title page with the archive's name and counts, a section per letter, the table
/// header repeated on every printed page, and "第 n 页 / 共 N 页" page numbers.
extension Catalogue {
    public func html() -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(Self.escape(title)) · 客户档案总目录</title>
            <style>
            @page { size: A4; margin: 18mm 15mm 20mm 15mm;
              @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 9pt; color: #555; } }
            @page :first { @bottom-center { content: none; } }
            html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans SC", sans-serif; font-size: 10.5pt; color: #111; }
            body { margin: 0; }
            .cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center; page-break-after: always; break-after: page; }
            .cover h1 { font-size: 28pt; margin: 0 0 8mm; letter-spacing: 0.2em; }
            .cover .archive { font-size: 16pt; margin-bottom: 12mm; }
            .cover .counts { font-size: 11pt; color: #333; line-height: 1.8; }
            nav.letters { margin: 0 0 6mm; font-size: 11pt; }
            nav.letters a { margin-right: 3mm; color: #111; }
            section.letter { break-before: auto; }
            h2 { font-size: 16pt; margin: 8mm 0 2mm; border-bottom: 1.5pt solid #111; padding-bottom: 1mm; break-after: avoid; }
            h2 .count { font-size: 10pt; font-weight: normal; color: #555; margin-left: 3mm; }
            table { width: 100%; border-collapse: collapse; margin-bottom: 4mm; table-layout: fixed; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; }
            th, td { border: 0.5pt solid #999; padding: 1.5mm 2mm; text-align: left; vertical-align: top; }
            th { background: #eee; font-weight: bold; }
            @media screen { body { max-width: 190mm; margin: 10mm auto; } .cover { height: auto; padding: 30mm 0; } }
            </style>
            </head>
            <body>

            """
        let letters = sections.map { "\($0.letter) \($0.records.count)" }.joined(separator: " · ")
        out += "<div class=\"cover\">\n<h1>客户档案总目录</h1>\n<div class=\"archive\">\(Self.escape(title))</div>\n"
        out += "<div class=\"counts\">共 \(count) 位客户，\(sections.count) 个字母分组<br>\(Self.escape(letters))</div>\n</div>\n"
        out +=
            "<nav class=\"letters\">"
            + sections.map { "<a href=\"#\(anchorID($0.letter))\">\(Self.escape($0.letter))</a>" }.joined() + "</nav>\n"
        // The same column widths in every letter's table.
        let weights = columns.map(\.widthWeight)
        let total = weights.reduce(0, +)
        let colgroup =
            "<colgroup>" + weights.map { "<col style=\"width: \(Int(($0 / total * 1000).rounded()) / 10)%\">" }.joined()
            + "</colgroup>\n"
        let header =
            colgroup + "<thead><tr>" + columns.map { "<th>\(Self.escape($0.rawValue))</th>" }.joined()
            + "</tr></thead>\n"
        for section in sections {
            out += "<section class=\"letter\" id=\"\(anchorID(section.letter))\">\n"
            out += "<h2>\(Self.escape(section.letter))<span class=\"count\">\(section.records.count) 位客户</span></h2>\n"
            out += "<table>\n" + header + "<tbody>\n"
            for r in section.records {
                out += "<tr>" + columns.map { "<td>\(Self.escape($0.value(r)))</td>" }.joined() + "</tr>\n"
            }
            out += "</tbody>\n</table>\n</section>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    private func anchorID(_ letter: String) -> String {
        letter == "#" ? "letter-other" : "letter-" + letter.lowercased()
    }

    /// Everything from the archive is text: `<script>` in a name prints as `<script>`.
    public static func escape(_ s: String) -> String { DocumentText.html(s) }
}

extension Catalogue.Column {
    /// Relative width in the printed table.
    var widthWeight: Double {
        switch self {
        case .name: return 3.2
        case .pinyin: return 2.6
        case .shortName: return 1.8
        case .number, .lastInteraction: return 1.5
        case .updated: return 1.3
        default: return 1
        }
    }
}
