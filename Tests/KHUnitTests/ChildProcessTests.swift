import Foundation
import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHSupport

/// The one way kh runs a child process (git): both pipes read together, input fed beside,
/// a time limit, the child always reaped.
final class ChildProcessTests: XCTestCase {
    /// A child that fills standard error while kh reads standard output (more than a pipe
    /// holds on both) finishes: nothing waits on the other.
    func testBothPipesAreReadTogether() throws {
        let script = "head -c 3000000 /dev/zero | tr '\\0' e >&2; head -c 2000000 /dev/zero | tr '\\0' o"
        let r = try ChildProcess.run("/bin/sh", ["-c", script], timeout: 60)
        XCTAssertEqual(r.status, 0)
        XCTAssertFalse(r.timedOut)
        XCTAssertEqual(r.errors.count, 3_000_000)
        XCTAssertEqual(r.output.count, 2_000_000)
    }

    func testInputIsFedWhole() throws {
        let input = Data(String(repeating: "客户档案\n", count: 200_000).utf8)
        let r = try ChildProcess.run("/bin/cat", [], input: input, timeout: 60)
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.output, input)
    }

    /// A child that stops reading its input early: kh neither dies of SIGPIPE nor hangs.
    func testAChildThatClosesItsInputEarly() throws {
        let input = Data(repeating: 0x61, count: 5_000_000)
        let r = try ChildProcess.run("/usr/bin/head", ["-c", "3"], input: input, timeout: 60)
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.text, "aaa")
    }

    /// A child that hangs is ended at the limit (SIGTERM), and reaped: no zombie is left.
    func testATimeLimitEndsAHangingChild() throws {
        let start = Date()
        let r = try ChildProcess.run("/bin/sh", ["-c", "echo started; exec sleep 30"], timeout: 0.5)
        XCTAssertTrue(r.timedOut)
        XCTAssertEqual(r.text, "started\n")
        XCTAssertNotEqual(r.status, 0)
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        // One that ignores SIGTERM gets SIGKILL two seconds later.
        let stubborn = try ChildProcess.run("/bin/sh", ["-c", "trap '' TERM; sleep 30 & wait; sleep 30"], timeout: 0.5)
        XCTAssertTrue(stubborn.timedOut)
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        #if os(Linux)
        XCTAssertEqual(Self.zombies(), [], "every child was reaped")
        #endif
    }

    func testNoSuchProgram() {
        XCTAssertThrowsError(try ChildProcess.run("/nonexistent/program", []))
    }

    func testGitIsRunInTheFolderAndNotFoundIsSaid() throws {
        let dir = NSTemporaryDirectory() + "kh-child-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        XCTAssertEqual(try Git.run(["init", "-q"], in: dir, environment: KHCommand.gitEnv).status, 0)
        let top = try Git.run(["rev-parse", "--show-toplevel"], in: dir, environment: KHCommand.gitEnv)
        XCTAssertEqual(top.status, 0)
        XCTAssertEqual(
            URL(fileURLWithPath: top.text.trimmingCharacters(in: .newlines)).resolvingSymlinksInPath().path,
            URL(fileURLWithPath: dir).resolvingSymlinksInPath().path)
        XCTAssertThrowsError(try Git.run(["status"], in: dir, environment: ["PATH": "/nonexistent"])) {
            XCTAssertTrue($0 is Git.NotFound)
        }
        let outside = try Git.run(["rev-parse", "--show-toplevel"], in: "/", environment: KHCommand.gitEnv)
        XCTAssertEqual(outside.status, 128)
        XCTAssertTrue(outside.errorText.contains("not a git repository"), outside.errorText)
    }

    /// This process's children that have exited and were not waited for.
    static func zombies() -> [String] {
        let me = getpid()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { pid -> String? in
            guard Int32(pid) != nil, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            guard fields.count > 1, fields[0] == "Z", Int32(fields[1]) == me else { return nil }
            return stat
        }
    }
}
