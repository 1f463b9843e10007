import Foundation
import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHSupport
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// `kh init --adopt`: a repository that already holds customer folders becomes a kh archive
/// without a file of it changing, and its first `kh validate` reports its own problems only.
final class AdoptTests: XCTestCase {
    /// A git repository holding archive-template's 客户档案/ alone, and a README of its own.
    func repository() throws -> String {
        let root = NSTemporaryDirectory() + "kh-adopt-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.copyItem(atPath: CIIntegrationTests.template + "/客户档案", toPath: root + "/客户档案")
        try "# 我们的客户档案\n".write(toFile: root + "/README.md", atomically: true, encoding: .utf8)
        return root
    }

    /// Every file below `root` with its bytes.
    func files(_ root: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: root)!
        while let p = e.nextObject() as? String {
            if FileSystem.kind(root + "/" + p) == .file {
                out[p] = FileManager.default.contents(atPath: root + "/" + p)
            }
        }
        return out
    }

    func testAdoptingArchiveTemplatesCustomers() throws {
        let root = try repository()
        let before = files(root)
        let r = try KHCommand.run(["init", "--adopt", root, "--kh-repository", "acme/kh"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        // Nothing that was there changed.
        let after = files(root)
        for (path, bytes) in before { XCTAssertEqual(after[path], bytes, path) }
        // What it added: kh.yaml, the CI, hook and editor files, the schemas; not the examples' guide's twin.
        let added = Set(after.keys).subtracting(before.keys).filter { !$0.hasPrefix(".kh/") }
        XCTAssertEqual(
            added,
            [
                "kh.yaml", ".github/workflows/kh-validate.yml", ".gitlab-ci.yml", ".pre-commit-config.yaml",
                ".gitattributes", ".gitignore",
                ".editorconfig", ".vscode/extensions.json", ".vscode/settings.json",
                "schema/客户基本信息.schema.json", "schema/合作背景.schema.json", "schema/互动记录.schema.json",
                "schema/需求偏好.schema.json",
                "schema/价值评估.schema.json", "schema/kh.schema.json",
            ])
        for path in added.sorted() { XCTAssertTrue(r.stdout.contains("新建  \(path)\n"), path + "\n" + r.stdout) }
        XCTAssertTrue(r.stdout.contains("保留  README.md（已存在，未改动）\n"), r.stdout)
        XCTAssertTrue(
            r.stdout.contains(
                "kh.yaml 按档案现状写成（3 位客户）：\n  编号：KH-YYYY-NNN；各年最大编号 2024: KH-2024-003，2025: KH-2025-001，kh new 从其后取号\n"),
            r.stdout)
        XCTAssertTrue(r.stdout.hasSuffix("下一步：kh validate \(root)\n"), r.stdout)

        // kh.yaml knows the people, the fields in use and the numbering.
        let config = try String(contentsOfFile: root + "/kh.yaml", encoding: .utf8)
        let archive = try Archive.open(root)
        XCTAssertTrue(archive.configDiagnostics.isEmpty, "\(archive.configDiagnostics)")
        let names = Set(archive.config.team.map(\.name))
        XCTAssertTrue(names.isSuperset(of: ["王磊", "陈静"]), "\(names)")
        XCTAssertEqual(archive.config.team.first { $0.name == "王磊" }?.role, "销售")
        XCTAssertTrue(config.contains("  - {姓名: 王磊, 角色: 销售, 在职: 是}\n"), config)
        XCTAssertEqual(archive.config.numberPrefix, "KH")
        XCTAssertEqual(archive.config.numberWidth, 3)
        // The workflow names where kh is published, and the schemas follow this kh.yaml.
        XCTAssertTrue(
            try String(contentsOfFile: root + "/.github/workflows/kh-validate.yml", encoding: .utf8).contains(
                "uses: acme/kh@v1"))
        let schemaCheck = try KHCommand.run(["schema", "--check", root + "/schema", root])
        XCTAssertEqual(schemaCheck.status, 0, schemaCheck.stdout + schemaCheck.stderr)

        // The first kh validate passes: the archive has no problem kh.yaml did not cause.
        let v = try KHCommand.run(["validate", root])
        XCTAssertEqual(v.status, 0, v.stdout)
        XCTAssertEqual(v.stdout, "检查了 3 位客户、15 个文件：没有发现问题\n")
        // kh new takes the number after the highest.
        let n = try KHCommand.run([
            "new", "企业", "-C", root, "--name", "北京云图数据有限公司", "--short", "云图数据", "--industry", "信息技术",
            "--region", "北京市", "--source", "展会对接", "--contact", "赵敏", "--title", "采购经理",
            "--mobile", "13811112222", "--by", "王磊", "--date", "2025-03-03",
        ])
        XCTAssertEqual(n.status, 0, n.stderr)
        XCTAssertTrue(n.stdout.contains("客户档案/KH-2025-002_云图数据/"), n.stdout)

        // Adopting again adds nothing and changes nothing.
        let again = try KHCommand.run(["init", "--adopt", root, "--lang", "en"])
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.stdout.contains("kept  kh.yaml (there already; not changed)\n"), again.stdout)
        XCTAssertTrue(again.stdout.contains("already has every file kh adds; nothing to add.\n"), again.stdout)
    }

    /// Values in use that kh's lists lack, fields nobody declared, people, another numbering:
    /// kh.yaml takes them in and says so; a real problem is still reported.
    func testTheConfigurationDescribesTheArchiveAsItIs() throws {
        let root = try repository()
        let basic = root + "/客户档案/KH-2024-001_星辰科技/01-客户基本信息/基本信息.yaml"
        var text = try String(contentsOfFile: basic, encoding: .utf8)
        text = text.replacingOccurrences(of: "所属行业: 信息技术", with: "所属行业: 新材料")
        text += "客户来源备注: 老客户介绍\n签约日期: 2024-03-01\n"
        try text.write(toFile: basic, atomically: true, encoding: .utf8)
        // A real problem: an impossible date stays an error.
        let call = root + "/客户档案/KH-2024-003_刘洋/03-互动记录/2024-Q3/2024-08-16-电话.yaml"
        let record = try String(contentsOfFile: call, encoding: .utf8)
        let broken = record.replacingOccurrences(of: "创建时间: 2024-08-16", with: "创建时间: 2024-02-30")
        XCTAssertNotEqual(record, broken)
        try broken.write(toFile: call, atomically: true, encoding: .utf8)

        let dry = try KHCommand.run(["init", "--adopt", root, "--dry-run", "--lang", "en"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/kh.yaml"), "--dry-run writes nothing")
        XCTAssertTrue(
            dry.stdout.contains("  行业: added the values in use 新材料 (correct the archive where they are typos)\n"),
            dry.stdout)
        XCTAssertTrue(
            dry.stdout.contains("  字段.客户基本信息.新增: 开票抬头 (text), 合作渠道 (text), 客户来源备注 (text), 签约日期 (date)\n"), dry.stdout)

        let r = try KHCommand.run(["init", "--adopt", root])
        XCTAssertEqual(r.status, 0, r.stderr)
        let config = try Archive.open(root).config
        XCTAssertTrue(config.industries.contains("新材料"))
        XCTAssertNotNil(config.schemas[.basicInfo]?["客户来源备注"])
        let v = try KHCommand.run(["validate", root, "--format", "json", "--lang", "en"])
        XCTAssertEqual(v.status, 1)
        let codes = CacheTests.diagnostics(v.stdout).map {
            "\($0["code"] ?? "") \($0["file"] ?? ""):\($0["line"] ?? "")"
        }
        XCTAssertEqual(
            codes,
            [
                "KH203 \(root)/客户档案/KH-2024-003_刘洋/03-互动记录/2024-Q3/2024-08-16-电话.yaml:\(broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("创建时间:") }! + 1)"
            ])
    }

    func testAdoptRefusesWhatIsNoArchive() throws {
        let empty = NSTemporaryDirectory() + "kh-adopt-empty-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: empty) }
        let r = try KHCommand.run(["init", "--adopt", empty])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "kh：\(empty) 中没有 客户档案/ 文件夹：--adopt 用于已有客户档案的文件夹（新建档案库请不加 --adopt）\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: empty), [])
        let missing = try KHCommand.run(["init", "--adopt", empty + "/nowhere", "--lang", "en"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "kh: no such folder: \(empty)/nowhere\n")
        let noFolder = try KHCommand.run(["init"])
        XCTAssertEqual(noFolder.status, 2)
        XCTAssertEqual(noFolder.stderr, "kh：请写出新档案库的文件夹，如 kh init 客户档案库（已有客户档案时用 kh init --adopt）\n")
    }

    /// An archive in a subfolder of its repository: the CI files are added beside it, and kh
    /// says they belong at the repository's root.
    func testAdoptInASubfolderSaysWhereCIFilesBelong() throws {
        let repo = NSTemporaryDirectory() + "kh-adopt-repo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: repo + "/档案", withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: repo) }
        try FileManager.default.copyItem(atPath: CIIntegrationTests.template + "/客户档案", toPath: repo + "/档案/客户档案")
        let git = try KHCommand.runProgram(
            "/usr/bin/env", ["git", "init", "-q", repo], env: CIIntegrationTests.gitEnv)
        XCTAssertEqual(git.status, 0, git.stderr)
        let r = try KHCommand.run(["init", "--adopt", repo + "/档案", "--kh-repository", "acme/kh"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(
            r.stdout.contains(
                "注意：档案在 git 仓库的子文件夹 档案/ 中，而 GitHub 和 GitLab 只读仓库根目录的 .github/workflows/ 和 .gitlab-ci.yml：请把它们移到仓库根目录，并在 kh 的 Action 下写 working-directory: 档案（见 kh 文档 docs/ci.md）。\n"
            ), r.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: repo + "/档案/.github/workflows/kh-validate.yml"))
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: repo + "/.github"), "nothing is written outside the folder")
        let plain = try repository()
        try "node_modules/\n.kh/\n".write(toFile: plain + "/.gitignore", atomically: true, encoding: .utf8)
        let top = try KHCommand.run(["init", "--adopt", plain, "--dry-run"])
        XCTAssertFalse(top.stdout.contains("子文件夹"), top.stdout)
        // A .gitignore of its own stays, and kh says which of its lines it lacks.
        XCTAssertTrue(
            top.stdout.contains(
                "保留  .gitignore（已存在，未改动）\n      其中没有 输出/、.DS_Store、Thumbs.db：建议加上，kh 的缓存和生成的文件（输出/）就不会被提交\n"),
            top.stdout)
    }

    /// The survey on its own: prefix and width from the folders, grouping by project, people
    /// in order of appearance, 负责销售 as 销售.
    func testSurvey() throws {
        let root = try repository()
        let s = Adopter.survey(root: root)
        XCTAssertEqual(s.prefix, "KH")
        XCTAssertEqual(s.width, 3)
        XCTAssertFalse(s.byProject)
        XCTAssertEqual(s.customers, 3)
        XCTAssertEqual(s.highest, [2024: 3, 2025: 1])
        XCTAssertTrue(s.owners.isSubset(of: Set(s.people)))
        XCTAssertEqual(Set(s.people).count, s.people.count)
        let text = Adopter.configText(s, name: "测试")
        XCTAssertTrue(text.hasPrefix("# kh.yaml"), text)
        XCTAssertTrue(text.contains("档案库: \"测试\""), text)
        XCTAssertTrue(text.contains("退役编号: []"), text)
    }
}
