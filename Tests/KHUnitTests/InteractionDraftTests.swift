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

/// `kh log`'s record as a person gives it (`InteractionDraft`): option values, the `$EDITOR`
/// form, a draft or `--file` read back. The command-line side is in WriteTests.
final class InteractionDraftTests: XCTestCase {
    let base = NewInteraction(
        time: Moment(day: Day(year: 2025, month: 3, day: 20), hour: 10, minute: 5), method: "电话", contentType: "日常维护",
        ours: ["王磊"], theirs: ["张伟"], content: "")

    /// The error a throwing call gives (nil when it returns).
    func error<T>(_ body: @autoclosure () throws(KHError) -> T) -> KHError? {
        do {
            _ = try body()
            return nil
        } catch { return error }
    }

    func customer(_ query: String) throws -> CustomerRegistry.Entry {
        let registry = CustomerRegistry(try Archive.open(TestPaths.template))
        guard case .found(let entry) = registry.find(query) else { throw XCTSkip("no \(query) in the template") }
        return entry
    }

    func record(_ yaml: String, file: String = "drafts/KH-2024-001.yaml") throws(KHError) -> NewInteraction {
        try InteractionDraft.record(Array(yaml.utf8), file: file, base: base)
    }

    // MARK: - Reading a draft

    func testABadTimeNamesTheFileAndTheField() throws {
        let e = try XCTUnwrap(
            error(try record("沟通时间: 明天\n沟通内容: x\n", file: ".kh/drafts/KH-2024-001-2025-03-20-7.yaml")))
        XCTAssertEqual(e.message.zh, ".kh/drafts/KH-2024-001-2025-03-20-7.yaml：沟通时间「明天」不是 YYYY-MM-DD HH:MM")
        XCTAssertEqual(e.message.en, ".kh/drafts/KH-2024-001-2025-03-20-7.yaml: 沟通时间 '明天' is not YYYY-MM-DD HH:MM")
        XCTAssertTrue(e.message.zh.contains(FieldName.time))
        XCTAssertEqual(e.diagnostics.count, 0)
    }

    /// Not YAML: the parser's diagnostics, at their file, line and column; YAML but no mapping:
    /// the message alone.
    func testNotAMappingCarriesTheParsersDiagnostics() throws {
        let e = try XCTUnwrap(error(try record("沟通时间: [a\n  b: c\n", file: "bad.yaml")))
        XCTAssertEqual(e.message, Text(zh: "bad.yaml 不是有效的 YAML 映射", en: "bad.yaml is not a valid YAML mapping"))
        let d = try XCTUnwrap(e.diagnostics.first { $0.severity == .error })
        XCTAssertEqual(d.code, "KH101")
        XCTAssertEqual(d.file, "bad.yaml")
        XCTAssertEqual(d.start?.line, 2)
        XCTAssertEqual(d.start?.column, 4)

        let list = try XCTUnwrap(error(try record("- a\n- b\n", file: "list.yaml")))
        XCTAssertEqual(list.message.zh, "list.yaml 不是有效的 YAML 映射")
        XCTAssertEqual(list.diagnostics.count, 0)
    }

    func testAFileThatCannotBeRead() throws {
        let path = NSTemporaryDirectory() + "kh-no-such-draft-" + UUID().uuidString + ".yaml"
        let e = try XCTUnwrap(error(try InteractionDraft.contents(of: path)))
        XCTAssertEqual(e.message, Text(zh: "无法读取 \(path)", en: "cannot read \(path)"))
    }

    /// The form's fields; a time kh fix would repair is taken repaired; what the file leaves
    /// out of 沟通方式, 内容类型 and 参与人员 comes from the options, but 沟通内容, 客户反馈,
    /// 处理结果 and 下一步计划 are the file's alone.
    func testADraftsFields() throws {
        let r = try record(
            """
            沟通时间: 2025/3/1 9:00
            内容类型: 商务洽谈
            参与人员:
              我方: [王磊, 陈静]
              客户方: [张伟]
            沟通内容: |
              现场演示新版本。
            客户反馈: 满意
            下一步计划:
              - {事项: 提交实施方案, 负责人: 陈静, 截止日期: 2025-03-28, 优先级: 高}
              - 不是映射的一项
              - {事项: 准备演示环境}
            """)
        XCTAssertEqual(r.time, Moment(day: Day(year: 2025, month: 3, day: 1), hour: 9, minute: 0))
        XCTAssertEqual(r.method, "电话", "from the options")
        XCTAssertEqual(r.contentType, "商务洽谈")
        XCTAssertEqual(r.ours, ["王磊", "陈静"])
        XCTAssertEqual(r.theirs, ["张伟"])
        XCTAssertEqual(r.content, "现场演示新版本。")
        XCTAssertEqual(r.feedback, "满意")
        XCTAssertNil(r.result)
        XCTAssertEqual(
            r.steps.map { [$0.task, $0.owner, $0.due, $0.priority] },
            [["提交实施方案", "陈静", "2025-03-28", "高"], ["准备演示环境", "", "", "中"]])

        var withOptions = base
        (withOptions.content, withOptions.feedback) = ("从 --content", "从 --feedback")
        withOptions.steps = [.init(task: "从 --next", owner: "王磊", due: "2025-04-01")]
        let bare = try InteractionDraft.record(Array("沟通方式: 拜访\n".utf8), file: "d.yaml", base: withOptions)
        XCTAssertEqual(bare.method, "拜访")
        XCTAssertEqual(bare.time, base.time)
        XCTAssertEqual(bare.ours, ["王磊"])
        XCTAssertEqual(bare.content, "")
        XCTAssertNil(bare.feedback)
        XCTAssertTrue(bare.steps.isEmpty)
    }

    // MARK: - The form

    func testTheFormListsTheSchemasChoices() throws {
        let form = InteractionDraft.form(base, customer: try customer("KH-2024-001"))
        XCTAssertTrue(
            form.contains(
                "\(FieldName.method): 电话               # " + Declarations.methods.joined(separator: " ") + "\n"), form)
        XCTAssertTrue(
            form.contains(
                "\(FieldName.contentType): 日常维护          # " + Declarations.contentTypes.joined(separator: " ") + "\n"),
            form)
        XCTAssertEqual(
            form,
            """
            # kh log：KH-2024-001 北京星辰科技有限公司。填写后保存并退出；清空 沟通内容 则取消。
            # 下一步计划要具体：事项、负责人、截止日期（YYYY-MM-DD）、优先级（高/中/低）。
            沟通时间: 2025-03-20 10:05
            沟通方式: 电话               # 电话 会议 拜访 邮件 微信 活动 其他
            参与人员:
              我方: [王磊]
              客户方: [张伟]
            内容类型: 日常维护          # 需求反馈 问题咨询 建议投诉 日常维护 商务洽谈 节日关怀 其他
            沟通内容: |
            \("  ")
            客户反馈:
            处理结果:
            下一步计划:
            #  - {事项: 提供报价单, 负责人: 王磊, 截止日期: 2025-03-20, 优先级: 中}

            """)
    }

    /// The form, saved unchanged, reads back as the record it was made from (with no content).
    func testTheFormReadsBack() throws {
        var i = base
        (i.method, i.contentType, i.ours, i.theirs) = ("拜访", "商务洽谈", ["王磊", "陈静"], ["张伟", "刘芳"])
        let form = InteractionDraft.form(i, customer: try customer("KH-2024-001"))
        let r = try InteractionDraft.record(Array(form.utf8), file: "form.yaml", base: base)
        XCTAssertEqual(r.time, i.time)
        XCTAssertEqual([r.method, r.contentType], ["拜访", "商务洽谈"])
        XCTAssertEqual(r.ours, ["王磊", "陈静"])
        XCTAssertEqual(r.theirs, ["张伟", "刘芳"])
        XCTAssertEqual(r.content.trimmingWhitespace(), "")
        XCTAssertNil(r.feedback)
        XCTAssertTrue(r.steps.isEmpty)
    }

    func testTheFormIsSavedInDrafts() throws {
        let archive = try TempArchive()
        let entry = try customer("KH-2024-001")
        let path = try InteractionDraft.save(base, customer: entry, root: archive.root)
        XCTAssertTrue(path.hasPrefix(archive.root + "/.kh/drafts/KH-2024-001-2025-03-20-"), path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), InteractionDraft.form(base, customer: entry))

        let blocked = try TempArchive()
        try blocked.write(".kh", "a file, not a folder\n")
        let e = try XCTUnwrap(error(try InteractionDraft.save(base, customer: entry, root: blocked.root)))
        XCTAssertEqual(e.message.zh, "无法创建 \(blocked.root)/.kh/drafts（.kh 须是文件夹，不能是链接）")
    }

    // MARK: - Option values

    func testNextStepOption() throws {
        let config = Config()
        let s = try InteractionDraft.step("提供续约报价单;王磊;2025/2/15;高", config: config)
        XCTAssertEqual([s.task, s.owner, s.due, s.priority], ["提供续约报价单", "王磊", "2025-02-15", "高"])
        let trimmed = try InteractionDraft.step(" 寄送合同 ; 陈静 ; 2025-03-01 ", config: config)
        XCTAssertEqual(
            [trimmed.task, trimmed.owner, trimmed.due, trimmed.priority], ["寄送合同", "陈静", "2025-03-01", "中"])
        XCTAssertEqual(
            try InteractionDraft.step("a;b;2025-03-01;", config: config).priority, "中", "an empty priority is 中")
        XCTAssertEqual(try InteractionDraft.step("a;b;下周", config: config).due, "下周", "left for Plans.log to refuse")
        let e = try XCTUnwrap(error(try InteractionDraft.step("提供报价;王磊", config: config)))
        XCTAssertEqual(
            e.message,
            Text(
                zh: "--next 需要「事项;负责人;截止日期[;优先级]」，这里是「提供报价;王磊」",
                en: "--next needs 'task;owner;due[;priority]', got '提供报价;王磊'"))
    }

    func testTimeOption() throws {
        let now = base.time
        XCTAssertEqual(
            try InteractionDraft.time("2025-01-02 08:30", now: now),
            Moment(day: Day(year: 2025, month: 1, day: 2), hour: 8, minute: 30))
        XCTAssertEqual(
            try InteractionDraft.time("2025-01-02", now: now),
            Moment(day: Day(year: 2025, month: 1, day: 2), hour: 10, minute: 5))
        let e = try XCTUnwrap(error(try InteractionDraft.time("昨天", now: now)))
        XCTAssertEqual(e.message, Text(zh: "--time「昨天」不是 YYYY-MM-DD HH:MM", en: "--time '昨天' is not YYYY-MM-DD HH:MM"))
    }

    func testParticipantNames() {
        XCTAssertEqual(InteractionDraft.names("王磊，陈静、 刘芳 ,, "), ["王磊", "陈静", "刘芳"])
        XCTAssertEqual(InteractionDraft.names(""), [])
    }

    func testSetOption() throws {
        var c = NewCustomer(type: "企业", name: "测试公司")
        try c.set(" 官网 = https://example.com ")
        try c.set("备注=a=b")
        XCTAssertEqual(c.extra.map { [$0.0, $0.1] }, [["官网", "https://example.com"], ["备注", "a=b"]])
        for bad in ["官网", "=x"] {
            var d = c
            let e = try XCTUnwrap(error(try d.set(bad)))
            XCTAssertEqual(e.message.zh, "--set 需要 字段=值，这里是「\(bad)」")
        }
    }
}
