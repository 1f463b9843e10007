import ArgumentParser
import KHCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes generated text to stdout or, atomically, to a file; or checks a committed file.
enum Output {
    static func emit(_ text: String, to path: String?, check: String?, language: Language) throws {
        if let check {
            let current: [UInt8]
            switch FileSystem.read(check) {
            case .success(let bytes): current = bytes
            case .failure: current = []
            }
            if current == Array(text.utf8) {
                FileHandleOut.stderr(language == .zh ? "\(check) 是最新的\n" : "\(check) is up to date\n")
                return
            }
            FileHandleOut.stderr(language == .zh ? "\(check) 不是最新的：请重新生成并提交\n" : "\(check) is out of date: regenerate and commit it\n")
            throw ExitCode(1)
        }
        guard let path else {
            FileHandleOut.stdout(text)
            return
        }
        do {
            try AtomicWrite.write(Array(text.utf8), to: path)
        } catch {
            Failure.exit(KHError(Text(zh: "无法写入 \(error.path)：\(error.reason)", en: "cannot write \(error.path): \(error.reason)")), language: language)
        }
    }

    /// Opens the archive and gathers the records, or exits 2.
    static func records(_ archive: String?, lang: Language?) -> (Archive, [IndexRecord], ValidationResult, Language) {
        let opened: Archive
        do {
            opened = try Archive.open(archive)
        } catch {
            Failure.exit(error, language: lang ?? .zh)
        }
        let (records, result) = opened.index()
        return (opened, records, result, lang ?? opened.config.language)
    }

    /// On stderr: what could not be indexed.
    static func reportSkipped(_ result: ValidationResult, language: Language) {
        let skipped = IndexJSON.skipped(result)
        guard !skipped.isEmpty else { return }
        FileHandleOut.stderr(language == .zh
            ? "注意：有 \(skipped.count) 个文件或文件夹无法读取，未编入（kh validate 查看详情）\n"
            : "note: \(skipped.count) files or folders could not be read and were left out (kh validate shows them)\n")
    }
}

enum IndexFormat: String, ExpressibleByArgument, CaseIterable {
    case json
}

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "生成档案索引（每位客户一条记录）(build the index: one record per customer)."
    )

    @Argument(help: "档案库路径 (archive path; default: the current folder or its nearest parent with kh.yaml).")
    var archive: String?

    @Option(help: "输出格式 output format: json.")
    var format: IndexFormat = .json

    @Option(name: .shortAndLong, help: "写入文件（原子写入）(write to this file, atomically).")
    var output: String?

    @Option(help: "消息语言 message language: zh, en.")
    var lang: Language?

    func run() throws {
        let (opened, records, result, language) = Output.records(archive, lang: lang)
        let text = IndexJSON.render(title: opened.config.archiveName, records: records, result: result, language: language)
        try Output.emit(text, to: output, check: nil, language: language)
        Output.reportSkipped(result, language: language)
    }
}

enum CatalogueFormat: String, ExpressibleByArgument, CaseIterable {
    case md, html, csv, json
}

struct CatalogueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract: "生成客户档案总目录 (build the master catalogue, 客户档案总目录)."
    )

    @Argument(help: "档案库路径 (archive path; default: the current folder or its nearest parent with kh.yaml).")
    var archive: String?

    @Option(help: "输出格式 output format: md, html, csv, json.")
    var format: CatalogueFormat = .md

    @Option(name: .shortAndLong, help: "写入文件（原子写入）(write to this file, atomically).")
    var output: String?

    @Option(help: "若文件与生成结果不同则以 1 退出 (exit 1 if FILE differs from what would be generated).")
    var check: String?

    @Option(help: ArgumentHelp("列，逗号分隔 (columns, comma-separated): \(Catalogue.Column.allCases.map(\.rawValue).joined(separator: ","))."))
    var columns: String?

    @Option(help: "只列这些负责销售 (only these owners; repeat or comma-separate).")
    var owner: [String] = []

    @Option(help: "只列这些行业 (only these industries).")
    var industry: [String] = []

    @Option(help: "只列这些客户阶段 (only these stages).")
    var stage: [String] = []

    @Option(help: "消息语言 message language: zh, en.")
    var lang: Language?

    func validate() throws {
        if let columns {
            for c in Self.split([columns]) where Catalogue.Column(rawValue: c) == nil {
                throw ValidationError("unknown column '\(c)'; columns: \(Catalogue.Column.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
    }

    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == "，" }) }.map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    func run() throws {
        let (opened, records, result, language) = Output.records(archive, lang: lang)
        let chosen = columns.map { Self.split([$0]).compactMap(Catalogue.Column.init(rawValue:)) } ?? Catalogue.Column.defaults
        let catalogue = Catalogue(title: opened.config.archiveName, records: records, columns: chosen,
                                  filter: .init(owners: Self.split(owner), industries: Self.split(industry), stages: Self.split(stage)))
        let text: String
        switch format {
        case .md: text = catalogue.markdown()
        case .html: text = catalogue.html()
        case .csv: text = catalogue.csv()
        case .json: text = catalogue.json()
        }
        try Output.emit(text, to: output, check: check, language: language)
        Output.reportSkipped(result, language: language)
    }
}
