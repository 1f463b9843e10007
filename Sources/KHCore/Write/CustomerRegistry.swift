/// Who is in the archive: each customer's number and the facts that identify it (names,
/// credit code, mobiles, e-mails), read from the 基本信息 files only. The writing commands
/// use it to allocate numbers, to find a customer by number or name, and to refuse a
/// second archive for the same customer ([M1] one customer, one archive; [M5] check first).
public struct CustomerRegistry: Sendable {
    public struct Entry: Sendable {
        public var directory: CustomerDirectory
        /// The 基本信息 file (archive-relative), when there is one.
        public var basicPath: String?
        public var basic: YAMLMapping?
        public var isPerson: Bool
        /// 全称 (企业) or 姓名 (个人).
        public var name: String?
        public var shortName: String?
        public var creditCode: String?
        public var mobiles: [String]
        public var emails: [String]
        public var owner: String?
        public var stage: String?
        public var contactNames: [String]

        public var number: String { directory.number }
    }

    public let archive: Archive
    public private(set) var entries: [Entry]

    public init(_ archive: Archive) {
        self.archive = archive
        let scanner = LayoutScanner(root: archive.root, config: archive.config)
        let (customers, _) = scanner.scan()
        entries = ParallelMap.map(customers) { dir in
            let full = scanner.scanContents(dir)
            let file = full.documents.first { $0.type == .basicInfo && $0.nameIsWellFormed }
            let m = file.flatMap { DocumentLoader.loadMapping(root: archive.root, file: $0).root }
            return Self.entry(full, basicPath: file?.path, basic: m)
        }
    }

    static func entry(_ dir: CustomerDirectory, basicPath: String?, basic m: YAMLMapping?) -> Entry {
        let person = m?.text("客户类型")?.same("个人") ?? false
        let company = m?.submapping("企业名称")
        var mobiles: [String] = [], emails: [String] = [], contacts: [String] = []
        for item in m?.items("联系人") ?? [] {
            guard let c = item.mapping else { continue }
            if let n = c.text("姓名") { contacts.append(n) }
            if let raw = c.text("手机"), let digits = Values.mobile(raw) { mobiles.append(digits) }
            if let raw = c.text("邮箱"), Values.isEmail(raw) { emails.append(raw.lowercased()) }
        }
        return Entry(directory: dir, basicPath: basicPath, basic: m, isPerson: person,
                     name: person ? m?.text("姓名") : company?.text("全称"), shortName: person ? nil : company?.text("简称"),
                     creditCode: m?.text("统一社会信用代码"), mobiles: mobiles, emails: emails,
                     owner: m?.text("负责销售"), stage: m?.text("客户阶段"), contactNames: contacts)
    }

    // MARK: - Numbers

    /// The next number for `year`: one past the highest in use or retired that year; a number
    /// is never reused. `taken` adds numbers planned but not yet written.
    public func nextNumber(year: Int, taken: Set<String> = []) -> String {
        let config = archive.config
        var highest = 0
        for e in entries where e.directory.year == year { highest = max(highest, e.directory.sequence) }
        for n in config.retiredNumbers + Array(taken) {
            if let (y, s) = config.parseNumber(Substring(n)), y == year { highest = max(highest, s) }
        }
        return config.number(year: year, sequence: highest + 1)
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
        let exact = entries.filter { [$0.name, $0.shortName].contains { $0.map { Normalize.name($0) == Normalize.name(q) } ?? false } }
        if exact.count == 1 { return .found(exact[0]) }
        if exact.count > 1 { return .ambiguous(exact) }
        let partial = entries.filter { [$0.name, $0.shortName].contains { $0.map { Normalize.name($0).contains(Normalize.name(q)) } ?? false } }
        if partial.count == 1 { return .found(partial[0]) }
        return partial.isEmpty ? .none : .ambiguous(partial)
    }

    // MARK: - One customer, one archive

    /// What identifies a customer, for duplicate checks.
    public struct Identity: Sendable {
        public var name: String?
        public var creditCode: String?
        public var mobiles: [String] = []
        public var emails: [String] = []

        public init(name: String?, creditCode: String?, mobiles: [String], emails: [String]) {
            self.name = name
            self.creditCode = creditCode
            self.mobiles = mobiles.compactMap(Values.mobile)
            self.emails = emails.map { $0.lowercased() }
        }
    }

    /// Why two identities are the same customer: the shared fact, or nil.
    public static func sameCustomer(_ a: Identity, _ b: Identity) -> Text? {
        if let x = a.creditCode, let y = b.creditCode, !x.isEmpty, x.uppercased() == y.uppercased() {
            return Text(zh: "统一社会信用代码 \(x) 相同", en: "the same 统一社会信用代码 \(x)")
        }
        if let x = a.name, let y = b.name, Normalize.name(x) == Normalize.name(y) {
            return Text(zh: "名称「\(x)」相同", en: "the same name '\(x)'")
        }
        if let m = a.mobiles.first(where: { b.mobiles.contains($0) }) {
            return Text(zh: "联系人手机 \(m) 相同", en: "the same contact mobile \(m)")
        }
        if let e = a.emails.first(where: { b.emails.contains($0) }) {
            return Text(zh: "联系人邮箱 \(e) 相同", en: "the same contact e-mail \(e)")
        }
        return nil
    }

    /// The existing customer that `identity` describes, and why.
    public func existing(_ identity: Identity) -> (Entry, Text)? {
        for e in entries {
            let other = Identity(name: e.name, creditCode: e.creditCode, mobiles: e.mobiles, emails: e.emails)
            if let why = Self.sameCustomer(identity, other) { return (e, why) }
        }
        return nil
    }
}
