import KHModel
import KHSupport
import KHValidation
import KHYAML

/// `kh fix`: the safe fixes that `kh validate` marks as fixable, planned as one change set.
/// Values are rewritten in place (only their bytes change: comments, key order and layout
/// stay), then files are moved, then customer folders renamed.
public struct Fixer {
    public struct Plan: Sendable {
        public var changes = ChangeSet()
        /// The diagnostics the plan fixes.
        public var fixed: [Diagnostic] = []
        /// Fixable diagnostics left alone, and why.
        public var skipped: [(Diagnostic, Text)] = []
        /// Customer folders before and after (for the result check).
        public var before = Set<String>()
        public var after = Set<String>()
    }

    public let archive: Archive

    public init(_ archive: Archive) {
        self.archive = archive
    }

    /// Plans the fixes of `diagnostics` (those with a `fix`).
    public func plan(_ diagnostics: [Diagnostic]) -> Plan {
        var plan = Plan()
        let fixable = diagnostics.filter { $0.fix != nil }
        // 1. Values, file by file.
        replaceValues(fixable, in: &plan)
        // 2. File moves (one per file; a record's own place wins over a bare extension fix),
        // 3. then folder renames.
        move(fixable, in: &plan)
        return plan
    }

    /// The value fixes, rewritten in place file by file; a file that cannot be read or parsed
    /// skips its fixes.
    private func replaceValues(_ fixable: [Diagnostic], in plan: inout Plan) {
        var byFile: [String: [Diagnostic]] = [:]
        for d in fixable { if case .replace = d.fix { byFile[d.file, default: []].append(d) } }
        for file in byFile.keys.sorted() {
            guard let bytes = CustomerReader.source(root: archive.root, path: file) else {
                for d in byFile[file]! { plan.skipped.append((d, FixMsg.unreadable)) }
                continue
            }
            var doc: EditableDocument
            do { doc = try EditableDocument(bytes: bytes, path: file) } catch {
                for d in byFile[file]! { plan.skipped.append((d, FixMsg.unreadable)) }
                continue
            }
            var done = Set<Mark>()
            for d in byFile[file]! {
                guard case .replace(let value)? = d.fix, let start = d.start, !done.contains(start),
                    let scalar = YAMLNode.mapping(doc.root).scalar(at: start)
                else {
                    plan.skipped.append((d, FixMsg.notFound))
                    continue
                }
                do {
                    try doc.replace(scalar, with: value)
                    done.insert(start)
                    plan.fixed.append(d)
                } catch {
                    plan.skipped.append((d, FixMsg.notFound))
                }
            }
            if doc.hasEdits {
                plan.changes.changes.append(.modify(path: file, original: bytes, bytes: doc.result()))
                note(file, in: &plan)
            }
        }
    }

    /// The file moves, then the folder renames; a move whose target is taken is skipped.
    private func move(_ fixable: [Diagnostic], in plan: inout Plan) {
        var moves: [String: (to: String, diagnostics: [Diagnostic])] = [:]
        var folders: [String: (to: String, diagnostics: [Diagnostic])] = [:]
        for d in fixable {
            guard case .move(let from, let to)? = d.fix else { continue }
            let isFolder = d.code == Rule.suffixMismatch.code
            if isFolder {
                folders[from, default: (to, [])].diagnostics.append(d)
            } else if let existing = moves[from], existing.to != to {
                if d.code == Rule.ymlExtension.code {
                    moves[from]!.diagnostics.append(d)
                } else {
                    moves[from] = (to, existing.diagnostics + [d])
                }
            } else {
                moves[from, default: (to, [])].diagnostics.append(d)
            }
        }
        var taken = Set<String>()
        for from in moves.keys.sorted() {
            let (to, ds) = moves[from]!
            guard let target = freePlace(to, taken: taken) else {
                for d in ds { plan.skipped.append((d, FixMsg.targetTaken(to))) }
                continue
            }
            taken.insert(target)
            plan.changes.changes.append(.move(from: from, to: target))
            plan.fixed += ds
            note(from, in: &plan)
        }
        for from in folders.keys.sorted() {
            let (to, ds) = folders[from]!
            guard FileSystem.kind(archive.root + "/" + to) == nil, !taken.contains(to) else {
                for d in ds { plan.skipped.append((d, FixMsg.targetTaken(to))) }
                continue
            }
            taken.insert(to)
            plan.changes.changes.append(.move(from: from, to: to))
            plan.fixed += ds
            note(from, in: &plan)
            let old = from.split(separator: "/").last.map(String.init) ?? from
            plan.after.remove(old)
            plan.after.insert(to.split(separator: "/").last.map(String.init) ?? to)
        }
    }

    /// Records the customer folder a path lies in.
    private func note(_ path: String, in plan: inout Plan) {
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[0] == Substring(customersFolder) else { return }
        plan.before.insert(String(parts[1]))
        plan.after.insert(String(parts[1]))
    }

    /// `to`, or for a dated name `…-2.yaml`, `…-3.yaml` when it is taken on disk or by the plan.
    func freePlace(_ to: String, taken: Set<String>) -> String? {
        func free(_ p: String) -> Bool { !taken.contains(p) && FileSystem.kind(archive.root + "/" + p) == nil }
        if free(to) { return to }
        let name = to.split(separator: "/").last.map(String.init) ?? to
        guard FileNames.datedParts(name) != nil else { return nil }
        let stem = String(to.dropLast(5))
        for n in 2...999 where free("\(stem)-\(n).yaml") { return "\(stem)-\(n).yaml" }
        return nil
    }
}

/// Messages of `kh fix`.
public enum FixMsg {
    static let unreadable = Text(zh: "文件无法读取或不是有效的 YAML，未修复", en: "the file cannot be read as YAML; not fixed")
    static let notFound = Text(zh: "文件内容与检查时不一致，未修复", en: "the file no longer matches what was checked; not fixed")

    static func targetTaken(_ to: String) -> Text {
        Text(zh: "\(to) 已存在，未移动", en: "\(to) exists; not moved")
    }

    public static func summary(fixed: Int, skipped: Int, dryRun: Bool) -> Text {
        if dryRun {
            return Text(
                zh: "可修复 \(fixed) 处" + (skipped > 0 ? "，\(skipped) 处无法自动修复" : ""),
                en: "\(fixed) fixable" + (skipped > 0 ? ", \(skipped) cannot be fixed automatically" : ""))
        }
        return Text(
            zh: "已修复 \(fixed) 处" + (skipped > 0 ? "，\(skipped) 处无法自动修复" : ""),
            en: "fixed \(fixed)" + (skipped > 0 ? ", \(skipped) could not be fixed automatically" : ""))
    }

    public static func remaining(errors: Int, warnings: Int) -> Text {
        Text(
            zh: "仍有 \(errors) 个错误、\(warnings) 个警告需要手工处理（kh validate 查看）",
            en: "\(errors) errors and \(warnings) warnings remain to be fixed by hand (see kh validate)")
    }
}
