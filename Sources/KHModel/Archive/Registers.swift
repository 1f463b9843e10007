import KHSupport
import KHYAML

/// The data policy's registers ([M3]; spec section 8): YAML lists of entries, appended to by
/// kh only, under `登记/` at the archive's root.
///
/// ```
/// 登记/查阅登记/2026-12.yaml      views, downloads, exports of 秘密/机密 data, a file a month
/// 登记/数据提供登记/2026.yaml      data released outside, a file a year
/// 登记/销毁登记/2026.yaml          destroyed archives, a file a year
/// ```
public enum Register: String, Sendable, CaseIterable {
    case access = "查阅登记"
    case release = "数据提供登记"
    case destruction = "销毁登记"

    public static let folder = "登记"

    /// 查阅登记 has a file a month (YYYY-MM.yaml), the others a file a year (YYYY.yaml).
    public var monthly: Bool { self == .access }

    /// The file an entry made on `day` goes to.
    public func path(on day: Day) -> String {
        let name = monthly ? "\(day.year)-\(Values.pad(day.month, 2))" : "\(day.year)"
        return "\(Self.folder)/\(rawValue)/\(name).yaml"
    }

    /// What an entry may say (spec section 8). 数据提供登记 needs two 批准人.
    public static let actions = ["查阅", "下载", "导出", "打印", "销毁"]

    var schema: Schema {
        Schema([
            Field(FieldName.registerTime, .datetime, .required),
            Field(FieldName.registerPerson, .person, .required),
            Field(FieldName.registerAction, .choice(Self.actions), .required),
            Field(FieldName.number, .text),
            Field(FieldName.registerFile, .text),
            Field(FieldName.secrecy, .choice(Declarations.secrecy)),
            Field(FieldName.registerReason, .text),
            Field(FieldName.registerApprovers, .list(.person)),
        ])
    }

    /// One entry, as kh appends it.
    public struct Entry: Sendable {
        public var time: Moment
        public var person: String
        public var action: String
        public var number: String?
        public var file: String?
        public var secrecy: String?
        public var reason: String?
        public var approvers: [String] = []

        public init(
            time: Moment, person: String, action: String, number: String? = nil, file: String? = nil,
            secrecy: String? = nil, reason: String? = nil
        ) {
            (self.time, self.person, self.action, self.number) = (time, person, action, number)
            (self.file, self.secrecy, self.reason) = (file, secrecy, reason)
        }

        /// The entry as a YAML list item (appended to the file's text).
        public var yaml: String {
            var lines = [
                "- \(FieldName.registerTime): \(time.day) \(Values.pad(time.hour, 2)):\(Values.pad(time.minute, 2))"
            ]
            func add(_ key: String, _ value: String?) {
                guard let value, !value.isEmpty else { return }
                lines.append("  \(key): " + YAMLWriter.scalar(value, flow: false))
            }
            add(FieldName.registerPerson, person)
            add(FieldName.registerAction, action)
            add(FieldName.number, number)
            add(FieldName.registerFile, file)
            add(FieldName.secrecy, secrecy)
            add(FieldName.registerReason, reason)
            if !approvers.isEmpty {
                lines.append(
                    "  \(FieldName.registerApprovers): ["
                        + approvers.map { YAMLWriter.scalar($0, flow: true) }.joined(separator: ", ") + "]")
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// A register file's text with `entry` appended (a new file starts with a comment).
    public func appending(_ entry: Entry, to text: String?) -> String {
        var t = text ?? "# \(rawValue)：由 kh 追加写入，请勿手改（kh validate 检查其格式）\n"
        if !t.isEmpty && !t.hasSuffix("\n") { t += "\n" }
        return t + entry.yaml
    }
}

/// Checks every file under `登记/`: its place and name, then each entry as a document's fields
/// are checked (KH201, KH203, KH204, KH205, KH208), and KH130 for what is particular to registers.
public enum RegisterCheck {
    public static func check(root: String, config: Config) -> [Diagnostic] {
        let base = root + "/" + Register.folder
        guard FileSystem.isDirectory(base) else { return [] }
        var out: [Diagnostic] = []
        for entry in (FileSystem.list(base) ?? []).sorted(by: { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) })
        where !entry.name.hasPrefix(".") {
            let path = Register.folder + "/" + entry.name
            guard entry.kind == .directory, let register = Register(rawValue: entry.name) else {
                out.append(misplaced(path, Rules.BadRegister.unknownRegister(entry.name)))
                continue
            }
            for file in (FileSystem.list(base + "/" + entry.name) ?? []).sorted(by: {
                $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
            }) where !file.name.hasPrefix(".") {
                out += check(register, path: path + "/" + file.name, kind: file.kind, root: root, config: config)
            }
        }
        return out
    }

    static func misplaced(_ file: String, _ message: Text) -> Diagnostic {
        Diagnostic(rule: .badRegister, file: file, message: message)
    }

    /// The period a register file's name covers: (year, month or nil).
    static func period(_ name: String, monthly: Bool) -> (Int, Int?)? {
        guard name.hasSuffix(".yaml") else { return nil }
        let stem = name.dropLast(5)
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard let year = Int(parts[0]), parts[0].count == 4 else { return nil }
        if monthly {
            guard parts.count == 2, parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            return (year, m)
        }
        return parts.count == 1 ? (year, nil) : nil
    }

    static func check(_ register: Register, path: String, kind: EntryKind, root: String, config: Config) -> [Diagnostic]
    {
        guard kind == .file,
            let (year, month) = period(String(path.split(separator: "/").last!), monthly: register.monthly)
        else {
            return [misplaced(path, Rules.BadRegister.badName(path, monthly: register.monthly))]
        }
        switch FileSystem.read(root + "/" + path, limit: YAMLLimits.maxFileSize) {
        case .success(let bytes):
            return check(register, path: path, bytes: bytes, year: year, month: month, config: config)
        case .failure(.tooLarge(let size)):
            return [Diagnostic(rule: .fileTooLarge, file: path, message: Rules.FileTooLarge.message(size))]
        case .failure(.cannotOpen(let reason)):
            return [Diagnostic(rule: .unreadable, file: path, message: Rules.Unreadable.cannotRead(reason))]
        case .failure(.notAFile):
            return [Diagnostic(rule: .unreadable, file: path, message: Rules.Unreadable.notARegularFile)]
        }
    }

    /// A register file's text: its entries' problems.
    public static func check(_ register: Register, path: String, bytes: [UInt8], config: Config) -> [Diagnostic] {
        guard let (year, month) = period(String(path.split(separator: "/").last ?? ""), monthly: register.monthly)
        else { return [misplaced(path, Rules.BadRegister.badName(path, monthly: register.monthly))] }
        return check(register, path: path, bytes: bytes, year: year, month: month, config: config)
    }

    static func check(
        _ register: Register, path: String, bytes: [UInt8], year: Int, month: Int?, config: Config
    ) -> [Diagnostic] {
        let parsed = YAMLParser.parse(bytes, file: path)
        var out = parsed.diagnostics
        guard let top = parsed.root else { return out }
        guard case .sequence(let seq) = top else {
            return out + [
                Diagnostic(rule: .badRegister, file: path, start: top.start, message: Rules.BadRegister.notAList)
            ]
        }
        var checker = FieldChecker(config: config, file: path)
        for (i, item) in seq.items.enumerated() {
            let at = "[\(i + 1)]"
            guard case .mapping(let m) = item else {
                out.append(
                    Diagnostic(
                        rule: .badRegister, file: path, start: item.start, path: at,
                        message: Rules.BadRegister.notAnEntry))
                continue
            }
            checker.check(mapping: m, schema: register.schema, path: at)
            if let (t, mark) = m.datetime(FieldName.registerTime),
                t.day.year != year || (month.map { t.day.month != $0 } ?? false)
            {
                out.append(
                    Diagnostic(
                        rule: .badRegister, file: path, start: mark, path: at + "." + FieldName.registerTime,
                        message: Rules.BadRegister.outsidePeriod(path, monthly: register.monthly)))
            }
            if register == .release, m[FieldName.registerApprovers]?.sequence.map({ $0.items.count < 2 }) ?? true {
                out.append(
                    Diagnostic(
                        rule: .badRegister, file: path, start: m.start, path: at + "." + FieldName.registerApprovers,
                        message: Rules.BadRegister.twoApprovers))
            }
        }
        return out + checker.diagnostics + PersonalData.scan(top, file: path)
    }
}
