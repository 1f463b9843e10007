import Foundation
import KHTestSupport
import XCTest

@testable import KHModel
@testable import KHOutputs
@testable import KHSupport

/// The small things a new user trips over (issue 23): a misspelt command, `help` of one that
/// does not exist, `--lang` before the command, bad arguments that must exit 2 (and refusals
/// that stay 1), messages in the archive's language, generated files kept out of git, the
/// printed review's pointer to where its codes are explained.
final class FirstDayTests: XCTestCase {
    typealias Run = KHCommand.Run

    func kh(_ arguments: [String], cwd: String? = nil, env: [String: String] = [:]) throws -> Run {
        try KHCommand.run(arguments, cwd: cwd, env: env)
    }

    static let template = TestPaths.packageRoot.appendingPathComponent("archive-template").path

    /// A copy of archive-template in a new temporary folder (removed after the test).
    func archive(language: String = "zh") throws -> String {
        let dir = NSTemporaryDirectory() + "kh-first-day-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: Self.template, toPath: dir)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        if language != "zh" {
            let config = try String(contentsOfFile: dir + "/kh.yaml", encoding: .utf8)
            XCTAssertTrue(config.contains("\n语言: zh "))
            try config.replacingOccurrences(of: "\n语言: zh ", with: "\n语言: \(language) ").write(
                toFile: dir + "/kh.yaml", atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// An empty temporary folder, outside any archive.
    func emptyFolder() throws -> String {
        let dir = NSTemporaryDirectory() + "kh-nowhere-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir
    }

    /// `kh --help`'s commands.
    func commands() throws -> [String] {
        let help = try kh(["--help"]).stdout
        let section = try XCTUnwrap(help.components(separatedBy: "SUBCOMMANDS:\n").last)
        return section.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first,
                word.allSatisfy({ $0.isLowercase })
            else { return nil }
            return String(word)
        }
    }

    // MARK: - A misspelt command

    func testMisspeltCommandSuggestsWhatWasMeant() throws {
        let cwd = try emptyFolder()
        let cases: [([String], String, String)] = [
            (
                ["valdate"], "没有「valdate」这个命令；你是不是想用 kh validate？全部命令见 kh --help",
                "there is no command 'valdate'; did you mean kh validate? kh --help lists them all"
            ),
            (
                ["catalog"], "没有「catalog」这个命令；你是不是想用 kh catalogue？全部命令见 kh --help",
                "there is no command 'catalog'; did you mean kh catalogue? kh --help lists them all"
            ),
            (
                ["cat"], "没有「cat」这个命令；你是不是想用 kh catalogue？全部命令见 kh --help",
                "there is no command 'cat'; did you mean kh catalogue? kh --help lists them all"
            ),
            (
                ["validation", "."], "没有「validation」这个命令；你是不是想用 kh validate？全部命令见 kh --help",
                "there is no command 'validation'; did you mean kh validate? kh --help lists them all"
            ),
            (
                ["reveiw", "--as-of", "2025-01-01"], "没有「reveiw」这个命令；你是不是想用 kh review？全部命令见 kh --help",
                "there is no command 'reveiw'; did you mean kh review? kh --help lists them all"
            ),
            (
                ["version"], "没有「version」这个命令；你是不是想用 kh --version？全部命令见 kh --help",
                "there is no command 'version'; did you mean kh --version? kh --help lists them all"
            ),
            (
                ["hook", "instal"], "kh hook 没有「instal」这个子命令；你是不是想用 kh hook install？全部子命令见 kh hook --help",
                "kh hook has no subcommand 'instal'; did you mean kh hook install? kh hook --help lists them all"
            ),
            (
                ["frobnicate"], "没有「frobnicate」这个命令；全部命令见 kh --help",
                "there is no command 'frobnicate'; kh --help lists them all"
            ),
        ]
        for (args, zh, en) in cases {
            let r = try kh(args, cwd: cwd)
            XCTAssertEqual(r.status, 2, args.joined(separator: " "))
            XCTAssertEqual(r.stdout, "")
            XCTAssertEqual(r.stderr, "kh：" + zh + "\n")
            // --lang after the word, or before it.
            let after = try kh(args + ["--lang", "en"], cwd: cwd)
            XCTAssertEqual(after.status, 2)
            XCTAssertEqual(after.stderr, "kh: " + en + "\n")
            XCTAssertEqual(try kh(["--lang", "en"] + args, cwd: cwd).stderr, "kh: " + en + "\n")
        }
    }

    /// In an archive, kh.yaml 语言 says which language; -C names the archive from elsewhere.
    func testMisspeltCommandInTheArchiveLanguage() throws {
        let root = try archive(language: "en")
        let inside = try kh(["valdate"], cwd: root + "/客户档案")
        XCTAssertEqual(inside.status, 2)
        XCTAssertEqual(
            inside.stderr, "kh: there is no command 'valdate'; did you mean kh validate? kh --help lists them all\n")
        XCTAssertEqual(
            try kh(["lgo", "-C", root], cwd: try emptyFolder()).stderr,
            "kh: there is no command 'lgo'; did you mean kh log? kh --help lists them all\n")
        XCTAssertEqual(
            try kh(["valdate", "--lang", "zh"], cwd: root).stderr,
            "kh：没有「valdate」这个命令；你是不是想用 kh validate？全部命令见 kh --help\n")
    }

    /// Not a hand list: a letter left out, or two swapped, in any command's name suggests it.
    func testEveryCommandIsSuggestedForItsTypos() throws {
        let names = try commands()
        XCTAssertTrue(names.contains("validate") && names.contains("catalogue") && names.contains("docs"), "\(names)")
        XCTAssertGreaterThanOrEqual(names.count, 20)
        let cwd = try emptyFolder()
        for name in names where name != "help" {
            var typos: [String] = []
            var dropped = Array(name)
            dropped.remove(at: name.count / 2)
            typos.append(String(dropped))
            let letters = Array(name)
            if let i = (0..<letters.count - 1).first(where: { letters[$0] != letters[$0 + 1] && $0 > 0 }) {
                var swapped = letters
                swapped.swapAt(i, i + 1)
                typos.append(String(swapped))
            }
            for typo in typos where !names.contains(typo) {
                let r = try kh([typo], cwd: cwd)
                XCTAssertEqual(r.status, 2, typo)
                XCTAssertTrue(
                    r.stderr.contains("你是不是想用 kh \(name)？") || r.stderr.contains(" kh \(name) 或")
                        || r.stderr.contains("或 kh \(name)？"),
                    "\(typo) → \(r.stderr)")
            }
        }
    }

    func testSuggestNames() {
        let names = [
            "validate", "rules", "init", "index", "catalogue", "new", "log", "fix", "renumber", "retire", "reassign",
            "import", "export", "codeowners", "hook", "schema", "changes", "review", "report", "recover", "docs",
            "serve",
        ]
        XCTAssertEqual(Suggest.names("valdate", in: names), ["validate"])
        XCTAssertEqual(Suggest.names("VALIDAT", in: names), ["validate"])
        XCTAssertEqual(Suggest.names("catalog", in: names), ["catalogue"])
        XCTAssertEqual(Suggest.names("reveiw", in: names), ["review"], "two letters swapped are one edit")
        XCTAssertEqual(Suggest.names("nwe", in: names), ["new"])
        XCTAssertEqual(Suggest.names("server", in: names), ["serve"])
        XCTAssertEqual(Suggest.names("code", in: names), ["codeowners"], "a start of three letters or more")
        XCTAssertEqual(Suggest.names("rep", in: names), ["report"])
        XCTAssertEqual(Suggest.names("validation", in: names), ["validate"], "a shared start of five letters or more")
        XCTAssertEqual(Suggest.names("re", in: names), [], "two letters say nothing")
        XCTAssertEqual(Suggest.names("frobnicate", in: names), [])
        XCTAssertEqual(Suggest.names("", in: names), [])
        XCTAssertEqual(Suggest.transposingDistance(Array("ab"), Array("ba")), 1)
        XCTAssertEqual(Suggest.transposingDistance(Array("catalog"), Array("catalogue")), 2)
    }

    // MARK: - help

    func testHelpOfAnUnknownCommandIsAnError() throws {
        let cwd = try emptyFolder()
        let r = try kh(["help", "validat"], cwd: cwd)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "", "not the top-level help")
        XCTAssertEqual(r.stderr, "kh：没有「validat」这个命令；你是不是想用 kh help validate？全部命令见 kh --help\n")
        let en = try kh(["help", "catalog", "--lang", "en"], cwd: cwd)
        XCTAssertEqual(en.status, 2)
        XCTAssertEqual(
            en.stderr, "kh: there is no command 'catalog'; did you mean kh help catalogue? kh --help lists them all\n")
        let nested = try kh(["help", "hook", "instal"], cwd: cwd)
        XCTAssertEqual(nested.status, 2)
        XCTAssertEqual(nested.stderr, "kh：kh hook 没有「instal」这个子命令；你是不是想用 kh help hook install？全部子命令见 kh hook --help\n")
        // What exists still gets its help.
        let known = try kh(["help", "validate"], cwd: cwd)
        XCTAssertEqual(known.status, 0, known.stderr)
        XCTAssertTrue(known.stdout.contains("USAGE: kh validate"), known.stdout)
        XCTAssertTrue(try kh(["help", "hook", "install"], cwd: cwd).stdout.contains("USAGE: kh hook install"))
        XCTAssertTrue(try kh(["help"], cwd: cwd).stdout.contains("SUBCOMMANDS:"))
    }

    // MARK: - --lang before the command

    func testLangBeforeTheCommand() throws {
        let root = try archive()
        let before = try kh(["--lang", "en", "validate", root])
        let after = try kh(["validate", root, "--lang", "en"])
        XCTAssertEqual(before.status, 0, before.stderr)
        XCTAssertEqual(before.stdout, "checked 3 customers, 15 files: no problems\n")
        XCTAssertEqual(before.stdout, after.stdout)
        XCTAssertEqual(try kh(["--lang=en", "validate", root]).stdout, after.stdout)
        // The one given after the command wins.
        XCTAssertEqual(try kh(["--lang", "en", "validate", root, "--lang", "zh"]).stdout, "检查了 3 位客户、15 个文件：没有发现问题\n")
        // A command of a group, and one that opens no archive.
        XCTAssertEqual(
            try kh(["--lang", "en", "rules", "KH203"]).stdout, try kh(["rules", "KH203", "--lang", "en"]).stdout)
        let hook = try kh(["--lang", "en", "hook", "install", root])
        XCTAssertEqual(hook.status, 2, "not a git repository")
        XCTAssertTrue(hook.stderr.hasPrefix("kh: "), hook.stderr)
        // Every command takes it there: an invalid value is refused as --lang's, never as an
        // unknown option (a group without a command shows its help).
        for name in try commands() where name != "help" {
            let r = try kh(["--lang", "xx", name], cwd: root)
            if name == "hook" {
                XCTAssertEqual(r.status, 0)
                continue
            }
            XCTAssertEqual(r.status, 2, name)
            XCTAssertTrue(r.stderr.hasPrefix("kh：--lang 的值「xx」无效；可选：zh、en\n"), "\(name): \(r.stderr)")
        }
    }

    // MARK: - Bad arguments exit 2; refusals 1

    func testBadArgumentsExitTwoAndRefusalsOne() throws {
        let root = try archive()
        let pristine = WriteTests.snapshot(root)
        let by = ["-C", root, "--by", "王磊", "--date", "2025-03-01"]
        let bad: [([String], String?)] = [
            (
                ["new", "company", "--name", "某某科技有限公司", "--contact", "张三", "--mobile", "13900001111"] + by,
                "kh：客户类型必须是 企业 或 个人，这里是「company」\n"
            ),
            // Checked before who writes: the type's fault is said first.
            (["new", "company", "--name", "某某科技有限公司", "-C", root, "--by", "无名氏"], "kh：客户类型必须是 企业 或 个人，这里是「company」\n"),
            (["new", "企业", "--name", "某某科技有限公司"] + by, "kh：至少需要一位联系人（--contact 姓名，并给出 --mobile、--phone 或 --email）\n"),
            (["new", "企业", "--name", "某某科技有限公司", "--contact", "张三"] + by, "kh：联系人「张三」需要手机、电话或邮箱之一\n"),
            (
                ["new", "企业", "--name", "某某科技有限公司", "--contact", "张三", "--mobile", "13900001111", "--owner", "郑凯"] + by,
                "kh：郑凯 已离职（团队 在职: 否），不能作为新记录的创建人或负责人\n"
            ),
            (
                ["log", "KH-2024-001", "--method", "飞鸽", "--content", "x"] + by,
                "kh：沟通方式「飞鸽」不在可选值中：电话、会议、拜访、邮件、微信、活动、其他\n"
            ),
            (
                ["log", "KH-2024-001", "--type", "闲聊", "--content", "x"] + by,
                "kh：内容类型「闲聊」不在可选值中：需求反馈、问题咨询、建议投诉、日常维护、商务洽谈、节日关怀、其他\n"
            ),
            (["log", "KH-2024-001", "--time", "明天", "--content", "x"] + by, "kh：--time「明天」不是 YYYY-MM-DD HH:MM\n"),
            (
                ["log", "KH-2024-001", "--next", "提供报价单", "--content", "x"] + by,
                "kh：--next 需要「事项;负责人;截止日期[;优先级]」，这里是「提供报价单」\n"
            ),
            (
                ["log", "KH-2024-001", "--next", "提供报价单;王磊;2025-13-01", "--content", "x"] + by,
                "kh：下一步计划的截止日期「2025-13-01」不是 YYYY-MM-DD 日期\n"
            ),
            (
                ["log", "KH-2024-001", "--next", "提供报价单;王磊;2025-04-01;很急", "--content", "x"] + by,
                "kh：优先级「很急」不在可选值中：高、中、低\n"
            ),
            (
                ["log", "KH-2024-001", "--next", "提供报价单;郑凯;2025-04-01", "--content", "x"] + by,
                "kh：郑凯 已离职（团队 在职: 否），不能作为新记录的创建人或负责人\n"
            ),
            (["log", "KH-2024-001", "--content", " "] + by, "kh：沟通内容不能为空（--content，或不带 --content 在编辑器中填写）\n"),
            (["log", "没有这个客户", "--content", "x"] + by, nil),
            (["renumber", "KH-2099-001", "KH-2099-002"] + by, "kh：没有档案编号为 KH-2099-001 的客户\n"),
            (["renumber", "KH-2024-001", "2024-9"] + by, nil),
            (["retire", "KH-2099-001", "-C", root], "kh：没有档案编号为 KH-2099-001 的客户\n"),
            (["reassign", "--from", "王磊", "--to", "郑凯"] + by, "kh：郑凯 已离职（团队 在职: 否），不能作为新记录的创建人或负责人\n"),
            (["reassign", "--from", "王磊", "--to", "陈静", "--customer", "没有这个客户"] + by, nil),
        ]
        for (args, message) in bad {
            let r = try kh(args)
            XCTAssertEqual(r.status, 2, "\(args.joined(separator: " ")): \(r.stderr)")
            if let message { XCTAssertEqual(r.stderr, message, args.joined(separator: " ")) }
        }
        // Values only the result check sees, in the file kh new would create: the input's fault.
        let values = try kh(
            ["new", "企业", "--name", "某某科技有限公司", "--contact", "张三", "--mobile", "123", "--industry", "不存在"] + by)
        XCTAssertEqual(values.status, 2, values.stderr)
        XCTAssertTrue(values.stderr.contains("错误 KH203 联系人[1].手机"), values.stderr)
        XCTAssertTrue(values.stderr.hasSuffix("这些值都来自所给的参数或文件：请改正后重试\n"), values.stderr)
        XCTAssertEqual(WriteTests.snapshot(root), pristine, "nothing written")
        // The archive refusing what was asked stays 1.
        let refused: [([String], String)] = [
            (
                ["new", "企业", "--name", "北京星辰科技有限公司", "--contact", "张三", "--mobile", "13900001111"] + by,
                "kh：这位客户已有档案 KH-2024-001（客户档案/KH-2024-001_星辰科技）：名称「北京星辰科技有限公司」相同。一个客户只建一份档案，请在原档案中更新\n"
            ),
            (
                ["log", "KH-2024-001", "--next", "继续跟进;王磊;2025-04-01", "--content", "x"] + by,
                "kh：下一步计划「继续跟进」不够具体：请写明要做的事（如「5 月 15 日前提供报价单」），并给出负责人和截止日期\n"
            ),
            (["renumber", "KH-2025-001", "KH-2024-002"] + by, "kh：KH-2024-002 已被使用或已退役，编号永不重复使用\n"),
            (
                ["retire", "KH-2024-001", "-C", root],
                "kh：KH-2024-001 不是失败的潜在客户（客户阶段 成交，2 份合作记录），不删除；确需删除请加 --force\n"
            ),
        ]
        for (args, message) in refused {
            let r = try kh(args)
            XCTAssertEqual(r.status, 1, "\(args.joined(separator: " ")): \(r.stderr)")
            XCTAssertEqual(r.stderr, message)
        }
        XCTAssertEqual(WriteTests.snapshot(root), pristine, "nothing written")
    }

    // MARK: - Messages in the archive's language

    /// kh's own checks of the options, each in Chinese, in English with --lang en, and in
    /// English when kh.yaml says 语言: en; exit 2.
    func testOptionMessagesInTheArchiveLanguage() throws {
        let zh = try archive()
        let en = try archive(language: "en")
        let cases: [([String], String, String)] = [
            (
                ["index", "--format", "sqlite"], "--format sqlite 需要 -o 文件名.sqlite（SQLite 数据库不输出到屏幕）",
                "--format sqlite needs -o FILE.sqlite (a database does not go to standard output)"
            ),
            (
                ["catalogue", "--format", "pdf", "--check", "x.pdf"], "--check 只比较 md、html、csv 或 json；PDF 每次生成的字节都不同",
                "--check compares md, html, csv or json; a PDF is not byte-stable"
            ),
            (
                ["catalogue", "--columns", "档案编号,身份证"],
                "没有「身份证」这一列；可选的列：档案编号、客户名称、简称、所属行业、负责销售、档案更新日期、所在地区、客户阶段、维护级别、价值等级、客户分类、最近互动、拼音",
                "unknown column '身份证'; columns: 档案编号, 客户名称, 简称, 所属行业, 负责销售, 档案更新日期, 所在地区, 客户阶段, 维护级别, 价值等级, 客户分类, 最近互动, 拼音"
            ),
            (
                ["report", "--year", "2024", "--from", "2024-01-01", "--to", "2024-12-31"],
                "--year 与 --from/--to 不能同时使用",
                "--year and --from/--to cannot be used together"
            ),
            (["report", "--from", "2024-01-01"], "--from 与 --to 要一起给出", "--from and --to go together"),
            (["report", "--year", "24"], "--year 24：应为年份，如 2025", "--year 24: expected a year such as 2025"),
            (
                ["report", "--as-of", "2024/1/1"], "--as-of「2024/1/1」不是 YYYY-MM-DD 日期",
                "--as-of 2024/1/1: expected a date YYYY-MM-DD"
            ),
            (
                ["report", "--from", "2024-06-01", "--to", "2024-01-01"], "--to 2024-01-01 早于 --from 2024-06-01",
                "--to 2024-01-01 is before --from 2024-06-01"
            ),
            (["review", "--as-of", "下周一"], "--as-of「下周一」不是 YYYY-MM-DD 日期", "--as-of '下周一' is not a date YYYY-MM-DD"),
            (
                ["export", "--format", "xlsx"], "--format xlsx 需要 -o 文件名.xlsx（表格文件不输出到屏幕）",
                "--format xlsx needs -o FILE.xlsx (a workbook does not go to standard output)"
            ),
            (
                ["schema", "-o", "schema", "--check", "schema"], "-o 与 --check 不能同时使用",
                "-o and --check exclude each other"
            ),
            (
                ["codeowners", "-o", "CODEOWNERS", "--check", "CODEOWNERS"], "-o 与 --check 不能同时使用",
                "-o and --check cannot be used together"
            ),
        ]
        for (args, zhText, enText) in cases {
            let a = try kh(args, cwd: zh)
            XCTAssertEqual(a.status, 2, args.joined(separator: " "))
            XCTAssertEqual(a.stderr, "kh：" + zhText + "\n")
            XCTAssertEqual(a.stdout, "")
            let b = try kh(args + ["--lang", "en"], cwd: zh)
            XCTAssertEqual(b.status, 2)
            XCTAssertEqual(b.stderr, "kh: " + enText + "\n")
            let c = try kh(args, cwd: en)
            XCTAssertEqual(c.status, 2)
            XCTAssertEqual(c.stderr, "kh: " + enText + "\n", "kh.yaml 语言: en")
        }
    }

    /// ArgumentParser's own messages: in Chinese the frame and the usual kinds, kept in English
    /// for an English archive; always exit 2.
    func testParserMessagesInTheArchiveLanguage() throws {
        let zh = try archive()
        let usage =
            "kh validate [<archive>] [--format <format>] [--strict] [--lang <lang>] [--quiet] [--no-cache] [--changed-since <changed-since>]"
        let format = try kh(["validate", "--format", "xml"], cwd: zh)
        XCTAssertEqual(format.status, 2)
        XCTAssertEqual(
            format.stderr,
            """
            kh：--format 的值「xml」无效；可选：human、github、json、sarif、junit
            说明：--format <format>  输出格式 output format: human, github, json, sarif, junit.
            用法：\(usage)
              kh validate --help 列出全部选项

            """)
        let english = try kh(["validate", "--format", "xml", "--lang", "en"], cwd: zh)
        XCTAssertEqual(english.status, 2)
        XCTAssertTrue(
            english.stderr.hasPrefix(
                "Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'human', 'github', 'json', 'sarif' or 'junit'.\n"
            ),
            english.stderr)
        XCTAssertEqual(
            try kh(["validate", "--format", "xml"], cwd: try archive(language: "en")).stderr, english.stderr)
        let firstLines: [([String], String)] = [
            (["validate", "--nope"], "kh：没有选项 --nope"),
            (["validate", "--quite"], "kh：没有选项 --quite；你是不是想用 --quiet？"),
            (["validate", "a", "b"], "kh：多余的参数「b」"),
            (["validate", "a", "b", "c"], "kh：多余的参数：「b」、「c」"),
            (["validate", "--strict=yes"], "kh：--strict 不带值，这里给了「yes」"),
            (["validate", "--lang"], "kh：--lang 缺少值"),
            (["new"], "kh：缺少参数 <type>"),
            (["log"], "kh：缺少参数 <customer>"),
        ]
        for (args, first) in firstLines {
            let r = try kh(args, cwd: zh)
            XCTAssertEqual(r.status, 2, args.joined(separator: " "))
            XCTAssertEqual(r.stderr.split(separator: "\n").first.map(String.init), first, r.stderr)
            XCTAssertTrue(r.stderr.contains("\n用法：kh \(args[0])"), r.stderr)
        }
        // kh serve's own program answers the same way, with the same exit status.
        let serve = try kh(["serve", "--nope"], cwd: zh)
        XCTAssertEqual(serve.status, 2, serve.stderr)
        XCTAssertTrue(serve.stderr.hasPrefix("kh：没有选项 --nope；你是不是想用 --open？\n用法：kh serve "), serve.stderr)
    }

    func testArgumentErrorText() {
        XCTAssertEqual(
            ArgumentErrorText.error(
                "The value 'fr' is invalid for '--lang <lang>'. Please provide one of 'zh' and 'en'."),
            "--lang 的值「fr」无效；可选：zh、en")
        XCTAssertEqual(ArgumentErrorText.error("Missing value for '--as-of <as-of>'"), "--as-of 缺少值")
        XCTAssertEqual(ArgumentErrorText.error("Something else entirely"), "Something else entirely")
        XCTAssertEqual(
            ArgumentErrorText.message(
                "Error: Unknown option '--x'\nUsage: kh fix [<archive>]\n  See 'kh fix --help' for more information.\n",
                language: .zh),
            "kh：没有选项 --x\n用法：kh fix [<archive>]\n  kh fix --help 列出全部选项\n")
        XCTAssertEqual(
            ArgumentErrorText.message("Error: Unknown option '--x'\n", language: .en), "Error: Unknown option '--x'\n")
        XCTAssertEqual(ArgumentErrorText.language(["validate", "--lang", "en"]) { _ in .zh }, .en)
        XCTAssertEqual(
            ArgumentErrorText.language(["validate", "-C", "somewhere"]) { $0 == "somewhere" ? .en : nil }, .en)
        XCTAssertEqual(ArgumentErrorText.language(["validate"]) { _ in nil }, .zh)
    }

    // MARK: - Generated files stay out of git

    /// A browser that "prints" a PDF, and a fontconfig that has a Chinese font.
    func fakeBrowser() throws -> (browser: String, env: [String: String]) {
        let bin = try emptyFolder()
        try """
        #!/bin/sh
        for a in "$@"; do case "$a" in --print-to-pdf=*) printf '%%PDF-1.4 fake\\n' > "${a#--print-to-pdf=}";; esac; done

        """.write(toFile: bin + "/chrome", atomically: true, encoding: .utf8)
        try "#!/bin/sh\necho 'Noto Sans CJK SC'\n".write(toFile: bin + "/fc-list", atomically: true, encoding: .utf8)
        for f in ["chrome", "fc-list"] { chmod(bin + "/" + f, 0o755) }
        return (bin + "/chrome", ["PATH": bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")])
    }

    func git(_ args: [String], in dir: String) throws -> String {
        try KHCommand.runProgram("/usr/bin/env", ["git"] + args, cwd: dir).stdout
    }

    func testTemplateIgnoresTheOutputFolder() throws {
        let ignore = try String(contentsOfFile: Self.template + "/.gitignore", encoding: .utf8)
        XCTAssertTrue(ignore.split(separator: "\n").contains("输出/"), ignore)
        XCTAssertEqual(TemplateFiles.all.first { $0.path == ".gitignore" }?.content, ignore, "make embed")
    }

    func testCataloguePDFByDefaultGoesWhereGitDoesNotLook() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/git") else { throw XCTSkip("no git") }
        let (browser, env) = try fakeBrowser()
        let root = try archive()
        _ = try git(["init", "-q", "-b", "main"], in: root)
        let r = try kh(["catalogue", "--format", "pdf", "--browser", browser], cwd: root, env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "已生成 输出/客户档案总目录.pdf（以及 输出/客户档案总目录.html）\n输出/ 文件夹放 kh 生成的文件，git 不提交它\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/输出/客户档案总目录.pdf"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/输出/客户档案总目录.html"))
        _ = try git(["add", "-A"], in: root)
        let staged = try git(["-c", "core.quotepath=off", "diff", "--cached", "--name-only"], in: root)
        XCTAssertTrue(staged.contains("kh.yaml\n"), staged)
        XCTAssertFalse(staged.contains("输出"), "git add -A leaves 输出/ out: \(staged)")
        // From a subfolder, and naming the archive: the paths as the user would type them.
        let sub = try kh(
            ["catalogue", "--format", "pdf", "--browser", browser, "--lang", "en"], cwd: root + "/客户档案", env: env)
        XCTAssertEqual(
            sub.stderr,
            "wrote ../输出/客户档案总目录.pdf (and ../输出/客户档案总目录.html)\n输出/ holds what kh makes; git does not commit it\n")
        let parent = (root as NSString).deletingLastPathComponent
        let name = (root as NSString).lastPathComponent
        let named = try kh(["catalogue", name, "--format", "pdf", "--browser", browser], cwd: parent, env: env)
        XCTAssertTrue(named.stderr.hasPrefix("已生成 \(name)/输出/客户档案总目录.pdf（以及 \(name)/输出/客户档案总目录.html）\n"), named.stderr)
        // An archive whose .gitignore predates 输出/ is told how to keep it out.
        let ignore = try String(contentsOfFile: root + "/.gitignore", encoding: .utf8)
        try ignore.replacingOccurrences(of: "输出/\n", with: "").write(
            toFile: root + "/.gitignore", atomically: true, encoding: .utf8)
        let old = try kh(["catalogue", "--format", "pdf", "--browser", browser], cwd: root, env: env)
        XCTAssertEqual(old.status, 0)
        XCTAssertEqual(
            old.stderr,
            "已生成 输出/客户档案总目录.pdf（以及 输出/客户档案总目录.html）\n"
                + "注意：git 没有忽略 输出/，git add -A 会把生成的文件加进提交；请在档案库的 .gitignore 中加一行 输出/\n")
        // -o still writes where it says.
        let chosen = try kh(
            ["catalogue", "--format", "pdf", "--browser", browser, "-o", "目录.pdf"], cwd: root, env: env)
        XCTAssertEqual(chosen.stderr, "已生成 目录.pdf（以及 目录.html）\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/目录.pdf"))
    }

    /// Outside git: where the files went, nothing about git.
    func testCataloguePDFByDefaultOutsideGit() throws {
        let (browser, env) = try fakeBrowser()
        let root = try archive()
        let r = try kh(["catalogue", "--format", "pdf", "--browser", browser, "--lang", "en"], cwd: root, env: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "wrote 输出/客户档案总目录.pdf (and 输出/客户档案总目录.html)\n")
        // No browser: the HTML is there, and the message says where.
        let none = try kh(
            ["catalogue", "--format", "pdf", "--browser", "/nonexistent/chrome"], cwd: root,
            env: ["PATH": "/nonexistent"])
        XCTAssertEqual(none.status, 2)
        XCTAssertTrue(none.stderr.hasPrefix("kh：找不到可生成 PDF 的浏览器（已写出 输出/客户档案总目录.html，可用浏览器打开后打印）。\n"), none.stderr)
    }

    /// -o into a folder that does not exist yet (`-o 输出/待办.md` in a fresh archive).
    func testOutputFolderIsCreated() throws {
        let root = try archive()
        let r = try kh(["review", "--as-of", "2025-06-30", "-o", "输出/待办.md"], cwd: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(
            try String(contentsOfFile: root + "/输出/待办.md", encoding: .utf8),
            try kh(["review", "--as-of", "2025-06-30"], cwd: root).stdout)
        let index = try kh(["index", "--format", "sqlite", "-o", "输出/索引/档案.sqlite"], cwd: root)
        XCTAssertEqual(index.status, 0, index.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/输出/索引/档案.sqlite"))
        // A file where the folder should be: exit 2, said.
        let blocked = try kh(["report", "-o", "kh.yaml/报告.md"], cwd: root)
        XCTAssertEqual(blocked.status, 2)
        XCTAssertTrue(blocked.stderr.hasPrefix("kh：无法写入 kh.yaml/报告.md"), blocked.stderr)
    }

    // MARK: - The printed review's codes

    func testReviewFootnotePointsToWhereCodesAreExplained() throws {
        let root = try archive()
        let md = try kh(["review", "--as-of", "2025-06-30"], cwd: root)
        XCTAssertTrue(md.stdout.contains("；代码的含义用 kh rules 查看（如 kh rules R01）。"), md.stdout)
        XCTAssertFalse(md.stdout.contains("README"))
        let html = try kh(["review", "--as-of", "2025-06-30", "--format", "html", "--lang", "en"], cwd: root)
        XCTAssertTrue(html.stdout.contains("kh rules explains a code (e.g. kh rules R01)."), html.stdout)
        // Every code the review can list is explained there.
        XCTAssertEqual(RulesReference.reviewCodes, ["R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08"])
        for code in RulesReference.reviewCodes {
            let r = try kh(["rules", code])
            XCTAssertEqual(r.status, 0, code)
            XCTAssertTrue(r.stdout.hasPrefix(code + "  "), r.stdout)
            XCTAssertTrue(r.stdout.contains("[kh review 的待办]"), r.stdout)
        }
        XCTAssertEqual(
            try kh(["rules", "R01"]).stdout,
            """
            R01  next-step  [kh review 的待办]
              下一步计划仍为待办，已过截止日期或 7 天内到期
              错误  next-step-overdue
              提示  next-step-due
              kh review 按日期检查（--as-of），kh validate 不检查


            """)
        XCTAssertEqual(
            try kh(["rules", "r06", "--lang", "en"]).stdout.split(separator: "\n").first,
            "R06  contract-end  [a kh review item]")
        let json = try kh(["rules", "KH203", "R01", "--format", "json"])
        let list = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(list.map { $0["code"] as? String }, ["KH203", "R01"])
        XCTAssertEqual(list[1]["command"] as? String, "review")
        XCTAssertEqual(
            (list[1]["kinds"] as? [[String: String]])?.map { $0["kind"] ?? "" }, ["next-step-overdue", "next-step-due"])
        let md2 = try kh(["rules", "R03", "--format", "md"])
        XCTAssertTrue(md2.stdout.hasPrefix("# kh review 的检查\n\n| 代码 | 名称 | 说明 | 待办类型（级别） |\n"), md2.stdout)
        let none = try kh(["rules", "R99"])
        XCTAssertEqual(none.status, 2)
        XCTAssertEqual(none.stderr, "kh：没有规则 R99；kh rules 列出 kh validate 的全部规则，kh review 的代码是 R01–R08\n")
        // kh rules alone still lists kh validate's rules only.
        XCTAssertFalse(try kh(["rules", "--format", "json"]).stdout.contains("\"R01\""))
    }
}
