import Foundation
import KHTestSupport
import XCTest

@testable import KHFuzzing
@testable import KHModel
@testable import KHOutputs
@testable import KHPinyin
@testable import KHSpreadsheet
@testable import KHValidation
@testable import KHWrite
@testable import KHYAML

/// The writing commands: new, log, fix, renumber, retire, reassign; all-or-nothing writes.
final class WriteTests: XCTestCase {
    static let template = TestPaths.packageRoot.appendingPathComponent("archive-template").path

    /// A copy of a folder in a new temporary directory.
    func copy(_ source: String) throws -> String {
        let dir = NSTemporaryDirectory() + "kh-write-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: source, toPath: dir)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// Every file below `root` (but `.kh/`) with its bytes.
    func snapshot(_ root: String) -> [String: Data] { Self.snapshot(root) }

    static func snapshot(_ root: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: root)!
        while let p = e.nextObject() as? String {
            if p == ".kh" || p.hasPrefix(".kh/") { continue }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + p, isDirectory: &isDir), !isDir.boolValue {
                out[p] = FileManager.default.contents(atPath: root + "/" + p)
            }
        }
        return out
    }

    func kh(_ args: [String], stdin: String? = nil) throws -> KHCommand.Run {
        try KHCommand.run(args, stdin: stdin)
    }

    // MARK: - kh fix

    /// The golden before/after archive: values rewritten in place (comments and layout kept),
    /// records moved to their folders and names, a 05 file to its 年度, the folder to its 简称.
    func testFixGolden() throws {
        let fixtures = Golden.fixtures.appendingPathComponent("fix").path
        let root = try copy(fixtures + "/before")
        let before = snapshot(root)
        let dry = try kh(["fix", root, "--dry-run"])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertTrue(
            dry.stdout.contains(
                "  13 - 成立时间: 2015/6/18   # 注释保留\n  14 - 注册资本: \"5,000\"          # 万元\n"
                    + "  13 + 成立时间: 2015-06-18   # 注释保留\n  14 + 注册资本: \"5000.00\"          # 万元\n"), dry.stdout)
        XCTAssertTrue(dry.stdout.hasSuffix("注意：可修复 13 处\n（演练：没有写入任何文件；去掉 --dry-run 即可执行）\n"), dry.stdout)
        XCTAssertEqual(snapshot(root), before, "a dry run writes nothing")

        let r = try kh(["fix", root])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasSuffix("移动  客户档案/KH-2024-001_星辰 → 客户档案/KH-2024-001_星辰科技\n已修复 13 处\n"), r.stdout)
        XCTAssertEqual(snapshot(root), snapshot(fixtures + "/after"))
        let again = try kh(["fix", root])
        XCTAssertEqual(again.stdout, "没有需要改动的地方\n")
        XCTAssertEqual(try kh(["validate", root]).status, 0)
    }

    func testValidateSaysWhatIsFixable() throws {
        let fixtures = Golden.fixtures.appendingPathComponent("fix").path
        let r = try kh(["validate", fixtures + "/before", "--format", "json", "--lang", "en"])
        XCTAssertEqual(r.status, 1)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let diagnostics = doc["diagnostics"] as! [[String: Any]]
        let money = diagnostics.first {
            ($0["file"] as! String).hasSuffix("2024-03-01-数据安全平台.yaml") && $0["code"] as! String == "KH203"
        }!
        XCTAssertEqual(money["fix"] as? [String: String], ["replace": "180000.00"])
        XCTAssertEqual(money["line"] as? Int, 8)
        XCTAssertEqual(money["column"] as? Int, 7)
        let folder = diagnostics.first { $0["code"] as! String == "KH302" }!
        XCTAssertEqual(
            folder["fix"] as? [String: [String: String]],
            [
                "move": [
                    "from": "\(fixtures)/before/客户档案/KH-2024-001_星辰", "to": "\(fixtures)/before/客户档案/KH-2024-001_星辰科技",
                ]
            ])
        XCTAssertEqual((doc["summary"] as! [String: Any])["fixable"] as? Int, 13)
    }

    func testRepairForms() {
        let c = Config()
        XCTAssertEqual(Repair.value("2024/3/5", type: .date, config: c), "2024-03-05")
        XCTAssertEqual(Repair.value("2024.3.5", type: .date, config: c), "2024-03-05")
        XCTAssertEqual(Repair.value("２０２４年３月５日", type: .date, config: c), "2024-03-05")
        XCTAssertNil(Repair.value("2024/2/30", type: .date, config: c), "not a real date")
        XCTAssertNil(Repair.value("3/5/2024", type: .date, config: c), "day-month order is not certain")
        XCTAssertEqual(Repair.value("2024/3/5 9:05", type: .datetime, config: c), "2024-03-05 09:05")
        XCTAssertEqual(Repair.value("2024年3月5日14:30", type: .datetime, config: c), "2024-03-05 14:30")
        XCTAssertNil(Repair.value("2024-03-05", type: .datetime, config: c), "no time: not fixable")
        XCTAssertEqual(Repair.value("1000", type: .money, config: c), "1000.00")
        XCTAssertEqual(Repair.value("1,000", type: .money, config: c), "1000.00")
        XCTAssertEqual(Repair.value("1000.5", type: .money, config: c), "1000.50")
        XCTAssertEqual(Repair.value("￥1,234,567.8", type: .money, config: c), "1234567.80")
        XCTAssertEqual(Repair.value("50万", type: .money, config: c), "500000.00")
        XCTAssertEqual(Repair.value("5000万", type: .moneyWan, config: c), "5000.00")
        XCTAssertNil(Repair.value("1000.555", type: .money, config: c), "would round")
        XCTAssertNil(Repair.value("1,00", type: .money, config: c))
        XCTAssertEqual(Repair.value("138 1234 5678", type: .mobile, config: c), "13812345678")
        XCTAssertEqual(Repair.value("+86 138-1234-5678 ", type: .mobile, config: c), "13812345678")
        XCTAssertNil(Repair.value("13812345678", type: .mobile, config: c), "already in form: nothing to fix")
        XCTAssertEqual(Repair.value("１３８１２３４５６７８", type: .mobile, config: c), "13812345678")
        XCTAssertEqual(Repair.value("(+86)138.1234.5678", type: .mobile, config: c), "13812345678")
        XCTAssertEqual(Repair.value("（010）62345678", type: .phone, config: c), "010-62345678")
        XCTAssertEqual(Repair.value("0755 8601 2345 转 806", type: .phone, config: c), "0755-86012345-806")
        XCTAssertEqual(Repair.value("01062345678", type: .phone, config: c), "010-62345678")
        XCTAssertEqual(Repair.value("4008108888", type: .phone, config: c), "400-810-8888")
        XCTAssertEqual(Repair.value("ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", type: .email, config: c), "zhang@example.com")
        XCTAssertEqual(Repair.value("91110108ma01xk7q3g", type: .creditCode, config: c), "91110108MA01XK7Q3G")
        XCTAssertEqual(Repair.value("１,２００", type: .integer, config: c), "1200")
        XCTAssertEqual(Repair.value("２０２４年", type: .year, config: c), "2024")
        XCTAssertEqual(Repair.value("Ａ", type: .choice(["A", "B"]), config: c), "A")
        XCTAssertNil(Repair.value("北京", type: .text, config: c))
    }

    // MARK: - kh new

    func testNewNumbersAreConsecutiveAndNeverReused() throws {
        let root = try copy(Self.template)
        let base = [
            "new", "企业", "-C", root, "--by", "王磊", "--date", "2024-05-01", "--industry", "制造业", "--region", "上海市",
        ]
        let a = try kh(
            base + ["--name", "上海申达机械有限公司", "--short", "申达机械", "--contact", "周强", "--mobile", "13900001111"])
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertTrue(a.stdout.hasPrefix("新建  客户档案/KH-2024-004_申达机械/01-客户基本信息/基本信息.yaml\n"), a.stdout)
        XCTAssertTrue(a.stdout.hasSuffix("已新建档案 KH-2024-004\n"), a.stdout)
        let b = try kh(base + ["--name", "上海浦江物流有限公司", "--contact", "钱峰", "--email", "qianfeng@pujiang.example.com"])
        XCTAssertTrue(b.stdout.hasSuffix("已新建档案 KH-2024-005\n"), b.stdout + b.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/客户档案/KH-2024-005_上海浦江物流有限公司/01-客户基本信息/基本信息.yaml"))
        // Retired: 005 is removed and never given again; 002 was retired in the template.
        XCTAssertEqual(try kh(["retire", "KH-2024-005", "-C", root]).status, 0)
        let c = try kh(base + ["--name", "上海浦江物流有限公司", "--contact", "钱峰", "--email", "qianfeng@pujiang.example.com"])
        XCTAssertTrue(c.stdout.hasSuffix("已新建档案 KH-2024-006\n"), c.stdout + c.stderr)
        let written = try String(contentsOfFile: root + "/客户档案/KH-2024-004_申达机械/01-客户基本信息/基本信息.yaml", encoding: .utf8)
        XCTAssertEqual(
            written,
            """
            档案编号: KH-2024-004
            客户类型: 企业
            企业名称:
              全称: 上海申达机械有限公司
              简称: 申达机械
            所属行业: 制造业
            所在地区: 上海市
            负责销售: 王磊
            客户阶段: 潜在
            首次接触时间: 2024-05-01
            联系人:
              - 姓名: 周强
                手机: 13900001111
            创建时间: 2024-05-01
            创建人: 王磊
            最后更新时间: 2024-05-01

            """)
        let v = try kh(["validate", root])
        XCTAssertEqual(v.status, 0, v.stdout)
    }

    func testNewRefusesTheSameCustomerTwice() throws {
        let root = try copy(Self.template)
        let base = ["new", "企业", "-C", root, "--by", "王磊", "--contact", "某人"]
        let cases: [([String], String)] = [
            (["--name", "北京 星辰科技有限公司", "--mobile", "13900002222"], "名称「北京 星辰科技有限公司」相同"),
            (
                ["--name", "星辰数据", "--credit-code", "91110108MA01XK7Q3G", "--mobile", "13900002222"],
                "统一社会信用代码 91110108MA01XK7Q3G 相同"
            ),
            (["--name", "另一家公司", "--mobile", "138-1234-5678"], "联系人手机 13812345678 相同"),
            (
                ["--name", "另一家公司", "--email", "ZhangWei@xingchen-tech.example.com"],
                "联系人邮箱 zhangwei@xingchen-tech.example.com 相同"
            ),
        ]
        for (args, why) in cases {
            let r = try kh(base + args)
            XCTAssertEqual(r.status, 1, args.joined(separator: " "))
            XCTAssertEqual(r.stderr, "kh：这位客户已有档案 KH-2024-001（客户档案/KH-2024-001_星辰科技）：\(why)。一个客户只建一份档案，请在原档案中更新\n")
        }
        XCTAssertEqual(snapshot(root), snapshot(Self.template))
    }

    func testNewAndLogNeedKnownPeople() throws {
        let root = try copy(Self.template)
        let r = try kh([
            "new", "个人", "-C", root, "--by", "郑凯", "--name", "王小明", "--contact", "王小明", "--mobile", "13900003333",
            "--lang", "en",
        ])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "kh: 郑凯 has left (团队 在职: 否) and cannot create or own new records\n")
        let s = try kh([
            "new", "个人", "-C", root, "--by", "王蕾", "--name", "王小明", "--contact", "王小明", "--mobile", "13900003333",
            "--lang", "en",
        ])
        XCTAssertEqual(s.stderr, "kh: '王蕾' is not in kh.yaml 团队; did you mean '王磊'?\n")
    }

    // MARK: - kh log

    func testLogPutsRecordsInTheirQuarterWithNumberedNames() throws {
        let root = try copy(Self.template)
        let base = ["log", "星辰科技", "-C", root, "--by", "王磊", "--date", "2025-02-01", "--method", "电话"]
        let a = try kh(
            base + ["--time", "2025-01-20 10:00", "--content", "确认续约意向", "--next", "提供续约报价单;王磊;2025/2/15;高"])
        XCTAssertEqual(a.status, 0, a.stderr)
        let b = try kh(base + ["--time", "2025-01-20 15:30", "--content", "补充报价细节", "--theirs", "刘芳"])
        XCTAssertEqual(b.status, 0, b.stderr)
        let folder = root + "/客户档案/KH-2024-001_星辰科技/03-互动记录/2025-Q1/"
        XCTAssertEqual(
            try String(contentsOfFile: folder + "2025-01-20-电话.yaml", encoding: .utf8),
            """
            沟通时间: 2025-01-20 10:00
            沟通方式: 电话
            参与人员:
              我方: [王磊]
              客户方: [张伟]
            内容类型: 日常维护
            沟通内容: 确认续约意向
            下一步计划:
              - 事项: 提供续约报价单
                负责人: 王磊
                截止日期: 2025-02-15
                优先级: 高
                状态: 待办
            创建时间: 2025-02-01
            创建人: 王磊
            最后更新时间: 2025-02-01

            """)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "2025-01-20-电话-2.yaml"))
        XCTAssertEqual(try kh(["validate", root]).status, 0)
        // Vague next steps are refused; nothing is written.
        let before = snapshot(root)
        let vague = try kh(base + ["--time", "2025-01-21 10:00", "--content", "x", "--next", "继续跟进;王磊;2025-02-15"])
        XCTAssertEqual(vague.status, 1)
        XCTAssertTrue(vague.stderr.hasPrefix("kh：下一步计划「继续跟进」不够具体"), vague.stderr)
        // Without --content and without a terminal there is no editor to open.
        let noEditor = try kh(base + ["--time", "2025-01-21 10:00"])
        XCTAssertEqual(noEditor.status, 2)
        XCTAssertEqual(snapshot(root), before)
    }

    /// Without --content, kh log opens $EDITOR on a filled-in form (at a terminal: `script`
    /// gives it one); what is saved becomes the record, the draft goes once it is written.
    func testLogOpensTheEditor() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            throw XCTSkip("no script(1) for a terminal")
        }
        let root = try copy(Self.template)
        let editor = root + "/.editor.py"
        try """
        #!/usr/bin/env python3
        import sys
        p = sys.argv[1]
        s = open(p, encoding="utf-8").read()
        s = s.replace("沟通内容: |\\n  \\n", "沟通内容: 在编辑器里写的内容\\n")
        s = s.replace("下一步计划:\\n", "下一步计划:\\n  - {事项: 寄送合同草案, 负责人: 王磊, 截止日期: 2025-04-01, 优先级: 高}\\n")
        open(p, "w", encoding="utf-8").write(s)
        """.write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        let kh = KHCommand.kh.path
        let command = "\(kh) log KH-2024-001 -C \(root) --by 王磊 --date 2025-03-20 --time '2025-03-20 10:00'"
        let r = try KHCommand.runProgram(
            "/usr/bin/script", ["-qec", command, "/dev/null"], env: ["EDITOR": editor])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("已写入 1 处改动"), r.stdout + r.stderr)
        let record = try String(
            contentsOfFile: root + "/客户档案/KH-2024-001_星辰科技/03-互动记录/2025-Q1/2025-03-20-电话.yaml", encoding: .utf8)
        XCTAssertTrue(
            record.hasPrefix(
                "沟通时间: 2025-03-20 10:00\n沟通方式: 电话\n参与人员:\n  我方: [王磊]\n  客户方: [张伟]\n内容类型: 日常维护\n沟通内容: 在编辑器里写的内容\n"),
            record)
        XCTAssertTrue(record.contains("  - 事项: 寄送合同草案\n    负责人: 王磊\n    截止日期: 2025-04-01\n    优先级: 高\n"), record)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: root + "/.kh/drafts"), [], "the draft goes once written"
        )
    }

    func testLogReadsADraftFile() throws {
        let root = try copy(Self.template)
        let draft = root + "/.kh-draft.yaml"
        try """
        沟通时间: 2025/3/1 9:00
        沟通方式: 拜访
        参与人员:
          我方: [王磊, 陈静]
          客户方: [张伟]
        内容类型: 商务洽谈
        沟通内容: |
          现场演示新版本。
          客户希望三月底前给出方案。
        下一步计划:
          - {事项: 提交实施方案, 负责人: 陈静, 截止日期: 2025-03-28, 优先级: 高}
        """.write(toFile: draft, atomically: true, encoding: .utf8)
        let r = try kh(["log", "KH-2024-001", "-C", root, "--by", "王磊", "--date", "2025-03-01", "--file", draft])
        XCTAssertEqual(r.status, 0, r.stderr)
        let text = try String(
            contentsOfFile: root + "/客户档案/KH-2024-001_星辰科技/03-互动记录/2025-Q1/2025-03-01-拜访.yaml", encoding: .utf8)
        XCTAssertTrue(text.contains("沟通内容: |-\n  现场演示新版本。\n  客户希望三月底前给出方案。\n"), text)
        XCTAssertTrue(text.contains("  我方: [王磊, 陈静]\n"), text)
    }

    /// A draft that is no record is bad input (exit 2: what was given is wrong, not the archive),
    /// as is one kh cannot read. Nothing is written either way.
    func testLogRefusesABadDraftFile() throws {
        let root = try copy(Self.template)
        let before = snapshot(root)
        let draft = root + "/.kh-draft.yaml"
        try "沟通时间: 明天\n沟通内容: x\n".write(toFile: draft, atomically: true, encoding: .utf8)
        let base = ["log", "KH-2024-001", "-C", root, "--by", "王磊", "--date", "2025-03-01", "--file"]
        let bad = try kh(base + [draft])
        XCTAssertEqual(bad.status, 2)
        XCTAssertEqual(bad.stderr, "kh：\(draft)：沟通时间「明天」不是 YYYY-MM-DD HH:MM\n")
        let en = try kh(base + [draft, "--lang", "en"])
        XCTAssertEqual(en.stderr, "kh: \(draft): 沟通时间 '明天' is not YYYY-MM-DD HH:MM\n")
        let missing = try kh(base + [root + "/nothing.yaml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "kh：无法读取 \(root)/nothing.yaml\n")
        XCTAssertEqual(snapshot(root).keys.sorted(), (before.keys + [".kh-draft.yaml"]).sorted())
    }

    // MARK: - renumber, retire, reassign

    func testRenumberRetiresTheOldNumberAndMovesWaivers() throws {
        let root = try copy(Self.template)
        let r = try kh(["renumber", "KH-2025-001", "KH-2025-007", "-C", root, "--date", "2025-03-01"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            r.stdout,
            """
            修改  客户档案/KH-2025-001_海川制造/01-客户基本信息/基本信息.yaml
              2 - 档案编号: KH-2025-001
              2 + 档案编号: KH-2025-007
              26 - 最后更新时间: 2025-02-18
              26 + 最后更新时间: 2025-03-01
            修改  kh.yaml
              16 +   - KH-2025-001
            移动  客户档案/KH-2025-001_海川制造 → 客户档案/KH-2025-007_海川制造
            已写入 3 处改动

            """)
        XCTAssertEqual(try kh(["validate", root]).status, 0)
        let taken = try kh(["renumber", "KH-2025-007", "KH-2024-002", "-C", root])
        XCTAssertEqual(taken.status, 1)
        XCTAssertEqual(taken.stderr, "kh：KH-2024-002 已被使用或已退役，编号永不重复使用\n")
    }

    func testRetireRefusesCustomersWithContracts() throws {
        let root = try copy(Self.template)
        let r = try kh(["retire", "KH-2024-001", "-C", root])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "kh：KH-2024-001 不是失败的潜在客户（客户阶段 成交，2 份合作记录），不删除；确需删除请加 --force\n")
        let ok = try kh(["retire", "KH-2025-001", "-C", root])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/客户档案/KH-2025-001_海川制造"))
        let config = try String(contentsOfFile: root + "/kh.yaml", encoding: .utf8)
        XCTAssertTrue(
            config.contains(
                "退役编号:                             # 已删除档案（如失败的潜在客户）的编号，永不再用\n  - KH-2024-002\n  - KH-2025-001\n"))
    }

    func testReassignHandsOverAndRecordsIt() throws {
        let root = try copy(Self.template)
        let r = try kh(["reassign", "--from", "王磊", "--to", "陈静", "-C", root, "--by", "孙倩", "--date", "2025-03-07"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let a = try String(contentsOfFile: root + "/客户档案/KH-2024-001_星辰科技/01-客户基本信息/基本信息.yaml", encoding: .utf8)
        XCTAssertTrue(a.contains("负责销售: 陈静\n"))
        XCTAssertTrue(
            a.contains("备注: |-\n  2023 年安全展会上结识，2024 年签约\n  2025-03-07 负责销售由 王磊 移交给 陈静（孙倩 经办）\n创建时间: 2024-01-15\n"), a)
        XCTAssertTrue(a.contains("最后更新时间: 2025-03-07\n"))
        let b = try String(contentsOfFile: root + "/客户档案/KH-2025-001_海川制造/01-客户基本信息/基本信息.yaml", encoding: .utf8)
        XCTAssertTrue(b.hasSuffix("最后更新时间: 2025-03-07\n备注: 2025-03-07 负责销售由 王磊 移交给 陈静（孙倩 经办）\n"), b)
        XCTAssertEqual(try kh(["validate", root]).status, 0)
        // A former member named as the new owner is a bad argument (exit 2), as for --by.
        let toFormer = try kh(["reassign", "--from", "陈静", "--to", "郑凯", "-C", root, "--by", "孙倩"])
        XCTAssertEqual(toFormer.status, 2)
    }

    // MARK: - All or nothing

    /// A failure after any number of steps leaves the archive exactly as it was: no file
    /// changed, none added, no temporary file, nothing kept under .kh/.
    func testInterruptedWriteLeavesNothingBehind() throws {
        let root = try copy(Self.template)
        let archive = try Archive.open(root)
        let registry = CustomerRegistry(archive)
        let today = Day(year: 2025, month: 3, day: 7)
        var planned = try Plans.reassign(from: "王磊", to: "陈静", only: [], registry: registry, author: "孙倩", today: today)
        let renumber = try Plans.renumber("KH-2024-003", to: "KH-2024-009", registry: registry, today: today)
        planned.changes.changes += renumber.changes.changes
        planned.changes.create("客户档案/KH-2025-002_新客户/01-客户基本信息/基本信息.yaml", "x: 1\n")
        let before = snapshot(root)
        let steps = planned.changes.changes.count
        XCTAssertEqual(steps, 6)
        for failAfter in 0..<steps {
            XCTAssertThrowsError(try planned.changes.apply(root: root, failAfter: failAfter)) { error in
                XCTAssertEqual((error as! ChangeSet.Failure).message, WriteMsg.simulatedFailure)
            }
            XCTAssertEqual(snapshot(root), before, "after \(failAfter) steps")
            let leftovers = FileManager.default.enumerator(atPath: root)!.allObjects.compactMap { $0 as? String }
                .filter { $0.contains(".kh-tmp") || $0.hasPrefix(".kh/tx-") }
            XCTAssertEqual(leftovers, [], "after \(failAfter) steps")
            XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/客户档案/KH-2024-009_刘洋"))
            XCTAssertFalse(
                FileManager.default.fileExists(atPath: root + "/客户档案/KH-2025-002_新客户"), "created folders are removed")
        }
        try planned.changes.apply(root: root)
        XCTAssertNotEqual(snapshot(root), before)
    }

    /// What a command writes must validate clean: a result with a new error is undone.
    func testResultCheckUndoesAChangeThatBreaksValidation() throws {
        let root = try copy(Self.template)
        let archive = try Archive.open(root)
        let path = "客户档案/KH-2025-001_海川制造/01-客户基本信息/基本信息.yaml"
        let original = Array(FileManager.default.contents(atPath: root + "/" + path)!)
        var doc = try EditableDocument(bytes: original, path: path)
        try doc.set("负责销售", "不存在的人")
        let changes = ChangeSet([.modify(path: path, original: original, bytes: doc.result())])
        let before = snapshot(root)
        let check = ResultCheck(archive: archive, before: ["KH-2025-001_海川制造"], after: ["KH-2025-001_海川制造"])
        XCTAssertThrowsError(try changes.apply(root: root, verify: check.verify)) { error in
            let failure = error as! ChangeSet.Failure
            XCTAssertEqual(failure.diagnostics.map(\.code), ["KH208"])
            XCTAssertEqual(failure.diagnostics.first?.start, Mark(line: 15, column: 7))
        }
        XCTAssertEqual(snapshot(root), before)
    }

    func testSecondWriterIsLockedOut() throws {
        let root = try copy(Self.template)
        let lock = try ArchiveLock(root: root)
        let r = try kh(["retire", "KH-2025-001", "-C", root])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "kh：另一个 kh 正在写入这个档案库（.kh/lock 被占用）；请等它结束后再试\n")
        withExtendedLifetime(lock) {}
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/客户档案/KH-2025-001_海川制造"))
    }

    // MARK: - YAML written and edited

    func testWrittenScalarsReadBackTheSame() throws {
        let values = [
            "", " 前导空格", "a: b", "#号开头", "- 列表", "true", "~", "null", "多行\n文本\n", "引号\"和\\", "007",
            "@x", "a #b", "控制\u{7}字符", "[方括号]", "{x}", "结尾冒号:", "-12.50", "2024-03-05", "张伟, 刘芳",
        ]
        var entries: [(String, YAMLValue)] = values.enumerated().map { ("k\($0.offset)", .scalar($0.element)) }
        entries.append(("列表", .list(values.map { .scalar($0) })))
        let text = YAMLWriter.document(entries)
        let parsed = YAMLParser.parse(Array(text.utf8), file: "t.yaml")
        XCTAssertEqual(parsed.diagnostics, [], text)
        guard case .mapping(let m)? = parsed.root else { return XCTFail(text) }
        for (i, v) in values.enumerated() {
            XCTAssertEqual(m["k\(i)"]?.scalar?.value, v, "k\(i) in\n\(text)")
            XCTAssertNotEqual(m["k\(i)"]?.scalar?.isNull, true, "k\(i) must not read as absent")
        }
        XCTAssertEqual(m["列表"]?.sequence?.items.map { $0.scalar?.value ?? "?" }, values)
    }

    /// A key added inside a nested mapping: a list item's mapping (indented as its keys, also
    /// when the item has one key on the dash line), and a flow mapping.
    func testInsertIntoANestedMapping() throws {
        let source = """
            下一步计划:
              - 事项: 甲   # 注释
                负责人: 王磊
              - 事项: 乙
            其他: {a: 1}
            末行: x
            """
        var doc = try EditableDocument(bytes: Array(source.utf8), path: "x.yaml")
        let items = try XCTUnwrap(doc.root["下一步计划"]?.sequence?.items)
        try doc.insert("状态", "已完成", into: try XCTUnwrap(items[0].mapping))
        try doc.insert("状态", "待办", into: try XCTUnwrap(items[1].mapping))
        try doc.insert("b", "2", into: try XCTUnwrap(doc.root["其他"]?.mapping))
        XCTAssertEqual(
            String(decoding: doc.result(), as: UTF8.self),
            """
            下一步计划:
              - 事项: 甲   # 注释
                负责人: 王磊
                状态: 已完成
              - 事项: 乙
                状态: 待办
            其他: {a: 1, b: 2}
            末行: x
            """)
        XCTAssertThrowsError(
            try doc.insert("负责人", "x", into: try XCTUnwrap(items[0].mapping)), "the key is there already")
    }

    func testEditsKeepEveryOtherByte() throws {
        let source = """
            # 头部注释
            退役编号: [KH-2024-001]   # 行尾注释
            名单:
              - 甲
              - 乙    # 乙的注释
            空值:
            备注: 原文   # 注释
            """
        var doc = try EditableDocument(bytes: Array(source.utf8), path: "x.yaml")
        try doc.append(to: "退役编号", "KH-2024-002")
        try doc.append(to: "名单", "丙")
        try doc.append(to: "新列表", "一")
        try doc.set("空值", "有了")
        try doc.set("备注", "新文")
        XCTAssertEqual(
            String(decoding: doc.result(), as: UTF8.self),
            """
            # 头部注释
            退役编号: [KH-2024-001, KH-2024-002]   # 行尾注释
            名单:
              - 甲
              - 乙    # 乙的注释
              - 丙
            空值: 有了
            备注: 新文   # 注释
            新列表: [一]
            """)
    }
}
