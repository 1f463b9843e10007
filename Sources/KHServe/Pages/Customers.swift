import Foundation
import KHModel
import KHSupport
import KHValidation

/// What the customer's pages and forms read of a customer, now.
extension PageContext {
    /// The customer's folder read now, with git blob ids; nil when the number is unknown.
    func snapshot(_ number: String) -> CustomerSnapshot? {
        guard let i = state.byNumber[number] else { return nil }
        let reader = ArchiveReader(archive, hashes: true)
        guard let dir = reader.scanner.customer(named: state.entries[i].folder) else { return nil }
        return reader.read(dir)
    }

    /// The customer and its registry entry (for kh log's plan); nil without 基本信息.
    func entry(_ number: String) -> (CustomerSnapshot, CustomerRegistry.Entry)? {
        guard let s = snapshot(number), s.basic != nil else { return nil }
        return (s, CustomerRegistry.Entry(s))
    }

    /// Who the customer belongs to, from the index (no file read): its owner and the 负责人 of
    /// its open next steps.
    func ties(_ number: String) -> CustomerTies? {
        state.byNumber[number].map { CustomerTies(state.entries[$0].record) }
    }

    func notFound(_ number: String) -> WebResponse {
        error(404, Text(zh: "没有档案编号为 \(number) 的客户", en: "no customer numbered \(number)"))
    }

    /// The customer's problems now: its own rules run afresh, and the archive-wide ones (KH4xx:
    /// duplicates) from the last full check.
    func problems(of s: CustomerSnapshot) -> [Diagnostic] {
        var out = archive.validate(customers: [s.directory.name])
        let own = Set(out)
        for d in state.result.diagnostics
        where d.code.hasPrefix("KH4") && (d.file == s.directory.path || d.file.hasPrefix(s.directory.path + "/"))
            && !own.contains(d)
        {
            out.append(d)
        }
        return out.sorted(by: Diagnostic.ordered)
    }
}
