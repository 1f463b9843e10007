import ArgumentParser
import Foundation
import KHModel
import KHSupport
import KHValidation
import KHYAML

/// What kh settles in its arguments before ArgumentParser parses them:
/// - a command that does not exist (`kh valdate`, `kh catalog`, `kh hook instal`, and
///   `kh help validat`) is an error that names the commands meant, exit 2, in the archive's
///   language — not ArgumentParser's "Unexpected argument" or the top-level help;
/// - `--lang` given before the command (`kh --lang en validate`) moves after it, where every
///   command takes it.
enum Preflight {
    /// Words people type for a command kh names otherwise (beside the misspellings, which
    /// `Suggest.names` finds for every command).
    static let aliases: [String: String] = [
        "catalog": "catalogue", "toc": "catalogue",
        "check": "validate", "lint": "validate", "verify": "validate",
        "add": "new", "create": "new",
        "todo": "review",
        "version": "--version",
    ]

    /// The arguments for ArgumentParser, or the failure of a command that does not exist.
    static func arguments(_ argv: [String]) throws(Failure) -> [String] {
        // --lang before the command.
        var leading: [String] = []
        var i = 0
        while i < argv.count {
            if argv[i] == "--lang", i + 1 < argv.count {
                leading += [argv[i], argv[i + 1]]
                i += 2
            } else if argv[i].hasPrefix("--lang=") {
                leading.append(argv[i])
                i += 1
            } else {
                break
            }
        }
        let rest = Array(argv[i...])
        // `kh`, `kh --help`, `kh --version`…: ArgumentParser's.
        guard let first = rest.first, !first.hasPrefix("-") else { return rest }
        if first == "help" {
            // `kh help validate`, `kh help hook install`: each word a command of the one before.
            var command: any ParsableCommand.Type = KH.self
            var path: [String] = []
            for word in rest.dropFirst() where !word.hasPrefix("-") {
                guard let sub = subcommand(word, of: command) else {
                    throw unknown(word, under: path, of: command, help: true, language: language(argv))
                }
                (command, path) = (sub, path + [word])
            }
            return rest
        }
        var command: any ParsableCommand.Type = KH.self
        var path: [String] = []
        var rem = rest[...]
        while let word = rem.first, !word.hasPrefix("-"), !command.configuration.subcommands.isEmpty {
            guard let sub = subcommand(word, of: command) else {
                throw unknown(word, under: path, of: command, help: false, language: language(argv))
            }
            (command, path) = (sub, path + [word])
            rem = rem.dropFirst()
        }
        // Only a command that runs takes --lang; a group (kh hook) shows its help.
        let lang = command.configuration.subcommands.isEmpty ? leading : []
        return path + lang + rem
    }

    static func subcommand(_ word: String, of command: any ParsableCommand.Type) -> (any ParsableCommand.Type)? {
        command.configuration.subcommands.first { $0._commandName == word }
    }

    /// `kh：没有「valdate」这个命令；你是不是想用 kh validate？全部命令见 kh --help`.
    static func unknown(
        _ word: String, under path: [String], of command: any ParsableCommand.Type, help: Bool,
        language: Language
    ) -> Failure {
        let names = command.configuration.subcommands.map { $0._commandName }
        var meant = path.isEmpty ? aliases[word.lowercased()].map { [$0] } ?? [] : []
        if meant.isEmpty { meant = Suggest.names(word, in: names) }
        let parent = (["kh"] + path).joined(separator: " ")
        let full = meant.map {
            (help && !$0.hasPrefix("-") ? "kh help " : "kh ") + (path + [$0]).joined(separator: " ")
        }
        let shown = Terminal.sanitize(word)
        let zhWhat = path.isEmpty ? "没有「\(shown)」这个命令" : "\(parent) 没有「\(shown)」这个子命令"
        let enWhat = path.isEmpty ? "there is no command '\(shown)'" : "\(parent) has no subcommand '\(shown)'"
        let zhMeant = full.isEmpty ? "；" : "；你是不是想用 " + full.joined(separator: " 或 ") + "？"
        let enMeant = full.isEmpty ? "; " : "; did you mean " + full.joined(separator: " or ") + "? "
        return Failure(
            Text(
                zh: zhWhat + zhMeant + (path.isEmpty ? "全部命令" : "全部子命令") + "见 \(parent) --help",
                en: enWhat + enMeant + "\(parent) --help lists them all"),
            language: language)
    }

    /// The language of a message about the arguments themselves: `--lang` wherever it stands,
    /// else kh.yaml 语言 of the archive `-C` names or the current folder is in, else Chinese.
    static func language(_ argv: [String]) -> Language {
        ArgumentErrorText.language(argv) { (try? Archive.open($0))?.config.language }
    }
}
