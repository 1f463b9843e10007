import Foundation
import XCTest

/// Where the tests find the package, its fixtures and the archive template.
public enum TestPaths {
    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    /// `Tests/KHTestSupport/Fixtures`.
    public static var fixtures: URL { Golden.fixtures }
    /// `archive-template`.
    public static var template: String { packageRoot.appendingPathComponent("archive-template").path }
}

/// The built `kh` binary, run as a person runs it (the end-to-end tests).
public enum KHCommand {
    public struct Run {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The debug build's kh: the test bundle sits in the build products folder, beside it.
    public static var kh: URL {
        var dir = Bundle(for: Anchor.self).bundleURL
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("kh")
    }

    private final class Anchor {}

    /// git with no user or system configuration (the tests' repositories are the same everywhere).
    public static let gitEnv = ["GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"]

    /// Runs the built kh.
    public static func run(
        _ arguments: [String], cwd: String? = nil, env: [String: String] = [:], stdin: String? = nil
    ) throws -> Run {
        try runProgram(kh.path, arguments, cwd: cwd, env: env, stdin: stdin)
    }

    /// Runs `program` with NO_COLOR=1 and KH_NO_CACHE=1 (fixtures in the repository stay as they
    /// are: no result cache written into them; the cache tests turn it on with KH_NO_CACHE=0).
    public static func runProgram(
        _ program: String, _ arguments: [String], cwd: String? = nil, env: [String: String] = [:],
        stdin: String? = nil
    ) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["KH_NO_CACHE"] = "1"
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe()
        let err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }
}
