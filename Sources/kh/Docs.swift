import ArgumentParser
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite
import KHYAML

/// `kh docs`: the archive format reference (docs/archive-format.md of the kh repository, built
/// into the binary by `make embed`), for the people who keep the archive.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs",
        abstract: "显示档案格式说明：目录结构、各文档字段、取值写法、kh.yaml、规则 (print the archive format reference).",
        discussion: """
            说明为 Markdown 文本，与本版 kh 的检查规则一致；不加 -o 时输出到屏幕，可用 kh docs | less 翻阅。\
            The reference is Markdown and matches the checks of this kh; without -o it goes to standard output.
            """
    )

    @OptionGroup var destination: OutputOption<OutputHelp.Docs>

    @OptionGroup var messages: StandaloneLanguageOption

    func run() throws {
        let text = FormatReferenceDocument.markdown
        guard let output = destination.output else {
            FileHandleOut.stdout(text)
            return
        }
        let lang = messages.lang
        try Output.write(Array(text.utf8), to: output, language: lang)
        FileHandleOut.stderr(
            lang == .zh ? "已把档案格式说明写入 \(output)\n" : "wrote the archive format reference to \(output)\n")
    }
}
