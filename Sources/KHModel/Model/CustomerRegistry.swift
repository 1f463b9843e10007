import KHSupport
import KHYAML

/// Who is in the archive: each customer's number and the facts that identify it (names,
/// credit code, mobiles, e-mails), read from the 基本信息 files only. The writing commands
/// use it to allocate numbers, to find a customer by number or name, and to refuse a
/// second archive for the same customer ([M1] one customer, one archive; [M5] check first).
public struct CustomerRegistry: Sendable {
    public struct Entry: Sendable {
        /// The folder, with all its documents listed.
        public var directory: CustomerDirectory
        /// The 基本信息 document, when it could be read.
        public var basicInfo: BasicInfo?
        /// The 基本信息 file (archive-relative), when there is one.
        public var basicPath: String?

        public var number: String { directory.number }
        public var isPerson: Bool { basicInfo?.isPerson ?? false }
        /// 全称 (企业) or 姓名 (个人).
        public var name: String? { basicInfo?.name }
        public var shortName: String? { isPerson ? nil : basicInfo?.shortName }
        public var creditCode: String? { basicInfo?.creditCode }
        public var owner: String? { basicInfo?.owner }
        public var stage: String? { basicInfo?.stage }
        public var contacts: [BasicInfo.Contact] { basicInfo?.contacts ?? [] }
        public var contactNames: [String] { contacts.compactMap(\.name) }
        public var mobiles: [String] { contacts.compactMap(\.mobileDigits) }
        public var emails: [String] { contacts.compactMap(\.normalizedEmail) }

        package init(_ s: CustomerSnapshot) {
            directory = s.directory
            basicInfo = s.basic
            basicPath = s.basicFile?.path
        }
    }

    public let archive: Archive
    public private(set) var entries: [Entry]
    /// The entries' identities, by index into `entries`.
    let identities: IdentityIndex<Int>

    public init(_ archive: Archive) {
        self.archive = archive
        var reader = ArchiveReader(archive, kinds: [.basicInfo])
        reader.listsEverything = true
        entries = reader.map { Entry($0) }.results
        var index = IdentityIndex<Int>()
        for (i, e) in entries.enumerated() {
            index.insert(
                Identity(
                    name: e.isPerson ? nil : e.name, creditCode: e.creditCode, mobiles: e.mobiles, emails: e.emails), i)
        }
        identities = index
    }

    // MARK: - Numbers

    /// The highest sequence of `year` in use or retired (0 when none).
    public func highestSequence(year: Int) -> Int {
        Self.highestSequence(year: year, of: entries.lazy.map(\.number), config: archive.config)
    }

    /// The highest sequence of `year` among `numbers` and kh.yaml's retired numbers (0 when
    /// none): for a caller that has the numbers in use already (kh serve's list), without
    /// reading every 基本信息 as a registry does.
    public static func highestSequence(year: Int, of numbers: some Sequence<String>, config: Config) -> Int {
        var highest = 0
        for n in numbers {
            if let (y, s) = config.parseNumber(Substring(n)), y == year { highest = max(highest, s) }
        }
        for n in config.retiredNumbers {
            if let (y, s) = config.parseNumber(Substring(n)), y == year { highest = max(highest, s) }
        }
        return highest
    }

    /// The next number for `year`: one past the highest in use or retired that year; a number
    /// is never reused. `taken` adds numbers planned but not yet written.
    public func nextNumber(year: Int, taken: Set<String> = []) -> String {
        let highest = max(
            highestSequence(year: year), Self.highestSequence(year: year, of: taken, config: archive.config))
        return archive.config.number(year: year, sequence: highest + 1)
    }

    public func isUsedOrRetired(_ number: String) -> Bool {
        entries.contains { $0.number == number } || archive.config.retiredNumbers.contains(number)
    }

    // MARK: - Finding customers

    public enum Lookup {
        case found(Entry)
        case none
        case ambiguous([Entry])
    }

    /// A customer by number (`KH-2024-001`), folder name, full name, short name or 姓名; or,
    /// failing those, by a unique part of a name.
    public func find(_ query: String) -> Lookup {
        let q = query.trimmingWhitespace()
        if let e = entries.first(where: { $0.number == q || $0.directory.name == q }) { return .found(e) }
        let exact = entries.filter {
            [$0.name, $0.shortName].contains { $0.map { Normalize.name($0) == Normalize.name(q) } ?? false }
        }
        if exact.count == 1 { return .found(exact[0]) }
        if exact.count > 1 { return .ambiguous(exact) }
        let partial = entries.filter {
            [$0.name, $0.shortName].contains { $0.map { Normalize.name($0).contains(Normalize.name(q)) } ?? false }
        }
        if partial.count == 1 { return .found(partial[0]) }
        return partial.isEmpty ? .none : .ambiguous(partial)
    }

    // MARK: - One customer, one archive

    /// What identifies a customer, for duplicate checks.
    public struct Identity: Sendable {
        public var name: String?
        /// The name normalised as spec section 5 compares full names.
        public var normalizedName: String?
        public var creditCode: String?
        public var mobiles: [String] = []
        public var emails: [String] = []

        public init(name: String?, creditCode: String?, mobiles: [String], emails: [String]) {
            self.name = name
            normalizedName = name.map(Normalize.name)
            self.creditCode = creditCode.map { $0.uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
            self.mobiles = mobiles.compactMap(Values.mobile)
            self.emails = emails.map { $0.lowercased() }
        }
    }

    /// Identities looked up by each identifying fact (hashed: an import of thousands of rows
    /// checks each row in constant time).
    public struct IdentityIndex<Value: Sendable>: Sendable {
        private var codes: [String: (Value, String)] = [:]
        private var names: [String: (Value, String)] = [:]
        private var mobiles: [String: Value] = [:]
        private var emails: [String: Value] = [:]

        public init() {}

        public mutating func insert(_ id: Identity, _ value: Value) {
            if let c = id.creditCode, codes[c] == nil { codes[c] = (value, c) }
            if let n = id.normalizedName, let raw = id.name, names[n] == nil { names[n] = (value, raw) }
            for m in id.mobiles where mobiles[m] == nil { mobiles[m] = value }
            for e in id.emails where emails[e] == nil { emails[e] = value }
        }

        /// The first identity sharing a fact with `id`, and which fact (credit code, then
        /// name, then a contact's mobile, then e-mail).
        public func find(_ id: Identity) -> (Value, Text)? {
            if let c = id.creditCode, let (v, code) = codes[c] {
                return (v, Text(zh: "统一社会信用代码 \(code) 相同", en: "the same 统一社会信用代码 \(code)"))
            }
            if let n = id.normalizedName, let (v, _) = names[n], let name = id.name {
                return (v, Text(zh: "名称「\(name)」相同", en: "the same name '\(name)'"))
            }
            for m in id.mobiles {
                if let v = mobiles[m] { return (v, Text(zh: "联系人手机 \(m) 相同", en: "the same contact mobile \(m)")) }
            }
            for e in id.emails {
                if let v = emails[e] { return (v, Text(zh: "联系人邮箱 \(e) 相同", en: "the same contact e-mail \(e)")) }
            }
            return nil
        }
    }

    /// The existing customer that `identity` describes, and why.
    public func existing(_ identity: Identity) -> (Entry, Text)? {
        identities.find(identity).map { (entries[$0.0], $0.1) }
    }
}
