import KHYAML

/// A small archive that shows a rule: files laid over `ExampleArchive.base`.
public struct RuleExample: Sendable {
    /// Files to write (archive-relative path → content); nil content removes a base file.
    public var files: [(path: String, content: String?)]
    /// Symbolic links to create (archive-relative path → target).
    public var symlinks: [(path: String, target: String)]
    /// Empty folders to create.
    public var directories: [String]
    /// Files given as raw bytes (for encodings a Swift string cannot hold, e.g. invalid UTF-8).
    public var rawFiles: [(path: String, bytes: [UInt8])]

    public init(
        files: [(path: String, content: String?)] = [], symlinks: [(path: String, target: String)] = [],
        directories: [String] = [], rawFiles: [(path: String, bytes: [UInt8])] = []
    ) {
        self.files = files
        self.symlinks = symlinks
        self.directories = directories
        self.rawFiles = rawFiles
    }

    /// One file over the base.
    public static func file(_ path: String, _ content: String) -> RuleExample {
        RuleExample(files: [(path, content)])
    }

    /// The example's files as text, for `kh rules`.
    public var listing: String {
        var out: [String] = []
        for (path, content) in files {
            if let content {
                let shown =
                    content.count > 1200 ? String(content.prefix(300)) + "\n…（\(content.utf8.count) 字节）\n" : content
                out.append("# \(path)\n" + shown)
            } else {
                out.append("# \(path)（删除）")
            }
        }
        for (path, target) in symlinks { out.append("# \(path) -> \(target)（符号链接）") }
        for path in directories { out.append("# \(path)/（文件夹）") }
        for (path, bytes) in rawFiles {
            let shown = String(decoding: bytes, as: UTF8.self)
            out.append("# \(path)（原始字节，含无效编码，显示为 �）\n" + shown)
        }
        return out.joined(separator: "\n")
    }
}

/// The archive every example is laid over: valid, with no diagnostics at all.
public enum ExampleArchive {
    public static let customer = "客户档案/KH-2024-001_星辰科技"
    public static let basicInfoPath = customer + "/01-客户基本信息/基本信息.yaml"
    public static let contractPath = customer + "/02-合作背景/2024-03-01-数据安全平台.yaml"
    public static let interactionPath = customer + "/03-互动记录/2024-Q1/2024-03-05-电话.yaml"
    public static let needsPath = customer + "/04-需求偏好/需求偏好.yaml"
    public static let assessmentPath = customer + "/05-价值评估/2024.yaml"

    public static let config = """
        档案库: 示例档案库
        团队:
          - {姓名: 王磊, 部门: 销售一部, 角色: 销售, git: wanglei, 在职: 是}
          - {姓名: 李娜, 部门: 客服部, 角色: 客服, git: lina, 在职: 是}
          - {姓名: 郑凯, 部门: 销售二部, 角色: 销售, git: zhengkai, 在职: 否}
        退役编号: [KH-2023-009]

        """

    public static let basicInfo = """
        档案编号: KH-2024-001
        客户类型: 企业
        企业名称:
          全称: 北京星辰科技有限公司
          简称: 星辰科技
        统一社会信用代码: 91110108MA01ABCDEN
        所属行业: 信息技术
        企业性质: 民营
        所在地区: 北京市
        企业规模:
          员工数: 320
          年营收: 1亿-10亿
        负责销售: 王磊
        客户阶段: 成交
        维护级别: 重点
        价值等级: A
        信息来源: 展会对接
        联系人:
          - 姓名: 张伟
            职位: 信息中心主任
            手机: 13812345678
            电话: 010-62345678
            邮箱: zhangwei@xingchen.example.com
            决策人: 是
        创建时间: 2024-01-15
        创建人: 王磊
        最后更新时间: 2024-03-05
        密级: 内部

        """

    public static let contract = """
        合作项目: 数据安全平台
        签订日期: 2024-03-01
        合同期限:
          开始: 2024-03-01
          结束: 2025-02-28
        合作金额: 120000.00
        合作状态: 执行中
        创建时间: 2024-03-01
        创建人: 王磊
        最后更新时间: 2024-03-01

        """

    public static let interaction = """
        沟通时间: 2024-03-05 10:30
        沟通方式: 电话
        参与人员:
          我方: [王磊]
          客户方: [张伟]
        内容类型: 日常维护
        沟通内容: 回访平台上线情况，客户反馈运行稳定。
        下一步计划:
          - 事项: 3月20日前提交二期方案
            负责人: 王磊
            截止日期: 2024-03-20
            优先级: 高
        创建时间: 2024-03-05
        创建人: 王磊
        最后更新时间: 2024-03-05

        """

    public static let needs = """
        业务痛点: [数据分散]
        需求:
          - 名称: 数据分类分级
            优先级: 高
            预算下限: 50000.00
            预算上限: 80000.00
            状态: 方案中
        创建时间: 2024-03-05
        创建人: 王磊
        最后更新时间: 2024-03-05

        """

    public static let assessment = """
        年度: 2024
        年度合作金额: 120000.00
        价值等级: A
        创建时间: 2024-12-31
        创建人: 王磊
        最后更新时间: 2024-12-31

        """

    /// Every file of the base archive.
    public static var files: [(path: String, content: String)] {
        [
            ("kh.yaml", config), (basicInfoPath, basicInfo), (contractPath, contract), (interactionPath, interaction),
            (needsPath, needs), (assessmentPath, assessment),
        ]
    }
}

extension RuleExample {
    /// The failing and passing examples as people read them in `kh rules`: for a file both
    /// touch, only the lines where they differ (with a line of context); other files whole.
    public static func contrast(_ failing: RuleExample, _ passing: RuleExample) -> (failing: String, passing: String) {
        let base = Dictionary(uniqueKeysWithValues: ExampleArchive.files.map { ($0.path, $0.content) })
        func content(_ e: RuleExample, _ path: String) -> String?? {
            if let f = e.files.first(where: { $0.path == path }) { return .some(f.content) }
            return nil
        }
        var left: [String] = []
        var right: [String] = []
        let paths = (failing.files.map(\.path) + passing.files.map(\.path)).reduce(into: [String]()) {
            if !$0.contains($1) { $0.append($1) }
        }
        for path in paths {
            if failing.rawFiles.contains(where: { $0.path == path }) {
                right.append(RuleExample(files: passing.files.filter { $0.path == path }).listing)
                continue
            }
            let a = content(failing, path) ?? base[path].map { Optional($0) }
            let b = content(passing, path) ?? base[path].map { Optional($0) }
            switch (a, b) {
            case (.some(.some(let x)), .some(.some(let y))) where x != y:
                let (l, r) = excerpt(x, y)
                left.append("# \(path)\n" + l)
                right.append("# \(path)\n" + r)
            case (.some(.some(let x)), .some(.some)):
                // The same in both: show how it differs from the base, if it does.
                let shown = base[path].map { excerpt($0, x).1 } ?? clip(x)
                left.append("# \(path)\n" + shown)
                right.append("# \(path)\n" + shown)
            default:
                left.append(RuleExample(files: failing.files.filter { $0.path == path }).listing)
                right.append(RuleExample(files: passing.files.filter { $0.path == path }).listing)
            }
        }
        let extraLeft = RuleExample(
            symlinks: failing.symlinks, directories: failing.directories, rawFiles: failing.rawFiles
        ).listing
        let extraRight = RuleExample(
            symlinks: passing.symlinks, directories: passing.directories, rawFiles: passing.rawFiles
        ).listing
        if !extraLeft.isEmpty { left.append(extraLeft) }
        if !extraRight.isEmpty { right.append(extraRight) }
        return (
            left.filter { !$0.isEmpty }.joined(separator: "\n"), right.filter { !$0.isEmpty }.joined(separator: "\n")
        )
    }

    static func clip(_ s: String) -> String {
        s.utf8.count > 1200 ? String(s.prefix(300)) + "\n…（\(s.utf8.count) 字节）\n" : s
    }

    /// The differing lines of two texts, with one line of context and … for what is left out.
    static func excerpt(_ a: String, _ b: String) -> (String, String) {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        var start = 0
        while start < x.count && start < y.count && x[start] == y[start] { start += 1 }
        var endX = x.count
        var endY = y.count
        while endX > start && endY > start && x[endX - 1] == y[endY - 1] {
            endX -= 1
            endY -= 1
        }
        func cut(_ lines: [Substring], _ end: Int) -> String {
            let lo = max(0, start - 1)
            let hi = min(lines.count, end + 1)
            var out = lo > 0 ? "…\n" : ""
            out += lines[lo..<hi].joined(separator: "\n")
            if hi < lines.count && !(hi == lines.count - 1 && lines[hi].isEmpty) { out += "\n…" }
            return clip(out) + (out.hasSuffix("\n") ? "" : "\n")
        }
        return (cut(x, endX), cut(y, endY))
    }
}
