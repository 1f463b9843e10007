import Foundation
import KHTestSupport
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

#if canImport(FoundationXML)
import FoundationXML
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// kh in CI and in git: the JUnit report, `kh codeowners`, `kh hook install`, and the CI and
/// pre-commit files of the repository and of archive-template/.
final class CIIntegrationTests: XCTestCase {
    static var template: String { TestPaths.packageRoot.appendingPathComponent("archive-template").path }

    /// git without the machine's or the user's configuration (no global hooksPath, no signing).
    static let gitEnv = KHCommand.gitEnv

    func kh(_ arguments: [String], cwd: String? = nil) throws -> KHCommand.Run {
        try KHCommand.run(arguments, cwd: cwd, env: Self.gitEnv)
    }

    func git(_ arguments: [String], cwd: String) throws -> KHCommand.Run {
        try KHCommand.runProgram(
            "/usr/bin/env",
            [
                "git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false",
            ] + arguments,
            cwd: cwd, env: Self.gitEnv)
    }

    /// A scratch folder, removed after the test.
    func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "kh-ci-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// archive-template copied to `path` (without kh's local cache).
    func copyTemplate(to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.template, toPath: path)
        try? FileManager.default.removeItem(atPath: path + "/.kh")
    }

    func edit(_ path: String, _ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(path) holds no \(old)", file: file, line: line)
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    // MARK: - JUnit

    func testJUnitEscapesMarkupAndDropsCharactersXMLForbids() throws {
        let message = "a<b>&\"c\" 'd'\u{1}\u{B}\u{FFFE} ]]> end\r\nnext\tcolumn"
        let d = Diagnostic(
            rule: .badValue, file: "客户档案/KH-2024-001_A&B/01-客户基本信息/基本信息.yaml",
            start: Mark(line: 3, column: 7), path: "联系人[1].<手机>", message: Text(zh: message, en: message))
        let w = Diagnostic(
            rule: .unknownField, file: "客户档案/KH-2024-001_A&B/01-客户基本信息/基本信息.yaml",
            start: Mark(line: 9, column: 1), path: "备住", message: Text(zh: "x\u{0}<y>", en: "x\u{0}<y>"))
        let result = ValidationResult(diagnostics: [d, w], customers: 1, documents: 1, waived: 0)
        let xml = JUnitFormatter.format(FormatContext(result: result, language: .zh, pathPrefix: "档案 & 库/"))
        let parsed = try XMLCheck.parse(xml)
        let failure = try XCTUnwrap(parsed.elements.first { $0.name == "failure" })
        // Attribute values come back exactly (line ends and tabs too), less what XML 1.0 forbids.
        XCTAssertEqual(failure.attributes["message"], "a<b>&\"c\" 'd' ]]> end\r\nnext\tcolumn")
        XCTAssertEqual(failure.attributes["type"], "KH203")
        XCTAssertEqual(parsed.texts("failure"), ["档案 & 库/客户档案/KH-2024-001_A&B/01-客户基本信息/基本信息.yaml:3:7 联系人[1].<手机>"])
        XCTAssertTrue(
            parsed.texts("system-out").contains(
                "档案 & 库/客户档案/KH-2024-001_A&B/01-客户基本信息/基本信息.yaml:9:1: 警告 KH205 备住: x<y>"),
            "\(parsed.texts("system-out"))")
        XCTAssertEqual(
            parsed.elements.first { $0.name == "testsuite" && $0.attributes["name"] != "档案库" }?.attributes["name"],
            "档案 & 库/客户档案/KH-2024-001_A&B")
        XCTAssertFalse(xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no raw control characters")
        XCTAssertEqual(
            xml, JUnitFormatter.format(FormatContext(result: result, language: .zh, pathPrefix: "档案 & 库/")),
            "deterministic")
    }

    func testJUnitCleanArchiveIsOneGreenTestAndWarningsFailOnlyWhenStrict() throws {
        let clean = ValidationResult(diagnostics: [], customers: 3, documents: 15, waived: 0)
        XCTAssertEqual(
            JUnitFormatter.format(FormatContext(result: clean, language: .en)),
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="kh validate" tests="1" failures="0" errors="0" time="0">
              <testsuite name="archive" tests="1" failures="0" errors="0" skipped="0" time="0">
                <testcase classname="archive" name="kh validate" time="0">
                  <system-out>checked 3 customers, 15 files: no problems</system-out>
                </testcase>
              </testsuite>
            </testsuites>

            """)
        let warning = Diagnostic(
            rule: .formerStaff, file: "kh.yaml", start: Mark(line: 2, column: 1), path: "负责销售",
            message: Text(zh: "已离职", en: "has left"))
        let result = ValidationResult(diagnostics: [warning], customers: 0, documents: 0, waived: 0)
        let lenient = try XMLCheck.parse(JUnitFormatter.format(FormatContext(result: result, language: .en)))
        XCTAssertEqual(lenient.count("failure"), 0)
        XCTAssertEqual(
            lenient.texts("system-out"),
            [
                "kh.yaml:2:1: warning KH209 负责销售: has left",
                "checked 0 customers, 0 files: 0 errors, 1 warning, 0 notices",
            ])
        let strict = try XMLCheck.parse(
            JUnitFormatter.format(FormatContext(result: result, language: .en, strict: true)))
        XCTAssertEqual(strict.count("failure"), 1)
        XCTAssertEqual(strict.elements.first { $0.name == "testsuites" }?.attributes["failures"], "1")
        XCTAssertEqual(strict.elements.first { $0.name == "testcase" }?.attributes["name"], "kh.yaml")
    }

    /// `kh validate --format junit` run at the archive's root prints the golden file; exit 1.
    func testJUnitFromTheCommandLine() throws {
        let defects = Golden.fixtures.appendingPathComponent("defects").path
        let r = try kh(["validate", "--format", "junit"], cwd: defects)
        XCTAssertEqual(r.status, 1)
        assertGolden(r.stdout, "defects.junit.xml")
        let clean = try kh(["validate", "--format", "junit", Self.template])
        XCTAssertEqual(clean.status, 0, clean.stdout)
        XCTAssertEqual(try XMLCheck.parse(clean.stdout).count("testcase"), 1)
    }

    // MARK: - kh codeowners

    static let header = """
        # 由 kh codeowners 生成：客户文件夹归 负责销售（kh.yaml 团队 的 git 账号）以及 资料专员、管理员；请勿手工修改，重新生成即可
        # Generated by kh codeowners: customer folders are owned by their 负责销售 (git account in kh.yaml 团队) and the 资料专员 and 管理员; do not edit, regenerate
        """

    func testCodeOwnersOfArchiveTemplate() throws {
        let r = try kh(["codeowners", Self.template])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            r.stdout,
            """
            * @sunqian @zhaogang
            \(Self.header)
            /kh.yaml @sunqian @zhaogang
            /客户档案/KH-2024-001_星辰科技/ @wanglei @sunqian @zhaogang
            /客户档案/KH-2024-003_刘洋/ @chenjing @sunqian @zhaogang
            /客户档案/KH-2025-001_海川制造/ @wanglei @sunqian @zhaogang

            """)
        XCTAssertEqual(r.stderr, "")
    }

    func testCodeOwnersFormerStaffAndMissingAccountsLeaveArchivistsOnly() throws {
        let archive = try scratch() + "/档案"
        try copyTemplate(to: archive)
        // 刘洋's owner has left; 海川制造's owner has no git account; a folder name with a space.
        try edit(archive + "/客户档案/KH-2024-003_刘洋/01-客户基本信息/基本信息.yaml", "负责销售: 陈静", "负责销售: 郑凯")
        try edit(archive + "/客户档案/KH-2025-001_海川制造/01-客户基本信息/基本信息.yaml", "负责销售: 王磊", "负责销售: 周敏")
        try edit(archive + "/kh.yaml", "角色: 市场, git: zhoumin, 在职: 是", "角色: 市场, 在职: 是")
        try FileManager.default.moveItem(
            atPath: archive + "/客户档案/KH-2024-001_星辰科技", toPath: archive + "/客户档案/KH-2024-001_星辰 科技")
        let expected = """
            * @sunqian @zhaogang
            \(Self.header)
            /kh.yaml @sunqian @zhaogang
            /客户档案/KH-2024-001_星辰\\ 科技/ @wanglei @sunqian @zhaogang
            /客户档案/KH-2024-003_刘洋/ @sunqian @zhaogang
            /客户档案/KH-2025-001_海川制造/ @sunqian @zhaogang

            """
        let r = try kh(["codeowners", archive])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, expected)
        XCTAssertEqual(
            r.stderr,
            """
            警告：以下 2 位客户的负责销售没有可用的 git 账号，只由资料专员和管理员负责：
              客户档案/KH-2024-003_刘洋：负责销售 郑凯 已离职（在职: 否）
              客户档案/KH-2025-001_海川制造：负责销售 周敏 在 kh.yaml 团队 中没有 git 账号

            """)
        let en = try kh(["codeowners", "--lang", "en", archive])
        XCTAssertEqual(en.stdout, expected, "the file does not depend on the language")
        XCTAssertTrue(en.stderr.contains("warning: 2 customers whose 负责销售 has no usable git account"), en.stderr)
        XCTAssertTrue(en.stderr.contains("  客户档案/KH-2024-003_刘洋: 负责销售 郑凯 has left (在职: 否)\n"), en.stderr)
    }

    func testCodeOwnersRules() throws {
        var config = Config()
        config.team = [
            TeamMember(name: "王磊", department: nil, role: "销售", git: "@wanglei", active: true),
            TeamMember(name: "孙倩", department: nil, role: "资料专员", git: "sunqian", active: true),
            TeamMember(name: "赵刚", department: nil, role: "管理员", git: "zhao gang", active: true),
            TeamMember(name: "钱七", department: nil, role: "管理员", git: "qianqi", active: false),
        ]
        let owners = CodeOwners(
            config: config,
            customers: [
                ("客户档案/KH-2024-002_b#c*d?[e]!f\\g", "孙倩"),
                ("客户档案/KH-2024-001_甲", "王磊"),
                ("客户档案/KH-2024-003_乙\n", "王磊"),
                ("客户档案/KH-2024-004_丙", "待确认"),
                ("客户档案/KH-2024-005_丁", "赵刚"),
                ("客户档案/KH-2024-006_戊", "无名氏"),
            ])
        // `@` in kh.yaml dropped; an account with a space is unusable; former admins own nothing;
        // the archivist as 负责销售 is named once; pattern characters escaped.
        XCTAssertEqual(
            owners.text,
            """
            * @sunqian
            \(Self.header)
            /kh.yaml @sunqian
            /客户档案/KH-2024-001_甲/ @wanglei @sunqian
            /客户档案/KH-2024-002_b\\#c\\*d\\?\\[e\\]\\!f\\\\g/ @sunqian
            /客户档案/KH-2024-004_丙/ @sunqian
            /客户档案/KH-2024-005_丁/ @sunqian
            /客户档案/KH-2024-006_戊/ @sunqian

            """)
        XCTAssertEqual(owners.skipped, ["客户档案/KH-2024-003_乙\n"])
        XCTAssertEqual(
            owners.unowned.map(\.directory), ["客户档案/KH-2024-004_丙", "客户档案/KH-2024-005_丁", "客户档案/KH-2024-006_戊"])
        XCTAssertEqual(
            owners.unowned.map { $0.reason.en },
            [
                "负责销售 is missing or 待确认",
                "负责销售 赵刚's git account 'zhao gang' is not a valid user name",
                "负责销售 无名氏 is not in kh.yaml 团队",
            ])
        XCTAssertFalse(owners.noArchivists)
        let none = CodeOwners(config: Config(), customers: [])
        XCTAssertTrue(none.noArchivists)
        XCTAssertTrue(none.text.hasPrefix("*\n"), none.text)
    }

    func testCodeOwnersWriteAndCheck() throws {
        let dir = try scratch()
        let file = dir + "/.github/CODEOWNERS"
        // Absent → 1; written (folder created) → 0 and the same as stdout; changed → 1.
        XCTAssertEqual(try kh(["codeowners", Self.template, "--check", file]).status, 1)
        let written = try kh(["codeowners", Self.template, "-o", file])
        XCTAssertEqual(written.status, 0, written.stderr)
        XCTAssertEqual(written.stdout, "")
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), try kh(["codeowners", Self.template]).stdout)
        let check = try kh(["codeowners", Self.template, "--check", file])
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stderr.contains("是最新的"), check.stderr)
        try "* @someone\n".write(toFile: file, atomically: true, encoding: .utf8)
        let stale = try kh(["codeowners", Self.template, "--check", file, "--lang", "en"])
        XCTAssertEqual(stale.status, 1)
        XCTAssertTrue(stale.stderr.contains("is out of date"), stale.stderr)
        // kh's own failures: 2.
        XCTAssertEqual(try kh(["codeowners", dir + "/nowhere"]).status, 2)
        XCTAssertEqual(try kh(["codeowners", Self.template, "-o", file, "--check", file]).status, 2)
    }

    // MARK: - kh hook install

    /// The kh the tests run, as the hook names it (symbolic links resolved).
    var installedKH: String {
        guard let resolved = realpath(KHCommand.kh.path, nil) else { return KHCommand.kh.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func testHookInstallWritesRefusesAndForces() throws {
        let repo = try scratch() + "/repo"
        try copyTemplate(to: repo)
        XCTAssertEqual(try git(["init", "-q"], cwd: repo).status, 0)
        let hook = repo + "/.git/hooks/pre-commit"
        let expected = GitHook.preCommit(kh: installedKH, archive: ".")
        XCTAssertEqual(
            expected,
            """
            #!/bin/sh
            # kh pre-commit hook, written by `kh hook install`: validates the customer archive before each commit.
            # 由 kh hook install 生成：每次提交前校验客户档案，有错误时拒绝提交（紧急情况可用 git commit --no-verify 跳过）。
            KH='\(installedKH)'
            ARCHIVE='.'
            [ -x "$KH" ] || KH=kh
            if ! command -v "$KH" >/dev/null 2>&1; then
              echo 'kh pre-commit：找不到 kh；请安装 kh（或在档案库中重新运行 kh hook install）' >&2
              echo 'kh pre-commit: kh not found; install kh (or run kh hook install again in the archive)' >&2
              exit 1
            fi
            "$KH" validate --quiet "$ARCHIVE" || {
              status=$?
              echo 'kh pre-commit：客户档案有错误，提交已取消；改正后重新提交（kh fix 可自动修正部分问题）' >&2
              echo 'kh pre-commit: the customer archive has errors, the commit is aborted; fix them and commit again (kh fix fixes some)' >&2
              exit "$status"
            }

            """)

        let first = try kh(["hook", "install"], cwd: repo)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.hasPrefix("已安装 \(hook)\n"), first.stdout)
        XCTAssertEqual(try String(contentsOfFile: hook, encoding: .utf8), expected)
        XCTAssertEqual(try mode(hook), 0o755)
        // Again: nothing to do.
        let again = try kh(["hook", "install", repo, "--lang", "en"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("is already installed"), again.stdout)
        XCTAssertEqual(try String(contentsOfFile: hook, encoding: .utf8), expected)

        // Another hook stays without --force (exit 1)…
        let other = "#!/bin/sh\necho other hook\n"
        try other.write(toFile: hook, atomically: true, encoding: .utf8)
        chmod(hook, 0o700)
        let refused = try kh(["hook", "install", repo])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("--force"), refused.stderr)
        XCTAssertEqual(try String(contentsOfFile: hook, encoding: .utf8), other)
        XCTAssertFalse(FileManager.default.fileExists(atPath: hook + ".kh-backup"))
        // …and is kept as pre-commit.kh-backup with it.
        let forced = try kh(["hook", "install", "--force", repo])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(forced.stdout.contains("原钩子保存为 \(hook).kh-backup"), forced.stdout)
        XCTAssertEqual(try String(contentsOfFile: hook + ".kh-backup", encoding: .utf8), other)
        XCTAssertEqual(try mode(hook + ".kh-backup"), 0o700)
        XCTAssertEqual(try String(contentsOfFile: hook, encoding: .utf8), expected)
        XCTAssertEqual(try mode(hook), 0o755)
        // A hook of kh's (another kh) is replaced without --force.
        try GitHook.preCommit(kh: "/old/bin/kh", archive: ".").write(toFile: hook, atomically: true, encoding: .utf8)
        let updated = try kh(["hook", "install", repo])
        XCTAssertEqual(updated.status, 0, updated.stderr)
        XCTAssertTrue(updated.stdout.hasPrefix("已更新"), updated.stdout)
        XCTAssertEqual(try String(contentsOfFile: hook, encoding: .utf8), expected)
        XCTAssertEqual(try mode(hook), 0o755)
    }

    func testInstalledHookRejectsACommitWithErrors() throws {
        let repo = try scratch() + "/repo"
        try copyTemplate(to: repo)
        XCTAssertEqual(try git(["init", "-q"], cwd: repo).status, 0)
        XCTAssertEqual(try kh(["hook", "install", repo]).status, 0)
        // A valid archive commits.
        XCTAssertEqual(try git(["add", "-A"], cwd: repo).status, 0)
        let good = try git(["commit", "-q", "-m", "档案库"], cwd: repo)
        XCTAssertEqual(good.status, 0, good.stdout + good.stderr)
        // A file with an error does not.
        let basic = repo + "/客户档案/KH-2024-001_星辰科技/01-客户基本信息/基本信息.yaml"
        let text = try String(contentsOfFile: basic, encoding: .utf8)
        let bad = text.replacingOccurrences(of: "客户阶段: 成交", with: "客户阶段: 已成交")
        XCTAssertNotEqual(bad, text)
        try bad.write(toFile: basic, atomically: true, encoding: .utf8)
        XCTAssertEqual(try git(["add", "-A"], cwd: repo).status, 0)
        let rejected = try git(["commit", "-q", "-m", "错误的阶段"], cwd: repo)
        XCTAssertNotEqual(rejected.status, 0)
        XCTAssertTrue(rejected.stderr.contains("KH204"), rejected.stderr)  // git sends a hook's stdout to stderr
        XCTAssertTrue(rejected.stderr.contains("提交已取消"), rejected.stderr)
        XCTAssertEqual(try git(["rev-list", "--count", "HEAD"], cwd: repo).stdout, "1\n")
        // Warnings pass: fixed, with an unknown field (KH205) the commit goes through.
        try text.replacingOccurrences(of: "客户阶段: 成交", with: "客户阶段: 成交\n爱好: 高尔夫").write(
            toFile: basic, atomically: true, encoding: .utf8)
        XCTAssertEqual(try git(["add", "-A"], cwd: repo).status, 0)
        let warned = try git(["commit", "-q", "-m", "警告不挡提交"], cwd: repo)
        XCTAssertEqual(warned.status, 0, warned.stdout + warned.stderr)
        XCTAssertTrue(warned.stderr.contains("KH205"), warned.stderr)
        XCTAssertEqual(try git(["rev-list", "--count", "HEAD"], cwd: repo).stdout, "2\n")
    }

    /// An archive in a folder of the repository: the hook validates that folder from the top.
    func testHookForArchiveInASubfolderAndOutsideGit() throws {
        let repo = try scratch() + "/repo"
        let archive = repo + "/客户 档案库"
        try copyTemplate(to: archive)
        XCTAssertEqual(try git(["init", "-q"], cwd: repo).status, 0)
        let r = try kh(["hook", "install"], cwd: archive + "/客户档案")
        XCTAssertEqual(r.status, 0, r.stderr)
        let hook = repo + "/.git/hooks/pre-commit"
        XCTAssertEqual(
            try String(contentsOfFile: hook, encoding: .utf8),
            GitHook.preCommit(kh: installedKH, archive: "客户 档案库"))
        let basic = archive + "/客户档案/KH-2024-003_刘洋/01-客户基本信息/基本信息.yaml"
        try edit(basic, "负责销售: 陈静", "负责销售: 陈晶")
        XCTAssertEqual(try git(["add", "-A"], cwd: repo).status, 0)
        let rejected = try git(["commit", "-q", "-m", "x"], cwd: repo)
        XCTAssertNotEqual(rejected.status, 0)
        XCTAssertTrue(rejected.stderr.contains("客户 档案库/客户档案/KH-2024-003_刘洋/01-客户基本信息/基本信息.yaml:"), rejected.stderr)
        // Not in a git repository: kh cannot install, exit 2.
        let loose = try scratch() + "/loose"
        try copyTemplate(to: loose)
        let outside = try KHCommand.run(
            ["hook", "install", loose],
            env: Self.gitEnv.merging(["GIT_CEILING_DIRECTORIES": NSTemporaryDirectory()]) { $1 })
        XCTAssertEqual(outside.status, 2)
        XCTAssertTrue(outside.stderr.contains("git init"), outside.stderr)
    }

    func testHookScriptIsRecognisedAndQuoted() {
        let script = GitHook.preCommit(kh: "/opt/it's here/kh", archive: "a b")
        XCTAssertTrue(script.contains("KH='/opt/it'\\''s here/kh'\nARCHIVE='a b'\n"), script)
        XCTAssertTrue(GitHook.isKHHook(script))
        XCTAssertFalse(GitHook.isKHHook(script + "echo more\n"))
        XCTAssertFalse(GitHook.isKHHook("#!/bin/sh\nexec kh validate --quiet\n"))
        XCTAssertEqual(GitHook.shellUnquote(GitHook.shellQuote("x'y")), "x'y")
    }

    // MARK: - CI and pre-commit files

    /// A YAML file of the repository, parsed by kh's own parser with no problem.
    func yaml(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> YAMLNode {
        let full = TestPaths.packageRoot.appendingPathComponent(path).path
        let parsed = YAMLParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: full))), file: path)
        XCTAssertEqual(parsed.diagnostics.map(brief), [], path, file: file, line: line)
        return try XCTUnwrap(parsed.root, path, file: file, line: line)
    }

    /// Every build of kh refuses a sideways import between layers: each `swift build` of the
    /// Makefile, scripts/dist.sh and CI passes --explicit-target-dependency-import-check error
    /// (the fuzzer's package, which builds kh as a dependency, aside).
    func testEveryBuildChecksImports() throws {
        var builds = 0
        for file in [
            "Makefile", "scripts/dist.sh", "scripts/test-all.sh", ".github/workflows/ci.yml",
            ".github/workflows/release.yml",
        ] {
            let text = try String(
                contentsOf: TestPaths.packageRoot.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n")
            where line.contains("swift build") || line.contains("$(SWIFT) build") {
                let command = line.trimmingCharacters(in: .whitespaces)
                if command.hasPrefix("#") || command.hasPrefix("##") || line.contains("cd Fuzz") { continue }
                builds += 1
                XCTAssertTrue(
                    line.contains("--explicit-target-dependency-import-check error")
                        || line.contains("$(CHECK_IMPORTS)") || line.contains("$check_imports"),
                    "\(file): \(command)")
            }
        }
        XCTAssertGreaterThanOrEqual(builds, 6)
        let makefile = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent("Makefile"), encoding: .utf8)
        XCTAssertTrue(makefile.contains("CHECK_IMPORTS := --explicit-target-dependency-import-check error\n"))
        let tracks = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent("scripts/test-all.sh"), encoding: .utf8)
        XCTAssertTrue(tracks.contains("check_imports=\"--explicit-target-dependency-import-check error\"\n"))
    }

    /// kh init writes where kh is published into the template's CI files: a release its own
    /// (scripts/test-dist.sh checks that), `--kh-repository` any; a source build (this one)
    /// keeps the placeholder and says which files to change (issue 23).
    func testInitNamesWhereKhIsPublished() throws {
        let dir = NSTemporaryDirectory() + "kh-init-" + UUID().uuidString
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        let plain = try kh(["init", dir + "/a"])
        XCTAssertEqual(plain.status, 0)
        XCTAssertEqual(
            plain.stdout, "已在 \(dir)/a 新建档案库：31 个文件，3 位示例客户。\n下一步：cd \(dir)/a && git init -b main && kh validate\n")
        XCTAssertEqual(
            plain.stderr,
            """
            注意：这个 kh 是从源码构建的，不知道 kh 发布在哪个仓库。下面的文件里写的是 __OWNER__/kh，要改成贵司发布 kh 的 GitHub 仓库（如 acme/kh），CI 才能安装 kh：
              .github/workflows/kh-validate.yml
              .gitlab-ci.yml
              .pre-commit-config.yaml
              README.md
            也可以删掉这个档案库，用 kh init --kh-repository acme/kh 重新生成；kh 的发布版会自动写好。

            """)
        let workflow = try String(contentsOfFile: dir + "/a/.github/workflows/kh-validate.yml", encoding: .utf8)
        XCTAssertTrue(workflow.contains("        uses: __OWNER__/kh@v1\n"))

        let named = try kh(["init", dir + "/b", "--kh-repository", "acme/kh", "--lang", "en"])
        XCTAssertEqual(named.status, 0)
        XCTAssertEqual(named.stderr, "")
        let b = dir + "/b"
        let files = FileManager.default.enumerator(atPath: b)?.allObjects.compactMap { $0 as? String } ?? []
        for f in files where FileSystem.kind(b + "/" + f) == .file {
            let text = (try? String(contentsOfFile: b + "/" + f, encoding: .utf8)) ?? ""
            XCTAssertFalse(text.contains("__OWNER__") || text.contains("your-org"), f)
        }
        let stamped = try String(contentsOfFile: b + "/.github/workflows/kh-validate.yml", encoding: .utf8)
        XCTAssertEqual(stamped.components(separatedBy: "        uses: acme/kh@v1\n").count, 3)
        XCTAssertTrue(
            try String(contentsOfFile: b + "/.gitlab-ci.yml", encoding: .utf8)
                .contains("  KH_BASE_URL: https://github.com/acme/kh/releases/download/v$KH_VERSION\n"))
        XCTAssertTrue(
            try String(contentsOfFile: b + "/.pre-commit-config.yaml", encoding: .utf8).contains(
                "  # - repo: https://github.com/acme/kh\n"))

        for bad in ["acme", "acme/kh/x", "https://github.com/acme/kh", "acme/k h", "../kh"] {
            let r = try kh(["init", dir + "/c", "--kh-repository", bad, "--lang", "en"])
            XCTAssertEqual(r.status, 2, bad)
            XCTAssertEqual(
                r.stderr,
                "kh: --kh-repository takes OWNER/NAME (the GitHub repository kh is published in, e.g. acme/kh), not '\(bad)'\n"
            )
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/c"))
        }
        XCTAssertEqual(
            Publication(repository: "acme/kh", server: "https://git.example.com/")?.stamp(
                "uses: __OWNER__/kh@v1 https://github.com/__OWNER__/kh/releases"),
            "uses: acme/kh@v1 https://git.example.com/acme/kh/releases")
    }

    /// The action's own shell steps, run as GitHub runs them (a checkout of the newest commit
    /// only, the action in …/_actions/OWNER/NAME/REF): install.sh is asked for the version from
    /// the action's repository, and the validation fetches the pull request's base commit alone
    /// and checks what changed since it.
    func testActionStepsRunAsOnGitHub() throws {
        let work = NSTemporaryDirectory() + "kh-action-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: work) }
        let action = try yaml("action.yml")
        let steps = action.mapping?["runs"]?.mapping?["steps"]?.sequence?.items.compactMap(\.mapping) ?? []
        func bash(_ script: String, _ env: [String: String], cwd: String) throws -> KHCommand.Run {
            let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            return try KHCommand.runProgram(
                "/bin/bash", ["-e", "-c", script], cwd: cwd,
                env: Self.gitEnv.merging(["PATH": KHCommand.kh.deletingLastPathComponent().path + ":" + path]) {
                    $1
                }
                .merging(env) { $1 })
        }

        // The version step: the repository comes from where GitHub keeps the action.
        let actionPath = work + "/_actions/acme/kh/v1"
        try FileManager.default.createDirectory(atPath: actionPath, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: TestPaths.packageRoot.appendingPathComponent("install.sh").path,
            toPath: actionPath + "/install.sh")
        let release = work + "/releases/acme/kh/releases/latest/download"
        try FileManager.default.createDirectory(atPath: release, withIntermediateDirectories: true)
        let platform: String
        #if os(macOS)
        platform = "macos-universal"
        #else
        var u = utsname()
        uname(&u)
        let machine = withUnsafeBytes(of: u.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        platform = machine == "x86_64" ? "linux-x86_64" : "linux-aarch64"
        #endif
        try "\(String(repeating: "0", count: 64))  kh-9.8.7-\(platform).tar.gz\n".write(
            toFile: release + "/SHA256SUMS", atomically: true, encoding: .utf8)
        let versionStep = try XCTUnwrap(steps.first { $0.text("id") == "version" }?.text("run"))
        let output = work + "/output"
        FileManager.default.createFile(atPath: output, contents: nil)
        let v = try bash(
            versionStep,
            [
                "GITHUB_ACTION_PATH": actionPath, "GITHUB_REPOSITORY": "team/archive", "KH_VERSION": "latest",
                "KH_SERVER": "file://" + work + "/releases", "GITHUB_OUTPUT": output, "GITHUB_PATH": work + "/path",
            ], cwd: work)
        XCTAssertEqual(v.status, 0, v.stderr)
        XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8), "version=9.8.7\nrepository=acme/kh\n")

        // The validation step on a pull request: origin has the base and the head; the runner's
        // clone has the head alone.
        let origin = work + "/origin.git"
        let clone = work + "/clone"
        let seed = work + "/seed"
        try FileManager.default.copyItem(atPath: Self.template, toPath: seed)
        func git(_ args: [String], _ cwd: String) throws -> String {
            let r = try KHCommand.runProgram(
                "/usr/bin/env", ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + args,
                cwd: cwd, env: Self.gitEnv)
            XCTAssertEqual(r.status, 0, args.joined(separator: " ") + ": " + r.stderr)
            return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try git(["init", "-q", "-b", "main"], seed)
        _ = try git(["add", "-A"], seed)
        _ = try git(["commit", "-qm", "base"], seed)
        let base = try git(["rev-parse", "HEAD"], seed)
        let basic = seed + "/客户档案/KH-2024-003_刘洋/01-客户基本信息/基本信息.yaml"
        try (try String(contentsOfFile: basic, encoding: .utf8)).replacingOccurrences(of: "客户阶段: 意向", with: "客户阶段: 意愿")
            .write(toFile: basic, atomically: true, encoding: .utf8)
        _ = try git(["commit", "-qam", "a mistake"], seed)
        _ = try git(["clone", "-q", "--bare", seed, origin], work)
        _ = try git(["config", "uploadpack.allowFilter", "true"], origin)
        _ = try git(["config", "uploadpack.allowAnySHA1InWant", "true"], origin)
        _ = try git(["clone", "-q", "--depth=1", "file://" + origin, clone], work)
        XCTAssertNotEqual(
            try KHCommand.runProgram(
                "/usr/bin/env", ["git", "cat-file", "-e", base + "^{commit}"], cwd: clone, env: Self.gitEnv
            ).status, 0,
            "the clone lacks the base commit")
        let validateStep = try XCTUnwrap(
            steps.first { ($0.text("run") ?? "").contains("--changed-since") }?.text("run"))
        let r = try bash(validateStep, ["ARCHIVE": ".", "BASE": base], cwd: clone)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertFalse(r.stdout.contains("::warning title=kh::"), r.stdout)
        XCTAssertEqual(
            r.stdout,
            "::error file=客户档案/KH-2024-003_刘洋/01-客户基本信息/基本信息.yaml,line=9,col=7,endColumn=9,title=KH204 客户阶段::「客户阶段」的值「意愿」不在允许的取值中（可选：潜在、意向、成交、沉睡、流失）；是否想写「意向」？ [KH204]\n"
        )
        // Fetched: the base commit, shallow.
        XCTAssertEqual(
            try KHCommand.runProgram(
                "/usr/bin/env", ["git", "cat-file", "-e", base + "^{commit}"], cwd: clone, env: Self.gitEnv
            ).status, 0)
        // A base that cannot be fetched: a warning, and everything is validated.
        let missing = try bash(validateStep, ["ARCHIVE": ".", "BASE": String(repeating: "1", count: 40)], cwd: clone)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(
            missing.stdout.hasPrefix(
                "::warning title=kh::the base commit 1111111111111111111111111111111111111111 could not be fetched: validating everything\n"
            ), missing.stdout)
    }

    func testPreCommitManifestAndCIFiles() throws {
        let manifest = try yaml(".pre-commit-hooks.yaml")
        let hook = try XCTUnwrap(manifest.sequence?.items.first?.mapping)
        XCTAssertEqual(hook.text("id"), "kh-validate")
        XCTAssertEqual(hook.text("entry"), "kh validate --quiet")
        XCTAssertEqual(hook.text("language"), "system")
        XCTAssertEqual(hook.text("pass_filenames"), "false")
        XCTAssertEqual(hook.text("always_run"), "true")
        XCTAssertEqual(hook.text("files"), "\\.ya?ml$")
        // The second hook builds kh itself (pre-commit's swift support): no installed kh needed.
        let swiftHook = try XCTUnwrap(manifest.sequence?.items.dropFirst().first?.mapping)
        XCTAssertEqual(swiftHook.text("id"), "kh-validate-swift")
        XCTAssertEqual(swiftHook.text("language"), "swift")
        XCTAssertEqual(swiftHook.text("entry"), "kh validate --quiet")

        let config = try yaml("archive-template/.pre-commit-config.yaml")
        let local = try XCTUnwrap(config.mapping?["repos"]?.sequence?.items.first?.mapping)
        XCTAssertEqual(local.text("repo"), "local")
        let localHook = try XCTUnwrap(local["hooks"]?.sequence?.items.first?.mapping)
        XCTAssertEqual(localHook.text("entry"), "kh validate --quiet")
        XCTAssertEqual(localHook.text("language"), "system")

        let gitlab = try yaml("archive-template/.gitlab-ci.yml")
        let gitlabText = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent("archive-template/.gitlab-ci.yml"),
            encoding: .utf8)
        XCTAssertTrue(gitlabText.contains("install.sh"), "the GitLab template installs the release binary")
        let validate = try XCTUnwrap(gitlab.mapping?["validate"]?.mapping)
        XCTAssertEqual(validate["artifacts"]?.mapping?.text("when"), "always")
        XCTAssertEqual(validate["artifacts"]?.mapping?["reports"]?.mapping?.text("junit"), "kh-junit.xml")
        XCTAssertNotNil(gitlab.mapping?["catalogue"])

        let workflow = try yaml("archive-template/.github/workflows/kh-validate.yml")
        let job = try XCTUnwrap(workflow.mapping?["jobs"]?.mapping?["validate"]?.mapping)
        XCTAssertEqual(job["permissions"]?.mapping?.text("security-events"), "write")
        // The archive's workflow compiles nothing: it runs the kh action (the release binary).
        let steps = job["steps"]?.sequence?.items.compactMap(\.mapping) ?? []
        // The action of the repository kh is published in (kh init writes it), kh's version pinned:
        // a new kh with new rules does not turn pull requests red overnight.
        let major = khVersion.split(separator: ".").first.map(String.init) ?? ""
        let kh = try XCTUnwrap(
            steps.first { $0.text("uses") == Publication.placeholder + "@v" + major },
            "the validate job uses the action")
        XCTAssertEqual(kh["with"]?.mapping?.text("sarif"), "true")
        XCTAssertEqual(kh["with"]?.mapping?.text("version"), khVersion)
        let catalogueSteps =
            workflow.mapping?["jobs"]?.mapping?["catalogue"]?.mapping?["steps"]?.sequence?.items.compactMap(\.mapping)
            ?? []
        XCTAssertEqual(
            catalogueSteps.first { $0.text("uses") == Publication.placeholder + "@v" + major }?["with"]?.mapping?.text(
                "version"), khVersion)
        XCTAssertTrue(gitlabText.contains("KH_VERSION: \"\(khVersion)\""), "the GitLab pipeline pins kh \(khVersion)")
        // Only the newest commit is checked out: the action fetches the base commit alone.
        let checkout = try XCTUnwrap(steps.first { $0.text("uses") == "actions/checkout@v4" })
        XCTAssertNil(checkout["with"]?.mapping?.text("fetch-depth"))
        // The default branch, whatever its name: no branch is named; pushes elsewhere are skipped.
        let on = try XCTUnwrap(workflow.mapping?["on"]?.mapping)
        XCTAssertNil(on["push"]?.mapping?["branches"])
        XCTAssertEqual(
            job.text("if"),
            "github.event_name == 'pull_request' || github.ref_name == github.event.repository.default_branch")
        XCTAssertEqual(
            workflow.mapping?["jobs"]?.mapping?["catalogue"]?.mapping?.text("if"),
            "github.event_name == 'push' && github.ref_name == github.event.repository.default_branch")
        let workflowText = try String(
            contentsOf: TestPaths.packageRoot.appendingPathComponent(
                "archive-template/.github/workflows/kh-validate.yml"), encoding: .utf8)
        XCTAssertFalse(workflowText.contains("branches"), "the workflow names no branch")
        XCTAssertTrue(steps.compactMap { $0.text("run") }.contains("kh schema --check schema"))
        XCTAssertFalse(
            steps.contains {
                ($0.text("run") ?? "").contains("swift build") || ($0.text("uses") ?? "").contains("setup-swift")
            })
        let action = try yaml("action.yml")
        let actionSteps = action.mapping?["runs"]?.mapping?["steps"]?.sequence?.items.compactMap(\.mapping) ?? []
        XCTAssertTrue(actionSteps.compactMap { $0.text("uses") }.contains("github/codeql-action/upload-sarif@v3"))
        let actionRuns = actionSteps.compactMap { $0.text("run") }
        XCTAssertTrue(
            actionRuns.contains {
                $0.contains("kh validate --format sarif \"$ARCHIVE\" > \"$RUNNER_TEMP/kh.sarif\" || status=$?")
            })
        XCTAssertTrue(
            actionRuns.contains {
                $0.contains("kh validate --format github ${BASE:+--changed-since \"$BASE\"} \"$ARCHIVE\"")
            })
        // SARIF on pushes too: the default branch's upload is code scanning's baseline.
        let sarif = try XCTUnwrap(actionSteps.first { $0.text("id") == "sarif" })
        XCTAssertEqual(
            sarif.text("if"),
            "inputs.args == '' && inputs.sarif == 'true' && (github.event.pull_request || github.event_name == 'push')")
        // No placeholder in the action, the repository's own files or the README.
        for file in ["action.yml", "install.sh", "README.md", ".pre-commit-hooks.yaml", "scripts/dist.sh"] {
            let text = try String(
                contentsOf: TestPaths.packageRoot.appendingPathComponent(file), encoding: .utf8)
            XCTAssertFalse(text.contains("your-org"), file)
        }
        XCTAssertFalse(gitlabText.contains("swift build"), "the GitLab template compiles nothing")
        XCTAssertNotNil(workflow.mapping?["jobs"]?.mapping?["catalogue"])
    }
}
