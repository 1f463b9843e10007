import Foundation
import KHModel
import KHSupport
import KHValidation
import KHYAML

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kh hook install`: a git pre-commit hook that runs `kh validate --quiet` and fails the
/// commit on errors (warnings print but pass). The hook names the kh that installed it by its
/// absolute path and falls back to `kh` on the PATH when that binary is gone.
public enum GitHook {
    /// The name of the backup of a replaced hook, beside it.
    public static let backupSuffix = ".kh-backup"

    /// The pre-commit script (POSIX sh), the same whatever the language (its messages are in
    /// both), so that installing again finds it unchanged. `kh` is the binary to run (an
    /// absolute path, or `kh`); `archive` the archive's folder relative to the top of the work
    /// tree (where git runs hooks), "." for the top itself.
    public static func preCommit(kh: String, archive: String) -> String {
        """
        #!/bin/sh
        # kh pre-commit hook, written by `kh hook install`: validates the customer archive before each commit.
        # 由 kh hook install 生成：每次提交前校验客户档案，有错误时拒绝提交（紧急情况可用 git commit --no-verify 跳过）。
        KH=\(shellQuote(kh))
        ARCHIVE=\(shellQuote(archive))
        [ -x "$KH" ] || KH=kh
        if ! command -v "$KH" >/dev/null 2>&1; then
          echo 'kh pre-commit：找不到 kh；请安装 kh（或在档案库中重新运行 kh hook install）' >&2
          echo 'kh pre-commit: kh not found; install kh (or run kh hook install again in the archive)' >&2
          exit 1
        fi
        "$KH" validate --quiet "$ARCHIVE" || {
          status=$?
          echo 'kh pre-commit：客户档案有错误，提交已取消；改正后重新提交（kh fix 可自动修正部分问题）' >&2
          echo 'kh pre-commit: the customer archive has errors, the commit is aborted; fix them and commit again (kh fix fixes some)' >&2
          exit "$status"
        }

        """
    }

    /// Whether `text` is a hook `preCommit` wrote (for any kh path and archive): kh may replace
    /// it without `--force`.
    public static func isKHHook(_ text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func value(_ name: String) -> String? {
            guard let line = lines.first(where: { $0.hasPrefix(name + "=") }) else { return nil }
            return shellUnquote(String(line.dropFirst(name.count + 1)))
        }
        guard let kh = value("KH"), let archive = value("ARCHIVE") else { return false }
        return preCommit(kh: kh, archive: archive) == text
    }

    /// `'…'`, a single quote written `'\''`.
    public static func shellQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    static func shellUnquote(_ s: String) -> String? {
        guard s.count >= 2, s.hasPrefix("'"), s.hasSuffix("'") else { return nil }
        let inner = String(s.dropFirst().dropLast())
        let value = inner.replacingOccurrences(of: "'\\''", with: "'")
        return shellQuote(value) == s ? value : nil
    }

    // MARK: - Where

    /// The hooks folder git uses for the repository holding `root` (`git rev-parse --git-path
    /// hooks`: core.hooksPath and linked work trees respected), and the archive's folder
    /// relative to the top of the work tree ("." at the top).
    public static func locate(root: String) throws(KHError) -> (hooks: String, archive: String) {
        let hooks: String
        let prefix: String
        switch git(["rev-parse", "--git-path", "hooks"], in: root) {
        case .success(let out): hooks = out
        case .failure(let failure): throw KHError(failure.message)
        }
        switch git(["rev-parse", "--show-prefix"], in: root) {
        case .success(let out): prefix = out
        case .failure(let failure): throw KHError(failure.message)
        }
        guard !hooks.isEmpty else { throw KHError(GitFailure.notARepository(root, detail: "").message) }
        let absolute = hooks.hasPrefix("/") ? hooks : (root == "/" ? "" : root) + "/" + hooks
        var archive = prefix
        while archive.hasSuffix("/") { archive.removeLast() }
        return (absolute, archive.isEmpty ? "." : archive)
    }

    struct GitFailure: Error {
        var message: Text

        static func notARepository(_ root: String, detail: String) -> GitFailure {
            GitFailure(
                message: Text(
                    zh: "\(root) 不在 git 仓库中：请先运行 git init" + (detail.isEmpty ? "" : "（git：\(detail)）"),
                    en: "\(root) is not in a git repository: run git init first"
                        + (detail.isEmpty ? "" : " (git: \(detail))")))
        }
    }

    /// Runs git in `directory`; its output without the final line end.
    static func git(_ arguments: [String], in directory: String) -> Result<String, GitFailure> {
        let r: ChildProcess.Outcome
        do { r = try Git.run(arguments, in: directory) } catch {
            return .failure(GitFailure(message: Text(zh: "找不到 git：请先安装 git", en: "git not found: install git first")))
        }
        guard r.status == 0 else {
            return .failure(.notARepository(directory, detail: r.errorText.trimmingWhitespace()))
        }
        var s = r.text
        if s.hasSuffix("\n") { s.removeLast() }
        return .success(s)
    }

    // MARK: - Installing

    public enum Outcome: Sendable, Equatable {
        /// There was no hook.
        case installed
        /// The hook was already this one.
        case unchanged
        /// An earlier hook of kh's was replaced.
        case updated
        /// Another hook was moved aside to `backup` (with `--force`).
        case replaced(backup: String)
    }

    public enum InstallFailure: Error, Sendable {
        /// A different hook is in place (and no `force`).
        case exists(String)
        case write(AtomicWrite.Failure)
    }

    /// Writes `script` as `hooks/pre-commit`, mode 0755, atomically (a temporary file renamed
    /// over it). A different hook (not one of kh's) stays unless `force`; then it is kept as
    /// `pre-commit.kh-backup` (`.kh-backup.2`, … when that name is taken by another file).
    public static func install(_ script: String, hooks: String, force: Bool) throws(InstallFailure) -> Outcome {
        let hook = hooks + "/pre-commit"
        let bytes = Array(script.utf8)
        do { try AtomicWrite.makeDirectories(hooks) } catch { throw .write(error) }
        var outcome = Outcome.installed
        var backup: String?
        if let kind = FileSystem.kind(hook) {
            let current: [UInt8]? = kind == .file ? (try? FileSystem.read(hook).get()) : nil
            if let current, current == bytes {
                if chmod(hook, 0o755) != 0 {
                    throw .write(AtomicWrite.Failure(path: hook, reason: String(cString: strerror(errno))))
                }
                return .unchanged
            }
            if let current, isKHHook(String(decoding: current, as: UTF8.self)) {
                outcome = .updated
            } else {
                guard force else { throw .exists(hook) }
                let target = backupPath(hook, current: current)
                backup = target
                outcome = .replaced(backup: target)
            }
        }
        let tmp: String
        do { tmp = try AtomicWrite.stage(bytes, beside: hook, mode: 0o755) } catch { throw .write(error) }
        // stage keeps the mode of the file it replaces: a hook must be executable.
        func fail(_ path: String) -> InstallFailure {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            return .write(AtomicWrite.Failure(path: path, reason: reason))
        }
        if chmod(tmp, 0o755) != 0 { throw fail(hook) }
        if let backup, rename(hook, backup) != 0 { throw fail(backup) }
        if rename(tmp, hook) != 0 {
            let error = fail(hook)
            if let backup { rename(backup, hook) }
            throw error
        }
        AtomicWrite.syncDirectory(hooks)
        return outcome
    }

    /// `pre-commit.kh-backup`, unless another file holds that name: then `.kh-backup.2`, ….
    static func backupPath(_ hook: String, current: [UInt8]?) -> String {
        let base = hook + backupSuffix
        var candidate = base
        var n = 1
        while FileSystem.kind(candidate) != nil {
            // The same hook backed up before: replace that copy.
            if let current, FileSystem.kind(candidate) == .file, (try? FileSystem.read(candidate).get()) == current {
                break
            }
            n += 1
            candidate = base + ".\(n)"
        }
        return candidate
    }

    /// The absolute path of the running kh (symbolic links resolved), or nil.
    public static func runningExecutable() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 {
            buffer[n] = 0
            return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        #endif
        guard let path = Bundle.main.executablePath ?? CommandLine.arguments.first, path.contains("/") else {
            return nil
        }
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
