import Foundation
import KHModel
import KHValidation

// The rows and parts several pages share.

/// An option of a select.
struct OptionRow {
    let value: String
    let selected: Bool
}

/// A problem kh validate found, in a list (`where`: the file below `base`, line, column, path).
struct ProblemRow {
    let level: String
    let levelWord: String
    let code: String
    let `where`: String
    let message: String
    /// For a role that does not edit files: the message first, the code and place behind "详情".
    let plain: Bool

    /// `ties`: the customer it is about (its message masked for a viewer who does not see that
    /// customer's contacts in full); nil: masked unless the viewer sees every customer's.
    init(_ d: Diagnostic, _ page: PageContext, base: String = "", ties: CustomerTies? = nil) {
        var place = String(d.file.dropFirst(base.count).drop { $0 == "/" })
        if let m = d.start { place += ":\(m.line):\(m.column)" }
        if let p = d.path { place += " " + p }
        level = d.severity.rawValue
        levelWord = d.severity.word(page.language)
        code = d.code
        self.where = place
        message = page.shown(page.text(d.message), ties)
        plain = !page.viewer.grants.details
    }
}

/// What a form page shows above its fields after a post: why it was not saved (with the
/// problems found and, after a conflict, the file's change), or what would be written.
struct Feedback {
    var refusal: String?
    var errors: [Diagnostic] = []
    var diff: String?
    var preview: String?
}
