import ArgumentParser
import Foundation
import KHModel
import KHOutputs
import KHSupport
import KHValidation
import KHWrite
import KHYAML

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "列出所有规则及其编号、级别、说明和示例 (list every rule with code, severity, summary and examples)."
    )

    @Argument(
        help: "只显示这些规则编号；kh review 的代码 R01–R08 也可以 (only these codes, e.g. KH203; kh review's codes R01–R08 too).")
    var codes: [String] = []

    @Option(help: "输出格式 output format: text, json, md.")
    var format: RulesFormat = .text

    @OptionGroup var messages: StandaloneLanguageOption

    func run() throws {
        let lang = messages.lang
        var rules = Rule.all
        var review: [String] = []
        if !codes.isEmpty {
            rules = []
            for code in codes {
                if let r = Rule(code: code) {
                    rules.append(r)
                } else if let r = RulesReference.reviewCodes.first(where: {
                    $0.caseInsensitiveCompare(code) == .orderedSame
                }) {
                    review.append(r)
                } else {
                    let r = RulesReference.reviewCodes
                    let range = (r.first ?? "") + "–" + (r.last ?? "")
                    throw Failure(
                        Text(
                            zh: "没有规则 \(code)；kh rules 列出 kh validate 的全部规则，kh review 的代码是 \(range)",
                            en: "no rule \(code); kh rules lists kh validate's rules, kh review's codes are \(range)"),
                        language: lang)
                }
            }
        }
        FileHandleOut.stdout(RulesReference.render(rules, review: review, format: format, language: lang))
    }
}

extension RulesFormat: ExpressibleByArgument {}
