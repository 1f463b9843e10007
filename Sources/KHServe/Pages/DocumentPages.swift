import Foundation
import KHModel
import KHOutputs

/// kh's printable outputs (the catalogue, kh review, the report), each computed once per state
/// of the archive, served as kh writes them (a policy of their own: inline styles, no forms).
enum DocumentPages {
    static func document(_ html: String, _ page: PageContext) -> WebResponse {
        WebResponse(
            status: 200,
            headers: [
                ("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", Security.documentPolicy),
            ],
            body: Array(inApp(html, page).utf8))
    }

    /// The document as a page of the app: sized for a phone's screen, with a way back to the
    /// start page (not printed).
    static func inApp(_ html: String, _ page: PageContext) -> String {
        var h = html
        if let head = h.range(of: "<head>") {
            var extra = "\n<style>.kh-back{font:15px/1.5 system-ui,sans-serif;margin:0 0 1rem}.kh-back a{color:#1f5fbf}"
            extra += "@media print{.kh-back{display:none}}</style>"
            if !h.contains("name=\"viewport\"") {
                extra = "\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" + extra
            }
            h.insert(contentsOf: extra, at: head.upperBound)
        }
        if let body = h.range(of: "<body"), let close = h[body.upperBound...].firstIndex(of: ">") {
            let back = page.zh ? "← 返回首页" : "← Back to the start page"
            h.insert(contentsOf: "\n<nav class=\"kh-back\"><a href=\"/\">\(back)</a></nav>", at: h.index(after: close))
        }
        return h
    }

    static func catalogue(_ page: PageContext) -> WebResponse {
        let state = page.state
        return document(
            page.store.memo("catalogue", state) {
                Catalogue(title: state.archive.config.archiveName, records: state.entries.map(\.record)).html()
            }, page)
    }

    static func review(_ page: PageContext) -> WebResponse {
        let state = page.state
        return document(
            page.store.memo("review-\(page.language.rawValue)", state) {
                page.store.review(state).html(language: page.language)
            }, page)
    }

    static func report(_ page: PageContext) -> WebResponse {
        let state = page.state
        return document(
            page.store.memo("report", state) {
                Report.make(state.archive, period: .year(state.today.year, asOf: state.today)).html()
            }, page)
    }
}
