import Foundation
import KHModel
import KHYAML

/// A 秘密 or 机密 document a customer's page names but does not show (team mode): every view of
/// one goes through `/customers/<number>/document`, which asks why and writes the 查阅登记.
struct Withheld: Sendable {
    let file: String
    let level: String
    /// The viewer's role reaches this 密级 (kh.yaml 密级查阅 included): they may open it.
    let mayRead: Bool
}

extension PageContext {
    /// The customer as its pages may show it: in team mode without its 秘密 and 机密 documents
    /// (listed as withheld; a 基本信息 among them keeps only the folder's name on the page).
    /// In local mode, everything: the person has the files in their clone.
    func readable(_ s: CustomerSnapshot) -> (snapshot: CustomerSnapshot, withheld: [Withheld]) {
        guard viewer.team else { return (s, []) }
        let ties = CustomerTies(s)
        var withheld: [Withheld] = []
        func keep<D: TypedDocument>(_ docs: [D]) -> [D] {
            docs.filter { d in
                guard let level = Self.secretLevel(d.mapping) else { return true }
                withheld.append(Withheld(file: d.path, level: level, mayRead: viewer.reads(secrecy: level, ties)))
                return false
            }
        }
        var out = s
        if let b = s.basic, keep([b]).isEmpty { out.basic = nil }
        out.contracts = keep(s.contracts)
        out.interactions = keep(s.interactions)
        out.needs = keep(s.needs)
        out.assessments = keep(s.assessments)
        let hidden = Set(withheld.map(\.file))
        out.hashes = s.hashes.filter { !hidden.contains($0.key) }
        out.longDigitRuns = s.longDigitRuns.filter { !hidden.contains($0.file) }
        return (out, withheld)
    }

    /// 秘密 or 机密, when a document says so.
    static func secretLevel(_ m: YAMLMapping) -> String? {
        let level = m.text(FieldName.secrecy)
        return level == "秘密" || level == "机密" ? level : nil
    }
}
