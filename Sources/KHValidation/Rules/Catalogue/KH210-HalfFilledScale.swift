import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH210 half-filled-scale.
    public enum HalfFilledScale: CustomerRule {
        public static let rule = Rule(
            code: "KH210", name: "half-filled-scale", severity: .error,
            summary: Text(zh: "企业规模 的 员工数 和 年营收 须同时填写或都不填", en: "企业规模 needs both 员工数 and 年营收, or neither"))

        static func message(missing: String) -> Text {
            Text(
                zh: "企业规模 的 员工数 和 年营收 须同时填写或都不填；缺少「\(missing)」（不确定可写 待确认）",
                en: "企业规模 needs both 员工数 and 年营收 or neither; '\(missing)' is missing (write 待确认 if unsure)")
        }

        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            guard let b = s.basic, let scale = b.scale, let node = b.node(FieldName.scale) else { return }
            let has = [FieldName.employees, FieldName.revenue].map { scale[$0].map { !$0.isAbsent } ?? false }
            guard has[0] != has[1] else { return }
            out.append(
                Diagnostic(
                    rule: rule, file: b.path, start: node.start, end: node.end, path: FieldName.scale,
                    message: message(missing: has[0] ? FieldName.revenue : FieldName.employees)))
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                RuleExample.edit(E.basicInfoPath, E.basicInfo, "  年营收: 1亿-10亿\n", ""),
                .file(E.basicInfoPath, E.basicInfo)
            )
        }
    }
}

extension Rule {
    public static let halfFilledScale = Rules.HalfFilledScale.rule
}
