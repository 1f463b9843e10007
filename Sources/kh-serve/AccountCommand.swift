import ArgumentParser
import Foundation
import KHModel
import KHServe
import KHSupport

/// `kh account`: team mode's accounts (docs/serve.md). kh passes it to kh-serve, where the
/// password hashing (bcrypt) lives.
struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kh account",
        abstract: "kh serve 团队模式的账号：设置或重置密码、删除、列出 (team mode's accounts).",
        subcommands: [SetPassword.self, Remove.self, List.self]
    )

    // `kh --lang en account` passes it here before the subcommand: it is read, and a bad value refused.
    @Option(help: "消息语言 zh | en (language of messages).") var lang: Language?

    struct Common: ParsableArguments {
        @Option(help: "账号文件（放在档案库之外，权限 600）(the accounts file, outside the archive, mode 600).")
        var accounts: String
        @Option(help: "档案库目录（默认：当前目录或含 kh.yaml 的上级目录）(the archive).")
        var archive: String?
        @Option(help: "消息语言 zh | en (language of messages).") var lang: Language?

        func open() -> (Archive, Language) {
            do {
                let a = try Archive.open(archive)
                return (a, lang ?? a.config.language)
            } catch {
                Serve.fail(error.message, lang ?? .zh)
            }
        }

        func file(_ language: Language) -> AccountFile {
            do { return try AccountFile.load(accounts) } catch { Serve.fail(error.message, language) }
        }

        func save(_ file: AccountFile, _ language: Language) {
            do { try file.save() } catch { Serve.fail(error.message, language) }
        }
    }

    struct SetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "设置或重置成员的密码：从标准输入读取（终端上会询问两次）(set or reset a password, read from standard input).")
        @Argument(help: "kh.yaml 团队 中的姓名或 git 账号 (a 团队 name or git account).") var name: String
        @OptionGroup var common: Common

        func run() throws {
            let (archive, language) = common.open()
            guard let member = archive.config.serving(name) else {
                let known = archive.config.member(named: name) != nil
                Serve.fail(
                    known
                        ? Text(
                            zh: "\(name) 已离职（在职: 否），不能有账号", en: "\(name) has left (在职: 否) and cannot have an account")
                        : Text(
                            zh: "\(name) 不是 kh.yaml 团队 的成员（按姓名或 git 账号查找）",
                            en: "\(name) is not a member of kh.yaml 团队 (by name or git account)"),
                    language)
            }
            let password = Self.readPassword(language)
            if let weak = AccountFile.weakness(password, name: member.name) { Serve.fail(weak, language) }
            var file = common.file(language)
            let existed = file.account(member.name) != nil
            file.set(member.name, password: password)
            common.save(file, language)
            FileHandleOut.stderr(
                language == .zh
                    ? "kh：已\(existed ? "重置" : "设置") \(member.name) 的密码（\(common.accounts)）\(existed ? "；其登录都已结束" : "")\n"
                    : "kh: \(existed ? "reset" : "set") the password of \(member.name) (\(common.accounts))\(existed ? "; their logins have ended" : "")\n"
            )
        }

        /// The first line of standard input; on a terminal, asked twice without echo.
        static func readPassword(_ language: Language) -> String {
            let zh = language == .zh
            if isatty(STDIN_FILENO) == 1 {
                let first = String(cString: getpass(zh ? "新密码：" : "New password: "))
                let again = String(cString: getpass(zh ? "再输入一次：" : "Again: "))
                guard first == again else {
                    Serve.fail(Text(zh: "两次输入的密码不一样", en: "the two passwords differ"), language)
                }
                return first
            }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                Serve.fail(Text(zh: "标准输入中没有密码", en: "no password on standard input"), language)
            }
            return line.hasSuffix("\r") ? String(line.dropLast()) : line
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "删除成员的账号，其登录随之结束 (remove an account; its logins end).")
        @Argument(help: "姓名 (the name).") var name: String
        @OptionGroup var common: Common

        func run() throws {
            let language = common.lang ?? (try? Archive.open(common.archive))?.config.language ?? .zh
            var file = common.file(language)
            let canonical = (try? Archive.open(common.archive)).flatMap { $0.config.serving(name)?.name }
            guard file.remove(canonical ?? name) || file.remove(name) else {
                Serve.fail(Text(zh: "\(name) 没有账号", en: "\(name) has no account"), language)
            }
            common.save(file, language)
            FileHandleOut.stderr(
                language == .zh
                    ? "kh：已删除 \(canonical ?? name) 的账号\n" : "kh: removed the account of \(canonical ?? name)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "列出账号：姓名、角色、密码设置时间 (list the accounts).")
        @OptionGroup var common: Common

        func run() throws {
            let (archive, language) = common.open()
            let file = common.file(language)
            let zh = language == .zh
            for a in file.accounts {
                let m = archive.config.member(named: a.name)
                let state =
                    m == nil ? (zh ? "不在团队中" : "not in 团队") : m!.active ? m!.role : (zh ? "已离职" : "has left")
                let when = Date(timeIntervalSince1970: Double(a.changed)).formatted(.iso8601)
                FileHandleOut.stdout("\(a.name)\t\(state)\t\(when)\n")
            }
        }
    }
}
