import ArgumentParser
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite
import KHYAML

enum ReviewFormat: String, ExpressibleByArgument, CaseIterable {
    case md, html, json
}

/// `--fail-on`: the level at or above which an item makes kh review exit 1.
enum ReviewFailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning, notice

    var severity: Severity {
        switch self {
        case .error: return .error
        case .warning: return .warning
        case .notice: return .notice
        }
    }
}

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "按负责销售列出到期待办：逾期计划、联系频率、问题时限、合同续约等 (the weekly to-do list: every time-dependent rule at one date)."
    )

    @OptionGroup var location: ArchiveArgument<ArchiveHelp.WithDefault>

    @Option(
        name: .customLong("as-of"),
        help: "检查日期 YYYY-MM-DD（默认今天，按 kh.yaml 时区）(the date to review at; default today in kh.yaml 时区).")
    var asOf: String?

    @Option(help: "只列这些负责销售 (only these owners; repeat or comma-separate).")
    var owner: [String] = []

    @Option(help: "输出格式 output format: md, html, json.")
    var format: ReviewFormat = .md

    @OptionGroup var destination: OutputOption<OutputHelp.File>

    @Option(
        name: .customLong("fail-on"),
        help: "有此级别或更严重的待办时以 1 退出 (exit 1 when an item at or above this level is listed): error, warning, notice.")
    var failOn: ReviewFailLevel?

    @OptionGroup var messages: LanguageOption<LanguageHelp.Brief>

    func run() throws {
        if let asOf, Values.date(asOf) == nil {
            throw location.badArgument(
                Text(zh: "--as-of「\(asOf)」不是 YYYY-MM-DD 日期", en: "--as-of '\(asOf)' is not a date YYYY-MM-DD"), messages
            )
        }
        let (opened, language) = try location.open(messages)
        let day = asOf.flatMap(Values.date) ?? Clock.now(opened.config).day
        let owners = CatalogueCommand.split(owner)
        for name in owners where opened.config.member(named: name) == nil {
            FileHandleOut.stderr(
                language == .zh
                    ? "注意：--owner「\(name)」不在 kh.yaml 团队 中\n"
                    : "note: --owner '\(name)' is not in kh.yaml 团队\n")
        }
        let review = Review.run(opened, asOf: day, owners: owners)
        let text: String
        switch format {
        case .md: text = review.markdown(language: language)
        case .html: text = review.html(language: language)
        case .json: text = review.json(language: language)
        }
        try destination.emit(text, language: language)
        if !review.skipped.isEmpty {
            FileHandleOut.stderr(
                language == .zh
                    ? "注意：有 \(review.skipped.count) 个文件无法读取，未纳入检查（kh validate 查看详情）\n"
                    : review.skipped.count == 1
                        ? "note: 1 file could not be read and was left out (kh validate shows why)\n"
                        : "note: \(review.skipped.count) files could not be read and were left out (kh validate shows why)\n"
            )
        }
        if let failOn, review.has(atLeast: failOn.severity) { throw ExitCode(1) }
    }
}
