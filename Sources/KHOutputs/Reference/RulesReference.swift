import Foundation
import KHModel
import KHSupport
import KHValidation
import KHYAML

/// Formats of `kh rules`.
public enum RulesFormat: String, CaseIterable, Sendable {
    case text, json, md
}

/// `kh rules`: every rule with its code, severity, summary and a failing and a passing example;
/// and, asked by code (`kh rules R01`), kh review's checks with the kinds of item they list.
public enum RulesReference {
    /// The codes of kh review's checks, R01…: `kh rules R01` explains one (the printed
    /// to-do list's footnote sends readers there).
    public static var reviewCodes: [String] { ReviewRules.all.map { $0.code } }

    /// The rules, then the review checks named in `review` (codes of `reviewCodes`).
    public static func render(_ rules: [Rule], review: [String] = [], format: RulesFormat, language: Language) -> String
    {
        let checks = review.compactMap { code in ReviewRules.all.first { $0.code == code } }
        switch format {
        case .json: return json(rules, checks, language: language)
        case .md: return markdown(rules, checks, language: language)
        case .text: return text(rules, checks, language: language)
        }
    }

    /// `kh rules --format json`: the rules and the review checks as one array.
    private static func json(_ rules: [Rule], _ checks: [any ReviewRule.Type], language: Language) -> String {
        JSON.array(
            rules.map { r in
                JSON.object([
                    ("code", .string(r.code)), ("name", .string(r.name)),
                    ("severity", .string(r.severity.rawValue)),
                    ("category", .string(r.category.string(language))),
                    ("summary", .string(r.summary.string(language))),
                    ("failing", .string(RuleExample.contrast(r.examples.failing, r.examples.passing).failing)),
                    ("passing", .string(RuleExample.contrast(r.examples.failing, r.examples.passing).passing)),
                ])
            }
                + checks.map { c in
                    JSON.object([
                        ("code", .string(c.code)), ("name", .string(c.name)), ("command", .string("review")),
                        ("summary", .string(c.summary.string(language))),
                        (
                            "kinds",
                            .array(
                                c.kinds.map { k in
                                    JSON.object([
                                        ("kind", .string(k.rawValue)), ("level", .string(k.level.rawValue)),
                                    ])
                                })
                        ),
                    ])
                }
        ).rendered() + "\n"
    }

    /// `kh rules --format md`: a table of the rules, each rule's examples, then the review checks' table.
    private static func markdown(_ rules: [Rule], _ checks: [any ReviewRule.Type], language: Language) -> String {
        let zh = language == .zh
        var out = ""
        if !rules.isEmpty {
            out +=
                zh
                ? "# kh 规则\n\n| 编号 | 名称 | 级别 | 类别 | 说明 |\n|---|---|---|---|---|\n"
                : "# kh rules\n\n| code | name | severity | category | summary |\n|---|---|---|---|---|\n"
        }
        for r in rules {
            out +=
                "| \(r.code) | \(r.name) | \(r.severity.word(language)) | \(r.category.string(language)) | \(r.summary.string(language)) |\n"
        }
        for r in rules {
            out += "\n## \(r.code) \(r.name)\n\n\(r.summary.string(language))（\(r.severity.word(language))）\n\n"
            let (failing, passing) = RuleExample.contrast(r.examples.failing, r.examples.passing)
            out += (zh ? "不通过的写法：" : "Failing:") + "\n\n```yaml\n\(failing)```\n\n"
            out += (zh ? "通过的写法：" : "Passing:") + "\n\n```yaml\n\(passing)```\n"
        }
        if !checks.isEmpty {
            out +=
                (out.isEmpty ? "" : "\n")
                + (zh
                    ? "# kh review 的检查\n\n| 代码 | 名称 | 说明 | 待办类型（级别） |\n|---|---|---|---|\n"
                    : "# kh review's checks\n\n| code | name | summary | kinds (level) |\n|---|---|---|---|\n")
            for c in checks {
                let kinds = c.kinds.map {
                    zh
                        ? "`\($0.rawValue)`（\($0.level.word(language))）"
                        : "`\($0.rawValue)` (\($0.level.word(language)))"
                }
                out +=
                    "| \(c.code) | \(c.name) | \(c.summary.string(language)) | \(kinds.joined(separator: zh ? "、" : ", ")) |\n"
            }
        }
        return out
    }

    /// `kh rules`: each rule with its examples, then each review check with its kinds.
    private static func text(_ rules: [Rule], _ checks: [any ReviewRule.Type], language: Language) -> String {
        let zh = language == .zh
        var out = ""
        for r in rules {
            out += "\(r.code)  \(r.severity.word(language))  \(r.name)  [\(r.category.string(language))]\n"
            out += "  \(r.summary.string(language))\n"
            let (failing, passing) = RuleExample.contrast(r.examples.failing, r.examples.passing)
            out += "  " + (zh ? "不通过：" : "failing:") + "\n" + indent(failing)
            out += "  " + (zh ? "通过：" : "passing:") + "\n" + indent(passing) + "\n"
        }
        for c in checks {
            out += "\(c.code)  \(c.name)  [" + (zh ? "kh review 的待办" : "a kh review item") + "]\n"
            out += "  \(c.summary.string(language))\n"
            for k in c.kinds { out += "  \(k.level.word(language))  \(k.rawValue)\n" }
            out +=
                "  "
                + (zh
                    ? "kh review 按日期检查（--as-of），kh validate 不检查"
                    : "kh review checks it at a date (--as-of); kh validate does not") + "\n\n"
        }
        return out
    }

    static func indent(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
            .replacingOccurrences(of: "\n    $", with: "", options: .regularExpression) + "\n"
    }
}
