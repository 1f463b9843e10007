import KHSupport
import KHYAML

/// The folder of customer directories inside an archive.
public let customersFolder = "客户档案"

/// One document file found in a customer directory.
public struct DocumentFile: Sendable {
    public var type: DocumentType
    /// Archive-relative path.
    public var path: String
    /// The file's name, and the 03 group folder it stands in (if any).
    public var name: String
    public var group: String?
    /// False for `.yml` files and names that break their folder's pattern; such files are
    /// still validated, but not matched against their name.
    public var nameIsWellFormed: Bool

    package init(type: DocumentType, path: String, name: String, group: String? = nil, nameIsWellFormed: Bool) {
        self.type = type
        self.path = path
        self.name = name
        self.group = group
        self.nameIsWellFormed = nameIsWellFormed
    }
}

extension DocumentFile {
    /// `kh fix`'s move of this file to `name` in `folder` (archive-relative), when the name is
    /// safe and the place another.
    func move(to folder: String, name: String) -> Fix? {
        guard FileNames.isSafeComponent(name) else { return nil }
        let target = folder + "/" + name
        guard target != path else { return nil }
        return .move(from: path, to: target)
    }
}

/// One customer directory, as found on disk.
public struct CustomerDirectory: Sendable {
    public var name: String
    public var path: String
    public var number: String
    public var year: Int
    public var sequence: Int
    public var suffix: String?
    public var documents: [DocumentFile]
    /// Problems of the layout itself (stray files, links, names).
    public var diagnostics: [Diagnostic]

    package init(
        name: String, path: String, number: String, year: Int, sequence: Int, suffix: String? = nil,
        documents: [DocumentFile], diagnostics: [Diagnostic]
    ) {
        self.name = name
        self.path = path
        self.number = number
        self.year = year
        self.sequence = sequence
        self.suffix = suffix
        self.documents = documents
        self.diagnostics = diagnostics
    }
}

/// Walks `客户档案/` per spec section 1: what stands where, and what should not.
public struct LayoutScanner: Sendable {
    public let root: String
    public let config: Config

    public init(root: String, config: Config) {
        self.root = root
        self.config = config
    }

    /// The customer directories (their contents not yet listed: see `scanContents`), sorted
    /// by name, and problems found outside them.
    public func scan() -> (customers: [CustomerDirectory], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let top = root + "/" + customersFolder
        guard let kind = FileSystem.kind(top) else { return ([], []) }
        if kind == .symlink {
            return ([], [Diagnostic(rule: .symlink, file: customersFolder, message: Rules.Symlink.message)])
        }
        guard kind == .directory, let entries = FileSystem.list(top) else {
            return (
                [], [Diagnostic(rule: .unreadable, file: customersFolder, message: Rules.Unreadable.expectedDirectory)]
            )
        }
        var customers: [CustomerDirectory] = []
        for entry in entries where entry.name.utf8.first != 0x2E {
            let rel = customersFolder + "/" + entry.name
            if entry.kind == .symlink {
                diagnostics.append(Diagnostic(rule: .symlink, file: rel, message: Rules.Symlink.message))
                continue
            }
            let parsed = parseDirectoryName(entry.name)
            guard entry.kind == .directory, let parsed else {
                diagnostics.append(
                    Diagnostic(
                        rule: .badCustomerDirectory, file: rel,
                        message: Rules.BadCustomerDirectory.message(
                            entry.name, isDirectory: entry.kind == .directory,
                            example: config.number(year: 2024, sequence: 1))))
                continue
            }
            customers.append(
                CustomerDirectory(
                    name: entry.name, path: rel, number: parsed.number, year: parsed.year,
                    sequence: parsed.sequence, suffix: parsed.suffix, documents: [], diagnostics: []))
        }
        return (customers, diagnostics)
    }

    /// One customer folder by its name (its contents not yet listed), as `scan` would give it;
    /// nil when there is no such folder or the name is not a customer folder's.
    public func customer(named name: String) -> CustomerDirectory? {
        let rel = customersFolder + "/" + name
        // The customers folder itself must not be a link (scan gives nothing then either).
        guard !name.contains("/"), name.utf8.first != 0x2E, FileSystem.kind(root + "/" + customersFolder) == .directory,
            FileSystem.kind(root + "/" + rel) == .directory,
            let parsed = parseDirectoryName(name)
        else { return nil }
        return CustomerDirectory(
            name: name, path: rel, number: parsed.number, year: parsed.year,
            sequence: parsed.sequence, suffix: parsed.suffix, documents: [], diagnostics: [])
    }

    func parseDirectoryName(_ name: String) -> (number: String, year: Int, sequence: Int, suffix: String?)? {
        let parts = name.split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false)
        let numberPart = parts[0]
        guard let (year, seq) = config.parseNumber(numberPart) else { return nil }
        var suffix: String?
        if parts.count == 2 {
            guard !parts[1].isEmpty, FileNames.isSafeComponent(String(parts[1])) else { return nil }
            suffix = String(parts[1])
        }
        return (String(numberPart), year, seq, suffix)
    }

    /// Lists a customer directory's folders and documents (run per customer, in parallel).
    /// With `only`, just that folder is listed (the rest is neither listed nor reported).
    public func scanContents(_ customer: CustomerDirectory, only: DocumentType? = nil) -> CustomerDirectory {
        var dir = customer
        let rel = customer.path
        guard let entries = FileSystem.list(root + "/" + rel) else {
            dir.diagnostics.append(
                Diagnostic(rule: .unreadable, file: rel, message: Rules.Unreadable.cannotOpenDirectory))
            return dir
        }
        for entry in entries where entry.name.utf8.first != 0x2E {
            if let only, DocumentType(folder: entry.name) != only { continue }
            let path = rel + "/" + entry.name
            if entry.kind == .symlink {
                dir.diagnostics.append(Diagnostic(rule: .symlink, file: path, message: Rules.Symlink.message))
                continue
            }
            guard entry.kind == .directory, let type = DocumentType(folder: entry.name) else {
                let folders = DocumentType.allCases.map(\.folder)
                dir.diagnostics.append(
                    Diagnostic(
                        rule: .strayInCustomer, file: path,
                        message: Rules.StrayInCustomer.message(
                            entry.name, isDirectory: entry.kind == .directory,
                            suggestion: Suggest.nearest(entry.name, in: folders), folders: folders)))
                continue
            }
            scanFolder(type, path: path, into: &dir)
        }
        return dir
    }

    /// One of the five folders, or (with `group`) a quarter or project folder of 03-互动记录.
    private func scanFolder(_ type: DocumentType, path: String, group: String? = nil, into dir: inout CustomerDirectory)
    {
        guard let entries = FileSystem.list(root + "/" + path) else {
            dir.diagnostics.append(
                Diagnostic(rule: .unreadable, file: path, message: Rules.Unreadable.cannotOpenDirectory))
            return
        }
        for entry in entries where entry.name.utf8.first != 0x2E {
            let child = path + "/" + entry.name
            if entry.kind == .symlink {
                dir.diagnostics.append(Diagnostic(rule: .symlink, file: child, message: Rules.Symlink.message))
                continue
            }
            if entry.kind == .directory && entry.name.same("附件") { continue }
            if type == .interaction && group == nil && entry.kind == .directory {
                scanFolder(type, path: child, group: entry.name, into: &dir)
                continue
            }
            addFile(type, name: entry.name, kind: entry.kind, path: child, group: group, into: &dir)
        }
    }

    private func addFile(
        _ type: DocumentType, name: String, kind: EntryKind, path: String, group: String?,
        into dir: inout CustomerDirectory
    ) {
        let isYAML = name.utf8.hasSuffix(".yaml".utf8)
        let isYML = name.utf8.hasSuffix(".yml".utf8)
        guard isYAML || isYML else {
            dir.diagnostics.append(
                Diagnostic(
                    rule: .strayInFolder, file: path,
                    message: Rules.StrayInFolder.message(name, folder: type.folder, isDirectory: kind == .directory)))
            return
        }
        if kind == .directory {
            dir.diagnostics.append(
                Diagnostic(rule: .unreadable, file: path, message: Rules.Unreadable.directoryNamedLikeFile))
            return
        }
        if kind != .file {
            dir.diagnostics.append(Diagnostic(rule: .unreadable, file: path, message: Rules.Unreadable.notARegularFile))
            return
        }
        if isYML {
            dir.diagnostics.append(
                Diagnostic(
                    rule: .ymlExtension, file: path, message: Rules.YmlExtension.message(name),
                    fix: .move(from: path, to: String(path.dropLast(4)) + ".yaml")))
        }
        var wellFormed = isYAML
        if isYAML, let problem = Rules.BadFileName.problem(type, name: name) {
            dir.diagnostics.append(Diagnostic(rule: .badFileName, file: path, message: problem))
            wellFormed = false
        }
        if type == .interaction && group == nil {
            dir.diagnostics.append(
                Diagnostic(rule: .wrongGroupFolder, file: path, message: Rules.WrongGroupFolder.outsideGroup))
        }
        dir.documents.append(
            DocumentFile(type: type, path: path, name: name, group: group, nameIsWellFormed: wellFormed))
    }
}

/// The file-name patterns of spec section 1.
public enum FileNames {
    /// Whether a name can stand as one file or folder name in the archive on every system
    /// git runs on: not empty, not hidden, no slash, backslash, control character or
    /// character Windows refuses, and at most 200 bytes (room for a date and `.yaml`).
    public static func isSafeComponent(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 200, s != ".", s != "..", !s.hasPrefix("."),
            s.trimmingWhitespace() == s, !s.hasSuffix(".")
        else { return false }
        return !s.unicodeScalars.contains { u in
            u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value)
                || "/\\:*?\"<>|".unicodeScalars.contains(u)
                || u == "\u{2028}" || u == "\u{2029}" || u == "\u{FEFF}"
        }
    }

    /// `YYYY-MM-DD-<rest>.yaml` split into its date and rest.
    public static func datedParts(_ name: String) -> (Day, String)? {
        // Byte-wise: the date and the separators are ASCII.
        let u = name.utf8
        guard u.count > 16, u.hasSuffix(".yaml".utf8) else { return nil }
        return Values.bytes(name) { b -> (Day, String)? in
            guard let day = Values.date(UnsafeBufferPointer(rebasing: b[0..<10])), b[10] == 0x2D else { return nil }
            let rest = String(decoding: UnsafeBufferPointer(rebasing: b[11..<(b.count - 5)]), as: UTF8.self)
            return (day, rest)
        }
    }

    /// Whether `rest` is `expected` or `expected-N` (N ≥ 2).
    public static func matches(_ rest: String, _ expected: String) -> Bool {
        if rest.same(expected) { return true }
        guard rest.hasPrefix(expected + "-") else { return false }
        let n = rest.dropFirst(expected.count + 1)
        guard let v = Values.digits(n.utf8), n.first != "0" else { return false }
        return v >= 2
    }

    /// `YYYY-Qn` → (year, quarter).
    public static func quarterFolder(_ name: String) -> (Int, Int)? {
        let b = Array(name.utf8)
        guard b.count == 7, b[4] == 0x2D, b[5] == 0x51, let y = Values.year(String(name.prefix(4))),
            (0x31...0x34).contains(b[6])
        else { return nil }
        return (y, Int(b[6] - 0x30))
    }
}
