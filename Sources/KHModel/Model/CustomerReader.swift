import Foundation
import KHSupport
import KHYAML

/// The one reader of customer files: a customer folder (listed by `LayoutScanner`) in, a
/// `CustomerSnapshot` out. Reads only the kinds of document asked for.
public struct CustomerReader: Sendable {
    public let root: String
    public var kinds: Set<DocumentType>
    /// Also keep each document's git blob id.
    public var hashes: Bool

    public init(root: String, kinds: Set<DocumentType> = Set(DocumentType.allCases), hashes: Bool = false) {
        self.root = root
        self.kinds = kinds
        self.hashes = hashes
    }

    public func read(_ dir: CustomerDirectory) -> CustomerSnapshot {
        let basicFile = dir.documents.first { $0.type == .basicInfo && $0.nameIsWellFormed }
        var s = CustomerSnapshot(directory: dir, kinds: kinds, basicFile: basicFile)
        for file in dir.documents where kinds.contains(file.type) {
            guard let m = load(file, into: &s) else { continue }
            switch file.type {
            case .basicInfo:
                if file.path == basicFile?.path {
                    s.basic = BasicInfo(file: file, mapping: m)
                } else {
                    s.strayBasics.append(BasicInfo(file: file, mapping: m))
                }
            case .cooperation: s.contracts.append(ContractDocument(file: file, mapping: m))
            case .interaction: s.interactions.append(InteractionRecord(file: file, mapping: m))
            case .needs: s.needs.append(NeedsDocument(file: file, mapping: m))
            case .assessment: s.assessments.append(Assessment(file: file, mapping: m))
            }
        }
        return s
    }

    /// Reads and parses one document; a mapping, or nil with the problem recorded.
    private func load(_ file: DocumentFile, into s: inout CustomerSnapshot) -> YAMLMapping? {
        let path = file.path
        let node: YAMLNode?
        switch FileSystem.read(root + "/" + path, limit: YAMLLimits.maxFileSize) {
        case .failure(.tooLarge(let size)):
            s.problems.append(Diagnostic(rule: .fileTooLarge, file: path, message: Rules.FileTooLarge.message(size)))
            node = nil
        case .failure(.cannotOpen(let reason)):
            s.problems.append(Diagnostic(rule: .unreadable, file: path, message: Rules.Unreadable.cannotRead(reason)))
            node = nil
        case .failure(.notAFile):
            s.problems.append(Diagnostic(rule: .unreadable, file: path, message: Rules.Unreadable.notARegularFile))
            node = nil
        case .success(let bytes):
            if hashes { s.hashes[path] = SHA1.gitBlob(bytes) }
            let parsed = YAMLParser.parse(bytes, file: path, names: .fieldNames)
            s.problems += parsed.diagnostics
            if parsed.root == nil && !parsed.hasContent && parsed.problems.isEmpty {
                s.problems.append(
                    Diagnostic(
                        rule: .notAMapping, file: path, start: Mark(line: 1, column: 1),
                        message: Rules.NotAMapping.emptyDocument))
            }
            if parsed.hasLongDigitRuns, let root = parsed.root { s.longDigitRuns.append((path, root)) }
            node = parsed.root
        }
        guard let node else {
            s.unreadable.append(path)
            return nil
        }
        guard case .mapping(let m) = node else {
            s.problems.append(
                Diagnostic(
                    rule: .notAMapping, file: path, start: node.start, message: Rules.NotAMapping.message(node.kindName)
                ))
            s.unreadable.append(path)
            return nil
        }
        return m
    }
}

/// The whole archive read customer by customer on all cores: the layout scanned once, each
/// customer listed, read and handed to `transform` (which keeps what it needs: memory stays
/// flat on 100,000 customers), results in folder order.
public struct ArchiveReader: Sendable {
    public let root: String
    public let config: Config
    public var reader: CustomerReader
    /// List every folder of a customer even when fewer kinds are read (the writing
    /// commands need to know what is there).
    public var listsEverything = false

    public init(_ archive: Archive, kinds: Set<DocumentType> = Set(DocumentType.allCases), hashes: Bool = false) {
        root = archive.root
        config = archive.config
        reader = CustomerReader(root: archive.root, kinds: kinds, hashes: hashes)
    }

    public var scanner: LayoutScanner { LayoutScanner(root: root, config: config) }

    /// The customer folders (not yet listed) and the layout's problems outside them.
    public func scan() -> (customers: [CustomerDirectory], diagnostics: [Diagnostic]) { scanner.scan() }

    /// Lists and reads one customer folder from `scan()`. Asked for 01 alone, only that
    /// folder is listed.
    public func read(_ dir: CustomerDirectory) -> CustomerSnapshot {
        let only: DocumentType? = reader.kinds == [.basicInfo] && !listsEverything ? .basicInfo : nil
        return reader.read(scanner.scanContents(dir, only: only))
    }

    /// Reads the customers named (folder names), in folder order.
    /// A few names are looked up one by one (a write's result check, kh serve's customer page):
    /// listing and sorting every folder of a large archive costs more than reading one customer.
    public func read(names: Set<String>) -> [CustomerSnapshot] {
        let dirs: [CustomerDirectory]
        if names.count <= 16 {
            let scanner = self.scanner
            dirs = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.compactMap {
                scanner.customer(named: $0)
            }
        } else {
            dirs = scan().customers.filter { names.contains($0.name) }
        }
        return ParallelMap.map(dirs) { read($0) }
    }

    /// Every customer, through `transform`, in folder order; with the layout's problems.
    public func map<R: Sendable>(
        consume: ((inout R) -> Void)? = nil,
        _ transform: @escaping @Sendable (CustomerSnapshot) -> R
    ) -> (results: [R], layout: [Diagnostic]) {
        let (dirs, layout) = scan()
        let this = self
        return (ParallelMap.map(dirs, consume: consume) { transform(this.read($0)) }, layout)
    }
}

extension CustomerReader {
    /// A document's bytes as they are on disk (archive-relative path): for an in-place edit
    /// (the writing commands change a document through `EditableDocument`, which keeps
    /// everything they do not touch byte for byte) and for the lines kh validate's human
    /// output quotes.
    public static func source(root: String, path: String) -> [UInt8]? {
        guard case .success(let bytes) = FileSystem.read(root + "/" + path, limit: YAMLLimits.maxFileSize) else {
            return nil
        }
        return bytes
    }
}
