import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH114 interrupted-write.
    public enum InterruptedWrite: RuleDefinition {
        public static let rule = Rule(
            code: "KH114", name: "interrupted-write", severity: .error,
            summary: Text(
                zh: "kh 的一次写入被中断，档案可能只改了一半", en: "a kh write was interrupted: the archive may be half-changed"))

        /// Raised by the validator for each journal `Recovery` finds; the writing commands
        /// print it as a note before they recover.
        public static func message(_ folder: String) -> Text {
            let pid = folder.split(separator: "-").last.map(String.init) ?? "?"
            return Text(
                zh: "kh 的一次写入被中断（进程 \(pid) 未能完成，改动记录在 \(folder)），档案可能只改了一半；运行 kh recover 恢复到写入之前的状态（任何写入命令也会先自动恢复）",
                en:
                    "a kh write was interrupted (process \(pid) did not finish; its journal is in \(folder)): the archive may be half-changed; run kh recover to put it back as it was before that write (any writing command also does this first)"
            )
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            // kh was killed (SIGKILL, a power cut) while it replaced 基本信息.yaml: the journal
            // and the original are under .kh/tx-4242/. `kh recover` puts the original back.
            return (
                RuleExample(files: [
                    (".kh/tx-4242/journal", "modify\t0\t\(E.basicInfoPath)\n"), (".kh/tx-4242/0", E.basicInfo),
                ]),
                RuleExample()
            )
        }
    }
}

extension Rule {
    public static let interruptedWrite = Rules.InterruptedWrite.rule
}
