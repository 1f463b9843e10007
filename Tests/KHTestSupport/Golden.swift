import Foundation
import XCTest

@testable import KHFuzzing
@testable import KHModel
@testable import KHOutputs
@testable import KHPinyin
@testable import KHSpreadsheet
@testable import KHSupport
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// Golden files: the one way the tests compare an output with a committed file.
///
/// `assertGolden(actual, "name")` compares with `Fixtures/golden/name`, `assertGolden(actual, at: url)`
/// with any file (a fixture, a committed schema, a document), byte for byte: a BOM, CRLF line
/// ends and the Unicode normalization form all count. A difference fails the test with the file,
/// the first differing line (expected and actual) and how to re-record; a missing file fails
/// the same way, it does not crash.
///
/// Re-recording: with `KH_RECORD=1` in the environment the output is written to the file and the
/// test fails all the same ("recorded …; run again without KH_RECORD=1"), so that a recording
/// can never pass unnoticed; review `git diff`, then run the tests again without it.
///
/// kh's version, as JSON and SARIF write it (`"1.0.0"`, quotes included), is compared and
/// recorded as `"KH_VERSION"`: a release changes no golden file. Files that are shipped as they
/// are (the template's schemas, the docs) pass `normalizingVersion: false`.
public enum Golden {
    /// `Tests/KHTestSupport/Fixtures`.
    public static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")
    /// `Tests/KHTestSupport/Fixtures/golden`: where `assertGolden(_:_:)` finds a file by name.
    public static let directory = fixtures.appendingPathComponent("golden")
    /// What kh's version is replaced by.
    public static let versionPlaceholder = "\"KH_VERSION\""

    /// `KH_RECORD=1`: write the golden files (and fail).
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["KH_RECORD"] == "1" }

    /// `text` with kh's version, as a JSON string, replaced by `"KH_VERSION"`.
    public static func normalizingVersion(_ text: String) -> String {
        text.replacingOccurrences(of: "\"\(khVersion)\"", with: versionPlaceholder)
    }

    /// A path for messages: relative to the package root when inside it.
    public static func displayPath(_ url: URL) -> String {
        let root = TestPaths.packageRoot.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }

    /// The command that re-records what the calling test compares: `KH_RECORD=1 swift test --filter Class/test`,
    /// the class named after the test's source file.
    public static func recordCommand(testFile: StaticString, function: StaticString) -> String {
        let testClass = URL(fileURLWithPath: "\(testFile)").deletingPathExtension().lastPathComponent
        var test = "\(function)"
        if let paren = test.firstIndex(of: "(") { test = String(test[..<paren]) }
        let filter = test.hasPrefix("test") ? "\(testClass)/\(test)" : testClass
        return "KH_RECORD=1 swift test --filter \(filter)"
    }

    /// The comparison, with no side effect: nil when `actual` is `expected` byte for byte, otherwise
    /// the failure message. `expected` nil: the golden file does not exist. `path` names the file,
    /// `recordCommand` is how to re-record it.
    public static func mismatch(actual: [UInt8], expected: [UInt8]?, path: String, recordCommand: String) -> String? {
        guard let expected else {
            return
                "golden file \(path) does not exist: record it with \(recordCommand), review it, and run again without KH_RECORD=1"
        }
        if actual == expected { return nil }
        let a = lines(actual)
        let e = lines(expected)
        let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        func show(_ lines: [ArraySlice<UInt8>]) -> String {
            first < lines.count ? String(decoding: lines[first], as: UTF8.self).debugDescription : "<end of file>"
        }
        var message =
            "golden file \(path) differs at line \(first + 1) (golden \(expected.count) bytes, actual \(actual.count) bytes):\n"
            + "  expected: \(show(e))\n"
            + "  actual:   \(show(a))\n"
        if show(e) == show(a), first < e.count, first < a.count {
            // Same text, different bytes (the normalization form, invalid UTF-8): show the bytes.
            func hex(_ line: ArraySlice<UInt8>) -> String {
                line.prefix(64).map { String(format: "%02x", $0) }.joined(separator: " ")
            }
            message +=
                "  (the same text in different bytes)\n  expected bytes: \(hex(e[first]))\n  actual bytes:   \(hex(a[first]))\n"
        }
        return message
            + "if the new output is right, re-record with \(recordCommand), review git diff, and run again without KH_RECORD=1"
    }

    /// Lines split at "\n", the empty ones (and the one after a final line end) kept.
    public static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    }
}

/// Compares `actual` with `Fixtures/golden/<name>` (kh's version as `"KH_VERSION"`); under
/// `KH_RECORD=1` writes it there and fails. Returns whether it matched.
@discardableResult
public func assertGolden(
    _ actual: String, _ name: String, note: String? = nil,
    file: StaticString = #filePath, line: UInt = #line, function: StaticString = #function
) -> Bool {
    assertGolden(
        actual, at: Golden.directory.appendingPathComponent(name), note: note, file: file, line: line,
        function: function)
}

/// Compares `actual` with the file at `url`, byte for byte (by default kh's version as
/// `"KH_VERSION"`); under `KH_RECORD=1` writes it there and fails. `note` is added to a failure.
/// Returns whether it matched.
@discardableResult
public func assertGolden(
    _ actual: String, at url: URL, normalizingVersion: Bool = true, note: String? = nil,
    file: StaticString = #filePath, line: UInt = #line, function: StaticString = #function
) -> Bool {
    let text = normalizingVersion ? Golden.normalizingVersion(actual) : actual
    return assertGolden(bytes: Array(text.utf8), at: url, note: note, file: file, line: line, function: function)
}

/// Compares `actual` with the file at `url`, byte for byte; under `KH_RECORD=1` writes it there and
/// fails. `note` is added to a failure. Returns whether it matched.
@discardableResult
public func assertGolden(
    bytes actual: [UInt8], at url: URL, note: String? = nil,
    file: StaticString = #filePath, line: UInt = #line, function: StaticString = #function
) -> Bool {
    let path = Golden.displayPath(url)
    let suffix = note.map { "\n" + $0 } ?? ""
    let expected: [UInt8]?
    if FileManager.default.fileExists(atPath: url.path) {
        do {
            expected = Array(try Data(contentsOf: url))
        } catch {
            XCTFail("cannot read golden file \(path): \(error)" + suffix, file: file, line: line)
            return false
        }
    } else {
        expected = nil
    }
    if Golden.isRecording {
        let state: String
        if expected == actual {
            state = "unchanged"
        } else {
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(actual).write(to: url)
            } catch {
                XCTFail("KH_RECORD=1: cannot write golden file \(path): \(error)" + suffix, file: file, line: line)
                return false
            }
            state = expected == nil ? "new" : "changed"
        }
        XCTFail("recorded \(path) (\(state)); run again without KH_RECORD=1" + suffix, file: file, line: line)
        return false
    }
    let command = Golden.recordCommand(testFile: file, function: function)
    if let message = Golden.mismatch(actual: actual, expected: expected, path: path, recordCommand: command) {
        XCTFail(message + suffix, file: file, line: line)
        return false
    }
    return true
}
