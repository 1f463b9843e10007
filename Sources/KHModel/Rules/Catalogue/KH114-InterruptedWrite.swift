import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH114 interrupted-write.
    public enum InterruptedWrite: RuleDefinition {
        public static let rule = Rule(code: "KH114", name: "interrupted-write", severity: .error,
                                      summary: Text(zh: "kh 的一次写入被中断，档案可能只改了一半", en: "a kh write was interrupted: the archive may be half-changed"))

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            // kh was killed (SIGKILL, a power cut) while it replaced 基本信息.yaml: the journal
            // and the original are under .kh/tx-4242/. `kh recover` puts the original back.
            return (RuleExample(files: [(".kh/tx-4242/journal", "modify\t0\t\(E.basicInfoPath)\n"), (".kh/tx-4242/0", E.basicInfo)]),
                    RuleExample())
        }
    }
}

extension Rule {
    public static let interruptedWrite = Rules.InterruptedWrite.rule
}
