import Foundation
import KHModel
import KHSupport
import KHYAML

/// What git says about the archive since a revision, for `kh validate --changed-since REF`:
/// the customer folders touched since REF (committed, staged, changed or untracked), and for
/// the others the blob ids of their documents at REF (their content now, since untouched).
package struct GitChanges {
    /// Customer folder name → its git tree id at REF.
    var trees: [String: String] = [:]
    var touched = Set<String>()
    /// Changed paths outside the customer folders that govern every customer (`governs`):
    /// any of them makes `--changed-since` a full run.
    var governing: [String] = []
    var ref = "", root = ""

    /// Whether a change to `path` (relative to the archive) can change what kh reports of a
    /// customer no one touched: kh.yaml (its value lists, 团队, 字段, 编号, 退役编号, 豁免… all
    /// apply to every customer), the editors' schemas kh writes from it (`schema/`), and the
    /// files that choose which kh checks the archive (a pinned version in the CI workflows or
    /// the pre-commit configuration: a new kh may have new rules). Decided by the path alone,
    /// so that the rule is simple enough to be always right (docs/ci-and-editors.md).
    package static func governs(_ path: String) -> Bool {
        if path == ConfigLoader.fileName || path == ".gitlab-ci.yml" || path == ".pre-commit-config.yaml" {
            return true
        }
        return path.hasPrefix("schema/") || path.hasPrefix(".github/workflows/")
    }

    /// Starts asking git in the background (the caller loads its cache meanwhile).
    static func start(_ ref: String, root: String) -> Pending {
        let pending = Pending()
        pending.group.enter()
        // A thread of its own: it waits on git, and Dispatch's pool (a thread per core) is
        // what the cache and the folders are read with meanwhile.
        ChildProcess.blocking {
            do throws(KHError) { pending.result = .success(try since(ref, root: root)) } catch {
                pending.result = .failure(error)
            }
            pending.group.leave()
        }
        return pending
    }

    final class Pending: @unchecked Sendable {
        let group = DispatchGroup()
        var result: Result<GitChanges, KHError> = .failure(KHError(GitMsg.noGit))

        func wait() throws(KHError) -> GitChanges {
            group.wait()
            return try result.get()
        }
    }

    /// Runs git in the archive; its standard output, or a clear error.
    package static func git(_ args: [String], root: String) throws(KHError) -> Data {
        let r = try run(args, root: root)
        guard r.status == 0 else {
            throw KHError(GitMsg.failed(args.joined(separator: " "), r.message.trimmingWhitespace()))
        }
        return r.output
    }

    /// Runs git in the archive: its exit status, standard output and standard error (for the
    /// questions whose answer is the status, as `check-ignore`); an error when there is no git.
    package static func run(
        _ args: [String], root: String
    ) throws(KHError) -> (status: Int32, output: Data, message: String) {
        do {
            let r = try Git.run(args, in: root)
            return (r.status, r.output, r.errorText)
        } catch {
            throw KHError(GitMsg.noGit)
        }
    }

    /// What changed since `ref`: the committed, staged and unstaged changes of tracked files
    /// (`git diff REF`, the whole archive: a governing file outside the customer folders
    /// widens the run), and REF's documents. Untracked files inside a customer folder that
    /// REF has are not seen (git would have to walk every folder for them: `git add` them
    /// first, as a commit or a pull request has); new customer folders are found on disk.
    static func since(_ ref: String, root: String) throws(KHError) -> GitChanges {
        // Both questions go to git at once. Paths come relative to the archive (git runs in
        // it), so an archive inside a larger repository needs no prefix.
        let questions: [[String]] = [
            ["ls-tree", "-z", ref + "^{commit}", "--", customersFolder + "/"],
            ["diff", "--name-only", "-z", "--no-renames", "--relative", ref],
        ]
        final class Answers: @unchecked Sendable {
            var results: [Result<Data, KHError>] = Array(repeating: .success(Data()), count: 2)
            let lock = NSLock()
        }
        let answers = Answers()
        let group = DispatchGroup()
        for (i, question) in questions.enumerated() {
            group.enter()
            ChildProcess.blocking {
                defer { group.leave() }
                let r: Result<Data, KHError>
                do throws(KHError) { r = .success(try git(question, root: root)) } catch { r = .failure(error) }
                answers.lock.lock()
                answers.results[i] = r
                answers.lock.unlock()
            }
        }
        group.wait()
        let top = try answers.results[0].get()
        let diff = answers.results[1]
        var changes = GitChanges()
        (changes.ref, changes.root) = (ref, root)
        // <mode> SP tree SP <id> TAB 客户档案/<customer>
        for record in top.split(separator: 0) {
            let line = String(decoding: record, as: UTF8.self)
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let meta = line[..<tab].split(separator: " ")
            let parts = line[line.index(after: tab)...].split(separator: "/")
            guard meta.count == 3, meta[1] == "tree", let name = parts.last else { continue }
            changes.trees[String(name)] = String(meta[2])
        }
        switch diff {
        case .failure(let e): throw e
        case .success(let data):
            for path in data.split(separator: 0) {
                let parts = path.split(separator: UInt8(ascii: "/"), maxSplits: 2)
                if parts.count >= 2, Array(parts[0]) == Array(customersFolder.utf8) {
                    changes.touched.insert(String(decoding: parts[1], as: UTF8.self))
                } else {
                    let name = String(decoding: path, as: UTF8.self)
                    if governs(name) { changes.governing.append(name) }
                }
            }
        }
        return changes
    }
}

package enum GitMsg {
    package static let noGit = Text(
        zh: "找不到 git（--changed-since 需要 git）", en: "git not found (--changed-since needs git)")
    static func failed(_ command: String, _ message: String) -> Text {
        Text(zh: "git \(command) 失败：\(message)", en: "git \(command) failed: \(message)")
    }
}
