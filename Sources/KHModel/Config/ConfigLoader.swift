import KHSupport
import KHYAML

/// Reads kh.yaml into a `Config`, reporting every problem with its position.
public enum ConfigLoader {
    public static let fileName = "kh.yaml"

    /// Parses kh.yaml. Throws when it cannot be read as YAML at all (kh cannot run);
    /// returns diagnostics for values that are wrong (defaults stand in for them).
    /// `rules` finds a rule by its code (waivers name rules); KHValidation gives `load(bytes:)`,
    /// which passes the registry.
    public static func load(
        bytes: [UInt8], rules: @escaping (String) -> Rule?
    ) throws(KHError) -> (Config, [Diagnostic]) {
        let parsed = YAMLParser.parse(bytes, file: fileName)
        let diagnostics = parsed.diagnostics
        guard let root = parsed.root, !diagnostics.contains(where: { $0.code == Rule.yamlSyntax.code }) else {
            throw KHError(Msg.configUnreadable, diagnostics: diagnostics)
        }
        guard case .mapping(let m) = root else {
            let d = Diagnostic(
                rule: .notAMapping, file: fileName, start: root.start, message: Rules.NotAMapping.message(root.kindName)
            )
            throw KHError(Msg.configUnreadable, diagnostics: diagnostics + [d])
        }
        var builder = ConfigBuilder(mapping: m, rules: rules)
        builder.diagnostics = diagnostics
        builder.build()
        builder.diagnostics += PersonalData.scan(root, file: fileName)
        return (builder.config, builder.diagnostics)
    }
}

private struct ConfigBuilder {
    let mapping: YAMLMapping
    var config = Config()
    package var diagnostics: [Diagnostic] = []
    let file = ConfigLoader.fileName
    let rules: (String) -> Rule?

    init(mapping: YAMLMapping, rules: @escaping (String) -> Rule?) {
        self.mapping = mapping
        self.rules = rules
    }

    mutating func invalid(_ node: YAMLNode?, _ path: String, _ message: Text, rule: Rule = .configInvalid) {
        diagnostics.append(
            Diagnostic(
                rule: rule, file: file, start: node?.start ?? mapping.start, end: node?.end,
                path: path, message: message))
    }

    mutating func build() {
        var checker = FieldChecker(config: Config(), file: file)
        checker.check(mapping: mapping, schema: Declarations.config, path: "")
        // Team names are not known yet while checking kh.yaml itself; there are no person fields in it.
        diagnostics += checker.diagnostics
        let bad = Set(checker.diagnostics.compactMap(\.path))
        func ok(_ path: String) -> Bool {
            !bad.contains(where: { $0 == path || $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[") })
        }

        buildNameAndNumbers(ok)
        buildLists()
        buildTeam()
        buildDefaultCreator()
        buildGradesAndClasses()
        buildCadenceAndLimits(ok)
        buildFields()
        buildWaivers()
        if ok(ConfigKey.secrecyReaders), let m = mapping[ConfigKey.secrecyReaders]?.mapping {
            for level in ["秘密", "机密"] {
                config.secrecyReaders[level] = m[level]?.sequence?.items.compactMap(\.text)
            }
        }
    }

    /// 档案库, 时区, 语言 and 编号 (its 前缀 and 位数).
    mutating func buildNameAndNumbers(_ ok: (String) -> Bool) {
        if let v = mapping.text(ConfigKey.archiveName) { config.archiveName = v }
        if let v = mapping.text(ConfigKey.timeZone), ok(ConfigKey.timeZone) { config.timeZone = v }
        if let v = mapping.text(ConfigKey.language), let l = Language(rawValue: v) { config.language = l }
        if let n = mapping.submapping(ConfigKey.numbering) {
            if let p = n.text(ConfigKey.numberPrefix) {
                if p.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                    config.numberPrefix = p
                } else {
                    invalid(
                        n[ConfigKey.numberPrefix], "\(ConfigKey.numbering).\(ConfigKey.numberPrefix)",
                        Rules.ConfigInvalid.badPrefix(p))
                }
            }
            if let w = n.text(ConfigKey.numberWidth), let width = Values.integer(w) {
                if (1...6).contains(width) {
                    config.numberWidth = width
                } else {
                    invalid(
                        n[ConfigKey.numberWidth], "\(ConfigKey.numbering).\(ConfigKey.numberWidth)",
                        Rules.ConfigInvalid.badWidth(width))
                }
            }
        }
    }

    /// 互动记录分组, the lists of kh.yaml (行业, 营收区间, 信息来源) and 退役编号.
    mutating func buildLists() {
        config.groupByProject = mapping.text(ConfigKey.interactionGrouping) == "项目"
        for key in [ConfigList.industries, .revenueRanges, .sources] {
            guard mapping[key.rawValue] != nil, let values = list(key.rawValue) else { continue }
            switch key {
            case .industries: config.industries = values
            case .revenueRanges: config.revenueRanges = values
            case .sources: config.sources = values
            }
        }
        if let retired = mapping[ConfigKey.retiredNumbers]?.sequence {
            for (i, item) in retired.items.enumerated() {
                guard let t = item.text else { continue }
                if config.parseNumber(Substring(t)) == nil {
                    invalid(
                        item, "\(ConfigKey.retiredNumbers)[\(i + 1)]",
                        Rules.ConfigInvalid.badRetiredNumber(t, example: config.number(year: 2024, sequence: 1)))
                }
                config.retiredNumbers.append(t)
            }
        }
    }

    /// 默认创建人: a member of 团队.
    mutating func buildDefaultCreator() {
        if let v = mapping.text(ConfigKey.defaultCreator) {
            if config.member(named: v) != nil {
                config.defaultCreator = v
            } else {
                invalid(
                    mapping[ConfigKey.defaultCreator], ConfigKey.defaultCreator,
                    Rules.UnknownPerson.message(v, suggestion: Suggest.nearest(v, in: config.team.map(\.name))))
            }
        }
    }

    /// 价值等级's thresholds, 完整度 and 客户分类.
    mutating func buildGradesAndClasses() {
        if let g = mapping.submapping(ConfigKey.gradeThresholds) {
            let a = g.money("A")?.0
            let b = g.money("B")?.0
            let c = g.money("C")?.0
            if let a, let b, let c {
                if a > b && b > c {
                    config.gradeThresholds = (a, b, c)
                } else {
                    invalid(
                        mapping[ConfigKey.gradeThresholds], ConfigKey.gradeThresholds, Rules.ConfigInvalid.gradeOrder)
                }
            }
        }
        if let v = mapping.text(ConfigKey.completeness), let f = Values.fraction(v) { config.completeness = f }
        if let classes = mapping.submapping(ConfigKey.classes) {
            for (i, name) in ["重要", "稳定"].enumerated() {
                guard let c = classes.submapping(name),
                    let y = c.text(ConfigKey.consecutiveYears).flatMap(Values.integer),
                    let (cents, _) = c.money(ConfigKey.yearAmount)
                else { continue }
                config.classes[i] = (name, y, cents)
            }
        }
    }

    /// 维护频率 (used by kh review) and 问题时限 (kh review and kh report; hours, whole or decimal,
    /// kept in minutes): a tier or level whose entry the schema check found wrong keeps its
    /// default (the check has reported it).
    mutating func buildCadenceAndLimits(_ ok: (String) -> Bool) {
        if let cadence = mapping.submapping(ConfigKey.cadence) {
            for tier in Declarations.tiers where ok("\(ConfigKey.cadence).\(tier)") {
                guard let c = cadence.submapping(tier),
                    let period = c.text(ConfigKey.cadencePeriod).flatMap(CadencePeriod.init(rawValue:)),
                    let count = c.text(ConfigKey.cadenceCount).flatMap(Values.integer)
                else { continue }
                config.cadence[tier] = Cadence(period: period, count: count)
            }
        }
        if let limits = mapping.submapping(ConfigKey.problemLimits) {
            for level in config.problemLimits.levels.map(\.level) where ok("\(ConfigKey.problemLimits).\(level)") {
                guard let l = limits.submapping(level), let respond = l.text(ConfigKey.respond).flatMap(Values.hours),
                    let resolve = l.text(ConfigKey.resolve).flatMap(Values.hours)
                else { continue }
                config.problemLimits.set(ProblemLimits.Limit(level: level, respond: respond, resolve: resolve))
            }
        }
    }

    /// A list of distinct non-empty texts.
    mutating func list(_ key: String) -> [String]? {
        guard let seq = mapping[key]?.sequence else { return nil }
        var out: [String] = []
        for (i, item) in seq.items.enumerated() {
            guard let t = item.text?.trimmingWhitespace(), !t.isEmpty else { continue }
            if out.contains(t) {
                invalid(item, "\(key)[\(i + 1)]", Rules.ConfigInvalid.duplicateInList(t, key))
            } else {
                out.append(t)
            }
        }
        if out.isEmpty {
            invalid(mapping[key], key, Rules.ConfigInvalid.emptyList(key))
            return nil
        }
        return out
    }

    mutating func buildTeam() {
        guard let seq = mapping[ConfigKey.team]?.sequence else { return }
        var seen: Set<String> = []
        for (i, item) in seq.items.enumerated() {
            guard let m = item.mapping, let name = m.text(ConfigKey.memberName) else { continue }
            if seen.contains(name) {
                invalid(
                    m[ConfigKey.memberName], "\(ConfigKey.team)[\(i + 1)].\(ConfigKey.memberName)",
                    Rules.ConfigInvalid.duplicateInList(name, ConfigKey.team))
                continue
            }
            seen.insert(name)
            config.team.append(
                TeamMember(
                    name: name, department: m.text(ConfigKey.department), role: m.text(ConfigKey.role) ?? "销售",
                    git: m.text(ConfigKey.git), active: m.text(ConfigKey.serving) != "否"))
        }
    }

    mutating func buildFields() {
        guard let fields = mapping[ConfigKey.fields] else { return }
        guard case .mapping(let byType) = fields else {
            if !fields.isAbsent {
                invalid(
                    fields, ConfigKey.fields,
                    Rules.WrongShape.message(
                        ConfigKey.fields, found: fields.kindName, expected: ValueType.mapping(Schema([])).expected))
            }
            return
        }
        let typeNames = DocumentType.allCases.map(\.rawValue)
        for entry in byType.entries {
            let path = "\(ConfigKey.fields).\(entry.key.value)"
            guard let type = DocumentType(rawValue: entry.key.value) else {
                invalid(
                    .scalar(entry.key), path,
                    Rules.ConfigInvalid.unknownDocumentType(
                        entry.key.value, suggestion: Suggest.nearest(entry.key.value, in: typeNames), known: typeNames))
                continue
            }
            guard case .mapping(let spec) = entry.value else {
                if !entry.value.isAbsent {
                    invalid(
                        entry.value, path,
                        Rules.WrongShape.message(
                            entry.key.value, found: entry.value.kindName,
                            expected: ValueType.mapping(Schema([])).expected))
                }
                continue
            }
            var schema = config.schemas[type]!
            for key in spec.entries
            where key.key.value != ConfigKey.requiredFields && key.key.value != ConfigKey.addedFields {
                invalid(
                    .scalar(key.key), "\(path).\(key.key.value)",
                    Rules.UnknownField.message(
                        key.key.value,
                        suggestion: Suggest.nearest(
                            key.key.value, in: [ConfigKey.requiredFields, ConfigKey.addedFields]),
                        known: [ConfigKey.requiredFields, ConfigKey.addedFields]))
            }
            if let added = spec[ConfigKey.addedFields] { addFields(added, to: &schema, of: type, path: path) }
            if let required = spec[ConfigKey.requiredFields] { requireFields(required, in: &schema, path: path) }
            config.schemas[type] = schema
        }
    }

    /// 字段.<type>.新增: fields added to the document type's schema, each with its type.
    mutating func addFields(_ added: YAMLNode, to schema: inout Schema, of type: DocumentType, path: String) {
        if case .mapping(let adds) = added {
            for add in adds.entries {
                let name = add.key.value
                if schema[name] != nil {
                    invalid(
                        .scalar(add.key), "\(path).\(ConfigKey.addedFields).\(name)",
                        Rules.ConfigInvalid.fieldExists(name, type.rawValue))
                    continue
                }
                if let t = fieldType(add.value, path: "\(path).\(ConfigKey.addedFields).\(name)") {
                    schema.add(Field(name, t))
                }
            }
        } else if !added.isAbsent {
            invalid(
                added, "\(path).\(ConfigKey.addedFields)",
                Rules.WrongShape.message(
                    ConfigKey.addedFields, found: added.kindName, expected: ValueType.mapping(Schema([])).expected))
        }
    }

    /// 字段.<type>.必填: fields of the schema made required.
    mutating func requireFields(_ required: YAMLNode, in schema: inout Schema, path: String) {
        if case .sequence(let names) = required {
            for (i, n) in names.items.enumerated() {
                guard let name = n.text else { continue }
                if !schema.makeRequired(name) {
                    invalid(
                        n, "\(path).\(ConfigKey.requiredFields)[\(i + 1)]",
                        Rules.UnknownField.message(
                            name, suggestion: Suggest.nearest(name, in: schema.names), known: schema.names))
                }
            }
        } else if !required.isAbsent {
            invalid(
                required, "\(path).\(ConfigKey.requiredFields)",
                Rules.WrongShape.message(
                    ConfigKey.requiredFields, found: required.kindName, expected: ValueType.list(.text).expected))
        }
    }

    /// `text`, or `{类型: enum, 取值: [...]}`, or `{类型: text}`.
    mutating func fieldType(_ node: YAMLNode, path: String) -> ValueType? {
        let names = ValueType.named.keys.sorted() + ["enum"]
        if let name = node.text {
            if let t = ValueType.named[name] { return t }
            invalid(
                node, path,
                Rules.ConfigInvalid.unknownTypeName(name, suggestion: Suggest.nearest(name, in: names), known: names))
            return nil
        }
        guard case .mapping(let m) = node, let name = m.text(ConfigKey.fieldType) else {
            invalid(node, path, Rules.ConfigInvalid.unknownTypeName(node.text ?? "", suggestion: nil, known: names))
            return nil
        }
        for key in m.entries where key.key.value != ConfigKey.fieldType && key.key.value != ConfigKey.fieldValues {
            invalid(
                .scalar(key.key), "\(path).\(key.key.value)",
                Rules.UnknownField.message(
                    key.key.value, suggestion: nil, known: [ConfigKey.fieldType, ConfigKey.fieldValues]))
        }
        if name == "enum" {
            let values = m.items(ConfigKey.fieldValues).compactMap(\.text)
            if values.isEmpty {
                invalid(
                    m[ConfigKey.fieldValues] ?? node, "\(path).\(ConfigKey.fieldValues)",
                    Rules.ConfigInvalid.emptyList(ConfigKey.fieldValues))
                return nil
            }
            return .choice(values)
        }
        if let t = ValueType.named[name] { return t }
        invalid(
            m[ConfigKey.fieldType], "\(path).\(ConfigKey.fieldType)",
            Rules.ConfigInvalid.unknownTypeName(name, suggestion: Suggest.nearest(name, in: names), known: names))
        return nil
    }

    mutating func buildWaivers() {
        guard let seq = mapping[ConfigKey.waivers]?.sequence else { return }
        for (i, item) in seq.items.enumerated() {
            guard let m = item.mapping else { continue }
            let path = "\(ConfigKey.waivers)[\(i + 1)]"
            guard let code = m.text(ConfigKey.waiverRule), let file = m.text(ConfigKey.waiverFile),
                m.text(ConfigKey.waiverReason) != nil
            else { continue }
            guard let rule = rules(code) else {
                invalid(
                    m[ConfigKey.waiverRule], "\(path).\(ConfigKey.waiverRule)", Rules.WaiverInvalid.unknownRule(code),
                    rule: .waiverInvalid)
                continue
            }
            if !Rules.WaiverInvalid.namesOneFile(file) {
                invalid(
                    m[ConfigKey.waiverFile], "\(path).\(ConfigKey.waiverFile)", Rules.WaiverInvalid.notAFile(file),
                    rule: .waiverInvalid)
                continue
            }
            config.waivers.append(
                Waiver(code: rule.code, file: file, reason: m.text(ConfigKey.waiverReason) ?? "", mark: item.start))
        }
    }
}
