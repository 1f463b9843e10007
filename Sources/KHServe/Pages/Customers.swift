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

    /// Who the customer belongs to, from the index (no file read): its owner and the 负责人 of
    /// its open next steps.
    func ties(_ number: String) -> CustomerTies? {
        state.byNumber[number].map { CustomerTies(state.entries[$0].record) }
    }

    /// The customer's forms need its 基本信息 (its number, names, contacts): when it does not
    /// read, the page says why and who can mend it, instead of "no such customer".
    func withBasicInfo(
        _ number: String, _ body: (CustomerSnapshot, CustomerRegistry.Entry) -> WebResponse
    )
        -> WebResponse
    {
        guard let s = snapshot(number) else { return notFound(number) }
        guard s.basic != nil else {
            let file = s.basicFile?.path ?? s.directory.path + "/01-客户基本信息/基本信息.yaml"
            let why = problems(of: s).first { $0.file == file }.map { text($0.message) }
            return error(
                422,
                Text(
                    zh: "\(s.number) 的基本信息（\(file)）无法读取\(why.map { "：" + $0 } ?? "")。先把它改好才能在这里记录或修改；请联系资料专员。",
                    en:
                        "the basic information of \(s.number) (\(file)) does not read\(why.map { ": " + $0 } ?? ""). It must be mended before anything can be logged or edited here: ask the archivist."
                ))
        }
        return body(s, CustomerRegistry.Entry(s))
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
