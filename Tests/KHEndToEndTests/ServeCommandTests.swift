import Foundation
import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHOutputs
@testable import KHSpreadsheet
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// kh serve as a command, in a build with or without the trait Server (ServeTests drives the pages).
final class ServeCommandTests: XCTestCase {
    /// The kh under test: without the trait Server (make test's build), kh serve says how to get
    /// it and exits 2; with it, it prints its URL first (the release's test, scripts/test-dist.sh,
    /// and the browser test start it).
    func testServeCommand() throws {
        #if Server
        throw XCTSkip("this build has the server: scripts/test-dist.sh starts it")
        #else
        let archive = try TempArchive(files: TemplateFiles.all.map { ($0.path, $0.content) })
        let r = try KHCommand.run(["serve", archive.root, "--port", "0"])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "kh：这个 kh 构建时没有包含网页服务；请用发布版，或 swift build --traits Server 构建（make build 已包含）\n")
        let bad = try KHCommand.run(["serve", archive.root, "--port", "70000", "--lang", "en"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "kh: --port 70000 is not a port (0–65535)\n")
        #endif
    }
}
