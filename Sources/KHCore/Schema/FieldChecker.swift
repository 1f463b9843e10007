/// Checks a document's tree against a schema: presence, shape, types, lists, unknown keys.
/// Rules that relate several fields live in the document checks (`Rules/`).
struct FieldChecker {
    let config: Config
    let file: String
    /// 客户类型 of the customer, for fields that apply to one type only.
    var customerType: String?
    var diagnostics: [Diagnostic] = []

    init(config: Config, file: String, customerType: String? = nil) {
        self.config = config
        self.file = file
        self.customerType = customerType
    }

    static let levels = ["高", "中", "低"]
    static let yesno = ["是", "否"]

    static func join(_ parent: String, _ name: String) -> String {
        parent.isEmpty ? name : parent + "." + name
    }

    mutating func emit(_ rule: Rule, _ node: YAMLNode?, at mark: Mark? = nil, path: String, _ message: Text,
                       severity: Severity? = nil) {
        diagnostics.append(Diagnostic(rule: rule, file: file, start: mark ?? node?.start,
                                      end: mark == nil ? node?.end : nil, path: path, message: message,
                                      severity: severity))
    }

    mutating func check(mapping: YAMLMapping, schema: Schema, path: String) {
        for field in schema.fields {
            let entry = mapping.entry(field.name)
            if entry == nil && field.requirement == .optional { continue }
            var fieldPath: String { Self.join(path, field.name) }
            var required = false
            var applicable = true
            switch field.requirement {
            case .optional: break
            case .required: required = true
            case .requiredFor(let t), .onlyFor(let t):
                if let customerType {
                    applicable = customerType.same(t)
                    if case .requiredFor = field.requirement { required = applicable }
                }
            }
            guard let entry, !entry.value.isAbsent else {
                if required {
                    let mark = entry?.key.start ?? mapping.start
                    emit(.missingField, nil, at: mark, path: fieldPath, Msg.missingField(field, inEmpty: entry != nil))
                }
                continue
            }
            if !applicable, let customerType {
                emit(.notApplicable, nil, at: entry.key.start, path: fieldPath,
                     Msg.notApplicable(field.name, customerType: customerType))
            }
            if entry.value.isPending {
                if required { emit(.pendingRequired, entry.value, path: fieldPath, Msg.pendingRequired(field.name)) }
                continue
            }
            check(node: entry.value, type: field.type, path: fieldPath, name: field.name, required: required)
        }
        for entry in mapping.entries where schema[entry.key.value] == nil {
            let suggestion = Suggest.nearest(entry.key.value, in: schema.names.filter { mapping.entry($0) == nil })
            emit(.unknownField, nil, at: entry.key.start, path: Self.join(path, entry.key.value),
                 Msg.unknownField(entry.key.value, suggestion: suggestion, known: schema.names))
        }
    }

    mutating func check(node: YAMLNode, type: ValueType, path: String, name: String, required: Bool = false) {
        switch type {
        case .any:
            return
        case .list(let itemType):
            guard case .sequence(let seq) = node else {
                emit(.wrongShape, node, path: path, Msg.wrongShape(name, found: node.kindName, expected: type.expected))
                return
            }
            if required && seq.items.isEmpty {
                emit(.missingField, node, path: path, Msg.emptyList(name))
            }
            for (i, item) in seq.items.enumerated() {
                let itemPath = "\(path)[\(i + 1)]"
                if item.isPending { continue }
                if item.isAbsent {
                    emit(.badValue, item, path: itemPath, Msg.emptyItem(name, expected: itemType.expected))
                    continue
                }
                check(node: item, type: itemType, path: itemPath, name: name)
            }
        case .mapping(let schema):
            guard case .mapping(let m) = node else {
                emit(.wrongShape, node, path: path, Msg.wrongShape(name, found: node.kindName, expected: type.expected))
                return
            }
            check(mapping: m, schema: schema, path: path)
        default:
            guard case .scalar(let s) = node else {
                emit(.wrongShape, node, path: path, Msg.wrongShape(name, found: node.kindName, expected: type.expected))
                return
            }
            checkScalar(s, node: node, type: type, path: path, name: name)
        }
    }

    private mutating func checkScalar(_ s: YAMLScalar, node: YAMLNode, type: ValueType, path: String, name: String) {
        let raw = s.value
        let value = raw.trimmingWhitespace()
        func bad(_ hint: Text? = nil) {
            emit(.badValue, node, path: path, Msg.badValue(name, found: raw, expected: type.expected, hint: hint))
        }
        switch type {
        case .text:
            if value.isEmpty { bad() }
        case .date:
            if Values.date(value) == nil { bad(Msg.dateHint(value)) }
        case .datetime:
            if Values.datetime(value) == nil { bad(Msg.datetimeHint(value)) }
        case .year:
            if Values.year(value) == nil { bad() }
        case .money, .moneyWan:
            if Values.money(value) == nil { bad(Msg.moneyHint(value)) }
        case .integer:
            if Values.integer(value) == nil { bad() }
        case .fraction:
            if Values.fraction(value) == nil { bad() }
        case .level:
            if !Self.levels.containsSame(value) { notInList(value, Self.levels, node, path, name) }
        case .yesno:
            if !Self.yesno.containsSame(value) { notInList(value, Self.yesno, node, path, name) }
        case .mobile:
            if Values.mobile(value) == nil { bad(Values.isPhone(value) ? Msg.landlineInMobile : nil) }
        case .phone:
            if !Values.isPhone(value) { bad(Values.mobile(value) != nil ? Msg.mobileInPhone : nil) }
        case .email:
            if !Values.isEmail(value) { bad() }
        case .url:
            if !Values.isURL(value) { bad() }
        case .creditCode:
            if let problem = Values.creditCodeProblem(value) {
                bad(problem.isEmpty ? nil : Msg.creditCheck(expected: problem))
            }
        case .person:
            if config.member(named: value) == nil {
                let suggestion = Suggest.nearest(value, in: config.team.map(\.name))
                emit(.unknownPerson, node, path: path, Msg.unknownPerson(value, suggestion: suggestion))
            }
        case .choice(let values):
            if !values.containsSame(value) { notInList(value, values, node, path, name) }
        case .configChoice(let list):
            let values = config.list(list)
            if !values.containsSame(value) { notInList(value, values, node, path, name, list: list) }
        case .list, .mapping, .any:
            break
        }
    }

    private mutating func notInList(_ value: String, _ values: [String], _ node: YAMLNode, _ path: String,
                                    _ name: String, list: ConfigList? = nil) {
        emit(.notInList, node, path: path,
             Msg.notInList(name, found: value, allowed: values, suggestion: Suggest.nearest(value, in: values), list: list))
    }
}
