import KHModel
import KHSupport
import KHYAML

/// A compact binary form for the result cache: LEB128 integers, length-prefixed UTF-8.
/// Reading never traps: any malformed input makes a read return nil.
struct ByteWriter {
    var out: [UInt8] = []

    mutating func bytes(_ b: [UInt8]) { out += b }

    mutating func uint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    mutating func int(_ v: Int64) { uint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    mutating func string(_ s: String) {
        uint(UInt64(s.utf8.count))
        out += s.utf8
    }

    mutating func optional<T>(_ v: T?, _ write: (inout ByteWriter, T) -> Void) {
        if let v {
            out.append(1)
            write(&self, v)
        } else {
            out.append(0)
        }
    }

    mutating func mark(_ m: Mark) {
        int(Int64(m.line))
        int(Int64(m.column))
    }

    mutating func text(_ t: Text) {
        string(t.zh)
        string(t.en)
    }

    mutating func diagnostic(_ d: Diagnostic) {
        string(d.code)
        string(d.severity.rawValue)
        string(d.file)
        optional(d.start) { $0.mark($1) }
        optional(d.end) { $0.mark($1) }
        optional(d.path) { $0.string($1) }
        text(d.message)
        uint(UInt64(d.notes.count))
        for n in d.notes {
            string(n.file)
            optional(n.start) { $0.mark($1) }
            text(n.message)
        }
        switch d.fix {
        case nil: out.append(0)
        case .replace(let v)?:
            out.append(1)
            string(v)
        case .move(let from, let to)?:
            out.append(2)
            string(from)
            string(to)
        }
    }

    mutating func key(_ k: CustomerSummary.Key) {
        string(k.value)
        string(k.file)
        mark(k.mark)
    }

    mutating func customerResult(_ r: CustomerResult) {
        let d = r.summary.directory
        string(d.path)
        string(d.number)
        int(Int64(d.year))
        int(Int64(d.sequence))
        optional(d.suffix) { $0.string($1) }
        optional(r.summary.numberMark) {
            $0.string($1.file)
            $0.mark($1.mark)
        }
        optional(r.summary.fullName) { $0.key($1) }
        optional(r.summary.normalizedName) { $0.string($1) }
        optional(r.summary.creditCode) { $0.key($1) }
        uint(UInt64(r.summary.mobiles.count))
        for k in r.summary.mobiles { key(k) }
        uint(UInt64(r.summary.emails.count))
        for k in r.summary.emails { key(k) }
        int(Int64(r.documents))
        uint(UInt64(r.diagnostics.count))
        for diag in r.diagnostics { diagnostic(diag) }
    }
}

struct ByteReader {
    private let data: [UInt8]
    private var i = 0

    init(_ data: [UInt8]) { self.data = data }

    var atEnd: Bool { i == data.count }

    mutating func bytes(_ n: Int) -> [UInt8]? {
        guard n >= 0, data.count - i >= n else { return nil }
        defer { i += n }
        return Array(data[i..<(i + n)])
    }

    mutating func byte() -> UInt8? {
        guard i < data.count else { return nil }
        defer { i += 1 }
        return data[i]
    }

    mutating func uint() -> UInt64? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while let b = byte() {
            guard shift < 64 else { return nil }
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
        return nil
    }

    mutating func int() -> Int64? {
        guard let u = uint() else { return nil }
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    mutating func count() -> Int? {
        guard let n = uint(), n < 1 << 31 else { return nil }
        return Int(n)
    }

    mutating func string() -> String? {
        guard let n = count(), let b = bytes(n) else { return nil }
        return String(validating: b, as: UTF8.self)
    }

    mutating func optional<T>(_ read: (inout ByteReader) -> T?) -> T?? {
        switch byte() {
        case 0: return .some(nil)
        case 1: return read(&self).map { .some($0) }
        default: return nil
        }
    }

    mutating func mark() -> Mark? {
        guard let l = int(), let c = int() else { return nil }
        return Mark(line: Int(l), column: Int(c))
    }

    mutating func text() -> Text? {
        guard let zh = string(), let en = string() else { return nil }
        return Text(zh: zh, en: en)
    }

    mutating func diagnostic() -> Diagnostic? {
        guard let code = string(), let rule = Rule(code: code), let sev = string().flatMap(Severity.init(rawValue:)),
            let file = string(), let start = optional({ $0.mark() }), let end = optional({ $0.mark() }),
            let path = optional({ $0.string() }), let message = text(), let n = count()
        else { return nil }
        var notes: [Note] = []
        for _ in 0..<n {
            guard let f = string(), let s = optional({ $0.mark() }), let m = text() else { return nil }
            notes.append(Note(file: f, start: s, message: m))
        }
        let fix: Fix?
        switch byte() {
        case 0: fix = nil
        case 1:
            guard let v = string() else { return nil }
            fix = .replace(v)
        case 2:
            guard let a = string(), let b = string() else { return nil }
            fix = .move(from: a, to: b)
        default: return nil
        }
        return Diagnostic(
            rule: rule, file: file, start: start, end: end, path: path, message: message, notes: notes,
            severity: sev, fix: fix)
    }

    mutating func key() -> CustomerSummary.Key? {
        guard let v = string(), let f = string(), let m = mark() else { return nil }
        return .init(value: v, file: f, mark: m)
    }

    mutating func keys() -> [CustomerSummary.Key]? {
        guard let n = count() else { return nil }
        var out: [CustomerSummary.Key] = []
        for _ in 0..<n {
            guard let k = key() else { return nil }
            out.append(k)
        }
        return out
    }

    /// A cached result for the customer folder `name` (its documents are not kept: the
    /// archive-wide rules need only the summary).
    mutating func customerResult(_ name: String) -> CustomerResult? {
        guard let path = string(), let number = string(), let year = int(), let seq = int(),
            let suffix = optional({ $0.string() }),
            let numberMark = optional({ r -> (String, Mark)? in
                guard let f = r.string(), let m = r.mark() else { return nil }
                return (f, m)
            }),
            let fullName = optional({ $0.key() }), let normalized = optional({ $0.string() }),
            let credit = optional({ $0.key() }), let mobiles = keys(), let emails = keys(),
            let documents = int(), let n = count()
        else { return nil }
        var diagnostics: [Diagnostic] = []
        diagnostics.reserveCapacity(n)
        for _ in 0..<n {
            guard let d = diagnostic() else { return nil }
            diagnostics.append(d)
        }
        let dir = CustomerDirectory(
            name: name, path: path, number: number, year: Int(year), sequence: Int(seq), suffix: suffix,
            documents: [], diagnostics: [])
        var summary = CustomerSummary(directory: dir)
        summary.numberMark = numberMark.map { (file: $0.0, mark: $0.1) }
        (summary.fullName, summary.normalizedName, summary.creditCode, summary.mobiles, summary.emails) = (
            fullName, normalized, credit, mobiles, emails
        )
        return CustomerResult(diagnostics: diagnostics, summary: summary, documents: Int(documents))
    }
}
