import ArgumentParser
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite
import KHYAML

/// `kh schema`: JSON Schema for each document type and for kh.yaml, for editors.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "生成 JSON Schema，供编辑器补全和即时检查 (write JSON Schemas for editors: completion and checks as you type).",
        discussion: """
            每种文档一个 schema，另有 kh.yaml 的 schema，都按本档案库的 kh.yaml 生成（团队、行业、字段……）。\
            不加 -o 时列出文件名及其适用的文档。One schema per document type and one for kh.yaml, \
            generated from this archive's kh.yaml; without -o, lists them and the documents each applies to.
            """
    )

    @OptionGroup var location: ArchiveArgument<ArchiveHelp.Bilingual>

    @OptionGroup var destination: OutputOption<OutputHelp.SchemaFolder>

    @Option(
        help: ArgumentHelp(
            "若文件夹中的 schema 与生成结果不同则以 1 退出 (exit 1 if the schemas in DIR differ from what would be written).",
            valueName: "DIR"))
    var check: String?

    @OptionGroup var messages: LanguageOption<LanguageHelp.WithDefault>

    func run() throws {
        if destination.output != nil && check != nil {
            throw location.badArgument(
                Text(zh: "-o 与 --check 不能同时使用", en: "-o and --check exclude each other"), messages)
        }
        let (opened, language) = try location.open(messages)
        let zh = language == .zh
        if opened.configDiagnostics.contains(where: { $0.severity == .error }) {
            FileHandleOut.stderr(
                zh
                    ? "注意：kh.yaml 有错误，出错的设置按默认值生成（kh validate 查看详情）\n"
                    : "note: kh.yaml has errors; settings in error are generated from their defaults (kh validate shows them)\n"
            )
        }
        let files = JSONSchemaGenerator.files(config: opened.config)
        if let check {
            try self.check(files, in: Self.trimmed(check), zh: zh)
        } else if let output = destination.output {
            try write(files, to: Self.trimmed(output), language: language)
        } else {
            var text =
                zh
                ? "JSON Schema（draft 2020-12），用 kh schema -o 文件夹 写出：\n"
                : "JSON Schemas (draft 2020-12); write them with kh schema -o DIR:\n"
            for f in files { text += "  \(f.fileName) → \(f.documents)\n" }
            FileHandleOut.stdout(text)
        }
    }

    static func trimmed(_ dir: String) -> String {
        dir.count > 1 && dir.hasSuffix("/") ? String(dir.dropLast()) : dir
    }

    func write(_ files: [JSONSchemaGenerator.File], to dir: String, language: Language) throws(Failure) {
        let zh = language == .zh
        if FileSystem.kind(dir) != .directory {
            if FileSystem.kind(dir) != nil {
                throw Failure(Text(zh: "\(dir) 不是文件夹", en: "\(dir) is not a folder"), language: language)
            }
            do { try AtomicWrite.makeDirectories(dir) } catch { throw Failure(cannotWrite: error, language: language) }
        }
        for f in files {
            try Output.write(Array(f.json.utf8), to: dir + "/" + f.fileName, language: language)
        }
        FileHandleOut.stdout(
            zh ? "已在 \(dir)/ 写入 \(files.count) 个 JSON Schema\n" : "wrote \(files.count) JSON Schemas into \(dir)/\n")
    }

    func check(_ files: [JSONSchemaGenerator.File], in dir: String, zh: Bool) throws {
        var stale: [String] = []
        for f in files {
            let path = dir + "/" + f.fileName
            guard case .success(let bytes) = FileSystem.read(path), bytes == Array(f.json.utf8) else {
                stale.append(path)
                continue
            }
        }
        if stale.isEmpty {
            FileHandleOut.stderr(zh ? "\(dir)/ 中的 JSON Schema 是最新的\n" : "the JSON Schemas in \(dir)/ are up to date\n")
            return
        }
        FileHandleOut.stderr(
            (zh
                ? "以下 JSON Schema 不是最新的：请运行 kh schema -o \(dir) 并提交\n"
                : "these JSON Schemas are out of date: run kh schema -o \(dir) and commit them\n")
                + stale.map { "  \($0)\n" }.joined())
        throw ExitCode(1)
    }
}
