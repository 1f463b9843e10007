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

/// `kh`: validate, index and catalogue a customer archive (客户档案).
struct KH: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kh",
        abstract: "客户档案工具：校验、编目和维护 git 中的客户档案 (customer archive tool).",
        version: versionLine,
        subcommands: [
            Validate.self, Rules.self, Init.self, Index.self, CatalogueCommand.self,
            New.self, Log.self, FixCommand.self, Renumber.self, Retire.self, Reassign.self, Import.self, Export.self,
            CodeOwnersCommand.self, Hook.self, SchemaCommand.self, ChangesCommand.self, ReviewCommand.self,
            ReportCommand.self, Recover.self, DocsCommand.self, Serve.self, Account.self,
        ]
    )
}

/// What `kh --version` prints: the version (the VERSION file) and the commit it was built from.
let versionLine =
    khVersion + " (" + (buildCommit.map { "commit " + $0 } ?? "built from a source tree")
    + (published.map { ", published at " + $0.server + "/" + $0.repository } ?? "") + ")"

/// kh's own failure: what went wrong, the language to say it in, and the exit status (2: kh
/// cannot run — bad arguments, no archive, a file it cannot read or write; 1: the archive's
/// content refuses what was asked). A `KHError` marked `badInput` is always 2. Helpers and
/// commands throw it; `Main`, at the top, says it on stderr (with its diagnostics) and exits.
struct Failure: Error {
    var error: KHError
    var language: Language
    var status: Int32

    init(_ error: KHError, language: Language, status: Int32 = 2) {
        (self.error, self.language, self.status) = (error, language, error.badInput ? 2 : status)
    }

    init(_ message: Text, language: Language, status: Int32 = 2) {
        self.init(KHError(message), language: language, status: status)
    }

    /// A file that could not be written.
    init(cannotWrite failure: AtomicWrite.Failure, language: Language) {
        self.init(
            Text(zh: "无法写入 \(failure.path)：\(failure.reason)", en: "cannot write \(failure.path): \(failure.reason)"),
            language: language)
    }

    /// The value of a library call, or its error as a failure with `status`:
    /// `let changes = try Failure.catching(try ArchiveChanges.between(…), language: language)`.
    static func catching<T>(
        _ value: @autoclosure () throws(KHError) -> T, language: Language, status: Int32 = 2
    ) throws(Failure) -> T {
        do { return try value() } catch { throw Failure(error, language: language, status: status) }
    }

    /// The message on stderr.
    var text: String {
        var text = (language == .zh ? "kh：" : "kh: ") + error.message.string(language) + "\n"
        if !error.diagnostics.isEmpty {
            let result = ValidationResult(
                diagnostics: error.diagnostics.sorted(by: Diagnostic.ordered), customers: 0, documents: 0, waived: 0)
            let ctx = FormatContext(result: result, language: language, quiet: true)
            text += HumanFormatter.format(ctx)
        }
        return text
    }
}

@main
enum Main {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            // A command misspelt, `help` of one that does not exist, --lang before the command:
            // settled before ArgumentParser sees the arguments (Preflight.swift).
            var command = try KH.parseAsRoot(try Preflight.arguments(arguments))
            try command.run()
        } catch let failure as Failure {
            FileHandleOut.stderr(failure.text)
            systemExit(failure.status)
        } catch {
            // Bad arguments are kh's own failure: exit 2, not ArgumentParser's 64; said in the
            // archive's language.
            let code = KH.exitCode(for: error)
            if code == .validationFailure {
                FileHandleOut.stderr(
                    ArgumentErrorText.message(KH.fullMessage(for: error), language: Preflight.language(arguments)))
                systemExit(2)
            }
            KH.exit(withError: error)
        }
    }
}
