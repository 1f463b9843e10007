import ArgumentParser
import KHCore

enum ChangesFormat: String, ExpressibleByArgument, CaseIterable { case md, json }

struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "两个 git 版本之间档案的变化（可贴进拉取请求说明）(what changed in the archive between two git revisions, for a pull request's description).",
        discussion: "例 example: kh changes origin/main HEAD"
    )

    @Argument(help: "起点版本 (base revision).") var base: String
    @Argument(help: "终点版本（默认 HEAD）(head revision; default HEAD).") var head: String = "HEAD"
    @Option(name: [.customShort("C"), .long], help: "档案库路径 (archive path).") var archive: String?
    @Option(help: "格式 format: md, json.") var format: ChangesFormat = .md
    @Option(name: .shortAndLong, help: "写入文件（原子写入）(write to this file, atomically).") var output: String?
    @Option(help: "消息语言 message language: zh, en.") var lang: Language?

    func run() throws {
        let opened = Output.open(archive, lang: lang)
        let language = lang ?? opened.config.language
        let changes: ArchiveChanges
        do { changes = try ArchiveChanges.between(base, head, archive: opened) } catch { Failure.exit(error, language: language) }
        try Output.emit(format == .md ? changes.markdown(language) : changes.json(), to: output, check: nil, language: language)
    }
}
