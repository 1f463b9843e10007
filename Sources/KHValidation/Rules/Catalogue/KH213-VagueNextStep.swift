import KHModel
import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH213 vague-next-step: the manual's 下一步计划需具体 — a next step says what will be done
    /// ("5 月 15 日前提供报价单"), never just "继续跟进". The same check refuses a vague step in
    /// kh log and leaves one out of kh import; here it is a notice on the records already
    /// written (only steps still 待办: a done step is history).
    public enum VagueNextStep: CustomerRule {
        public static let rule = Rule(
            code: "KH213", name: "vague-next-step", severity: .notice,
            summary: Text(
                zh: "下一步计划的事项不具体（如 继续跟进、尽快联系）",
                en: "a next step that says nothing concrete (like 继续跟进, 尽快联系)"))

        /// Words that only say "keep in touch": a step made of these (with the adverbs and
        /// endings below around them) names no action.
        static let bareActions: Set<String> = [
            "跟进", "联系", "沟通", "跟踪", "关注", "处理", "回复", "对接", "推进", "了解", "回访",
            "等待", "等待回复", "等回复", "等通知", "等消息", "待定", "再说", "看情况", "视情况而定",
            "保持联系", "保持沟通", "保持跟进",
        ]
        static let adverbs = [
            "尽快", "及时", "抓紧", "继续", "持续", "后续", "进一步", "保持", "随时", "适时", "择机", "再次", "再", "多", "待", "等客户", "等",
        ]
        static let endings = ["一下", "客户", "对方", "中", "即可", "再说"]

        /// True when `task` names no concrete action: shorter than two characters, or only
        /// adverbs and endings around a bare action (继续跟进, 尽快联系客户, 保持沟通, 等待回复…).
        /// Punctuation and spaces are ignored.
        public static func isVague(_ task: String) -> Bool {
            var t = String(
                task.unicodeScalars.filter { !$0.properties.isWhitespace && !isPunctuation($0) }.map(Character.init))
            if t.count < 2 { return true }
            var changed = true
            while changed {
                changed = false
                if bareActions.contains(t) { return true }
                for a in adverbs where t.hasPrefix(a) && t.count > a.count {
                    t.removeFirst(a.count)
                    changed = true
                    break
                }
                for e in endings where t.hasSuffix(e) && t.count > e.count {
                    t.removeLast(e.count)
                    changed = true
                    break
                }
            }
            return bareActions.contains(t)
        }

        static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
            switch s.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                .finalPunctuation, .otherPunctuation:
                return true
            default:
                return false
            }
        }

        package static func message(_ task: String) -> Text {
            Text(
                zh: "下一步计划「\(task)」不够具体：请写明要做的事（如「5 月 15 日前提供报价单」）",
                en: "next step '\(task)' is not concrete: say what will be done (e.g. 'send the quotation by 15 May')")
        }

        package static func check(_ s: CustomerSnapshot, config: Config, into out: inout [Diagnostic]) {
            for r in s.interactions {
                for step in r.openSteps {
                    guard let task = step.task, isVague(task), let node = step.mapping[FieldName.task] else { continue }
                    out.append(
                        Diagnostic(
                            rule: rule, file: r.path, start: node.start, end: node.end,
                            path: step.path + "." + FieldName.task, message: message(task)))
                }
            }
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            (
                RuleExample.edit(E.interactionPath, E.interaction, "事项: 3月20日前提交二期方案", "事项: 尽快跟进"),
                .file(E.interactionPath, E.interaction)
            )
        }
    }
}

extension Rule {
    public static let vagueNextStep = Rules.VagueNextStep.rule
}
