import ArgumentParser
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite
import KHYAML

/// `kh hook`: git hooks for the archive.
struct Hook: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "管理 git 钩子 (git hooks for the archive).",
        subcommands: [HookInstall.self]
    )
}

/// `kh hook install`: a pre-commit hook that runs `kh validate --quiet`.
struct HookInstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract:
            "安装 pre-commit 钩子：提交前校验档案，有错误时拒绝提交 (install a pre-commit hook that validates the archive and fails the commit on errors).",
        discussion: """
            写入 git 的 hooks 文件夹（git rev-parse --git-path hooks）中的 pre-commit，调用安装它的 kh（绝对路径，\
            找不到时用 PATH 中的 kh）。Writes pre-commit in git's hooks folder (git rev-parse --git-path hooks); it runs \
            the kh that installed it (absolute path; kh on the PATH when that is gone). 已有其他钩子时不覆盖，除非 --force \
            （原钩子保存为 pre-commit.kh-backup）(an existing different hook stays unless --force, which keeps it as \
            pre-commit.kh-backup). 退出码 exit status: 0 installed; 1 another hook is in place; 2 kh cannot run.
            """
    )

    @OptionGroup var location: ArchiveArgument<ArchiveHelp.WithDefault>

    @Flag(help: "替换已有的其他钩子（原钩子保存为 pre-commit.kh-backup）(replace another hook, keeping it as pre-commit.kh-backup).")
    var force = false

    @OptionGroup var messages: LanguageOption<LanguageHelp.Brief>

    func run() throws {
        let (opened, language) = try location.open(messages)
        let zh = language == .zh
        let git = try Failure.catching(try GitHook.locate(root: opened.root), language: language)
        let kh = GitHook.runningExecutable() ?? "kh"
        let script = GitHook.preCommit(kh: kh, archive: git.archive)
        let hook = git.hooks + "/pre-commit"
        let outcome: GitHook.Outcome
        do {
            outcome = try GitHook.install(script, hooks: git.hooks, force: force)
        } catch {
            switch error {
            case .exists(let path):
                FileHandleOut.stderr(
                    zh
                        ? "kh：\(path) 已有其他钩子，未覆盖；加 --force 替换（原钩子保存为 pre-commit\(GitHook.backupSuffix)），或把 kh validate --quiet 加进现有钩子\n"
                        : "kh: \(path) holds another hook, left as it is; --force replaces it (keeping it as pre-commit\(GitHook.backupSuffix)), or add kh validate --quiet to it\n"
                )
                throw ExitCode(1)
            case .write(let failure):
                throw Failure(cannotWrite: failure, language: language)
            }
        }
        let done: String
        switch outcome {
        case .installed: done = zh ? "已安装 \(hook)" : "installed \(hook)"
        case .unchanged: done = zh ? "\(hook) 已是最新，无需改动" : "\(hook) is already installed"
        case .updated: done = zh ? "已更新 \(hook)" : "updated \(hook)"
        case .replaced(let backup):
            done = zh ? "已安装 \(hook)（原钩子保存为 \(backup)）" : "installed \(hook) (the previous hook is kept as \(backup))"
        }
        var text = done + "\n"
        text +=
            zh
            ? "每次提交前运行：\(kh) validate --quiet \(git.archive)；有错误时拒绝提交\n"
            : "before each commit it runs: \(kh) validate --quiet \(git.archive); errors abort the commit\n"
        if kh == "kh" {
            text +=
                zh
                ? "注意：无法确定当前 kh 的路径，钩子将使用 PATH 中的 kh\n"
                : "note: the running kh's path is unknown; the hook uses kh on the PATH\n"
        }
        FileHandleOut.stdout(text)
    }
}
