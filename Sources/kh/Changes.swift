import ArgumentParser
import KHModel
import KHOutputs
import KHValidation
import KHWrite
import KHYAML

enum ChangesFormat: String, ExpressibleByArgument, CaseIterable { case md, json }

struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract:
            "两个 git 版本之间档案的变化（可贴进拉取请求说明）(what changed in the archive between two git revisions, for a pull request's description).",
        discussion: "例 example: kh changes origin/main HEAD"
    )

    @Argument(help: "起点版本 (base revision).") var base: String
    @Argument(help: "终点版本（默认 HEAD）(head revision; default HEAD).") var head: String = "HEAD"
    @OptionGroup var location: ArchiveOption<ArchiveHelp.Brief>
    @Option(help: "格式 format: md, json.") var format: ChangesFormat = .md
    @OptionGroup var destination: OutputOption<OutputHelp.File>
    @OptionGroup var messages: LanguageOption<LanguageHelp.Brief>

    func run() throws {
        let (opened, language) = try location.open(messages)
        let changes = try Failure.catching(try ArchiveChanges.between(base, head, archive: opened), language: language)
        try destination.emit(format == .md ? changes.markdown(language) : changes.json(), language: language)
    }
}
