import ArgumentParser
import Foundation
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite
import KHYAML

// The options many commands share, each declared once as an option group. Where an option
// stands in a command (its place among the others, positional or -C) and its help line are
// part of that command's syntax and `--help`, so the groups are small: each command declares
// the groups it takes where the option always stood, and picks the help line it always had.

// MARK: - The archive

/// How a command takes the archive's path, and opens the archive.
protocol ArchiveLocation: ParsableArguments {
    /// The path given; nil: the current folder or its nearest parent with kh.yaml.
    var archive: String? { get }
}

/// `[<archive>]`: the archive as the command's operand (the commands that read or build from it,
/// kh fix, kh export).
struct ArchiveArgument<Help: HelpText>: ArchiveLocation {
    @Argument(help: Help.help)
    var archive: String?
}

/// `-C, --archive <archive>`: the commands whose operands are something else (a customer, a
/// number, a revision, a spreadsheet) or that have none.
struct ArchiveOption<Help: HelpText>: ArchiveLocation {
    @Option(name: [.customShort("C"), .long], help: Help.help)
    var archive: String?
}

extension ArchiveLocation {
    /// Opens the archive, and settles the messages' language: `--lang`, else kh.yaml 语言. An
    /// archive that cannot be opened fails the command (exit 2; said in `--lang`'s language, zh
    /// without it).
    func open<H>(_ messages: LanguageOption<H>) throws(Failure) -> (archive: Archive, language: Language) {
        let opened: Archive
        do { opened = try Archive.open(archive) } catch { throw Failure(error, language: messages.lang ?? .zh) }
        return (opened, messages.lang ?? opened.config.language)
    }
}

extension ArchiveLocation {
    /// A bad argument (exit 2), said in `--lang`'s language, else kh.yaml 语言 of the archive
    /// (looked up only now, for the message), else Chinese.
    func badArgument<H>(_ message: Text, _ messages: LanguageOption<H>) -> Failure {
        Failure(message, language: messages.lang ?? (try? Archive.open(archive))?.config.language ?? .zh)
    }

    /// How the user named the archive, as a prefix for paths in the output: `archive/` as given,
    /// nothing in the archive's folder, `../../` from inside a customer folder.
    func displayPrefix(_ root: String) -> String {
        if let archive {
            if archive == "." || archive == "./" { return "" }
            return archive.hasSuffix("/") ? archive : archive + "/"
        }
        let cwd = FileSystem.currentDirectory()
        if cwd == root { return "" }
        var up = ""
        var dir = cwd
        while dir != root && dir.count > root.count {
            up += "../"
            dir = String(dir[..<(dir.lastIndex(of: "/") ?? dir.startIndex)])
            if dir.isEmpty { dir = "/" }
        }
        return up
    }
}

// MARK: - The message language

/// `--lang`: the language of messages and reports; without it, kh.yaml 语言.
struct LanguageOption<Help: HelpText>: ParsableArguments {
    @Option(help: Help.help)
    var lang: Language?
}

/// `--lang` of the commands that open no archive (kh init, kh rules, kh docs): zh unless given.
struct StandaloneLanguageOption: ParsableArguments {
    @Option(help: LanguageHelp.Brief.help)
    var lang: Language = .zh
}

// MARK: - The output

/// `-o, --output`: where the command writes (a file; kh schema: a folder). Without it, the
/// text goes to standard output.
struct OutputOption<Help: HelpText>: ParsableArguments {
    @Option(name: .shortAndLong, help: Help.help)
    var output: String?

    /// Writes `text` to the file (atomically), or to standard output.
    func emit(_ text: String, language: Language) throws {
        try Output.emit(text, to: output, check: nil, language: language)
    }
}

// MARK: - Help lines

/// A shared option's help line, as a type: the groups above take theirs as a type parameter.
protocol HelpText {
    static var help: ArgumentHelp { get }
}

/// The archive path's help lines. Some commands say where kh looks when it is not given, two
/// say so in Chinese too; each command keeps the line it had.
enum ArchiveHelp {
    /// 档案库路径 (archive path).
    enum Brief: HelpText {
        static let help: ArgumentHelp = "档案库路径 (archive path)."
    }

    /// … and where kh looks without it.
    enum WithDefault: HelpText {
        static let help: ArgumentHelp =
            "档案库路径 (archive path; default: the current folder or its nearest parent with kh.yaml)."
    }

    /// … in both languages (kh validate, kh schema).
    enum Bilingual: HelpText {
        static let help: ArgumentHelp =
            "档案库路径；默认为当前文件夹或含 kh.yaml 的最近上级 (archive path; default: the current folder or its nearest parent with kh.yaml)."
    }
}

/// `--lang`'s help lines.
enum LanguageHelp {
    enum Brief: HelpText {
        static let help: ArgumentHelp = "消息语言 message language: zh, en."
    }

    /// … and what it is without it (kh validate, kh schema).
    enum WithDefault: HelpText {
        static let help: ArgumentHelp = "消息语言 message language: zh, en (default: kh.yaml 语言)."
    }
}

/// `-o, --output`'s help lines.
enum OutputHelp {
    /// A generated file (kh index, kh catalogue, kh review, kh report, kh changes).
    enum File: HelpText {
        static let help: ArgumentHelp = "写入文件（原子写入）(write to this file, atomically)."
    }

    enum CodeOwners: HelpText {
        static let help: ArgumentHelp = "写入文件（原子写入），如 .github/CODEOWNERS (write to this file, atomically)."
    }

    enum Export: HelpText {
        static let help: ArgumentHelp = "写入文件（原子写入；xlsx 必须）(write to this file, atomically; needed for xlsx)."
    }

    enum Docs: HelpText {
        static let help = ArgumentHelp("写入此文件（原子写入）(write to this file, atomically).", valueName: "FILE")
    }

    /// kh schema writes a folder of files.
    enum SchemaFolder: HelpText {
        static let help = ArgumentHelp(
            "写入此文件夹（不存在则新建，每个文件原子写入）(write the schemas into this folder, created if missing; each file atomically).",
            valueName: "DIR")
    }
}

// MARK: - Writing the output

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
            FileHandleOut.stderr(
                language == .zh ? "\(check) 不是最新的：请重新生成并提交\n" : "\(check) is out of date: regenerate and commit it\n")
            throw ExitCode(1)
        }
        guard let path else {
            FileHandleOut.stdout(text)
            return
        }
        try write(Array(text.utf8), to: path, language: language)
    }

    /// Writes `bytes` to the file at `path`, atomically; its folder is created when missing
    /// (`-o 输出/待办.html` in a fresh archive).
    static func write(_ bytes: [UInt8], to path: String, language: Language) throws(Failure) {
        try makeFolder(of: path, language: language)
        do { try AtomicWrite.write(bytes, to: path) } catch { throw Failure(cannotWrite: error, language: language) }
    }

    /// The folder `path` goes in, created when missing.
    static func makeFolder(of path: String, language: Language) throws(Failure) {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        let folder = String(path[..<slash])
        guard FileSystem.kind(folder) == nil else { return }
        do { try AtomicWrite.makeDirectories(folder) } catch {
            throw Failure(
                Text(
                    zh: "无法创建文件夹 \(error.path)：\(error.reason)",
                    en: "cannot create the folder \(error.path): \(error.reason)"),
                language: language)
        }
    }

    /// Where kh writes what it makes for people when no `-o` is given (the printed catalogue):
    /// a folder in the archive that the template's .gitignore ignores, so `git add -A` leaves
    /// it out, named so that anyone finds it.
    static let folder = "输出"

    /// On stderr, after kh wrote `file` (relative to the archive's `root`) into `输出/` by
    /// default: that git leaves the folder out or, when git does not ignore it, that a commit
    /// would take it and how to stop that.
    static func noteDefaultFolder(_ file: String, root: String, language: Language) {
        let zh = language == .zh
        switch ignoredByGit(file, root: root) {
        case true?:
            FileHandleOut.stderr(
                zh ? "\(folder)/ 文件夹放 kh 生成的文件，git 不提交它\n" : "\(folder)/ holds what kh makes; git does not commit it\n")
        case false?:
            FileHandleOut.stderr(
                zh
                    ? "注意：git 没有忽略 \(folder)/，git add -A 会把生成的文件加进提交；请在档案库的 .gitignore 中加一行 \(folder)/\n"
                    : "note: git does not ignore \(folder)/, so git add -A would commit what kh makes there; add the line \(folder)/ to the archive's .gitignore\n"
            )
        case nil:
            break
        }
    }

    /// Whether git ignores `file` (relative to `root`); nil outside a git repository or without git.
    static func ignoredByGit(_ file: String, root: String) -> Bool? {
        switch try? GitChanges.run(["check-ignore", "-q", "--", file], root: root).status {
        case 0?: return true
        case 1?: return false
        default: return nil
        }
    }

    /// On stderr: what could not be indexed.
    static func reportSkipped(_ result: ValidationResult, language: Language) {
        let skipped = IndexJSON.skipped(result)
        guard !skipped.isEmpty else { return }
        FileHandleOut.stderr(
            language == .zh
                ? "注意：有 \(skipped.count) 个文件或文件夹无法读取，未编入（kh validate 查看详情）\n"
                : "note: \(skipped.count) files or folders could not be read and were left out (kh validate shows them)\n"
        )
    }
}
