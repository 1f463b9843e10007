import KHSupport
import KHYAML

/// Checks a document's tree against a schema: presence, shape, types, lists, unknown keys.
/// Rules that relate several fields live in the document checks (`Rules/`).
package struct FieldChecker {
    let config: Config
    let file: String
    /// 客户类型 of the customer, for fields that apply to one type only.
    var customerType: String?
    package var diagnostics: [Diagnostic] = []

    package init(config: Config, file: String, customerType: String? = nil) {
        self.config = config
        self.file = file
        self.customerType = customerType
    }

    package static let levels = ["高", "中", "低"]
    package static let yesno = ["是", "否"]

    static func join(_ parent: String, _ name: String) -> String {
        parent.isEmpty ? name : parent + "." + name
    }

    mutating func emit(
        _ rule: Rule, _ node: YAMLNode?, at mark: Mark? = nil, path: String, _ message: Text,
        severity: Severity? = nil, fix: Fix? = nil
    ) {
        diagnostics.append(
            Diagnostic(
                rule: rule, file: file, start: mark ?? node?.start,
                end: mark == nil ? node?.end : nil, path: path, message: message,
                severity: severity, fix: fix))
    }

    /// `kh fix`'s replacement for a one-line scalar of `type`, when a safe one exists.
    private func repair(_ s: YAMLScalar, _ type: ValueType) -> Fix? {
        guard s.start.line == s.end.line, s.style != .literal, s.style != .folded,
            let fixed = Repair.value(s.value, type: type, config: config)
        else { return nil }
        return .replace(fixed)
    }

    package mutating func check(mapping: YAMLMapping, schema: Schema, path: String) {
        var seen = FieldSet()
        for entry in mapping.entries {
            let key = entry.key.value
            guard let index = schema.index(key) else {
                let suggestion = Suggest.nearest(key, in: schema.names.filter { mapping.entry($0) == nil })
                emit(
                    .unknownField, nil, at: entry.key.start, path: Self.join(path, key),
                    Rules.UnknownField.message(key, suggestion: suggestion, known: schema.names))
                continue
            }
            seen.insert(index)
            let field = schema.fields[index]
            let required = Rules.MissingField.isRequired(field, for: customerType)
            if entry.value.isAbsent {
                if required {
                    emit(
                        .missingField, nil, at: entry.key.start, path: Self.join(path, key),
                        Rules.MissingField.message(field, inEmpty: true))
                }
                continue
            }
            if let customerType, !Rules.NotApplicable.applies(field, to: customerType) {
                emit(
                    .notApplicable, nil, at: entry.key.start, path: Self.join(path, key),
                    Rules.NotApplicable.message(key, customerType: customerType))
            }
            if entry.value.isPending {
                if required {
                    emit(.pendingRequired, entry.value, path: Self.join(path, key), Rules.PendingRequired.message(key))
                }
                continue
            }
            check(node: entry.value, type: field.type, parent: path, name: field.name, required: required)
        }
        for (index, field) in schema.fields.enumerated() where field.requirement != .optional && !seen.contains(index) {
            if Rules.MissingField.isRequired(field, for: customerType) {
                emit(
                    .missingField, nil, at: mapping.start, path: Self.join(path, field.name),
                    Rules.MissingField.message(field, inEmpty: false))
            }
        }
    }

    /// Checks a value of `type`; its path (`parent.name`) is built only when needed.
    package mutating func check(node: YAMLNode, type: ValueType, parent: String, name: String, required: Bool = false) {
        switch type {
        case .any:
            return
        case .list(let itemType):
            let path = Self.join(parent, name)
            guard case .sequence(let seq) = node else {
                emit(
                    .wrongShape, node, path: path,
                    Rules.WrongShape.message(name, found: node.kindName, expected: type.expected))
                return
            }
            if required && seq.items.isEmpty {
                emit(.missingField, node, path: path, Rules.MissingField.emptyListMessage(name))
            }
            for (i, item) in seq.items.enumerated() {
                if item.isPending { continue }
                if item.isAbsent {
                    emit(
                        .badValue, item, path: "\(path)[\(i + 1)]",
                        Rules.BadValue.emptyItemMessage(name, expected: itemType.expected))
                    continue
                }
                check(item: item, type: itemType, path: "\(path)[\(i + 1)]", name: name)
            }
        case .mapping(let schema):
            guard case .mapping(let m) = node else {
                emit(
                    .wrongShape, node, path: Self.join(parent, name),
                    Rules.WrongShape.message(name, found: node.kindName, expected: type.expected))
                return
            }
            check(mapping: m, schema: schema, path: Self.join(parent, name))
        default:
            guard case .scalar(let s) = node else {
                emit(
                    .wrongShape, node, path: Self.join(parent, name),
                    Rules.WrongShape.message(name, found: node.kindName, expected: type.expected))
                return
            }
            checkScalar(s, node: node, type: type, parent: parent, name: name)
        }
    }

    /// A list item: its path is already known (`联系人[2]`).
    private mutating func check(item: YAMLNode, type: ValueType, path: String, name: String) {
        switch type {
        case .mapping(let schema):
            guard case .mapping(let m) = item else {
                emit(
                    .wrongShape, item, path: path,
                    Rules.WrongShape.message(name, found: item.kindName, expected: type.expected))
                return
            }
            check(mapping: m, schema: schema, path: path)
        case .list, .any:
            check(node: item, type: type, parent: "", name: path)
        default:
            guard case .scalar(let s) = item else {
                emit(
                    .wrongShape, item, path: path,
                    Rules.WrongShape.message(name, found: item.kindName, expected: type.expected))
                return
            }
            checkScalar(s, node: item, type: type, parent: "", name: name, path: path)
        }
    }

    private mutating func checkScalar(
        _ s: YAMLScalar, node: YAMLNode, type: ValueType, parent: String, name: String,
        path knownPath: String? = nil
    ) {
        let raw = s.value
        let value = raw.trimmingWhitespace()
        var path: String { knownPath ?? Self.join(parent, name) }
        func bad(_ hint: Text? = nil) {
            emit(
                .badValue, node, path: path,
                Rules.BadValue.message(name, found: raw, expected: type.expected, hint: hint), fix: repair(s, type))
        }
        switch type {
        case .text:
            if value.isEmpty { bad() }
        case .date:
            if Values.date(value) == nil { bad(Rules.BadValue.dateHint(value)) }
        case .datetime:
            if Values.datetime(value) == nil { bad(Rules.BadValue.datetimeHint(value)) }
        case .year:
            if Values.year(value) == nil { bad() }
        case .money, .moneyWan:
            if Values.money(value) == nil { bad(Rules.BadValue.moneyHint(value)) }
        case .integer:
            if Values.integer(value) == nil { bad() }
        case .fraction:
            if Values.fraction(value) == nil { bad() }
        case .hours:
            if Values.hours(value) == nil { bad() }
        case .level:
            if !Self.levels.containsSame(value) {
                notInList(value, Self.levels, node, path, name, fix: repair(s, type))
            }
        case .yesno:
            if !Self.yesno.containsSame(value) { notInList(value, Self.yesno, node, path, name, fix: repair(s, type)) }
        case .mobile:
            if Values.mobile(value) == nil { bad(Values.isPhone(value) ? Rules.BadValue.landlineInMobile : nil) }
        case .phone:
            if !Values.isPhone(value) { bad(Values.mobile(value) != nil ? Rules.BadValue.mobileInPhone : nil) }
        case .email:
            if !Values.isEmail(value) { bad() }
        case .url:
            if !Values.isURL(value) { bad() }
        case .creditCode:
            if let problem = Values.creditCodeProblem(value) {
                bad(problem.isEmpty ? nil : Rules.BadValue.creditCheck(expected: problem))
            }
        case .person:
            if config.member(named: value) == nil {
                let suggestion = Suggest.nearest(value, in: config.team.map(\.name))
                emit(.unknownPerson, node, path: path, Rules.UnknownPerson.message(value, suggestion: suggestion))
            }
        case .choice(let values):
            if !values.containsSame(value) { notInList(value, values, node, path, name, fix: repair(s, type)) }
        case .configChoice(let list):
            let values = config.list(list)
            if !values.containsSame(value) {
                notInList(value, values, node, path, name, list: list, fix: repair(s, type))
            }
        case .list, .mapping, .any:
            break
        }
    }

    private mutating func notInList(
        _ value: String, _ values: [String], _ node: YAMLNode, _ path: @autoclosure () -> String,
        _ name: String, list: ConfigList? = nil, fix: Fix? = nil
    ) {
        emit(
            .notInList, node, path: path(),
            Rules.NotInList.message(
                name, found: value, allowed: values, suggestion: Suggest.nearest(value, in: values), list: list),
            fix: fix)
    }
}

/// Which fields of a schema a mapping has, without allocating for the usual sizes.
struct FieldSet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var more: [Int] = []

    mutating func insert(_ i: Int) {
        if i < 64 { low |= 1 << UInt64(i) } else if i < 128 { high |= 1 << UInt64(i - 64) } else { more.append(i) }
    }

    func contains(_ i: Int) -> Bool {
        if i < 64 { return low & (1 << UInt64(i)) != 0 }
        if i < 128 { return high & (1 << UInt64(i - 64)) != 0 }
        return more.contains(i)
    }
}
