import Foundation
import KHModel
import KHSupport
import KHValidation
import KHYAML

/// Prints the HTML catalogue to PDF with a headless Chromium-family browser found on the machine.
public enum PDFPrinter {
    /// The names tried on the PATH, then the usual macOS application paths.
    public static let browserNames = [
        "chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
        "microsoft-edge", "microsoft-edge-stable", "brave-browser",
    ]
    public static let macPaths = [
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
        "/Applications/Brave Browser.app/Contents/MacOS/Brave Browser",
    ]

    /// `--browser`, else `KH_BROWSER`, else the usual names and paths. Returns the browser
    /// and what was searched (for the error message).
    public static func findBrowser(
        explicit: String?, environment: [String: String]
    ) -> (path: String?, searched: [String]) {
        var searched: [String] = []
        for candidate in [explicit, environment["KH_BROWSER"]].compactMap({ $0 }) where !candidate.isEmpty {
            searched.append(candidate)
            if let p = resolve(candidate, environment: environment) { return (p, searched) }
        }
        for name in browserNames {
            searched.append(name)
            if let p = resolve(name, environment: environment) { return (p, searched) }
        }
        for path in macPaths {
            searched.append(path)
            if FileManager.default.isExecutableFile(atPath: path) { return (path, searched) }
        }
        return (nil, searched)
    }

    static func resolve(_ name: String, environment: [String: String]) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for dir in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// On Linux, whether fontconfig knows a font with Chinese glyphs (nil: cannot tell).
    public static func hasChineseFont() -> Bool? {
        #if os(Linux)
        guard let fcList = resolve("fc-list", environment: ProcessInfo.processInfo.environment) else { return nil }
        guard let (status, out) = try? run(fcList, [":lang=zh", "family"]), status == 0 else { return nil }
        return !out.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        #else
        return true
        #endif
    }

    public enum Failure: Error {
        case browserFailed(String)
        case noOutput
    }

    /// Prints `html` (a file) to `pdf`; checks that a PDF came out.
    public static func print(html: String, to pdf: String, browser: String) throws {
        let url = URL(fileURLWithPath: html).absoluteString
        var args = [
            "--headless", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
            "--print-to-pdf=\(pdf)", url,
        ]
        if getuid() == 0 { args.insert("--no-sandbox", at: 0) }
        try? FileManager.default.removeItem(atPath: pdf)
        let (status, out) = try run(browser, args)
        guard status == 0 else { throw Failure.browserFailed(String(out.suffix(600))) }
        guard let handle = FileHandle(forReadingAtPath: pdf), let head = try? handle.read(upToCount: 5),
            head == Data("%PDF-".utf8)
        else { throw Failure.noOutput }
        try? handle.close()
    }

    /// How long the browser may take to print: a catalogue of 100,000 customers prints in
    /// minutes; a browser that hangs is ended (with whatever it started) and said so.
    static let timeLimit: Double = 900

    /// Runs a program through the one child-process runner (KHSupport's `ChildProcess`): its
    /// status and what it wrote (stdout, then stderr).
    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let outcome = try ChildProcess.run(executable, arguments, timeout: timeLimit)
        if outcome.timedOut {
            throw Failure.browserFailed("no PDF after \(Int(timeLimit)) s: the browser was stopped")
        }
        return (outcome.status, outcome.text + outcome.errorText)
    }
}
