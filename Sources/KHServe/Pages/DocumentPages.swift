import Foundation
import KHModel
import KHOutputs

/// kh's printable outputs (the catalogue, kh review, the report), each computed once per state
/// of the archive, served as kh writes them (a policy of their own: inline styles, no forms).
enum DocumentPages {
    static func document(_ html: String) -> WebResponse {
        WebResponse(
            status: 200,
            headers: [
                ("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", Security.documentPolicy),
            ],
            body: Array(html.utf8))
    }

    static func catalogue(_ page: PageContext) -> WebResponse {
        let state = page.state
        return document(
            page.store.memo("catalogue", state) {
                Catalogue(title: state.archive.config.archiveName, records: state.entries.map(\.record)).html()
            })
    }

    static func review(_ page: PageContext) -> WebResponse {
        let state = page.state
        return document(
            page.store.memo("review-\(page.language.rawValue)", state) {
                page.store.review(state).html(language: page.language)
            })
    }

    static func report(_ page: PageContext) -> WebResponse {
        let state = page.state
        return document(
            page.store.memo("report", state) {
                Report.make(state.archive, period: .year(state.today.year, asOf: state.today)).html()
            })
    }
}
