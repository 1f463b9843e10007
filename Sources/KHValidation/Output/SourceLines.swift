import KHModel
import KHYAML

/// Reads the lines diagnostics point at, one file at a time, for the human output format.
public final class SourceLines: @unchecked Sendable {
    private let root: String
    private var cache: [String: [Substring]] = [:]

    public init(root: String) { self.root = root }

    public func line(_ file: String, _ number: Int) -> String? {
        if cache[file] == nil {
            guard var bytes = CustomerReader.source(root: root, path: file) else { return nil }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            let text = String(decoding: bytes, as: UTF8.self)
            cache[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = cache[file], number >= 1, number <= lines.count else { return nil }
        var line = lines[number - 1]
        if line.hasSuffix("\r") { line = line.dropLast() }
        return String(line)
    }
}
