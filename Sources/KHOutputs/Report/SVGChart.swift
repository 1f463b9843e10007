import KHModel
import KHValidation
import KHYAML

/// Inline SVG charts for the printable report: well-formed XML (every text escaped), no
/// scripts, black-and-white safe (bars hatched and outlined, every value written beside its
/// bar), sized in user units that scale with the page. Numbers are written with one decimal
/// at most, the same on every machine.
enum SVGChart {
    static let font = 11.0

    /// Horizontal bars; `id` makes the hatch pattern's id unique in the page.
    static func bars(_ chart: BarChart, id: Int, width: Double = 420) -> String {
        let rowHeight = 22.0
        let barHeight = 13.0
        let top = 6.0
        let labels = chart.rows.map { clip($0.label, to: 110) }
        let labelWidth = min(120, (labels.map(textWidth).max() ?? 0) + 8)
        let captionWidth = min(130, (chart.rows.map { textWidth($0.caption) }.max() ?? 0) + 8)
        let barSpace = max(40, width - labelWidth - captionWidth)
        let maxValue = chart.rows.map(\.value).max() ?? 0
        let height = top * 2 + rowHeight * Double(max(chart.rows.count, 1))
        var out = open(width: width, height: height, title: chart.title, id: id)
        for (i, row) in chart.rows.enumerated() {
            let y = top + rowHeight * Double(i)
            let mid = y + rowHeight / 2
            out += "<text x=\"\(n(labelWidth - 6))\" y=\"\(n(mid + 4))\" text-anchor=\"end\">\(esc(labels[i]))</text>"
            var length = 0.0
            if maxValue > 0 && row.value > 0 {
                length = max(1.5, barSpace * Double(row.value) / Double(maxValue))
                out +=
                    "<rect x=\"\(n(labelWidth))\" y=\"\(n(mid - barHeight / 2))\" width=\"\(n(length))\" height=\"\(n(barHeight))\" fill=\"url(#hatch-\(id))\" stroke=\"#222\" stroke-width=\"0.8\"/>"
            }
            out += "<text x=\"\(n(labelWidth + length + 4))\" y=\"\(n(mid + 4))\">\(esc(row.caption))</text>"
            out += "\n"
        }
        out +=
            "<line x1=\"\(n(labelWidth))\" y1=\"\(n(top - 2))\" x2=\"\(n(labelWidth))\" y2=\"\(n(height - top + 2))\" stroke=\"#222\" stroke-width=\"0.8\"/>\n"
        return out + "</svg>"
    }

    /// Columns per month, the count above each, the month below.
    static func timeline(_ chart: TimelineChart, id: Int, width: Double = 640) -> String {
        let height = 170.0
        let top = 18.0
        let bottom = 24.0
        let left = 8.0
        let right = 8.0
        let count = max(chart.values.count, 1)
        let slot = (width - left - right) / Double(count)
        let barWidth = min(36, slot * 0.62)
        let plot = height - top - bottom
        let maxValue = chart.values.max() ?? 0
        var out = open(width: width, height: height, title: chart.title, id: id)
        let base = height - bottom
        let small = chart.labels.contains { $0.count > 3 } && slot < 44
        for (i, v) in chart.values.enumerated() {
            let cx = left + slot * (Double(i) + 0.5)
            let h = maxValue > 0 ? plot * Double(v) / Double(maxValue) : 0
            if v > 0 {
                out +=
                    "<rect x=\"\(n(cx - barWidth / 2))\" y=\"\(n(base - h))\" width=\"\(n(barWidth))\" height=\"\(n(h))\" fill=\"url(#hatch-\(id))\" stroke=\"#222\" stroke-width=\"0.8\"/>"
            }
            out += "<text x=\"\(n(cx))\" y=\"\(n(base - h - 4))\" text-anchor=\"middle\">\(v)</text>"
            let label = i < chart.labels.count ? chart.labels[i] : ""
            out +=
                "<text x=\"\(n(cx))\" y=\"\(n(base + 15))\" text-anchor=\"middle\"\(small ? " font-size=\"8\"" : "")>\(esc(label))</text>\n"
        }
        out +=
            "<line x1=\"\(n(left))\" y1=\"\(n(base))\" x2=\"\(n(width - right))\" y2=\"\(n(base))\" stroke=\"#222\" stroke-width=\"0.8\"/>\n"
        return out + "</svg>"
    }

    /// The root element, its accessible title and the hatch pattern.
    private static func open(width: Double, height: Double, title: String, id: Int) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-labelledby=\"chart-title-\(id)\" font-size=\"\(n(font))\">\n"
            + "<title id=\"chart-title-\(id)\">\(esc(title))</title>\n"
            + "<defs><pattern id=\"hatch-\(id)\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"5\" height=\"5\" fill=\"#dcdcdc\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"5\" stroke=\"#444\" stroke-width=\"1.6\"/></pattern></defs>\n"
    }

    /// Text as XML character data: markup escaped, and characters XML does not allow (controls,
    /// U+FFFE, U+FFFF) as spaces.
    static func esc(_ s: String) -> String {
        var clean = ""
        for u in s.unicodeScalars {
            if u.value == 0xFFFE || u.value == 0xFFFF { clean += " " } else { clean.unicodeScalars.append(u) }
        }
        return Catalogue.escape(clean)
    }

    /// A number with at most one decimal: `12`, `12.5`.
    static func n(_ x: Double) -> String {
        let t = Int((x * 10).rounded())
        let sign = t < 0 ? "-" : ""
        let a = abs(t)
        return a % 10 == 0 ? sign + String(a / 10) : "\(sign)\(a / 10).\(a % 10)"
    }

    /// The printed width of a text at `font` size: CJK and other wide characters one em, the rest about 0.6 em.
    static func textWidth(_ s: String) -> Double {
        s.unicodeScalars.reduce(0) { $0 + (isWide($1) ? font : font * 0.6) }
    }

    static func isWide(_ u: Unicode.Scalar) -> Bool {
        (0x1100...0x115F).contains(u.value) || (0x2E80...0xA4CF).contains(u.value)
            || (0xAC00...0xD7A3).contains(u.value)
            || (0xF900...0xFAFF).contains(u.value) || (0xFE30...0xFE4F).contains(u.value)
            || (0xFF00...0xFF60).contains(u.value)
            || (0xFFE0...0xFFE6).contains(u.value) || u.value >= 0x20000
    }

    /// The text cut with `…` to fit `width`.
    static func clip(_ s: String, to width: Double) -> String {
        guard textWidth(s) > width else { return s }
        var out = ""
        var w = textWidth("…")
        for ch in s {
            let cw = textWidth(String(ch))
            if w + cw > width { break }
            out.append(ch)
            w += cw
        }
        return out + "…"
    }
}
