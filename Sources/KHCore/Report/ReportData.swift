/// What the report needs of one customer, gathered while its documents are read and kept
/// instead of them (memory stays flat): the basic facts, the 05 amounts, and only the
/// events of the period.
struct ReportCustomer: Sendable {
    struct Interaction: Sendable {
        /// Position of the month in `ReportPeriod.months`.
        var month: Int
        var method: String
        var type: String
    }

    /// A 问题处理 received in the period; times in minutes since 1970 (local time).
    struct Problem: Sendable {
        var level: String
        var received: Int
        var responded: Int?
        var resolved: Int?
    }

    struct Need: Sendable {
        var status: String?
        var low: Int64?
        var high: Int64?
    }

    /// A contract 执行中 or 待续约.
    struct Contract: Sendable {
        var project: String
        var file: String
        var end: Day
        var cents: Int64?
        var status: String
    }

    var number: String
    /// The number's year and sequence: customers are listed in number order.
    var year: Int
    var sequence: Int
    var name: String
    var person: Bool
    /// 基本信息's 创建时间.
    var created: Day?
    var owner: String?
    var industry: String?
    var region: String?
    var nature: String?
    var revenue: String?
    var stage: String?
    /// 维护级别 (absent: 普通).
    var tier: String
    /// 年度合作金额 per 年度, one per year, in year order.
    var assessments: [(year: Int, cents: Int64)] = []
    /// Each 02's 签订日期 (nil when not a date: the contract still counts as signed).
    var signed: [Day?] = []
    var signedCount = 0
    var signedCents: Int64 = 0
    var renewalCount = 0
    var renewalCents: Int64 = 0
    var interactions: [Interaction] = []
    var complaints = 0
    var problems: [Problem] = []
    var needs: [Need] = []
    var open: [Contract] = []

    func amount(_ year: Int) -> Int64? { assessments.first { $0.year == year }?.cents }
}

/// Reads the archive for the report: `LayoutScanner` for the folders, `DocumentLoader` for
/// the documents, one task per customer on all cores (as `kh validate` does); no rules.
enum ReportReader {
    static func read(_ archive: Archive, period: ReportPeriod) -> (customers: [ReportCustomer], skipped: [Diagnostic]) {
        let scanner = LayoutScanner(root: archive.root, config: archive.config)
        let (dirs, layout) = scanner.scan()
        let root = archive.root
        let results = ParallelMap.map(dirs) { dir -> (ReportCustomer?, [Diagnostic]) in
            let (customer, diagnostics) = read(scanner.scanContents(dir), root: root, period: period)
            // Only what means a file could not be read is kept (the rest is kh validate's).
            return (customer, diagnostics.filter { IndexJSON.skipping.contains($0.code) })
        }
        var skipped = layout.filter { IndexJSON.skipping.contains($0.code) }
        for (_, d) in results { skipped += d }
        return (results.compactMap(\.0), skipped.sorted(by: Diagnostic.ordered))
    }

    static func read(_ dir: CustomerDirectory, root: String, period: ReportPeriod) -> (ReportCustomer?, [Diagnostic]) {
        var diagnostics = dir.diagnostics
        guard let basicFile = dir.documents.first(where: { $0.type == .basicInfo && $0.nameIsWellFormed }) else {
            diagnostics.append(Diagnostic(rule: .missingBasicInfo, file: dir.path, message: Msg.missingBasicInfo))
            return (nil, diagnostics)
        }
        let basicDoc = DocumentLoader.loadMapping(root: root, file: basicFile)
        diagnostics += basicDoc.diagnostics
        guard let b = basicDoc.root else { return (nil, diagnostics) }
        let person = b.text("客户类型").map { $0.same("个人") } ?? false
        let company = b.submapping("企业名称")
        var c = ReportCustomer(
            number: dir.number, year: dir.year, sequence: dir.sequence,
            name: (person ? b.text("姓名") : company?.text("全称")) ?? dir.suffix ?? dir.number,
            person: person, created: b.date("创建时间")?.0, owner: b.text("负责销售"), industry: b.text("所属行业"),
            region: b.text("所在地区"), nature: b.text("企业性质"), revenue: b.submapping("企业规模")?.text("年营收"),
            stage: b.text("客户阶段"), tier: b.text("维护级别") ?? "普通")
        for file in dir.documents where file.type != .basicInfo {
            let doc = DocumentLoader.loadMapping(root: root, file: file)
            diagnostics += doc.diagnostics
            guard let m = doc.root else { continue }
            switch file.type {
            case .basicInfo: break
            case .cooperation: addContract(m, file: file, period: period, to: &c)
            case .interaction: addInteraction(m, period: period, to: &c)
            case .needs:
                for item in m.items("需求") {
                    guard let n = item.mapping, n.text("名称") != nil else { continue }
                    c.needs.append(.init(status: n.text("状态"), low: n.money("预算下限")?.0, high: n.money("预算上限")?.0))
                }
            case .assessment:
                // One amount per year (a stray 2024.yml beside 2024.yaml is kh validate's matter).
                if let y = m.text("年度").flatMap(Values.year), !c.assessments.contains(where: { $0.year == y }),
                   let (cents, _) = m.money("年度合作金额") {
                    c.assessments.append((y, cents))
                }
            }
        }
        c.assessments.sort { $0.year < $1.year }
        return (c, diagnostics)
    }

    static func addContract(_ m: YAMLMapping, file: DocumentFile, period: ReportPeriod, to c: inout ReportCustomer) {
        let signed = m.date("签订日期")?.0
        c.signed.append(signed)
        let amount = m.money("合作金额")?.0
        if let signed, period.contains(signed) {
            c.signedCount += 1
            c.signedCents += amount ?? 0
        }
        // Renewals known as of --as-of; the latest one sets the contract's end and amount.
        var end = m.submapping("合同期限")?.date("结束")?.0
        var current = amount
        var latest: Day?
        for item in m.items("续约记录") {
            guard let r = item.mapping, let (day, _) = r.date("日期"), day <= period.asOf else { continue }
            let cents = r.money("金额")?.0
            if period.contains(day) {
                c.renewalCount += 1
                c.renewalCents += cents ?? 0
            }
            if let e = r.date("结束")?.0, end.map({ e > $0 }) ?? true { end = e }
            if latest.map({ day >= $0 }) ?? true {
                latest = day
                if let cents { current = cents }
            }
        }
        guard let status = m.text("合作状态"), status.same("执行中") || status.same("待续约"), let end,
              signed.map({ $0 <= period.asOf }) ?? true else { return }
        c.open.append(.init(project: m.text("合作项目") ?? "", file: RecordBuilder.local(file.path), end: end,
                            cents: current, status: status))
    }

    static func addInteraction(_ m: YAMLMapping, period: ReportPeriod, to c: inout ReportCustomer) {
        let time = m.datetime("沟通时间")?.0
        if let time, period.contains(time.day) {
            let type = m.text("内容类型") ?? Report.unfilled
            c.interactions.append(.init(month: period.monthIndex(time.day), method: m.text("沟通方式") ?? Report.unfilled, type: type))
            if type.same("建议投诉") { c.complaints += 1 }
        }
        guard let p = m.submapping("问题处理"), let level = p.text("问题等级"),
              let received = p.datetime("接收时间")?.0 ?? time, period.contains(received.day) else { return }
        // A response or resolution after --as-of is not known as of it.
        let end = DayMath.ordinal(period.asOf) * 1440 + 1440
        func known(_ key: String) -> Int? {
            p.datetime(key).map { DayMath.minutes($0.0) }.flatMap { $0 < end ? $0 : nil }
        }
        c.problems.append(.init(level: level, received: DayMath.minutes(received), responded: known("响应时间"), resolved: known("解决时间")))
    }
}
