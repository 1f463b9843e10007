import Foundation

@testable import KHFuzzing
@testable import KHModel
@testable import KHOutputs
@testable import KHPinyin
@testable import KHSpreadsheet
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// A temporary archive on disk, removed at deinit.
public final class TempArchive {
    public let root: String

    public init(files: [(path: String, content: String)] = ExampleArchive.files) throws {
        root = NSTemporaryDirectory() + "kh-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (path, content) in files { try write(path, content) }
    }

    /// The base archive with an example laid over it.
    public convenience init(example: RuleExample) throws {
        try self.init()
        try apply(example)
    }

    public func apply(_ example: RuleExample) throws {
        for (path, content) in example.files {
            if let content {
                try write(path, content)
            } else {
                try? FileManager.default.removeItem(atPath: root + "/" + path)
            }
        }
        for (path, bytes) in example.rawFiles { try writeBytes(path, bytes) }
        for dir in example.directories {
            try FileManager.default.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        for (path, target) in example.symlinks {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
        }
    }

    public func write(_ path: String, _ content: String) throws {
        try writeBytes(path, Array(content.utf8))
    }

    public func writeBytes(_ path: String, _ bytes: [UInt8]) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    /// Opens and validates the archive.
    public func validate() throws -> ValidationResult {
        try Archive.open(root).validate()
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }
}

/// A compact, exact form of a diagnostic for assertions: `CODE file:line:col path`.
public func brief(_ d: Diagnostic) -> String {
    var s = "\(d.code) \(d.file)"
    if let m = d.start { s += ":\(m.line):\(m.column)" }
    if let p = d.path { s += " \(p)" }
    return s
}
