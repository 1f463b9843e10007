import Foundation
import KHModel
import KHSupport
import KHWrite

/// `/customers/<number>/document?file=…` (team mode): a 秘密 or 机密 document, opened only by
/// those whose role reaches its 密级, and only through a form that writes the access register
/// (查阅登记: who, when, which document, why) before the content is shown. The register's entry
/// is one journaled write and one commit by the member, as any save.
enum DocumentPage {
    struct Model {
        let name: String
        let number: String
        let file: String
        let level: String
        let refusal: String?
        let content: String?
    }

    /// The withheld document `file` of customer `number`, when the viewer may open it.
    static func find(
        _ page: PageContext, number: String, file: String
    ) -> Result<
        (CustomerSnapshot, Withheld), Refused
    > {
        guard let full = page.snapshot(number) else { return .failure(Refused(response: page.notFound(number))) }
        guard let w = page.readable(full).withheld.first(where: { $0.file == file }) else {
            return .failure(
                Refused(
                    response: page.error(
                        404,
                        Text(
                            zh: "\(number) 没有需要查阅登记的文档 \(file)",
                            en: "\(number) has no document \(file) that needs the access register"))))
        }
        guard w.mayRead else {
            return .failure(
                Refused(
                    response: page.forbidden(Text(zh: "不能查看这份\(w.level)文档", en: "cannot open this \(w.level) document"))
                ))
        }
        return .success((full, w))
    }

    struct Refused: Error {
        let response: WebResponse
    }

    static func get(_ page: PageContext, number: String) -> WebResponse {
        switch find(page, number: number, file: page.param("file") ?? "") {
        case .failure(let r): return r.response
        case .success(let (s, w)):
            return render(page, s, w, refusal: nil, content: nil)
        }
    }

    static func render(
        _ page: PageContext, _ s: CustomerSnapshot, _ w: Withheld, refusal: Text?, content: String?, status: Int = 200
    ) -> WebResponse {
        let model = Model(
            name: s.name, number: s.number, file: w.file, level: w.level, refusal: refusal.map(page.text),
            content: content)
        return page.html("document", title: (page.zh ? "查阅 · " : "Open · ") + s.name, model, status: status)
    }

    static func post(_ page: PageContext, number: String) -> WebResponse {
        let s: CustomerSnapshot
        let w: Withheld
        switch find(page, number: number, file: page.field("file")) {
        case .failure(let r): return r.response
        case .success(let found): (s, w) = found
        }
        let reason = page.field("reason").trimmingWhitespace()
        if let refused = page.registered(
            "查阅", number: s.number, file: w.file, secrecy: w.level, reason: reason.isEmpty ? nil : reason)
        {
            return refused
        }
        let text = String(decoding: page.source(w.file) ?? [], as: UTF8.self)
        return render(page, s, w, refusal: nil, content: page.shown(text, CustomerTies(s)))
    }
}
