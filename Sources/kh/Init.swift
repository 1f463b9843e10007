import ArgumentParser
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite
import KHYAML

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "从模板新建档案库 (create a new archive from the template)."
    )

    @Argument(
        help: """
            新档案库的文件夹（不存在或为空）；加 --adopt 时为已有 客户档案/ 的文件夹，默认当前文件夹 \
            (folder for the new archive: absent or empty; with --adopt, the folder holding 客户档案/, default .).
            """)
    var directory: String?

    @Flag(
        help: """
            采用已有的客户档案：只在旁边添加 kh.yaml（按档案现状写成）、CI、钩子、编辑器设置和 schema，不改动、不覆盖任何已有文件 \
            (adopt an existing archive: add kh.yaml written from what is there, the CI, hook and editor files and the schemas; \
            change or overwrite no file).
            """)
    var adopt = false

    @Flag(help: "与 --adopt 一起：只显示将要添加的文件，不写入 (with --adopt: show what would be added; write nothing).")
    var dryRun = false

    @Option(help: "档案库名称，写入 kh.yaml 的 档案库 (the archive's name, kh.yaml 档案库).")
    var name: String?

    @Flag(inversion: .prefixedNo, help: "包含三个示例客户 (include the three example customers).")
    var examples = true

    @Option(
        help: ArgumentHelp(
            """
            发布 kh 的 GitHub 仓库（OWNER/NAME），写入 CI 配置；发布版默认用它发布时的仓库 \
            (the GitHub repository kh is published in, written into the CI files; a release knows its own).
            """, valueName: "owner/name"))
    var khRepository: String?

    @OptionGroup var messages: StandaloneLanguageOption

    func run() throws {
        let lang = messages.lang
        let publication = try Self.publication(khRepository, language: lang)
        if adopt { return try adopt(directory ?? ".", publication: publication, language: lang) }
        if dryRun {
            throw Failure(Text(zh: "--dry-run 只与 --adopt 一起使用", en: "--dry-run goes with --adopt only"), language: lang)
        }
        guard let directory else {
            throw Failure(
                Text(
                    zh: "请写出新档案库的文件夹，如 kh init 客户档案库（已有客户档案时用 kh init --adopt）",
                    en: "name the new archive's folder, e.g. kh init 客户档案库 (kh init --adopt for an existing archive)"),
                language: lang)
        }
        let (written, unstamped) = try Failure.catching(
            try Initializer.create(
                at: directory, name: name, examples: examples,
                publication: publication), language: lang)
        let customers = Set(written.filter { $0.hasPrefix("客户档案/") }.map { $0.split(separator: "/")[1] }).count
        if lang == .zh {
            FileHandleOut.stdout(
                "已在 \(directory) 新建档案库：\(written.count) 个文件，\(customers) 位示例客户。\n下一步：cd \(directory) && git init -b main && kh validate\n"
            )
        } else {
            FileHandleOut.stdout(
                "created an archive in \(directory): \(written.count) files, \(customers) example customers.\nnext: cd \(directory) && git init -b main && kh validate\n"
            )
        }
        if !unstamped.isEmpty { FileHandleOut.stderr(Self.unstampedNote(unstamped, language: lang)) }
    }

    /// `kh init --adopt`: the plan, shown (`--dry-run`) or applied all or nothing, then what
    /// was added, what was left alone and what kh.yaml says of the archive.
    func adopt(_ root: String, publication: Publication?, language: Language) throws {
        let zh = language == .zh
        if !examples {
            throw Failure(
                Text(
                    zh: "--no-examples 不与 --adopt 一起使用（采用时不添加示例客户）",
                    en: "--no-examples does not go with --adopt (adopting adds no example customers)"),
                language: language)
        }
        try Writing.recoverFirst(root, dryRun: dryRun, language: language)
        let plan = try Failure.catching(
            try Adopter.plan(root: root, name: name, publication: publication), language: language)
        var text = plan.changes.describe(language)
        for kept in plan.kept {
            text += (zh ? "保留  " : "kept  ") + kept + (zh ? "（已存在，未改动）" : " (there already; not changed)") + "\n"
            if kept == ".gitignore", !plan.gitignoreLacks.isEmpty {
                let lines = plan.gitignoreLacks.joined(separator: zh ? "、" : ", ")
                text +=
                    zh
                    ? "      其中没有 \(lines)：建议加上，kh 的缓存和生成的文件（输出/）就不会被提交\n"
                    : "      it lacks \(lines): add them, so that kh's cache and the files it makes (输出/) are not committed\n"
            }
        }
        text += AdoptSummary.text(plan, root: root, language: language)
        if dryRun {
            FileHandleOut.stdout(text + WriteMsg.dryRunNote.string(language) + "\n")
            return
        }
        if !plan.changes.isEmpty {
            do { try plan.changes.apply(root: root) } catch {
                throw Failure(error.message, language: language)
            }
        }
        FileHandleOut.stdout(
            text + (zh ? "下一步：kh validate" : "next: kh validate") + (root == "." ? "" : " " + root) + "\n")
        if !plan.unstamped.isEmpty {
            FileHandleOut.stderr(Self.unstampedNote(plan.unstamped, adopting: true, language: language))
        }
    }

    /// `--kh-repository`, else where this kh was published (a release), else nil (a source build).
    static func publication(_ option: String?, language: Language) throws(Failure) -> Publication? {
        guard let option else { return published }
        guard let p = Publication(repository: option, server: published?.server ?? "https://github.com") else {
            throw Failure(
                Text(
                    zh: "--kh-repository 应写成 OWNER/NAME（GitHub 上发布 kh 的仓库，如 acme/kh），而不是「\(option)」",
                    en:
                        "--kh-repository takes OWNER/NAME (the GitHub repository kh is published in, e.g. acme/kh), not '\(option)'"
                ),
                language: language)
        }
        return p
    }

    /// What a kh built from a source tree says when it wrote the template's CI files: they name
    /// no place to install kh from yet.
    static func unstampedNote(_ files: [String], adopting: Bool = false, language: Language) -> String {
        let list = files.map { "  " + $0 }.joined(separator: "\n")
        if language == .zh {
            let again =
                adopting
                ? "也可以删掉这几个文件，用 kh init --adopt --kh-repository acme/kh 重新添加"
                : "也可以删掉这个档案库，用 kh init --kh-repository acme/kh 重新生成"
            return """
                注意：这个 kh 是从源码构建的，不知道 kh 发布在哪个仓库。下面的文件里写的是 \(Publication.placeholder)，\
                要改成贵司发布 kh 的 GitHub 仓库（如 acme/kh），CI 才能安装 kh：
                \(list)
                \(again)；kh 的发布版会自动写好。

                """
        }
        let again =
            adopting
            ? "Or remove these files and run kh init --adopt --kh-repository acme/kh again"
            : "Or remove the archive and run kh init --kh-repository acme/kh again"
        return """
            note: this kh was built from a source tree and does not know where kh is published. These files \
            say \(Publication.placeholder); put the GitHub repository your company publishes kh in there \
            (e.g. acme/kh) so that CI can install kh:
            \(list)
            \(again); a kh release writes it for you.

            """
    }
}

/// What `kh init --adopt` says it found, after the list of files.
enum AdoptSummary {
    static func text(_ plan: Adopter.Plan, root: String, language: Language) -> String {
        let zh = language == .zh
        guard plan.added.contains(ConfigLoader.fileName) else {
            return plan.changes.isEmpty
                ? (zh ? "kh 需要的文件都已在 \(root) 中，没有要添加的。\n" : "\(root) already has every file kh adds; nothing to add.\n")
                : (zh ? "kh.yaml 已存在：schema/ 按它生成。\n" : "kh.yaml is there already: schema/ follows it.\n")
        }
        let s = plan.survey
        var lines: [String] = []
        let width = String(repeating: "N", count: s.width)
        let years = s.highest.keys.sorted().map {
            "\($0): \(s.prefix)-\($0)-\(String(repeating: "0", count: max(0, s.width - String(s.highest[$0]!).count)))\(s.highest[$0]!)"
        }
        if zh {
            lines.append("kh.yaml 按档案现状写成（\(s.customers) 位客户）：")
            lines.append(
                "  编号：\(s.prefix)-YYYY-\(width)；各年最大编号 " + (years.isEmpty ? "（无）" : years.joined(separator: "，"))
                    + "，kh new 从其后取号")
            lines.append(
                "  团队：档案中出现的 \(s.people.count) 人"
                    + (s.people.isEmpty ? "" : "（" + s.people.joined(separator: "、") + "）")
                    + "，请核对 部门、角色（负责客户的为 销售，其余暂为只读的 市场）和 在职")
        } else {
            lines.append("kh.yaml describes the archive as it is (\(s.customers) customers):")
            lines.append(
                "  numbers: \(s.prefix)-YYYY-\(width); highest of each year "
                    + (years.isEmpty ? "(none)" : years.joined(separator: ", ")) + "; kh new numbers after them")
            lines.append(
                "  团队: the \(s.people.count) people the archive names"
                    + (s.people.isEmpty ? "" : " (" + s.people.joined(separator: ", ") + ")")
                    + "; check 部门, 角色 (销售 for those who own customers, 市场 — read only — for the others) and 在职")
        }
        for list in [ConfigList.industries, .revenueRanges, .sources] {
            guard let extra = s.extraValues[list], !extra.isEmpty else { continue }
            lines.append(
                zh
                    ? "  \(list.rawValue)：加入了档案中在用的 " + extra.joined(separator: "、") + "（如是笔误，请改正档案）"
                    : "  \(list.rawValue): added the values in use " + extra.joined(separator: ", ")
                        + " (correct the archive where they are typos)")
        }
        for type in DocumentType.allCases {
            guard let fields = s.extraFields[type], !fields.isEmpty else { continue }
            let names = fields.map { $0.name + " (" + $0.type + ")" }
            lines.append(
                zh
                    ? "  字段.\(type.rawValue).新增：" + names.joined(separator: "、")
                    : "  字段.\(type.rawValue).新增: " + names.joined(separator: ", "))
        }
        if s.prefixes.count > 1 {
            let others = s.prefixes.keys.filter { $0 != s.prefix }.sorted()
            lines.append(
                zh
                    ? "  另有编号前缀 " + others.joined(separator: "、") + " 的文件夹：kh validate 会报 KH120，请改号（kh renumber）"
                    : "  folders numbered with " + others.joined(separator: ", ")
                        + " too: kh validate reports them (KH120); renumber them (kh renumber)")
        }
        lines.append(
            zh
                ? "  退役编号：空（kh 无从得知以前删过哪些档案，请补上）"
                : "  退役编号: empty (kh cannot know which archives were deleted before; add them)")
        return lines.joined(separator: "\n") + "\n" + subfolderNote(plan, language: language)
    }

    /// GitHub and GitLab read CI files at the repository's root only.
    static func subfolderNote(_ plan: Adopter.Plan, language: Language) -> String {
        guard let sub = plan.subfolder,
            plan.added.contains(where: { $0.hasPrefix(".github/") || $0 == ".gitlab-ci.yml" })
        else { return "" }
        return language == .zh
            ? "注意：档案在 git 仓库的子文件夹 \(sub)/ 中，而 GitHub 和 GitLab 只读仓库根目录的 .github/workflows/ 和 .gitlab-ci.yml：请把它们移到仓库根目录，并在 kh 的 Action 下写 working-directory: \(sub)（见 kh 文档 docs/ci.md）。\n"
            : "note: the archive is the subfolder \(sub)/ of its git repository, and GitHub and GitLab read .github/workflows/ and .gitlab-ci.yml at the repository's root only: move them there and give kh's action working-directory: \(sub) (see kh's docs/ci.md).\n"
    }
}
