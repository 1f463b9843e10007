import KHModel
import KHValidation
import KHYAML

/// "What a command writes validates clean": the customers a change set touches are
/// validated before and after; an error that was not there before undoes the change.
public struct ResultCheck: Sendable {
    package let archive: Archive
    let after: Set<String>
    let before: [String: Int]

    /// `before`/`after`: the customer folder names as they are now and as they will be.
    public init(archive: Archive, before: Set<String>, after: Set<String>) {
        self.archive = archive
        self.after = after
        var counts: [String: Int] = [:]
        for d in archive.validate(customers: before) where d.severity == .error { counts[Self.key(d), default: 0] += 1 }
        self.before = counts
    }

    /// Errors are compared by rule, field path and message, not by file: a moved file keeps
    /// its old problems without them counting as new.
    static func key(_ d: Diagnostic) -> String { d.code + "\u{1}" + (d.path ?? "") + "\u{1}" + d.message.en }

    /// The errors the change introduced.
    public func newErrors() -> [Diagnostic] {
        var remaining = before
        var out: [Diagnostic] = []
        for d in archive.validate(customers: after) where d.severity == .error {
            let k = Self.key(d)
            if let n = remaining[k], n > 0 { remaining[k] = n - 1 } else { out.append(d) }
        }
        return out
    }

    /// For `ChangeSet.apply(verify:)`.
    public func verify() throws(ChangeSet.Failure) {
        let errors = newErrors()
        if !errors.isEmpty {
            throw ChangeSet.Failure(message: WriteMsg.introducesErrors(errors.count), diagnostics: errors)
        }
    }
}
