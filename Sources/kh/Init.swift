import ArgumentParser
import KHYAML
import KHModel
import KHRules
import KHOutputs
import KHWrite

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "从模板新建档案库 (create a new archive from the template)."
    )

    @Argument(help: "新档案库的文件夹（不存在或为空）(folder for the new archive: absent or empty).")
    var directory: String

    @Option(help: "档案库名称，写入 kh.yaml 的 档案库 (the archive's name, kh.yaml 档案库).")
    var name: String?

    @Flag(inversion: .prefixedNo, help: "包含三个示例客户 (include the three example customers).")
    var examples = true

    @OptionGroup var messages: StandaloneLanguageOption

    func run() throws {
        let lang = messages.lang
        let written = try Failure.catching(try Initializer.create(at: directory, name: name, examples: examples), language: lang)
        let customers = Set(written.filter { $0.hasPrefix("客户档案/") }.map { $0.split(separator: "/")[1] }).count
        if lang == .zh {
            FileHandleOut.stdout("已在 \(directory) 新建档案库：\(written.count) 个文件，\(customers) 位示例客户。\n下一步：cd \(directory) && git init && kh validate\n")
        } else {
            FileHandleOut.stdout("created an archive in \(directory): \(written.count) files, \(customers) example customers.\nnext: cd \(directory) && git init && kh validate\n")
        }
    }
}
