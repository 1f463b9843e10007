import ArgumentParser
import Foundation
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

enum IndexFormat: String, ExpressibleByArgument, CaseIterable {
    case json, sqlite
}

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "生成档案索引（每位客户一条记录）(build the index: one record per customer)."
    )

    @OptionGroup var location: ArchiveArgument<ArchiveHelp.WithDefault>

    @Option(help: "输出格式 output format: json, sqlite (sqlite needs -o).")
    var format: IndexFormat = .json

    @OptionGroup var destination: OutputOption<OutputHelp.File>

    @OptionGroup var messages: LanguageOption<LanguageHelp.Brief>

    func run() throws {
        if format == .sqlite && destination.output == nil {
            throw location.badArgument(
                Text(
                    zh: "--format sqlite 需要 -o 文件名.sqlite（SQLite 数据库不输出到屏幕）",
                    en: "--format sqlite needs -o FILE.sqlite (a database does not go to standard output)"), messages)
        }
        let (opened, language) = try location.open(messages)
        if format == .sqlite, let output = destination.output {
            func failure(_ error: SQLiteIndex.Failure) -> Failure {
                Failure(
                    Text(
                        zh: "无法写入 SQLite 索引 \(output)：\(error.message)",
                        en: "cannot write the SQLite index \(output): \(error.message)"), language: language)
            }
            // Rows go in while the next customers are read.
            let writer: SQLiteIndex.Writer
            try Output.makeFolder(of: output, language: language)
            do { writer = try SQLiteIndex.Writer(title: opened.config.archiveName, path: output) } catch {
                throw failure(error)
            }
            var failed: SQLiteIndex.Failure?
            let result = opened.index(details: true) { record in
                guard failed == nil else { return }
                do throws(SQLiteIndex.Failure) { try writer.add(record) } catch {
                    failed = error
                    writer.abandon()
                }
            }
            if let failed { throw failure(failed) }
            do { try writer.finish() } catch { throw failure(error) }
            Output.reportSkipped(result, language: language)
            return
        }
        let (records, result) = opened.index()
        let text = IndexJSON.render(
            title: opened.config.archiveName, records: records, result: result, language: language)
        try destination.emit(text, language: language)
        Output.reportSkipped(result, language: language)
    }
}

enum CatalogueFormat: String, ExpressibleByArgument, CaseIterable {
    case md, html, pdf, csv, json
}

struct CatalogueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue",
        abstract: "生成客户档案总目录 (build the master catalogue, 客户档案总目录)."
    )

    @OptionGroup var location: ArchiveArgument<ArchiveHelp.WithDefault>

    @Option(help: "输出格式 output format: md, html, pdf, csv, json (pdf: without -o, 输出/客户档案总目录.pdf in the archive).")
    var format: CatalogueFormat = .md

    @Option(help: "用于生成 PDF 的浏览器（Chromium 系列）(the Chromium-family browser for pdf; also KH_BROWSER).")
    var browser: String?

    @OptionGroup var destination: OutputOption<OutputHelp.File>

    @Option(help: "若文件与生成结果不同则以 1 退出 (exit 1 if FILE differs from what would be generated).")
    var check: String?

    @Option(
        help: ArgumentHelp(
            "列，逗号分隔 (columns, comma-separated): \(Catalogue.Column.allCases.map(\.rawValue).joined(separator: ","))."))
    var columns: String?

    @Option(help: "只列这些负责销售 (only these owners; repeat or comma-separate).")
    var owner: [String] = []

    @Option(help: "只列这些行业 (only these industries).")
    var industry: [String] = []

    @Option(help: "只列这些客户阶段 (only these stages).")
    var stage: [String] = []

    @OptionGroup var messages: LanguageOption<LanguageHelp.Brief>

    /// What is wrong with the options, if anything (kh's own check: exit 2).
    var badArguments: Text? {
        if format == .pdf && check != nil {
            return Text(
                zh: "--check 只比较 md、html、csv 或 json；PDF 每次生成的字节都不同",
                en: "--check compares md, html, csv or json; a PDF is not byte-stable")
        }
        if let columns {
            let all = Catalogue.Column.allCases.map(\.rawValue)
            for c in Self.split([columns]) where Catalogue.Column(rawValue: c) == nil {
                return Text(
                    zh: "没有「\(c)」这一列；可选的列：\(all.joined(separator: "、"))",
                    en: "unknown column '\(c)'; columns: \(all.joined(separator: ", "))")
            }
        }
        return nil
    }

    static func split(_ values: [String]) -> [String] {
        values.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == "，" }) }.map { String($0).trimmingWhitespace() }
            .filter { !$0.isEmpty }
    }

    func run() throws {
        if let problem = badArguments { throw location.badArgument(problem, messages) }
        let (opened, language) = try location.open(messages)
        let (records, result) = opened.index()
        let chosen =
            columns.map { Self.split([$0]).compactMap(Catalogue.Column.init(rawValue:)) } ?? Catalogue.Column.defaults
        let catalogue = Catalogue(
            title: opened.config.archiveName, records: records, columns: chosen,
            filter: .init(owners: Self.split(owner), industries: Self.split(industry), stages: Self.split(stage)))
        let text: String
        switch format {
        case .pdf:
            if let output = destination.output {
                try printPDF(catalogue.html(), to: output, language: language)
            } else {
                // Without -o: 输出/ in the archive, which git ignores (the template's .gitignore).
                let file = Output.folder + "/客户档案总目录.pdf"
                try printPDF(
                    catalogue.html(), to: opened.root + "/" + file, shown: location.displayPrefix(opened.root) + file,
                    language: language)
                Output.noteDefaultFolder(file, root: opened.root, language: language)
            }
            Output.reportSkipped(result, language: language)
            return
        case .md: text = catalogue.markdown()
        case .html: text = catalogue.html()
        case .csv: text = catalogue.csv()
        case .json: text = catalogue.json()
        }
        try Output.emit(text, to: destination.output, check: check, language: language)
        Output.reportSkipped(result, language: language)
    }
}

extension CatalogueCommand {
    /// Writes the HTML beside the PDF (FILE.html), then prints it with a headless browser.
    /// `shown`: the PDF's path as messages name it (`pdf` unless given).
    func printPDF(_ html: String, to pdf: String, shown: String? = nil, language: Language) throws {
        func beside(_ path: String) -> String { (path.hasSuffix(".pdf") ? String(path.dropLast(4)) : path) + ".html" }
        let htmlPath = beside(pdf)
        let (pdfShown, htmlShown) = (shown ?? pdf, beside(shown ?? pdf))
        try Output.emit(html, to: htmlPath, check: nil, language: language)
        let zh = language == .zh
        let environment = ProcessInfo.processInfo.environment
        let (found, searched) = PDFPrinter.findBrowser(explicit: browser, environment: environment)
        guard let found else {
            FileHandleOut.stderr(
                (zh
                    ? "kh：找不到可生成 PDF 的浏览器（已写出 \(htmlShown)，可用浏览器打开后打印）。\n已查找："
                    : "kh: no browser to print the PDF with (\(htmlShown) is written: open it in a browser and print).\nsearched: ")
                    + searched.joined(separator: ", ") + "\n"
                    + (zh
                        ? "安装：Debian/Ubuntu  sudo apt-get install chromium fonts-noto-cjk；macOS 安装 Google Chrome；或用 --browser / KH_BROWSER 指定\n"
                        : "install: Debian/Ubuntu  sudo apt-get install chromium fonts-noto-cjk; macOS: install Google Chrome; or name one with --browser / KH_BROWSER\n")
            )
            throw ExitCode(2)
        }
        if PDFPrinter.hasChineseFont() == false {
            FileHandleOut.stderr(
                zh
                    ? "kh：系统没有中文字体，PDF 中的中文无法显示（已写出 \(htmlShown)）。安装：sudo apt-get install fonts-noto-cjk\n"
                    : "kh: no Chinese font is installed, the PDF could not show the names (\(htmlShown) is written). install: sudo apt-get install fonts-noto-cjk\n"
            )
            throw ExitCode(2)
        }
        do {
            try PDFPrinter.print(html: htmlPath, to: pdf, browser: found)
        } catch PDFPrinter.Failure.browserFailed(let output) {
            FileHandleOut.stderr(
                (zh ? "kh：\(found) 生成 PDF 失败：\n" : "kh: \(found) could not print the PDF:\n") + output + "\n")
            throw ExitCode(2)
        } catch {
            FileHandleOut.stderr(
                zh ? "kh：\(found) 没有生成有效的 PDF（\(pdfShown)）\n" : "kh: \(found) produced no valid PDF (\(pdfShown))\n")
            throw ExitCode(2)
        }
        FileHandleOut.stderr(zh ? "已生成 \(pdfShown)（以及 \(htmlShown)）\n" : "wrote \(pdfShown) (and \(htmlShown))\n")
    }
}
