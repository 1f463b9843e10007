import KHModel
import KHSupport
import KHValidation
import KHYAML

/// `kh init --adopt`: makes a folder that already holds customer folders (`客户档案/`) a kh
/// archive. It adds what `kh init` would write around them — kh.yaml, the CI files, the hook
/// and editor settings, the schemas, the team's guide — and never changes or overwrites a
/// file that is there. kh.yaml describes the archive as it is (`Survey`), so that the first
/// `kh validate` reports the archive's own problems, not kh.yaml's ignorance of it.
public enum Adopter {
    /// What the customer folders say that kh.yaml must know.
    public struct Survey: Sendable {
        /// 编号: the prefix and width most folder names use.
        public var prefix = "KH", width = 3
        /// Folders per number prefix seen (a prefix other than the one chosen leaves its folders to KH120).
        public var prefixes: [String: Int] = [:]
        /// 互动记录分组: 项目 when the interaction records stand in folders that are not quarters.
        public var byProject = false
        /// Everyone named where a 团队 member is expected, in order of first appearance.
        public var people: [String] = []
        /// Those of them named as 负责销售 (their 角色 is 销售; the others' is 市场, which only reads).
        public var owners: Set<String> = []
        /// Values in use of kh.yaml's lists (行业, 营收区间, 信息来源) that kh's defaults lack.
        public var extraValues: [ConfigList: [String]] = [:]
        /// Top-level fields in use that no document type declares, by type, with a kh.yaml type.
        public var extraFields: [DocumentType: [(name: String, type: String)]] = [:]
        /// The highest sequence number of each year.
        public var highest: [Int: Int] = [:]
        public var customers = 0
    }

    /// What adopting would do: the files it adds (and their text), and the files of the
    /// template that are there already and stay as they are.
    public struct Plan: Sendable {
        public var changes = ChangeSet()
        public var added: [String] = []
        public var kept: [String] = []
        public var survey = Survey()
        /// Template files that still name no place kh is published in (a source build).
        public var unstamped: [String] = []
        /// The folder's path inside its git repository, when it is not the repository's root:
        /// GitHub and GitLab read their CI files at the root only.
        public var subfolder: String?
        /// The template's .gitignore lines (kh's cache, its output folder…) that the
        /// repository's own .gitignore, left as it is, lacks.
        public var gitignoreLacks: [String] = []
    }

    /// Plans the adoption of the folder at `root`. It must hold `客户档案/`.
    public static func plan(root: String, name: String?, publication: Publication?) throws(KHError) -> Plan {
        guard FileSystem.kind(root) == .directory else { throw KHError(Msg.noSuchDirectory(root)) }
        guard FileSystem.kind(root + "/" + customersFolder) == .directory else {
            throw KHError(AdoptMsg.noCustomers(root))
        }
        var plan = Plan()
        let configPath = root + "/" + ConfigLoader.fileName
        let config: Config
        if FileSystem.exists(configPath) {
            // Already a kh archive: kh.yaml stays, and the schemas follow it.
            plan.kept.append(ConfigLoader.fileName)
            config = try Archive.open(root).config
        } else {
            plan.survey = survey(root: root)
            var text = configText(plan.survey, name: name ?? defaultName(root))
            if let publication { text = publication.stamp(text) }
            do {
                config = try ConfigLoader.load(bytes: Array(text.utf8), rules: { Rule(code: $0) }).0
            } catch {
                throw KHError(AdoptMsg.configFailed(error.message))
            }
            plan.changes.create(ConfigLoader.fileName, text)
            plan.added.append(ConfigLoader.fileName)
        }
        var files: [(String, String)] = []
        for (path, content) in TemplateFiles.all
        where !path.hasPrefix(customersFolder + "/") && path != ConfigLoader.fileName
            && !path.hasPrefix(schemaFolder + "/")
        {
            files.append((path, content))
        }
        for schema in JSONSchemaGenerator.schemas(config: config) {
            files.append((schemaFolder + "/" + schema.fileName, schema.json))
        }
        for (path, content) in files {
            if FileSystem.kind(root + "/" + path) != nil {
                plan.kept.append(path)
                if path == ".gitignore", case .success(let bytes) = FileSystem.read(root + "/" + path) {
                    let theirs = Set(
                        String(decoding: bytes, as: UTF8.self).split(separator: "\n").map {
                            String($0).trimmingWhitespace()
                        })
                    plan.gitignoreLacks = content.split(separator: "\n").map { String($0).trimmingWhitespace() }
                        .filter { !$0.isEmpty && !$0.hasPrefix("#") && !theirs.contains($0) }
                }
                continue
            }
            var text = content
            if let publication {
                text = publication.stamp(text)
            } else if Publication.unstamped(text) {
                plan.unstamped.append(path)
            }
            plan.changes.create(path, text)
            plan.added.append(path)
        }
        if let prefix = try? GitChanges.git(["rev-parse", "--show-prefix"], root: root) {
            let path = String(decoding: prefix, as: UTF8.self).trimmingWhitespace()
            if !path.isEmpty { plan.subfolder = path.hasSuffix("/") ? String(path.dropLast()) : path }
        }
        return plan
    }

    static let schemaFolder = "schema"

    /// The archive's name when none is given: its folder's.
    static func defaultName(_ root: String) -> String {
        let absolute = root.hasPrefix("/") ? root : FileSystem.currentDirectory() + "/" + root
        let parts = absolute.split(separator: "/").filter { $0 != "." }
        return parts.last.map { String($0) + " 客户档案" } ?? "客户档案"
    }

    // MARK: - The survey

    /// Reads every customer folder under `root/客户档案/` for what kh.yaml must say.
    public static func survey(root: String) -> Survey {
        var s = Survey()
        // 编号: the prefix and width of most folder names (KH-2024-001_…).
        var widths: [String: [Int: Int]] = [:]
        for entry in FileSystem.list(root + "/" + customersFolder) ?? [] where entry.kind == .directory {
            let number = entry.name.split(separator: "_", maxSplits: 1).first.map(String.init) ?? ""
            let parts = number.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy({ $0.isASCII && $0.isLetter }),
                parts[1].count == 4, parts[1].allSatisfy(\.isASCII), Int(parts[1]) != nil,
                !parts[2].isEmpty, parts[2].allSatisfy({ $0.isASCII && $0.isNumber })
            else { continue }
            s.prefixes[String(parts[0]), default: 0] += 1
            widths[String(parts[0]), default: [:]][parts[2].count, default: 0] += 1
        }
        if let top = s.prefixes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
            s.prefix = top.key
            // The width of the zero-padded numbers: the smallest width in use (wider ones are
            // numbers that outgrew it, as kh's own KH-2024-1000).
            s.width = widths[top.key]?.keys.min() ?? 3
        }
        var config = Config()
        (config.numberPrefix, config.numberWidth) = (s.prefix, s.width)
        let schemas = config.schemas
        // Each customer's facts are gathered on all cores, then merged in folder order.
        let (facts, _) = ArchiveReader(Archive(root: root, config: config)).map { snapshot in
            CustomerFacts(snapshot, schemas: schemas)
        }
        let defaults = Config()
        var seenPeople = Set<String>()
        var seenValues: [ConfigList: Set<String>] = [:]
        var fieldKinds: [DocumentType: [String: FieldKind]] = [:]
        var fieldOrder: [DocumentType: [String]] = [:]
        for f in facts {
            s.customers += 1
            s.highest[f.year] = max(s.highest[f.year] ?? 0, f.sequence)
            s.byProject = s.byProject || f.byProject
            if let owner = f.owner { s.owners.insert(owner) }
            for person in f.people where seenPeople.insert(person).inserted { s.people.append(person) }
            for (list, value) in f.values where !defaults.list(list).contains(where: { $0.same(value) }) {
                if seenValues[list, default: []].insert(value).inserted {
                    s.extraValues[list, default: []].append(value)
                }
            }
            for (type, name, kind) in f.unknownFields {
                if fieldKinds[type]?[name] == nil { fieldOrder[type, default: []].append(name) }
                fieldKinds[type, default: [:]][name] = kind.merged(with: fieldKinds[type]?[name])
            }
        }
        for (type, names) in fieldOrder {
            let declared = names.compactMap { name in fieldKinds[type]?[name]?.declared.map { (name: name, type: $0) } }
            if !declared.isEmpty { s.extraFields[type] = declared }
        }
        return s
    }

    /// What one customer folder says that kh.yaml must know.
    struct CustomerFacts: Sendable {
        var year = 0, sequence = 0
        var byProject = false
        var owner: String?
        var people: [String] = []
        var values: [(ConfigList, String)] = []
        var unknownFields: [(DocumentType, String, FieldKind)] = []

        init(_ snapshot: CustomerSnapshot, schemas: [DocumentType: Schema]) {
            let dir = snapshot.directory
            (year, sequence) = (dir.year, dir.sequence)
            byProject = dir.documents.contains {
                $0.type == .interaction && $0.group.map { FileNames.quarterFolder($0) == nil } == true
            }
            if let o = snapshot.basic?.owner, o != pendingValue { owner = o }
            var people: [String] = []
            var values: [(ConfigList, String)] = []
            for document in snapshot.documents {
                let type = document.file.type
                let schema = schemas[type] ?? Declarations.schema(for: type)
                Adopter.walk(.mapping(document.mapping), .mapping(schema)) { found, value in
                    switch found {
                    case .person: people.append(value)
                    case .list(let list): values.append((list, value))
                    }
                }
                for entry in document.mapping.entries where schema.index(entry.key.value) == nil {
                    unknownFields.append((type, entry.key.value, FieldKind.of(entry.value)))
                }
            }
            (self.people, self.values) = (people, values)
        }
    }

    enum Found: Sendable { case person, list(ConfigList) }

    /// Calls `found` for every value of a person field and of a field whose values come from
    /// a kh.yaml list, at any depth (pending values aside).
    static func walk(_ node: YAMLNode, _ type: ValueType, _ found: (Found, String) -> Void) {
        switch (type, node) {
        case (.person, .scalar(let s)):
            if !s.isNull, !s.value.isEmpty, s.value != pendingValue { found(.person, s.value) }
        case (.configChoice(let list), .scalar(let s)):
            if !s.isNull, !s.value.isEmpty, s.value != pendingValue { found(.list(list), s.value) }
        case (.list(let item), .sequence(let q)):
            for n in q.items { walk(n, item, found) }
        case (.list(let item), .scalar):
            walk(node, item, found)
        case (.mapping(let schema), .mapping(let m)):
            for entry in m.entries {
                if let field = schema[entry.key.value] { walk(entry.value, field.type, found) }
            }
        default:
            break
        }
    }

    /// What the values of an undeclared field look like: declared as a date when every value
    /// is one, as text when every value is a scalar; a list or mapping is left undeclared
    /// (kh.yaml 字段 declares single values only, so kh validate goes on warning of it).
    enum FieldKind: Sendable {
        case date, text, collection

        static func of(_ node: YAMLNode) -> FieldKind {
            guard case .scalar(let s) = node else { return .collection }
            return s.isNull || Values.date(s.value) != nil ? .date : .text
        }

        func merged(with before: FieldKind?) -> FieldKind {
            switch (before, self) {
            case (nil, _): return self
            case (.collection?, _), (_, .collection): return .collection
            case (.date?, .date): return .date
            default: return .text
            }
        }

        var declared: String? {
            switch self {
            case .date: return "date"
            case .text: return "text"
            case .collection: return nil
            }
        }
    }

    // MARK: - kh.yaml

    /// The template's kh.yaml with what the survey found: the name, 编号, 互动记录分组, no
    /// 退役编号 (kh cannot know which numbers were retired), the lists with the values in use
    /// added, 团队 with everyone who appears, and 字段 with the fields in use.
    public static func configText(_ s: Survey, name: String) -> String {
        let template = TemplateFiles.all.first { $0.0 == ConfigLoader.fileName }?.1 ?? ""
        var text = Initializer.renamed(template, to: name)
        text = replaceBlock(
            text, key: ConfigKey.numbering,
            with: """
                编号:                                # 档案编号 = 前缀-年份-序号，按档案中已有的文件夹名设定
                  前缀: \(s.prefix)
                  位数: \(s.width)
                """)
        text = replaceBlock(
            text, key: ConfigKey.interactionGrouping,
            with: "互动记录分组: \(s.byProject ? "项目" : "季度")"
                + (s.byProject
                    ? "                     # 档案中的互动记录按项目分文件夹"
                    : "                     # 季度：03-互动记录/2024-Q1/；项目：按 02 中的 合作项目 分文件夹"))
        text = replaceBlock(
            text, key: ConfigKey.retiredNumbers,
            with: """
                退役编号: []                          # 已删除档案的编号，永不再用：kh 无从得知以前删过哪些，请补上
                """)
        let defaults = Config()
        for list in [ConfigList.industries, .revenueRanges, .sources] {
            let extra = s.extraValues[list] ?? []
            var line =
                "\(list.rawValue): ["
                + (defaults.list(list) + extra).map { YAMLWriter.scalar($0, flow: true) }.joined(separator: ", ") + "]"
            if !extra.isEmpty { line += "    # 档案中在用、kh 默认没有的取值：\(extra.joined(separator: "、"))（如是笔误，请改正档案后从这里删去）" }
            text = replaceBlock(text, key: list.rawValue, with: line)
        }
        var team = "团队:                                # 档案中出现的所有人员（采用时从档案中找到）；请按实际情况改 部门、角色、git，离职的改 在职: 否\n"
        if s.people.isEmpty {
            team += "  - {姓名: 待确认, 角色: 资料专员, 在职: 是}    # 档案中没有找到人员：请写上团队成员\n"
        }
        for person in s.people {
            // Who owns customers sells; the others get the role that may only read (市场) until
            // someone says what they do: adopting grants no one more than they are seen to need.
            let role = s.owners.contains(person) ? "销售" : "市场"
            team += "  - {姓名: \(YAMLWriter.scalar(person, flow: true)), 角色: \(role), 在职: 是}\n"
        }
        text = replaceBlock(text, key: ConfigKey.team, with: String(team.dropLast()))
        var fields = "字段:                                 # 按文档类型增加字段，或把选填字段改为必填"
        let added = DocumentType.allCases.filter { s.extraFields[$0] != nil }
        if added.isEmpty {
            fields = "字段: {}                              # 按文档类型增加字段，或把选填字段改为必填（见 kh docs）"
        } else {
            fields += "；以下是档案中在用的字段"
            for type in added {
                fields += "\n  \(type.rawValue):\n    新增:"
                for f in s.extraFields[type] ?? [] {
                    fields += "\n      \(YAMLWriter.scalar(f.name, flow: false)): \(f.type)"
                }
            }
        }
        text = replaceBlock(text, key: ConfigKey.fields, with: fields)
        return text
    }

    /// `text` with the top-level `key:` line and the indented lines under it replaced.
    static func replaceBlock(_ text: String, key: String, with block: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let i = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) else { return text }
        var j = i + 1
        while j < lines.count, lines[j].hasPrefix(" ") { j += 1 }
        lines.replaceSubrange(
            i..<j, with: block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        return lines.joined(separator: "\n")
    }
}

enum AdoptMsg {
    static func noCustomers(_ root: String) -> Text {
        Text(
            zh: "\(root) 中没有 客户档案/ 文件夹：--adopt 用于已有客户档案的文件夹（新建档案库请不加 --adopt）",
            en:
                "\(root) holds no 客户档案/ folder: --adopt is for a folder that already holds customer folders (without it kh init creates a new archive)"
        )
    }

    static func configFailed(_ message: Text) -> Text {
        Text(
            zh: "无法为这些档案写出有效的 kh.yaml：\(message.zh)",
            en: "could not write a valid kh.yaml for these customers: \(message.en)")
    }
}
