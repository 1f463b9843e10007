import Foundation
import KHYAML
import KHModel
import KHRules

/// Formats of `kh rules`.
public enum RulesFormat: String, CaseIterable, Sendable {
    case text, json, md
}

/// `kh rules`: every rule with its code, severity, summary and a failing and a passing example.
public enum RulesReference {
    public static func render(_ rules: [Rule], format: RulesFormat, language: Language) -> String {
        let zh = language == .zh
        switch format {
        case .json:
            return JSON.array(rules.map { r in
                JSON.object([
                    ("code", .string(r.code)), ("name", .string(r.name)), ("severity", .string(r.severity.rawValue)),
                    ("category", .string(r.category.string(language))), ("summary", .string(r.summary.string(language))),
                    ("failing", .string(RuleExample.contrast(r.examples.failing, r.examples.passing).failing)),
                    ("passing", .string(RuleExample.contrast(r.examples.failing, r.examples.passing).passing)),
                ])
            }).rendered() + "\n"
        case .md:
            var out = zh ? "# kh 规则\n\n| 编号 | 名称 | 级别 | 类别 | 说明 |\n|---|---|---|---|---|\n"
                         : "# kh rules\n\n| code | name | severity | category | summary |\n|---|---|---|---|---|\n"
            for r in rules {
                out += "| \(r.code) | \(r.name) | \(r.severity.word(language)) | \(r.category.string(language)) | \(r.summary.string(language)) |\n"
            }
            for r in rules {
                out += "\n## \(r.code) \(r.name)\n\n\(r.summary.string(language))（\(r.severity.word(language))）\n\n"
                let (failing, passing) = RuleExample.contrast(r.examples.failing, r.examples.passing)
                out += (zh ? "不通过的写法：" : "Failing:") + "\n\n```yaml\n\(failing)```\n\n"
                out += (zh ? "通过的写法：" : "Passing:") + "\n\n```yaml\n\(passing)```\n"
            }
            return out
        case .text:
            var out = ""
            for r in rules {
                out += "\(r.code)  \(r.severity.word(language))  \(r.name)  [\(r.category.string(language))]\n"
                out += "  \(r.summary.string(language))\n"
                let (failing, passing) = RuleExample.contrast(r.examples.failing, r.examples.passing)
                out += "  " + (zh ? "不通过：" : "failing:") + "\n" + indent(failing)
                out += "  " + (zh ? "通过：" : "passing:") + "\n" + indent(passing) + "\n"
            }
            return out
        }
    }

    static func indent(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
            .replacingOccurrences(of: "\n    $", with: "", options: .regularExpression) + "\n"
    }
}
