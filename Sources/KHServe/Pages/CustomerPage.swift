import Foundation
import KHModel
import KHOutputs
import KHPinyin
import KHRules
import KHWrite
import KHYAML

/// What a page handler gets: the app, the request, the visitor's session and language.
struct PageContext {
    let app: WebApp
    let request: WebRequest
    let session: Session
    let language: Language

    var zh: Bool { language == .zh }
    var state: Library.State { app.library.state }
    func param(_ name: String) -> String? {
        request.query.first { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespaces) }.flatMap {
            $0.isEmpty ? nil : $0
        }
    }
    /// A form field as typed (a textarea's CRLF line breaks read as `\n`).
    func field(_ name: String) -> String {
        (request.form.first { $0.0 == name }?.1 ?? "").replacingOccurrences(of: "\r\n", with: "\n")
    }
    func text(_ t: Text) -> String { t.string(language) }
    func html(_ template: String, title: String, _ context: [String: Any], status: Int = 200) -> WebResponse {
        .html(status, Views.page(template, title: title, context, app: app, page: self))
    }
}

enum Pages {
    static let pageSize = 50

    static func error(_ app: WebApp, status: Int, message: String, _ lang: Language) -> WebResponse {
        let heading: String
        switch status {
        case 400: heading = lang == .zh ? "请求有误" : "Bad request"
        case 403: heading = lang == .zh ? "不允许" : "Not allowed"
        case 404: heading = lang == .zh ? "找不到" : "Not found"
        case 409: heading = lang == .zh ? "文件已被修改" : "The file changed"
        case 421: heading = lang == .zh ? "地址不对" : "Wrong address"
        default: heading = lang == .zh ? "出错了" : "Something went wrong"
        }
        let page = PageContext(
            app: app, request: WebRequest(method: "GET", target: "/"),
            session: Session(WebRequest(method: "GET", target: "/"), secret: app.secret), language: lang)
        return page.html("error", title: heading, ["heading": heading, "message": message], status: status)
    }

    // MARK: - /  (my week)

    static func week(_ page: PageContext) -> WebResponse {
        let state = page.state
        let config = state.archive.config
        var ctx: [String: Any] = [
            "team": config.team.filter(\.active).map { ["name": $0.name, "role": $0.role] }
        ]
        if let me = page.session.member, config.member(named: me) != nil {
            ctx["member"] = me
            ctx["memberQuery"] = Form.encode(me)
            let review = page.app.review(state)
            let mine = review.groups.filter { $0.owner.map { $0.same(me) } ?? false }.flatMap(\.items)
            ctx["asOfText"] = page.zh ? "截至 \(review.asOf)" : "as of \(review.asOf)"
            ctx["items"] = mine.map { item -> [String: Any] in
                var row: [String: Any] = [:]
                row["level"] = item.level.rawValue
                row["levelWord"] = item.level.word(page.language)
                row["number"] = item.number
                row["customer"] = item.customer
                row["message"] = page.text(item.message)
                if let l = item.lateness { row["lateness"] = page.text(l) }
                if page.app.settings.permission >= .log, item.kind == .nextStepOverdue || item.kind == .nextStepDue,
                    let step = stepForm(page, item: item)
                {
                    row["step"] = step
                }
                return row
            }
        }
        return page.html("week", title: page.zh ? "我的一周" : "My week", ctx)
    }

    /// The hidden fields of a step's form: the record, the step's index and the record's hash.
    static func stepForm(_ page: PageContext, item: Review.Item) -> [String: Any]? {
        guard case .string(let task)? = item.details["task"], case .string(let due)? = item.details["due"],
            let bytes = CustomerReader.source(root: page.state.archive.root, path: item.file),
            let doc = try? EditableDocument(bytes: bytes, path: item.file),
            let items = doc.root[FieldName.nextSteps]?.sequence?.items
        else { return nil }
        guard
            let i = items.firstIndex(where: {
                $0.mapping?.text(FieldName.task) == task && $0.mapping?.text(FieldName.due) == due
            })
        else { return nil }
        return ["file": item.file, "index": i + 1, "hash": page.app.seen.remember(bytes), "due": due]
    }

    static func chooseMember(_ page: PageContext, session: inout Session) -> WebResponse {
        let name = page.field("name").trimmingCharacters(in: .whitespaces)
        if name.isEmpty {
            session.choose(nil)
        } else {
            guard let m = page.state.archive.config.member(named: name), m.active else {
                return page.app.errorPage(
                    400,
                    Text(zh: "「\(name)」不是 kh.yaml 团队中的在职成员", en: "'\(name)' is not a serving member of kh.yaml 团队"),
                    page.language)
            }
            session.choose(m.name)
        }
        return .redirect("/")
    }

    // MARK: - /customers

    struct ListQuery {
        var q: String
        var filters: [(key: String, value: String)]
        var sort: String
        var page: Int

        static let facetKeys = ["owner", "industry", "stage", "grade", "tier", "overdue"]

        init(_ page: PageContext) {
            q = page.param("q") ?? ""
            filters = Self.facetKeys.compactMap { k in page.param(k).map { (k, $0) } }
            sort = page.param("sort") ?? "number"
            self.page = max(1, Int(page.param("page") ?? "") ?? 1)
        }

        func value(_ e: ListEntry, _ key: String) -> String? {
            switch key {
            case "owner": return e.record.owner
            case "industry": return e.record.industry
            case "stage": return e.record.stage
            case "grade": return e.grade
            case "tier": return e.record.tier
            case "overdue": return e.overdue > 0 ? "1" : nil
            default: return nil
            }
        }

        func keeps(_ e: ListEntry, except: String? = nil) -> Bool {
            filters.allSatisfy { f in f.key == except || value(e, f.key) == f.value }
        }

        /// The URL with `changes` applied (nil removes a key); the page goes back to 1.
        func href(_ changes: [String: String?]) -> String {
            var fields: [(String, String)] = []
            var qv: String? = q.isEmpty ? nil : q
            if let c = changes["q"] { qv = c }
            if let qv { fields.append(("q", qv)) }
            for k in Self.facetKeys {
                var v = filters.first { $0.key == k }?.value
                if let c = changes[k] { v = c }
                if let v { fields.append((k, v)) }
            }
            var s: String? = sort == "number" ? nil : sort
            if let c = changes["sort"] { s = c }
            if let s { fields.append(("sort", s)) }
            if let p = changes["page"], let p { fields.append(("page", p)) }
            return "/customers" + Form.query(fields)
        }
    }

    static func matching(_ page: PageContext) -> (ListQuery, [ListEntry], all: [ListEntry]) {
        let query = ListQuery(page)
        let needle = Array(Normalize.name(query.q).utf8)
        let searched = page.state.entries.filter { $0.matches(needle) }
        var rows = searched.filter { query.keeps($0) }
        switch query.sort {
        case "name":
            rows.sort {
                PinyinKey.precedes(
                    ($0.record.pinyin, $0.record.name, $0.record.number),
                    ($1.record.pinyin, $1.record.name, $1.record.number))
            }
        case "updated":
            rows.sort { ($0.record.updated ?? "", $1.record.number) > ($1.record.updated ?? "", $0.record.number) }
        case "contact":
            rows.sort {
                ($0.record.lastInteraction ?? "", $1.record.number) > (
                    $1.record.lastInteraction ?? "", $0.record.number
                )
            }
        default: break  // folder order is number order
        }
        return (query, rows, searched)
    }

    /// The page of `rows` the query asks for (the last one when it asks beyond), its number and
    /// how many pages there are.
    static func paged(
        _ rows: [ListEntry], _ query: ListQuery
    ) -> (shown: ArraySlice<ListEntry>, current: Int, pages: Int) {
        let pages = max(1, (rows.count + pageSize - 1) / pageSize)
        let current = min(query.page, pages)
        return (rows.dropFirst((current - 1) * pageSize).prefix(pageSize), current, pages)
    }

    static func customers(_ page: PageContext) -> WebResponse {
        let (query, rows, searched) = matching(page)
        let (shown, current, pages) = paged(rows, query)
        let titles: [String: Text] = [
            "owner": Text(zh: "负责销售", en: "Owner"), "industry": Text(zh: "所属行业", en: "Industry"),
            "stage": Text(zh: "客户阶段", en: "Stage"),
            "grade": Text(zh: "价值等级", en: "Grade"), "tier": Text(zh: "维护级别", en: "Tier"),
            "overdue": Text(zh: "逾期", en: "Overdue"),
        ]
        let facets: [[String: Any]] = ListQuery.facetKeys.map { key in
            // Counts within the search and the other filters, so every link leads somewhere.
            var counts: [String: Int] = [:]
            for e in searched where query.keeps(e, except: key) {
                if let v = query.value(e, key) { counts[v, default: 0] += 1 }
            }
            let active = query.filters.first { $0.key == key }?.value
            let values = counts.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }.map {
                v -> [String: Any] in
                let label: String = key == "overdue" ? (page.zh ? "有逾期的下一步" : "has overdue steps") : v
                let isActive: Bool = active == v
                let change: String? = isActive ? nil : v
                var row: [String: Any] = [:]
                row["label"] = label
                row["count"] = counts[v] ?? 0
                row["active"] = isActive
                row["href"] = query.href([key: change])
                return row
            }
            return ["title": page.text(titles[key]!), "values": values]
        }.filter { !(($0["values"] as? [[String: Any]])?.isEmpty ?? true) }
        let sortChoices: [(key: String, zh: String, en: String)] = [
            ("number", "编号", "number"), ("name", "拼音", "pinyin"),
            ("contact", "最近沟通", "last contact"), ("updated", "更新", "updated"),
        ]
        var sorts: [[String: Any]] = []
        for c in sortChoices {
            let change: String? = c.key == "number" ? nil : c.key
            var row: [String: Any] = [:]
            row["label"] = page.zh ? c.zh : c.en
            row["active"] = query.sort == c.key
            row["href"] = query.href(["sort": change])
            sorts.append(row)
        }
        var rowsOut: [[String: Any]] = []
        for e in shown {
            var row: [String: Any] = [:]
            row["number"] = e.record.number
            row["name"] = e.record.name
            if let short = e.record.shortName { row["shortName"] = short }
            row["owner"] = e.record.owner ?? ""
            row["stage"] = e.record.stage ?? ""
            row["grade"] = e.grade
            row["lastContact"] = e.record.lastInteraction.map { String($0.prefix(10)) } ?? ""
            row["overdue"] = e.overdue > 0
            row["overdueText"] = page.zh ? "逾期 \(e.overdue)" : "\(e.overdue) overdue"
            rowsOut.append(row)
        }
        var keep: [[String: Any]] = query.filters.map { ["name": $0.key, "value": $0.value] }
        if query.sort != "number" { keep.append(["name": "sort", "value": query.sort]) }
        var ctx: [String: Any] = [:]
        ctx["q"] = query.q
        ctx["canEdit"] = page.app.settings.permission >= .edit
        ctx["keep"] = keep
        ctx["countText"] = page.zh ? "共 \(rows.count) 位" : "\(rows.count) of \(page.state.entries.count)"
        ctx["facets"] = facets
        ctx["sorts"] = sorts
        ctx["filtered"] = !query.filters.isEmpty || !query.q.isEmpty
        ctx["clearHref"] = ""
        ctx["rows"] = rowsOut
        ctx["pageText"] = page.zh ? "第 \(current) / \(pages) 页" : "page \(current) of \(pages)"
        if current > 1 { ctx["prev"] = query.href(["page": String(current - 1)]) }
        if current < pages { ctx["next"] = query.href(["page": String(current + 1)]) }
        return page.html("customers", title: page.zh ? "客户" : "Customers", ctx)
    }

    static func customersJSON(_ page: PageContext) -> WebResponse {
        let (query, rows, _) = matching(page)
        let (shown, current, pages) = paged(rows, query)
        var list: [JSON] = []
        for e in shown {
            let r = e.record
            var m: [(String, JSON?)] = []
            m.append(("number", Self.str(r.number)))
            m.append(("name", Self.str(r.name)))
            m.append(("shortName", Self.str(r.shortName)))
            m.append(("type", Self.str(r.type)))
            m.append(("pinyin", Self.str(r.pinyin.full)))
            m.append(("initial", Self.str(r.pinyin.initial)))
            m.append(("owner", Self.str(r.owner)))
            m.append(("industry", Self.str(r.industry)))
            m.append(("stage", Self.str(r.stage)))
            m.append(("grade", Self.str(e.grade)))
            m.append(("tier", Self.str(r.tier)))
            m.append(("overdueSteps", Self.num(e.overdue)))
            m.append(("lastInteraction", Self.str(r.lastInteraction)))
            m.append(("updated", Self.str(r.updated)))
            m.append(("url", Self.str("/customers/" + Form.encode(r.number))))
            list.append(JSON.object(m))
        }
        var top: [(String, JSON?)] = []
        top.append(("total", Self.num(rows.count)))
        top.append(("page", Self.num(current)))
        top.append(("pages", Self.num(pages)))
        top.append(("pageSize", Self.num(pageSize)))
        top.append(("customers", Self.arr(list)))
        let json = JSON.object(top)
        return .json(200, json.rendered() + "\n")
    }

    static func str(_ s: String?) -> JSON? {
        guard let s else { return nil }
        let j: JSON = .string(s)
        return j
    }

    static func num(_ i: Int) -> JSON? {
        let j: JSON = .int(i)
        return j
    }

    static func arr(_ a: [JSON]) -> JSON? {
        let j: JSON = .array(a)
        return j
    }

    // MARK: - /customers/<number>

    /// The customer's folder read now, with git blob ids; nil when the number is unknown.
    static func snapshot(_ page: PageContext, number: String) -> CustomerSnapshot? {
        let state = page.state
        guard let i = state.byNumber[number] else { return nil }
        let reader = ArchiveReader(state.archive, hashes: true)
        guard let dir = reader.scanner.customer(named: state.entries[i].folder) else { return nil }
        return reader.read(dir)
    }

    static func notFound(_ page: PageContext, _ number: String) -> WebResponse {
        page.app.errorPage(404, Text(zh: "没有档案编号为 \(number) 的客户", en: "no customer numbered \(number)"), page.language)
    }

    /// The customer's problems now: its own rules run afresh, and the archive-wide ones (KH4xx:
    /// duplicates) from the last full check.
    static func problems(of s: CustomerSnapshot, _ page: PageContext) -> [Diagnostic] {
        let state = page.state
        var out = state.archive.validate(customers: [s.directory.name])
        let own = Set(out)
        for d in state.result.diagnostics
        where d.code.hasPrefix("KH4") && (d.file == s.directory.path || d.file.hasPrefix(s.directory.path + "/"))
            && !own.contains(d)
        {
            out.append(d)
        }
        return out.sorted(by: Diagnostic.ordered)
    }

    static func problemRow(_ d: Diagnostic, _ page: PageContext, base: String = "") -> [String: Any] {
        var where_ = String(d.file.dropFirst(base.count).drop { $0 == "/" })
        if let m = d.start { where_ += ":\(m.line):\(m.column)" }
        if let p = d.path { where_ += " " + p }
        var row: [String: Any] = [:]
        row["level"] = d.severity.rawValue
        row["levelWord"] = d.severity.word(page.language)
        row["code"] = d.code
        row["where"] = where_
        row["message"] = page.text(d.message)
        return row
    }

    static func customer(_ page: PageContext, number: String) -> WebResponse {
        guard let s = snapshot(page, number: number) else { return notFound(page, number) }
        let config = page.state.archive.config
        let today = page.state.today
        let problems = problems(of: s, page)
        let b = s.basic
        func problem(_ path: String) -> [String: Any]? {
            guard let b,
                let d = problems.first(where: {
                    $0.file == b.path && ($0.path == path || $0.path?.hasPrefix(path + ".") == true)
                })
            else { return nil }
            return ["level": d.severity.rawValue, "code": d.code, "message": page.text(d.message)]
        }
        let company = FieldName.company
        let nameLabel: String = b?.isPerson == true ? FieldName.personName : FieldName.fullName
        var rows: [(path: String, label: String, value: String?)] = []
        rows.append((FieldName.number, FieldName.number, b?.number))
        rows.append((FieldName.customerType, FieldName.customerType, b?.customerType))
        rows.append(("\(company).\(FieldName.fullName)", nameLabel, b?.name))
        rows.append(("\(company).\(FieldName.shortName)", FieldName.shortName, b?.shortName))
        rows.append((FieldName.industry, FieldName.industry, b?.industry))
        rows.append((FieldName.region, FieldName.region, b?.region))
        rows.append((FieldName.owner, FieldName.owner, b?.owner))
        rows.append((FieldName.stage, FieldName.stage, b?.stage))
        rows.append((FieldName.tier, FieldName.tier, b?.tier))
        rows.append((FieldName.grade, FieldName.grade, b?.declaredGrade ?? s.computedGrade(config)))
        rows.append((FieldName.source, FieldName.source, b?.source))
        rows.append((FieldName.firstContact, FieldName.firstContact, b?.mapping.text(FieldName.firstContact)))
        rows.append((FieldName.note, FieldName.note, b?.note))
        var fields: [[String: Any]] = []
        for r in rows {
            let p = problem(r.path)
            guard r.value != nil || p != nil else { continue }
            var row: [String: Any] = [:]
            row["label"] = r.label
            row["value"] = r.value ?? "—"
            if let p { row["problem"] = p }
            fields.append(row)
        }
        var timeline: [(key: String, row: [String: Any])] = []
        func event(_ when: String, _ kind: String, _ title: String, _ text: String, _ file: String) {
            var row: [String: Any] = [:]
            row["when"] = when
            row["kind"] = kind
            row["title"] = title
            row["text"] = text
            row["file"] = file
            timeline.append((when, row))
        }
        for c in s.contracts {
            let when: String = c.signed?.description ?? c.termStart?.description ?? ""
            let ends: String? = c.termEnd.map { (page.zh ? "到期 " : "ends ") + $0.description }
            let text: String = [c.status, ends].compactMap { $0 }.joined(separator: " · ")
            event(when, page.zh ? "合同" : "contract", c.project ?? c.contractNumber ?? "", text, c.path)
        }
        for r in s.interactions {
            let people: String = (r.ours + r.theirs).joined(separator: "、")
            let title: String = [r.contentType, people].compactMap { $0 }.joined(separator: " · ")
            event(r.timeText ?? "", r.method ?? (page.zh ? "互动" : "interaction"), title, r.content ?? "", r.path)
        }
        for a in s.assessments {
            let title: String = [a.amountText, a.declaredGrade].compactMap { $0 }.joined(separator: " · ")
            event(a.yearText ?? "", page.zh ? "价值评估" : "assessment", title, "", a.path)
        }
        timeline.sort { $0.key > $1.key }
        let canLog: Bool = page.app.settings.permission >= .log
        var steps: [[String: Any]] = []
        for (r, step) in s.openSteps {
            let overdue: Bool = step.due.map { $0 < today } ?? false
            var row: [String: Any] = [:]
            row["task"] = step.task ?? ""
            row["assignee"] = step.assignee ?? ""
            row["due"] = step.dueText ?? ""
            row["overdue"] = overdue
            row["overdueText"] = page.zh ? "已逾期" : "overdue"
            row["number"] = s.number
            row["file"] = r.path
            row["index"] = step.index
            row["canLog"] = canLog
            if canLog, let bytes = CustomerReader.source(root: page.state.archive.root, path: r.path) {
                row["hash"] = page.app.seen.remember(bytes)
            }
            steps.append(row)
        }
        var contacts: [[String: Any]] = []
        for c in b?.contacts ?? [] {
            var row: [String: Any] = [:]
            row["name"] = c.name ?? ""
            if let v = c.title { row["title"] = v }
            if let v = c.mobile { row["mobile"] = v }
            if let v = c.phone { row["phone"] = v }
            if let v = c.email { row["email"] = v }
            if let v = c.decisionMaker { row["decision"] = v }
            contacts.append(row)
        }
        var needs: [[String: Any]] = []
        for n in s.needs.flatMap(\.needs) {
            var row: [String: Any] = [:]
            row["name"] = n.name ?? ""
            if let v = n.priority { row["priority"] = v }
            if let v = n.status { row["status"] = v }
            needs.append(row)
        }
        var ctx: [String: Any] = [:]
        ctx["name"] = s.name
        ctx["number"] = s.number
        ctx["canLog"] = canLog
        ctx["canEdit"] = page.app.settings.permission >= .edit
        // Last year's assessment until it is written, then this year's.
        let years = Set(s.assessments.compactMap { Int($0.file.path.split(separator: "/").last?.prefix(4) ?? "") })
        ctx["assessYear"] = years.contains(today.year - 1) ? today.year : today.year - 1
        ctx["problems"] = problems.map { problemRow($0, page, base: s.directory.path) }
        ctx["fields"] = fields
        ctx["contacts"] = contacts
        ctx["steps"] = steps
        ctx["timeline"] = timeline.map(\.row)
        ctx["needs"] = needs
        ctx["painPoints"] = s.needs.flatMap(\.painPoints)
        ctx["hasPainPoints"] = !s.needs.flatMap(\.painPoints).isEmpty
        ctx["hasProblems"] = !problems.isEmpty
        return page.html("customer", title: s.name, ctx)
    }

    static func customerJSON(_ page: PageContext, number: String) -> WebResponse {
        guard let s = snapshot(page, number: number) else {
            return .json(
                404,
                JSON.object([
                    (
                        "error",
                        .string(page.text(Text(zh: "没有档案编号为 \(number) 的客户", en: "no customer numbered \(number)")))
                    )
                ]).rendered() + "\n")
        }
        let record = IndexRecord(s, config: page.state.archive.config, details: true)
        var fields = IndexJSON.members(record)
        fields.append(("overdueSteps", .int(ListEntry(record, today: page.state.today).overdue)))
        fields.append(
            (
                "files",
                .object(
                    s.hashes.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map {
                        ($0.key, JSON.string($0.value))
                    })
            ))
        fields.append(
            (
                "problems",
                .array(
                    problems(of: s, page).map { d in
                        JSON.object([
                            ("code", .string(d.code)), ("severity", .string(d.severity.rawValue)),
                            ("file", .string(d.file)),
                            ("line", .int(d.start?.line)), ("column", .int(d.start?.column)),
                            ("path", .string(d.path)), ("message", .string(page.text(d.message))),
                        ])
                    })
            ))
        return .json(200, JSON.object(fields).rendered() + "\n")
    }

    // MARK: - /problems

    static func problems(_ page: PageContext) -> WebResponse {
        let state = page.state
        let numbers = Dictionary(
            state.entries.map { ($0.record.directory, $0.record.number) }, uniquingKeysWith: { a, _ in a })
        var groups: [(key: String, items: [Diagnostic])] = []
        for d in state.result.diagnostics {
            let parts = d.file.split(separator: "/")
            let key = parts.count >= 2 && parts[0] == Substring(customersFolder) ? parts[0] + "/" + parts[1] : ""
            if groups.last?.key == String(key) {
                groups[groups.count - 1].items.append(d)
            } else {
                groups.append((String(key), [d]))
            }
        }
        let r = state.result
        var ctx: [String: Any] = [:]
        ctx["countText"] =
            page.zh
            ? "\(r.count(.error)) 错误 · \(r.count(.warning)) 警告 · \(r.count(.notice)) 提示"
            : "\(r.count(.error)) errors · \(r.count(.warning)) warnings · \(r.count(.notice)) notices"
        var out: [[String: Any]] = []
        for g in groups {
            var row: [String: Any] = [:]
            row["title"] =
                g.key.isEmpty ? (page.zh ? "档案库" : "The archive") : String(g.key.dropFirst(customersFolder.count + 1))
            if let n = numbers[g.key] { row["number"] = n }
            row["items"] = g.items.map { problemRow($0, page, base: g.key) }
            out.append(row)
        }
        ctx["groups"] = out
        return page.html("problems", title: page.zh ? "问题" : "Problems", ctx)
    }

    // MARK: - kh's printable outputs

    static func document(_ html: String) -> WebResponse {
        WebResponse(
            status: 200,
            headers: [
                ("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", Security.documentPolicy),
            ],
            body: Array(html.utf8))
    }

    static func catalogue(_ page: PageContext) -> WebResponse {
        let state = page.state
        return document(
            page.app.memo("catalogue", state) {
                Catalogue(title: state.archive.config.archiveName, records: state.entries.map(\.record)).html()
            })
    }

    static func review(_ page: PageContext) -> WebResponse {
        let state = page.state
        return document(
            page.app.memo("review-\(page.language.rawValue)", state) {
                page.app.review(state).html(language: page.language)
            })
    }

    static func report(_ page: PageContext) -> WebResponse {
        let state = page.state
        return document(
            page.app.memo("report", state) {
                Report.make(state.archive, period: .year(state.today.year, asOf: state.today)).html()
            })
    }
}

extension WebApp {
    /// kh review at today, computed once per state of the archive.
    /// Each customer's facts are kept with its folder's fingerprint: a new state of the archive
    /// reads again only the folders that changed (a save: one), a new day or kh.yaml all.
    func review(_ state: Library.State) -> Review {
        if let hit = memoLock.withLock({
            reviewMemo.flatMap { $0.generation == state.generation && $0.today == state.today ? $0.review : nil }
        }) {
            return hit
        }
        return reviewLock.withLock {
            if let hit = memoLock.withLock({
                reviewMemo.flatMap { $0.generation == state.generation && $0.today == state.today ? $0.review : nil }
            }) {
                return hit
            }
            let kept = memoLock.withLock { reviewFacts }
            let reuse = kept.today == state.today && kept.config == state.configBytes
            var facts: [String: (Fingerprint.Value, Review.Reviewed)] = [:]
            var all: [Review.Reviewed] = []
            // In folder order, as kh review reads them; what changed is read in parallel.
            let folders = state.fingerprints.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            let stale = folders.filter { f in
                !(reuse && kept.byFolder[f].map { $0.0 == state.fingerprints[f]! } == true)
            }
            let archive = state.archive
            let today = state.today
            let read = ParallelMap.map(stale) { Review.customer(archive, folder: $0, asOf: today) }
            let staleSet = Set(stale)
            var fresh: [String: Review.Reviewed] = [:]
            for (f, r) in zip(stale, read) { if let r { fresh[f] = r } }
            for folder in folders {
                guard let c = staleSet.contains(folder) ? fresh[folder] : kept.byFolder[folder]?.1 else { continue }
                facts[folder] = (state.fingerprints[folder]!, c)
                all.append(c)
            }
            let r = Review.make(all, config: state.archive.config, asOf: state.today)
            memoLock.withLock {
                reviewFacts = (state.today, state.configBytes, facts)
                reviewMemo = (state.generation, state.today, r)
            }
            return r
        }
    }

    /// A page computed once per state of the archive.
    func memo(_ key: String, _ state: Library.State, _ make: () -> String) -> String {
        if let hit = memoLock.withLock({ memos[key].flatMap { $0.generation == state.generation ? $0.text : nil } }) {
            return hit
        }
        let text = make()
        memoLock.withLock { memos[key] = (state.generation, text) }
        return text
    }
}
