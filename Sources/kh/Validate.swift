import ArgumentParser
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension OutputFormat: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "校验整个档案库 (validate the whole archive).",
        discussion: """
            退出码 exit status: 0 没有错误 no errors; 1 有错误（--strict 下含警告）errors (or warnings under --strict); \
            2 kh 无法运行 kh cannot run (bad arguments, no archive, unreadable kh.yaml).
            """
    )

    @OptionGroup var location: ArchiveArgument<ArchiveHelp.Bilingual>

    @Option(help: "输出格式 output format: human, github, json, sarif, junit.")
    var format: OutputFormat = .human

    @Flag(help: "警告也算失败 (warnings fail too).")
    var strict = false

    @OptionGroup var messages: LanguageOption<LanguageHelp.WithDefault>

    @Flag(help: "只输出问题，不输出汇总 (print the problems only, no summary).")
    var quiet = false

    @Flag(help: "不使用也不更新 .kh/cache 中的结果缓存 (neither use nor update the result cache in .kh/cache; also KH_NO_CACHE=1).")
    var noCache = false

    @Option(
        help: """
            拉取请求模式：完整检查自 REF（git 修订）以来改动过的客户和全库规则，未改动客户只核对编号与重复；\
            kh.yaml 等管全体客户的文件有改动时检查全部（见 docs/ci-and-editors.md）\
            (pull-request mode: check in full the customers changed since the git revision REF and the archive-wide \
            rules; of the others only numbers and duplicates; a change to kh.yaml or another file that governs \
            every customer makes it a full run).
            """)
    var changedSince: String?

    func run() throws {
        let (opened, language) = try location.open(messages)
        let cached = !noCache && getenv("KH_NO_CACHE").map { String(cString: $0) != "1" } ?? true
        let result = try Failure.catching(
            try opened.validate(cached: cached, changedSince: changedSince), language: language)
        let lines = SourceLines(root: opened.root)
        let color =
            format == .human && isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil
            && String(cString: getenv("TERM") ?? strdup("dumb")) != "dumb"
        let ctx = FormatContext(
            result: result, language: language, pathPrefix: displayPrefix(opened.root),
            sourceLine: { lines.line($0, $1) }, color: color, quiet: quiet, strict: strict)
        FileHandleOut.stdout(format.formatter.format(ctx))
        // The human and JSON summaries say why a pull request's run checked everything; the
        // other formats have no summary, so the log says it.
        if format != .human && format != .json, let why = HumanFormatter.widened(ctx) {
            FileHandleOut.stderr((language == .zh ? "kh：" : "kh: ") + why + "\n")
        }
        let failed = result.count(.error) > 0 || (strict && result.count(.warning) > 0)
        throw ExitCode(failed ? 1 : 0)
    }

    /// How the user named the archive, as a prefix for paths in the output.
    func displayPrefix(_ root: String) -> String { location.displayPrefix(root) }
}
