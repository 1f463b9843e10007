import KHModel
import KHSupport
import KHValidation
import KHYAML

/// `kh review`'s outputs: Markdown (GitHub-rendered), printable HTML, JSON. Each depends
/// only on the archive's files and the as-of date: the same inputs give the same bytes.
extension Review {
    public static let formatVersion = 1

    // MARK: - Shared words

    private struct Words {
        let language: Language
        var zh: Bool { language == .zh }

        var title: String { zh ? "客户维护待办" : "Customer to-do list" }
        var columns: [String] {
            zh
                ? ["级别", "代码", "客户", "待办事项", "日期", "逾期", "文件"]
                : ["Level", "Code", "Customer", "To do", "Date", "Overdue", "File"]
        }
        var owner: String { zh ? FieldName.owner : "Owner" }
        var total: String { zh ? "合计" : "Total" }
        var nothing: String { zh ? "没有待办事项。" : "Nothing to do." }
        var order: String {
            zh
                ? "每位负责销售的待办按级别（错误、警告、提示）、逾期天数（多者在前）、档案编号排列；代码的含义用 kh rules 查看（如 kh rules R01）。"
                : "Each list is ordered by level (error, warning, notice), days overdue (most first), then archive number; kh rules explains a code (e.g. kh rules R01)."
        }

        func level(_ s: Severity) -> String { s.word(language) }

        /// Column headings of the summary table.
        func levels(_ s: Severity) -> String {
            guard !zh else { return s.word(language) }
            switch s {
            case .error: return "Errors"
            case .warning: return "Warnings"
            case .notice: return "Notices"
            }
        }

        func owner(_ g: Review.Group) -> String {
            guard let o = g.owner else { return zh ? "未指定负责销售" : "No owner" }
            return g.active ? o : o + (zh ? "（已离职）" : " (has left)")
        }

        func counts(items: Int, errors: Int, warnings: Int, notices: Int) -> String {
            zh
                ? "\(items) 项：\(errors) 项错误，\(warnings) 项警告，\(notices) 项提示"
                : "\(items) \(items == 1 ? "item" : "items"): \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings"), \(notices) \(notices == 1 ? "notice" : "notices")"
        }

        func headline(_ r: Review) -> String {
            let customers = zh ? "\(r.customers) 位客户" : "\(r.customers) \(r.customers == 1 ? "customer" : "customers")"
            return (zh ? "截至 \(r.asOf)" : "as of \(r.asOf)") + " · " + customers + (zh ? "，" : ", ")
                + counts(
                    items: r.items.count, errors: r.count(.error), warnings: r.count(.warning),
                    notices: r.count(.notice))
        }

        func filter(_ owners: [String]) -> String? {
            guard !owners.isEmpty else { return nil }
            return zh ? "只列负责销售：" + owners.joined(separator: "、") : "Owners: " + owners.joined(separator: ", ")
        }

        func skipped(_ n: Int) -> String {
            zh
                ? "注意：有 \(n) 个文件无法读取，未纳入检查（kh validate 查看详情）："
                : n == 1
                    ? "Note: 1 file could not be read and was left out (kh validate shows why):"
                    : "Note: \(n) files could not be read and were left out (kh validate shows why):"
        }

        func customer(_ i: Review.Item) -> String { i.number + " " + i.customer }
        func date(_ i: Review.Item) -> String { i.date?.description ?? "—" }
        func timing(_ i: Review.Item) -> String { ReviewText.timing(i).string(language) }
    }

    // MARK: - Markdown

    /// Headings per owner and a table each; renders on GitHub and GitLab.
    public func markdown(language: Language) -> String {
        let w = Words(language: language)
        var out = "# \(w.title)\n\n"
        out += (title.isEmpty ? "" : Self.text(title) + " · ") + w.headline(self) + "\n"
        if let f = w.filter(owners) { out += "\n" + Self.text(f) + "\n" }
        if groups.isEmpty {
            out += "\n\(w.nothing)\n"
        } else {
            out += "\n\(w.order)\n\n"
            out +=
                "| \(w.owner) | \(w.levels(.error)) | \(w.levels(.warning)) | \(w.levels(.notice)) | \(w.total) |\n|---|---:|---:|---:|---:|\n"
            for g in groups {
                out +=
                    "| \(Self.text(w.owner(g))) | \(g.count(.error)) | \(g.count(.warning)) | \(g.count(.notice)) | \(g.items.count) |\n"
            }
        }
        for g in groups {
            out += "\n## \(Self.text(w.owner(g)))\n\n"
            out +=
                w.counts(
                    items: g.items.count, errors: g.count(.error), warnings: g.count(.warning),
                    notices: g.count(.notice)) + "\n\n"
            out += "| " + w.columns.joined(separator: " | ") + " |\n|---|---|---|---|---|---|---|\n"
            for i in g.items {
                let cells = [
                    w.level(i.level), i.code, Self.text(w.customer(i)), Self.text(i.message.string(language)),
                    w.date(i), w.timing(i), Self.codeSpan(i.file),
                ]
                out += "| " + cells.joined(separator: " | ") + " |\n"
            }
        }
        if !skipped.isEmpty {
            out += "\n" + w.skipped(skipped.count) + "\n\n" + skipped.map { "- " + Self.codeSpan($0) + "\n" }.joined()
        }
        return out
    }

    /// A path as code in a table cell (pipes escaped), or as plain text when it holds a backtick.
    static func codeSpan(_ path: String) -> String {
        let cell = DocumentText.codeSpan(path)
        return path.contains("`") ? cell : "`" + cell + "`"
    }

    /// Archive text in a table cell or heading: Markdown's own characters backslash-escaped
    /// (so `<script>` or `*` in a name prints as written, and GitHub strips no tag), pipes
    /// escaped and line breaks as spaces (`Catalogue.cell`).
    static func text(_ s: String) -> String { DocumentText.markdown(s) }

    // MARK: - HTML

    /// One self-contained printable file: A4, each owner's list on a page of its own (hand
    /// each salesperson their sheet), the table header repeated on every printed page,
    /// "第 n 页 / 共 N 页", a Chinese font stack; no scripts; everything from the archive escaped.
    public func html(language: Language) -> String {
        let w = Words(language: language)
        let e = Catalogue.escape
        var out = htmlHead(w)
        if !title.isEmpty { out += "<p>\(e(title))</p>\n" }
        out += "<p>\(e(w.headline(self)))</p>\n"
        if let f = w.filter(owners) { out += "<p>\(e(f))</p>\n" }
        if groups.isEmpty {
            out += "<p>\(e(w.nothing))</p>\n"
        } else {
            out += "<p class=\"note\">\(e(w.order))</p>\n"
            out +=
                "<table class=\"summary\">\n<thead><tr><th>\(e(w.owner))</th><th class=\"num\">\(e(w.levels(.error)))</th><th class=\"num\">\(e(w.levels(.warning)))</th><th class=\"num\">\(e(w.levels(.notice)))</th><th class=\"num\">\(e(w.total))</th></tr></thead>\n<tbody>\n"
            for g in groups {
                out +=
                    "<tr><td>\(e(w.owner(g)))</td><td class=\"num\">\(g.count(.error))</td><td class=\"num\">\(g.count(.warning))</td><td class=\"num\">\(g.count(.notice))</td><td class=\"num\">\(g.items.count)</td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        out += "</header>\n"
        let widths = [6, 6, 16, 33, 11, 10, 18]
        let head =
            "<colgroup>" + widths.map { "<col style=\"width: \($0)%\">" }.joined() + "</colgroup>\n<thead><tr>"
            + w.columns.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n"
        for g in groups {
            out +=
                "<section class=\"owner\">\n<h2>\(e(w.owner(g)))<span class=\"count\">"
                + e(
                    w.counts(
                        items: g.items.count, errors: g.count(.error), warnings: g.count(.warning),
                        notices: g.count(.notice))) + "</span></h2>\n"
            out += "<table>\n" + head + "<tbody>\n"
            for i in g.items {
                out +=
                    "<tr class=\"\(i.level.rawValue)\"><td class=\"level\">\(e(w.level(i.level)))</td><td>\(i.code)</td>"
                    + "<td>\(e(w.customer(i)))</td><td>\(e(i.message.string(language)))</td><td class=\"date\">\(w.date(i))</td>"
                    + "<td class=\"timing\">\(e(w.timing(i)))</td><td class=\"file\">\(e(i.file))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n</section>\n"
        }
        if !skipped.isEmpty {
            out +=
                "<p class=\"note\">\(e(w.skipped(skipped.count)))</p>\n<ul class=\"note\">\n"
                + skipped.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        }
        out += "</body>\n</html>\n"
        return out
    }

    /// The HTML document up to the title in its header: the page's style (A4, page numbers in
    /// the language of the list).
    private func htmlHead(_ w: Words) -> String {
        let e = Catalogue.escape
        let page =
            w.zh
            ? "\"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\""
            : "\"page \" counter(page) \" of \" counter(pages)"
        return """
            <!DOCTYPE html>
            <html lang="\(w.zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <title>\(e(w.title)) · \(asOf)\(title.isEmpty ? "" : " · " + e(title))</title>
            <style>
            @page { size: A4; margin: 15mm 12mm 18mm 12mm;
              @bottom-center { content: \(page); font-size: 9pt; color: #555; } }
            html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans SC", sans-serif; font-size: 9.5pt; color: #111; }
            body { margin: 0; }
            header h1 { font-size: 18pt; margin: 0 0 2mm; }
            header p { margin: 0 0 1.5mm; color: #333; }
            table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; table-layout: fixed; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; }
            th, td { border: 0.5pt solid #999; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
            th { background: #eee; font-weight: bold; }
            td.num, th.num { text-align: right; }
            table.summary { width: auto; min-width: 50%; }
            td.date, td.timing { white-space: nowrap; }
            td.file { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 7.5pt; color: #333; }
            td.level { font-weight: bold; }
            tr.error td.level { color: #b00020; }
            tr.warning td.level { color: #a05a00; }
            tr.notice td.level { color: #555; }
            tr.error td.timing { color: #b00020; font-weight: bold; }
            section.owner { break-before: page; }
            section.owner:first-of-type { break-before: auto; }
            h2 { font-size: 14pt; margin: 6mm 0 1mm; border-bottom: 1.5pt solid #111; padding-bottom: 1mm; break-after: avoid; }
            h2 .count { font-size: 9.5pt; font-weight: normal; color: #555; margin-left: 3mm; }
            .note { color: #555; font-size: 8.5pt; }
            @media screen { body { max-width: 200mm; margin: 10mm auto; } }
            </style>
            </head>
            <body>
            <header>
            <h1>\(e(w.title))</h1>

            """
    }

    // MARK: - JSON

    /// Keys sorted, two-space indentation, optional members left out (the project's JSON).
    public func json(language: Language) -> String {
        func counts(_ items: [Item]) -> [(String, JSON?)] {
            [
                ("errors", .int(items.filter { $0.level == .error }.count)),
                ("warnings", .int(items.filter { $0.level == .warning }.count)),
                ("notices", .int(items.filter { $0.level == .notice }.count)),
                ("items", .int(items.count)),
            ]
        }
        return JSON.object([
            ("tool", .string("kh")),
            ("formatVersion", .int(Self.formatVersion)),
            ("archive", .string(title)),
            ("asOf", .string(asOf.description)),
            ("language", .string(language.rawValue)),
            ("owners", .array(owners.map { .string($0) })),
            ("summary", JSON.object([("customers", .int(customers))] + counts(items))),
            (
                "groups",
                .array(
                    groups.map { g in
                        JSON.object([
                            ("owner", g.owner.map { .string($0) } ?? .null),
                            ("active", .bool(g.active)),
                            ("counts", JSON.object(counts(g.items))),
                            (
                                "items",
                                .array(
                                    g.items.map { i in
                                        JSON.object([
                                            ("code", .string(i.code)),
                                            ("kind", .string(i.kind.rawValue)),
                                            ("level", .string(i.level.rawValue)),
                                            (
                                                "customer",
                                                JSON.object([
                                                    ("number", .string(i.number)), ("name", .string(i.customer)),
                                                ])
                                            ),
                                            ("file", .string(i.file)),
                                            ("date", JSON.string(i.date?.description)),
                                            ("overdueDays", JSON.int(i.overdueDays)),
                                            ("message", .string(i.message.string(language))),
                                            ("details", .object(i.details)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
            ("skipped", .array(skipped.map { .string($0) })),
        ]).rendered() + "\n"
    }
}
