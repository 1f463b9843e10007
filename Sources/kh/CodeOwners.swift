import ArgumentParser
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite
import KHYAML

/// `kh codeowners`: CODEOWNERS from each customer's 负责销售 and kh.yaml 团队.
struct CodeOwnersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codeowners",
        abstract: "生成 CODEOWNERS：销售只能改自己负责的客户 (build CODEOWNERS: sales own their customers' folders).",
        discussion: """
            每个客户文件夹归其 负责销售 的 git 账号（kh.yaml 团队），资料专员和管理员拥有整个档案库。\
            Each customer folder is owned by its 负责销售's git account (kh.yaml 团队); the 资料专员 and 管理员 own \
            everything. 启用分支保护 "Require review from Code Owners" 后生效 (enforced with branch protection's \
            "Require review from Code Owners"). 退出码 exit status: 0 written / up to date; 1 --check: FILE differs; \
            2 kh cannot run.
            """
    )

    @OptionGroup var location: ArchiveArgument<ArchiveHelp.WithDefault>

    @OptionGroup var destination: OutputOption<OutputHelp.CodeOwners>

    @Option(help: "若文件与生成结果不同则以 1 退出 (exit 1 if FILE differs from what would be generated).")
    var check: String?

    @OptionGroup var messages: LanguageOption<LanguageHelp.Brief>

    func run() throws {
        if destination.output != nil && check != nil {
            throw location.badArgument(
                Text(zh: "-o 与 --check 不能同时使用", en: "-o and --check cannot be used together"), messages)
        }
        let (opened, language) = try location.open(messages)
        let owners = CodeOwners(opened)
        reportWarnings(owners, language: language)
        let output = destination.output
        if let output {
            // The folder of .github/CODEOWNERS may not exist yet.
            if let slash = output.lastIndex(of: "/"), slash != output.startIndex {
                do { try AtomicWrite.makeDirectories(String(output[..<slash])) } catch {
                    throw Failure(
                        Text(
                            zh: "无法创建文件夹 \(error.path)：\(error.reason)",
                            en: "cannot create the folder \(error.path): \(error.reason)"),
                        language: language)
                }
            }
        }
        try Output.emit(owners.text, to: output, check: check, language: language)
        if let output {
            FileHandleOut.stderr(language == .zh ? "已写入 \(output)\n" : "wrote \(output)\n")
        }
    }

    /// On stderr: customers only the archivists and admins own, and folders left out.
    func reportWarnings(_ owners: CodeOwners, language: Language) {
        let zh = language == .zh
        var text = ""
        if owners.noArchivists {
            text +=
                zh
                ? "警告：kh.yaml 团队 中没有带 git 账号的在职 资料专员 或 管理员；档案库根目录和 kh.yaml 没有负责人\n"
                : "warning: kh.yaml 团队 has no serving 资料专员 or 管理员 with a git account; the archive root and kh.yaml have no owner\n"
        }
        if !owners.unowned.isEmpty {
            text +=
                zh
                ? "警告：以下 \(owners.unowned.count) 位客户的负责销售没有可用的 git 账号，只由资料专员和管理员负责：\n"
                : "warning: \(owners.unowned.count) customer\(owners.unowned.count == 1 ? "" : "s") whose 负责销售 has no usable git account, owned by the 资料专员 and 管理员 only:\n"
            for u in owners.unowned {
                text +=
                    "  " + Terminal.sanitize(u.directory) + (zh ? "：" : ": ")
                    + Terminal.sanitize(u.reason.string(language)) + "\n"
            }
        }
        if !owners.skipped.isEmpty {
            text +=
                zh
                ? "警告：以下客户文件夹名含控制字符，无法写入 CODEOWNERS，已略过（请改名）：\n"
                : "warning: these customer folder names hold control characters and cannot be written in CODEOWNERS; left out (rename them):\n"
            for s in owners.skipped { text += "  " + Terminal.sanitize(s) + "\n" }
        }
        if !text.isEmpty { FileHandleOut.stderr(text) }
    }
}
