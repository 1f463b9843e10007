import ArgumentParser
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite
import KHYAML

enum ReportOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case md, html, json
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "生成客户分析报告 (the analysis report for a year or a date range)."
    )

    @OptionGroup var location: ArchiveArgument<ArchiveHelp.WithDefault>

    @Option(help: "统计年度 (the calendar year to report on; default: the year of --as-of).")
    var year: Int?

    @Option(help: "统计期开始日期 YYYY-MM-DD (with --to).")
    var from: String?

    @Option(help: "统计期结束日期 YYYY-MM-DD (with --from).")
    var to: String?

    @Option(
        name: .customLong("as-of"),
        help: "报告日期 YYYY-MM-DD：不计此后的记录，续约按此日起 60 天 (report as of this day; default: today in kh.yaml 时区).")
    var asOf: String?

    @Option(help: "输出格式 output format: md, html, json.")
    var format: ReportOutputFormat = .md

    @OptionGroup var destination: OutputOption<OutputHelp.File>

    @OptionGroup var messages: LanguageOption<LanguageHelp.Brief>

    /// What is wrong with the options, if anything (kh's own check: exit 2).
    var badArguments: Text? {
        if year != nil && (from != nil || to != nil) {
            return Text(zh: "--year 与 --from/--to 不能同时使用", en: "--year and --from/--to cannot be used together")
        }
        if (from == nil) != (to == nil) { return Text(zh: "--from 与 --to 要一起给出", en: "--from and --to go together") }
        if let year, !(1900...9999).contains(year) {
            return Text(zh: "--year \(year)：应为年份，如 2025", en: "--year \(year): expected a year such as 2025")
        }
        for (name, value) in [("--from", from), ("--to", to), ("--as-of", asOf)] {
            if let value, Values.date(value) == nil {
                return Text(zh: "\(name)「\(value)」不是 YYYY-MM-DD 日期", en: "\(name) \(value): expected a date YYYY-MM-DD")
            }
        }
        if let from, let to, let f = Values.date(from), let t = Values.date(to), t < f {
            return Text(zh: "--to \(to) 早于 --from \(from)", en: "--to \(to) is before --from \(from)")
        }
        return nil
    }

    func run() throws {
        if let problem = badArguments { throw location.badArgument(problem, messages) }
        let (opened, language) = try location.open(messages)
        let day = asOf.flatMap(Values.date) ?? Clock.now(opened.config).day
        let period: ReportPeriod
        if let from = from.flatMap(Values.date), let to = to.flatMap(Values.date) {
            period = ReportPeriod(from: from, to: to, asOf: day)
        } else {
            period = .year(year ?? day.year, asOf: day)
        }
        if period.asOf < period.from {
            throw Failure(
                Text(
                    zh: "报告日期 \(period.asOf) 早于统计期开始 \(period.from)：请用 --as-of 指定统计期内或之后的日期",
                    en:
                        "the report's day \(period.asOf) is before the period starts (\(period.from)): give --as-of within or after the period"
                ),
                language: language)
        }
        let report = Report.make(opened, period: period)
        let text: String
        switch format {
        case .md: text = report.markdown()
        case .html: text = report.html()
        case .json: text = report.json()
        }
        try destination.emit(text, language: language)
        Output.reportSkipped(
            ValidationResult(diagnostics: report.skipped, customers: report.customers, documents: 0, waived: 0),
            language: language)
    }
}
