import KHModel
import KHSupport
import KHValidation

extension Plans {
    /// An entry appended to a register (spec section 8): the month's or year's file, made when
    /// it is the first. The entry is checked as kh validate checks registers; one with a problem
    /// (an unknown person, a bad 密级) is refused, the file untouched.
    public static func register(
        _ entry: Register.Entry, in register: Register, archive: Archive
    ) throws(KHError)
        -> Planned
    {
        let path = register.path(on: entry.time.day)
        let before = CustomerReader.source(root: archive.root, path: path)
        let text = register.appending(entry, to: before.map { String(decoding: $0, as: UTF8.self) })
        let bytes = Array(text.utf8)
        let count = (before.map { RegisterCheck.check(register, path: path, bytes: $0, config: archive.config) } ?? [])
            .filter { $0.severity == .error }.count
        let now = RegisterCheck.check(register, path: path, bytes: bytes, config: archive.config).filter {
            $0.severity == .error
        }
        guard now.count <= count else {
            throw KHError(
                Text(zh: "登记条目有误，没有写入 \(path)", en: "the register entry is wrong; \(path) was not written"),
                diagnostics: now)
        }
        var p = Planned()
        if let before {
            p.changes = ChangeSet([.modify(path: path, original: before, bytes: bytes)])
        } else {
            p.changes.create(path, text)
        }
        return p
    }
}
