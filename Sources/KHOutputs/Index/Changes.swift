import Foundation
import KHModel
import KHSupport
import KHValidation
import KHYAML

/// `kh changes BASE [HEAD]`: what changed in the archive between two git revisions, in the
/// words people use in a pull request's description: customers added and retired, owners,
/// stages and grades changed, contracts signed, interactions logged (per owner).
public struct ArchiveChanges: Sendable {
    public struct Customer: Sendable {
        public var number: String
        public var name: String
        public var owner: String?
    }

    public struct Change: Sendable {
        public var number: String
        public var name: String
        /// 负责销售, 客户阶段, 价值等级 or 维护级别.
        public var field: String
        public var before: String?
        public var after: String?
    }

    public struct Contract: Sendable {
        public var number: String
        public var name: String
        public var project: String
        public var signed: String?
        public var amount: String?
    }

    public var base: String
    public var head: String
    public var added: [Customer] = []
    public var retired: [Customer] = []
    /// Removed without being listed in 退役编号.
    public var removed: [Customer] = []
    public var changes: [Change] = []
    public var contracts: [Contract] = []
    /// 负责销售 → interaction records added for their customers.
    public var interactions: [(owner: String, count: Int)] = []
    public var assessments: [(number: String, year: String, grade: String)] = []

    public var isEmpty: Bool {
        added.isEmpty && retired.isEmpty && removed.isEmpty && changes.isEmpty && contracts.isEmpty
            && interactions.isEmpty && assessments.isEmpty
    }

    /// Reads both revisions with git (`ls-tree`, then the changed files' contents in one
    /// `cat-file --batch`).
    public static func between(_ base: String, _ head: String, archive: Archive) throws(KHError) -> ArchiveChanges {
        let root = archive.root
        for rev in [base, head] {
            _ = try GitChanges.git(["rev-parse", "--verify", "--quiet", rev + "^{commit}"], root: root)
        }
        let prefix = String(decoding: try GitChanges.git(["rev-parse", "--show-prefix"], root: root), as: UTF8.self)
            .trimmingWhitespace()
        let a = try tree(base, root: root, prefix: prefix)
        let b = try tree(head, root: root, prefix: prefix)
        let blobs = try Self.catFile(Array(Revisions.wanted(a, b)), root: root)
        let revisions = Revisions(a: a, b: b, blobs: blobs)
        var out = ArchiveChanges(base: base, head: head)
        let owners = out.compareCustomers(revisions)
        out.addNewFiles(revisions, owners: owners, config: archive.config)
        return out
    }

    /// The archive's files at `rev` (kh.yaml and the customers' folder), path → blob id, the
    /// paths relative to the archive (`prefix`: where it lies in the repository).
    private static func tree(_ rev: String, root: String, prefix: String) throws(KHError) -> [String: String] {
        var out: [String: String] = [:]
        let data = try GitChanges.git(
            ["ls-tree", "-r", "-z", "--full-name", rev, "--", ConfigLoader.fileName, customersFolder], root: root)
        for record in data.split(separator: 0) {
            let line = String(decoding: record, as: UTF8.self)
            guard let tab = line.firstIndex(of: "\t") else { continue }
            let meta = line[..<tab].split(separator: " ")
            var path = String(line[line.index(after: tab)...])
            guard meta.count == 3, meta[1] == "blob", path.hasPrefix(prefix) else { continue }
            path.removeFirst(prefix.count)
            out[path] = String(meta[2])
        }
        return out
    }

    /// Customers added, retired and removed, and the fields of 基本信息 changed; gives each
    /// customer folder's 负责销售 at HEAD.
    private mutating func compareCustomers(_ r: Revisions) -> [String: String] {
        let (a, b) = (r.a, r.b)
        let retired = Set(r.mapping(b[ConfigLoader.fileName])?.items(ConfigKey.retiredNumbers).compactMap(\.text) ?? [])
        // Customers by folder, with their 基本信息 on each side.
        let before = Revisions.basicFiles(a)
        let after = Revisions.basicFiles(b)
        var owners: [String: String] = [:]  // folder → 负责销售 at HEAD
        for dir in after.keys.sorted() {
            let m = r.basic(after[dir], in: b)
            let c = Self.describe(dir, m)
            owners[dir] = c.owner
            guard let old = before[dir] else {
                added.append(c)
                continue
            }
            guard a[old] != b[after[dir]!] else { continue }
            let o = r.basic(old, in: a)
            let fields: [(String, KeyPath<BasicInfo, String?>)] = [
                (FieldName.owner, \.owner), (FieldName.stage, \.stage),
                (FieldName.grade, \.declaredGrade), (FieldName.tier, \.declaredTier),
            ]
            for (field, key) in fields {
                let x = o?[keyPath: key]
                let y = m?[keyPath: key]
                if x != y {
                    changes.append(Change(number: c.number, name: c.name, field: field, before: x, after: y))
                }
            }
        }
        for dir in before.keys.sorted() where after[dir] == nil {
            let c = Self.describe(dir, r.basic(before[dir], in: a))
            if retired.contains(c.number) { self.retired.append(c) } else { removed.append(c) }
        }
        return owners
    }

    /// New files: contracts, interactions (counted per owner of `owners`), assessments.
    private mutating func addNewFiles(_ r: Revisions, owners: [String: String], config: Config) {
        let (a, b) = (r.a, r.b)
        let after = Revisions.basicFiles(b)
        var logged: [String: Int] = [:]
        for p in b.keys.sorted() where a[p] == nil {
            guard let dir = Revisions.customer(p), let m = r.mapping(b[p]) else { continue }
            let who = Self.describe(dir, r.basic(after[dir], in: b))
            switch Revisions.folder(p) {
            case DocumentType.cooperation.folder?:
                let c = ContractDocument(file: Revisions.file(p, .cooperation), mapping: m)
                contracts.append(
                    .init(
                        number: who.number, name: who.name, project: c.project ?? p,
                        signed: c.mapping.text(FieldName.signed), amount: c.mapping.text(FieldName.amount)))
            case DocumentType.interaction.folder?:
                logged[owners[dir] ?? "（未填）", default: 0] += 1
            case DocumentType.assessment.folder?:
                let y = Assessment(file: Revisions.file(p, .assessment), mapping: m)
                if let year = y.yearText, let cents = y.amount {
                    assessments.append((who.number, year, config.grade(forCents: cents)))
                }
            default: break
            }
        }
        interactions = logged.map { ($0.key, $0.value) }.sorted { ($1.count, $0.owner) < ($0.count, $1.owner) }
    }

    /// A customer as its 基本信息 names it, else as its folder's name does.
    private static func describe(_ dir: String, _ b: BasicInfo?) -> Customer {
        let number = b?.number ?? String(dir.split(separator: "_").first ?? Substring(dir))
        return Customer(number: number, name: b?.name ?? dir, owner: b?.owner)
    }

    /// The contents of blobs by id, with one `git cat-file --batch`.
    static func catFile(_ ids: [String], root: String) throws(KHError) -> [String: [UInt8]] {
        guard !ids.isEmpty else { return [:] }
        let request = Data(ids.map { $0 + "\n" }.joined().utf8)
        let data: [UInt8]
        do { data = [UInt8](try Git.run(["cat-file", "--batch"], in: root, input: request).output) } catch {
            throw KHError(GitMsg.noGit)
        }
        var out: [String: [UInt8]] = [:]
        var i = 0
        // "<id> blob <size>\n<content>\n" (or "<id> missing\n").
        while i < data.count {
            guard let nl = data[i...].firstIndex(of: 0x0A) else { break }
            let header = String(decoding: data[i..<nl], as: UTF8.self).split(separator: " ")
            i = nl + 1
            guard header.count == 3, let size = Int(header[2]), i + size <= data.count else { continue }
            out[String(header[0])] = Array(data[i..<(i + size)])
            i += size + 1
        }
        return out
    }

    // MARK: - Output

    public func markdown(_ language: Language) -> String {
        let zh = language == .zh
        var out = zh ? "## 客户档案变更（\(base) → \(head)）\n\n" : "## Customer archive changes (\(base) → \(head))\n\n"
        if isEmpty { return out + (zh ? "没有变更。\n" : "No changes.\n") }
        func esc(_ s: String) -> String { DocumentText.markdown(s) }
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            out += "### \(title)\n\n" + lines.map { "- " + $0 + "\n" }.joined() + "\n"
        }
        section(
            zh ? "新增客户（\(added.count)）" : "Customers added (\(added.count))",
            added.map {
                "\($0.number) \(esc($0.name))" + ($0.owner.map { zh ? "，负责销售 \(esc($0))" : ", owner \(esc($0))" } ?? "")
            })
        section(
            zh ? "退役客户（\(retired.count)）" : "Customers retired (\(retired.count))",
            retired.map { "\($0.number) \(esc($0.name))" })
        section(
            zh ? "删除但未记入退役编号（\(removed.count)）" : "Removed without being retired (\(removed.count))",
            removed.map { "\($0.number) \(esc($0.name))" })
        section(
            zh ? "字段变更（\(changes.count)）" : "Changed (\(changes.count))",
            changes.map {
                "\($0.number) \(esc($0.name))：\($0.field) \(esc($0.before ?? "—")) → \(esc($0.after ?? "—"))"
            })
        section(
            zh ? "新签合同（\(contracts.count)）" : "Contracts signed (\(contracts.count))",
            contracts.map {
                "\($0.number) \(esc($0.name))：\(esc($0.project))" + ($0.signed.map { "，\($0)" } ?? "")
                    + ($0.amount.map { zh ? "，\($0) 元" : ", ¥\($0)" } ?? "")
            })
        section(
            zh ? "新增价值评估（\(assessments.count)）" : "Value assessments added (\(assessments.count))",
            assessments.map {
                zh ? "\($0.number)：\($0.year) 年度 \($0.grade) 级" : "\($0.number): \($0.year), grade \($0.grade)"
            })
        let total = interactions.reduce(0) { $0 + $1.count }
        section(
            zh ? "新增互动记录（\(total)）" : "Interactions logged (\(total))",
            interactions.map { zh ? "\(esc($0.owner))：\($0.count) 条" : "\(esc($0.owner)): \($0.count)" })
        return out
    }

    public func json() -> String {
        func customers(_ list: [Customer]) -> JSON {
            .array(
                list.map {
                    .object([("number", .string($0.number)), ("name", .string($0.name)), ("owner", .string($0.owner))])
                })
        }
        return JSON.object([
            ("base", .string(base)), ("head", .string(head)),
            ("added", customers(added)), ("retired", customers(retired)), ("removed", customers(removed)),
            (
                "changes",
                .array(
                    changes.map {
                        .object([
                            ("number", .string($0.number)), ("name", .string($0.name)), ("field", .string($0.field)),
                            ("before", .string($0.before)), ("after", .string($0.after)),
                        ])
                    })
            ),
            (
                "contracts",
                .array(
                    contracts.map {
                        .object([
                            ("number", .string($0.number)), ("name", .string($0.name)),
                            ("project", .string($0.project)),
                            ("signed", .string($0.signed)), ("amount", .string($0.amount)),
                        ])
                    })
            ),
            (
                "assessments",
                .array(
                    assessments.map {
                        .object([
                            ("number", .string($0.number)), ("year", .string($0.year)), ("grade", .string($0.grade)),
                        ])
                    })
            ),
            (
                "interactions",
                .array(interactions.map { .object([("owner", .string($0.owner)), ("count", .int($0.count))]) })
            ),
        ]).rendered() + "\n"
    }
}

/// The archive's files at the two revisions (path → blob id) and the contents read of them.
private struct Revisions {
    let a: [String: String]
    let b: [String: String]
    let blobs: [String: [UInt8]]

    /// The files to read: 基本信息 of every customer on either side whose file changed, new
    /// 02/03/05 files, kh.yaml at HEAD.
    static func wanted(_ a: [String: String], _ b: [String: String]) -> Set<String> {
        var wanted = Set<String>()
        for (p, sha) in a where isBasic(p) && b[p] != sha { wanted.insert(sha) }
        for (p, sha) in b where isBasic(p) { wanted.insert(sha) }
        for (p, sha) in b
        where a[p] == nil
            && [DocumentType.cooperation, .interaction, .assessment].map(\.folder).contains(folder(p) ?? "")
        {
            wanted.insert(sha)
        }
        if let cfg = b[ConfigLoader.fileName] { wanted.insert(cfg) }
        return wanted
    }

    /// The customer folder a path lies in.
    static func customer(_ path: String) -> String? {
        let parts = path.split(separator: "/")
        return parts.count >= 3 && parts[0] == Substring(customersFolder) ? String(parts[1]) : nil
    }

    /// The document folder (`01_基本信息`) a path lies in.
    static func folder(_ path: String) -> String? {
        let parts = path.split(separator: "/")
        return parts.count >= 4 ? String(parts[2]) : nil
    }

    /// Customer folder → the path of its 基本信息.
    static func basicFiles(_ tree: [String: String]) -> [String: String] {
        Dictionary(
            tree.keys.filter(isBasic).compactMap { p in customer(p).map { ($0, p) } }, uniquingKeysWith: { x, _ in x })
    }

    static func isBasic(_ p: String) -> Bool {
        folder(p) == DocumentType.basicInfo.folder && p.hasSuffix("/基本信息.yaml")
    }

    func mapping(_ sha: String?) -> YAMLMapping? {
        guard let sha, let bytes = blobs[sha] else { return nil }
        if case .mapping(let m)? = YAMLParser.parse(bytes, file: "").root { return m }
        return nil
    }

    /// A document of the tree, typed.
    static func file(_ path: String, _ type: DocumentType) -> DocumentFile {
        DocumentFile(
            type: type, path: path, name: (path as NSString).lastPathComponent, group: nil, nameIsWellFormed: true)
    }

    func basic(_ path: String?, in tree: [String: String]) -> BasicInfo? {
        guard let path, let m = mapping(tree[path]) else { return nil }
        return BasicInfo(file: Self.file(path, .basicInfo), mapping: m)
    }
}
