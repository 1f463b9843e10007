import KHModel
import KHValidation
import KHYAML

/// The report as a sequence of blocks — headings, paragraphs, tables, charts — built once and
/// written as Markdown (tables only) and as HTML (tables and SVG charts): both formats
/// carry the same figures. Text in the blocks is plain; each writer escapes it.
enum ReportBlock {
    case heading(Int, String)
    case paragraph(String)
    case table(ReportTable)
    /// A distribution: its table, and (HTML) a bar chart beside it.
    case distribution(ReportTable, BarChart)
    /// A chart alone (HTML only; its figures are in a table nearby).
    case chart(Chart)

    enum Chart {
        case bars(BarChart)
        case timeline(TimelineChart)
    }
}

struct ReportTable {
    var columns: [String]
    /// Right-aligned (numbers) columns.
    var numeric: Set<Int>
    var rows: [[String]]
    /// A 合计 row, set apart.
    var total: [String]?
    /// What to say instead of an empty table.
    var empty = "无。"
    /// Columns whose cells may wrap (names, projects, notes); the others keep to one line.
    var wrap: Set<Int> = []
}

/// Horizontal bars: one per row, the caption (count and share, or amount) written beside it.
struct BarChart {
    var title: String
    var rows: [(label: String, value: Int64, caption: String)]
}

/// Columns per month with their counts above them.
struct TimelineChart {
    var title: String
    var labels: [String]
    var values: [Int]
}

extension Report {
    var blocks: [ReportBlock] {
        var out: [ReportBlock] = []
        out += overviewBlocks()
        out += distributionBlocks()
        out += classBlocks()
        out += upgradeAndLossBlocks()
        out += satisfactionBlocks()
        out += ownerBlocks()
        out += activityBlocks()
        out += needBlocks()
        out += renewalBlocks()
        return out
    }

    /// The overview: the period's figures in one table.
    private func overviewBlocks() -> [ReportBlock] {
        var out: [ReportBlock] = []
        out.append(.heading(2, "概览"))
        let allResponse = allSLA.map(\.response).reduce(Outcomes(), +)
        let allResolution = allSLA.map(\.resolution).reduce(Outcomes(), +)
        let signed = owners.map(\.signed).reduce(0, +)
        let signedCents = owners.map(\.signedCents).reduce(0, +)
        let renewed = owners.map(\.renewals).reduce(0, +)
        let renewedCents = owners.map(\.renewalCents).reduce(0, +)
        let needCount = needs.map(\.count).reduce(0, +)
        let open = needs.filter { $0.status == "挖掘中" || $0.status == "方案中" }
        out.append(
            .table(
                ReportTable(
                    columns: ["指标", "数值"], numeric: [1],
                    rows: [
                        ["客户数", "\(customers)"],
                        ["重要 / 稳定客户", classes.prefix(2).map { "\($0.count)" }.joined(separator: " / ")],
                        ["期内互动", "\(activity.total) 次"],
                        ["其中建议投诉", "\(activity.complaints) 次"],
                        ["期内问题", "\(allSLA.map(\.problems).reduce(0, +)) 个"],
                        ["问题响应及时", ReportNumbers.met(allResponse)],
                        ["问题解决及时", ReportNumbers.met(allResolution)],
                        ["期内新签合同", "\(signed) 份，\(ReportNumbers.yuan(signedCents)) 元"],
                        ["期内续约", "\(renewed) 次，\(ReportNumbers.yuan(renewedCents)) 元"],
                        ["进行中的需求（挖掘中、方案中）", "\(open.map(\.count).reduce(0, +)) 个（共 \(needCount) 个）"],
                        ["待续约合同", "\(renewals.count) 份"],
                    ], total: nil, wrap: [0])))
        if !skipped.isEmpty {
            out.append(.paragraph("注意：有 \(skipped.count) 个文件或文件夹无法读取，未计入本报告（kh validate 查看详情）。"))
        }
        return out
    }

    /// 1. The customers by each field of 基本信息.
    private func distributionBlocks() -> [ReportBlock] {
        var out: [ReportBlock] = []
        let classYear = period.classYear
        out.append(.heading(2, "一、客户构成"))
        out.append(
            .paragraph(
                "统计期末（\(period.through)）前建档的全部 \(customers) 位客户，按基本信息各字段的当前值统计；价值等级按 \(classYear) 年及以前最近一年的价值评估计算。"))
        for d in distributions {
            let table = ReportTable(
                columns: [d.title, "客户数", "占比"], numeric: [1, 2],
                rows: d.rows.map { [$0.label, "\($0.count)", pct($0.count, customers)] }, total: nil, wrap: [0])
            let chart = BarChart(
                title: d.title,
                rows: d.rows.map { ($0.label, Int64($0.count), "\($0.count)（\(pct($0.count, customers))）") })
            out.append(.heading(3, d.title))
            out.append(.distribution(table, chart))
        }
        return out
    }

    /// 2. The customers per 客户分类, this year's end and the previous.
    private func classBlocks() -> [ReportBlock] {
        var out: [ReportBlock] = []
        let classYear = period.classYear
        out.append(.heading(2, "二、客户分类"))
        out.append(
            .paragraph(
                "按 kh.yaml 客户分类：\(limitsText)；其余有合同的为 一般，没有合同的为 潜在。分类看截至该年的连续年度：\(classYear) 年若未结束且尚无价值评估，按 \(classYear - 1) 年计；已结束的年度没有价值评估按无金额计。"
            ))
        out.append(
            .table(
                ReportTable(
                    columns: ["客户分类", "\(classYear) 年末", "占比", "\(classYear - 1) 年末", "变化"], numeric: [1, 2, 3, 4],
                    rows: classes.map { c in
                        let d = c.count - c.previous
                        return [
                            c.name, "\(c.count)", pct(c.count, customers), "\(c.previous)", d > 0 ? "+\(d)" : "\(d)",
                        ]
                    },
                    total: [
                        "合计", "\(customers)", pct(customers, customers), "\(classes.map(\.previous).reduce(0, +))", "",
                    ])))
        out.append(
            .chart(
                .bars(
                    BarChart(
                        title: "客户分类（\(classYear) 年末）",
                        rows: classes.map { ($0.name, Int64($0.count), "\($0.count)（\(pct($0.count, customers))）") }))))
        return out
    }

    /// 2. (cont.) The customers that may move up a class, and those that moved down.
    private func upgradeAndLossBlocks() -> [ReportBlock] {
        var out: [ReportBlock] = []
        let classYear = period.classYear
        out.append(.heading(3, "可升级客户"))
        out.append(.paragraph("依据年度的年度合作金额已达到更高一级分类的门槛，但连续年数还不够的客户。"))
        out.append(
            .table(
                ReportTable(
                    columns: [
                        FieldName.number, "客户名称", FieldName.owner, "当前分类", "可升为", "依据年度", "年度合作金额（元）", "已连续", "说明",
                    ],
                    numeric: [5, 6, 7],
                    rows: upgrades.map { u in
                        [
                            u.customer.number, u.customer.name, u.customer.owner ?? Self.owner, u.current, u.target,
                            "\(u.year)",
                            ReportNumbers.yuan(u.cents), "\(u.years)/\(u.required) 年",
                            "再保持 \(u.required - u.years) 年此水平即为 \(u.target)",
                        ]
                    }, total: nil, empty: "没有可升级的客户。", wrap: [1, 8])))
        out.append(.heading(3, "分类下降客户"))
        out.append(.paragraph("\(classYear - 1) 年末的分类高于 \(classYear) 年末的客户。"))
        out.append(
            .table(
                ReportTable(
                    columns: [
                        FieldName.number, "客户名称", FieldName.owner, "\(classYear - 1) 年末", "\(classYear) 年末", "依据年度",
                        "年度合作金额（元）",
                    ],
                    numeric: [5, 6],
                    rows: lost.map { l in
                        [
                            l.customer.number, l.customer.name, l.customer.owner ?? Self.owner, l.previous, l.current,
                            "\(l.year)",
                            l.cents.map { ReportNumbers.yuan($0) } ?? "无价值评估",
                        ]
                    }, total: nil, empty: "没有分类下降的客户。", wrap: [1])))
        return out
    }

    /// 3. Key customers' complaints and problems, and the problem time limits met.
    private func satisfactionBlocks() -> [ReportBlock] {
        var out: [ReportBlock] = []
        let classYear = period.classYear
        out.append(.heading(2, "三、重点客户满意度"))
        out.append(
            .paragraph(
                "重点客户：\(classYear) 年末分类为 重要 或 稳定 的客户，以及维护级别为 VIP 的客户（共 \(keyCustomers.count) 位）。投诉：期内内容类型为 建议投诉 的互动。问题：期内接收的 问题处理，时限按 kh.yaml 问题时限 从接收时间起算——“及时”为在时限内响应或解决，“超时”为超过时限才响应、解决或至 \(period.asOf) 已过时限仍未响应，“超时未解决”为已过解决时限仍未解决，“未到时限”为尚未解决、仍在时限内；只有解决时间的，解决即视为响应。明细中的“响应及时”“解决及时”为 及时数/已判定数。"
            ))
        let limitText = limits.levels.map {
            "\(ProblemLimits.hours($0.respond)) / \(ProblemLimits.hours($0.resolve)) 小时"
        }
        for (title, rows) in [("问题处理时限：重点客户", keySLA), ("问题处理时限：全部客户", allSLA)] {
            out.append(.heading(3, title))
            let body = rows.enumerated().map { i, s in slaRow(s.level, limitText[i], s) }
            let sum = SLA(
                level: "合计", problems: rows.map(\.problems).reduce(0, +),
                response: rows.map(\.response).reduce(Outcomes(), +),
                resolution: rows.map(\.resolution).reduce(Outcomes(), +))
            out.append(
                .table(
                    ReportTable(
                        columns: [
                            FieldName.problemLevel, "时限（响应 / 解决）", "问题数", "响应及时", "响应超时", "解决及时", "解决超时", "超时未解决",
                            "未到时限",
                        ],
                        numeric: Set(2..<9), rows: body, total: slaRow("合计", "", sum))))
        }

        let levels = limits.levels.map(\.level)
        out.append(.heading(3, "重点客户明细"))
        out.append(
            .table(
                ReportTable(
                    columns: [FieldName.number, "客户名称", FieldName.owner, "分类", FieldName.tier, "投诉"] + levels + [
                        "响应及时", "解决及时", "超时未解决",
                    ],
                    numeric: Set(5..<(9 + levels.count)),
                    rows: keyCustomers.map { k in
                        [
                            k.customer.number, k.customer.name, k.customer.owner ?? Self.owner, k.customerClass, k.tier,
                            "\(k.complaints)",
                        ]
                            + k.problems.map { "\($0.count)" }
                            + [
                                ReportNumbers.met(k.response), ReportNumbers.met(k.resolution),
                                "\(k.resolution.overdue)",
                            ]
                    }, total: nil, empty: "没有重点客户。", wrap: [1])))
        return out
    }

    /// 4. Per owner: customers by stage and contract amounts.
    private func ownerBlocks() -> [ReportBlock] {
        var out: [ReportBlock] = []
        let signed = owners.map(\.signed).reduce(0, +)
        let signedCents = owners.map(\.signedCents).reduce(0, +)
        let renewed = owners.map(\.renewals).reduce(0, +)
        let renewedCents = owners.map(\.renewalCents).reduce(0, +)
        out.append(.heading(2, "四、负责销售"))
        out.append(.paragraph("客户按基本信息的 负责销售 归属；合同金额为期内签订的合同（签订日期在统计期内）的合作金额与期内续约记录的金额；互动为其客户在期内的互动记录。"))
        out.append(.heading(3, "客户组合与合同金额"))
        let stageColumns = Self.columns(owners.map(\.stages))
        out.append(
            .table(
                ReportTable(
                    columns: [FieldName.owner, "客户数"] + stageColumns + ["新签合同", "新签金额（元）", "续约", "续约金额（元）", "合计（元）"],
                    numeric: Set(1..<(7 + stageColumns.count)),
                    rows: owners.map { o in
                        [o.name, "\(o.customers)"] + stageColumns.map { "\(Self.value(o.stages, $0))" }
                            + [
                                "\(o.signed)", ReportNumbers.yuan(o.signedCents), "\(o.renewals)",
                                ReportNumbers.yuan(o.renewalCents), ReportNumbers.yuan(o.value),
                            ]
                    },
                    total: ["合计", "\(customers)"]
                        + stageColumns.map { s in "\(owners.map { Self.value($0.stages, s) }.reduce(0, +))" }
                        + [
                            "\(signed)", ReportNumbers.yuan(signedCents), "\(renewed)",
                            ReportNumbers.yuan(renewedCents), ReportNumbers.yuan(signedCents + renewedCents),
                        ],
                    empty: "没有客户。")))
        out.append(
            .chart(
                .bars(
                    BarChart(title: "期内合同金额（元）", rows: owners.map { ($0.name, $0.value, ReportNumbers.yuan($0.value)) })
                )))
        return out
    }

    /// 4. (cont.) Per owner: interactions by method, type and month.
    private func activityBlocks() -> [ReportBlock] {
        var out: [ReportBlock] = []
        for (title, key, fixed) in [
            ("互动：按沟通方式", \Activity.byMethod, Self.methods), ("互动：按内容类型", \Activity.byType, Self.contentTypes),
        ] {
            out.append(.heading(3, title))
            let cols = Self.columns(owners.map { $0.activity[keyPath: key] } + [activity[keyPath: key]], fixed: fixed)
            out.append(
                .table(
                    ReportTable(
                        columns: [FieldName.owner] + cols + ["合计"], numeric: Set(1...(cols.count + 1)),
                        rows: owners.map { o in
                            [o.name] + cols.map { "\(Self.value(o.activity[keyPath: key], $0))" } + [
                                "\(o.activity.total)"
                            ]
                        },
                        total: ["合计"] + cols.map { "\(Self.value(activity[keyPath: key], $0))" } + [
                            "\(activity.total)"
                        ], empty: "没有客户。")))
        }
        out.append(.heading(3, "互动：按月份"))
        let labels = ReportNumbers.monthLabels(period)
        out.append(.chart(.timeline(TimelineChart(title: "每月互动次数", labels: labels, values: activity.byMonth))))
        out.append(
            .table(
                ReportTable(
                    columns: [FieldName.owner] + labels + ["合计"], numeric: Set(1...(labels.count + 1)),
                    rows: owners.map { o in [o.name] + o.activity.byMonth.map { "\($0)" } + ["\(o.activity.total)"] },
                    total: ["合计"] + activity.byMonth.map { "\($0)" } + ["\(activity.total)"], empty: "没有客户。")))
        return out
    }

    /// 5. The needs pipeline.
    private func needBlocks() -> [ReportBlock] {
        var out: [ReportBlock] = []
        let needCount = needs.map(\.count).reduce(0, +)
        out.append(.heading(2, "五、需求管道"))
        out.append(.paragraph("各客户需求偏好中 需求 的当前状态（需求没有日期，按档案现状统计）；预算合计只计填写了的金额。"))
        out.append(
            .table(
                ReportTable(
                    columns: [FieldName.status, "需求数", "预算下限合计（元）", "预算上限合计（元）", "未填预算"], numeric: [1, 2, 3, 4],
                    rows: needs.map {
                        [
                            "\($0.status)", "\($0.count)", ReportNumbers.yuan($0.low), ReportNumbers.yuan($0.high),
                            "\($0.withoutBudget)",
                        ]
                    },
                    total: [
                        "合计", "\(needCount)", ReportNumbers.yuan(needs.map(\.low).reduce(0, +)),
                        ReportNumbers.yuan(needs.map(\.high).reduce(0, +)),
                        "\(needs.map(\.withoutBudget).reduce(0, +))",
                    ])))
        return out
    }

    /// 6. The contracts to renew.
    private func renewalBlocks() -> [ReportBlock] {
        var out: [ReportBlock] = []
        out.append(.heading(2, "六、续约提醒"))
        let horizon = DayMath.adding(Self.renewalDays, to: period.asOf)
        out.append(
            .paragraph(
                "合作状态为 执行中 或 待续约、合同期限（含续约记录）在统计期内或 \(period.asOf) 后 \(Self.renewalDays) 天内（至 \(horizon)）结束的合同；金额为最近一次续约的金额，没有续约时为合作金额。"
            ))
        out.append(
            .table(
                ReportTable(
                    columns: [
                        "到期日", "剩余", FieldName.number, "客户名称", FieldName.owner, FieldName.project, "金额（元）",
                        FieldName.contractStatus,
                    ], numeric: [6],
                    rows: renewals.map { r in
                        [
                            r.end.description, ReportNumbers.daysLeft(r.daysLeft), r.customer.number, r.customer.name,
                            r.customer.owner ?? Self.owner,
                            r.project, ReportNumbers.yuan(r.cents), r.status,
                        ]
                    }, total: nil, empty: "没有需要续约的合同。", wrap: [3, 5])))
        return out
    }

    /// A share as a percentage: `12.5%`.
    private func pct(_ n: Int, _ total: Int) -> String { ReportNumbers.share(n, of: total) + "%" }

    /// `重要 连续 3 年年度合作金额 ≥ 1,000,000.00 元；稳定 …`
    var limitsText: String {
        classRules.map { "\($0.name) 连续 \($0.years) 年年度合作金额 ≥ \(ReportNumbers.yuan($0.cents)) 元" }.joined(
            separator: "；")
    }

    func slaRow(_ level: String, _ limit: String, _ s: SLA) -> [String] {
        [
            level, limit, "\(s.problems)", "\(s.response.inTime)", "\(s.response.missed)", "\(s.resolution.inTime)",
            "\(s.resolution.late)",
            "\(s.resolution.overdue)", "\(s.resolution.pending)",
        ]
    }

    /// The columns for several count lists: `fixed` first, then the other labels as found.
    static func columns(_ lists: [[Count]], fixed: [String] = Report.stages) -> [String] {
        var out = fixed
        for list in lists { for c in list where !out.contains(c.label) { out.append(c.label) } }
        return out
    }

    static func value(_ list: [Count], _ label: String) -> Int { list.first { $0.label == label }?.count ?? 0 }
}
