import ArgumentParser
import KHYAML
import KHModel
import KHRules
import KHOutputs
import KHWrite

struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "列出所有规则及其编号、级别、说明和示例 (list every rule with code, severity, summary and examples)."
    )

    @Argument(help: "只显示这些规则编号 (only these codes, e.g. KH203).")
    var codes: [String] = []

    @Option(help: "输出格式 output format: text, json, md.")
    var format: RulesFormat = .text

    @OptionGroup var messages: StandaloneLanguageOption

    func run() throws {
        let lang = messages.lang
        var rules = Rule.all
        if !codes.isEmpty {
            rules = []
            for code in codes {
                guard let r = Rule(code: code) else {
                    throw ValidationError(lang == .zh ? "没有规则 \(code)；kh rules 列出全部规则" : "no rule \(code); kh rules lists them all")
                }
                rules.append(r)
            }
        }
        FileHandleOut.stdout(RulesReference.render(rules, format: format, language: lang))
    }
}

extension RulesFormat: ExpressibleByArgument {}
