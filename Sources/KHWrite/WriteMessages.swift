import KHModel
import KHSupport
import KHValidation
import KHYAML

/// Messages of the writing commands (new, log, fix, renumber, retire, reassign, import, export).
public enum WriteMsg {
    public static let locked = Text(
        zh: "另一个 kh 正在写入这个档案库（.kh/lock 被占用）；请等它结束后再试",
        en: "another kh is writing this archive (.kh/lock is held); try again when it has finished")

    public static func cannotWrite(_ path: String, _ reason: String) -> Text {
        Text(zh: "无法写入 \(path)：\(reason)；档案库保持原样", en: "cannot write \(path): \(reason); the archive is as it was")
    }

    static func cannotMove(_ from: String, _ to: String, _ reason: String) -> Text {
        Text(
            zh: "无法把 \(from) 移到 \(to)：\(reason)；档案库保持原样",
            en: "cannot move \(from) to \(to): \(reason); the archive is as it was")
    }

    static let notAFolder = "不是文件夹 / not a folder"
    static let targetExists = "目标已存在 / the target exists"

    static func exists(_ path: String) -> Text {
        Text(zh: "\(path) 已存在，不会覆盖；档案库保持原样", en: "\(path) exists and is not overwritten; the archive is as it was")
    }

    static func missing(_ path: String) -> Text {
        Text(
            zh: "\(path) 不存在（可能刚被改动过）；档案库保持原样",
            en: "\(path) does not exist (it may have just changed); the archive is as it was")
    }

    static func changedMeanwhile(_ path: String) -> Text {
        Text(
            zh: "\(path) 在 kh 读取之后被修改过；请重新运行命令，档案库保持原样",
            en: "\(path) changed after kh read it; run the command again; the archive is as it was")
    }

    static let interrupted = Text(
        zh: "收到中断信号，已撤销全部改动，档案库保持原样", en: "interrupted: every change undone, the archive is as it was")

    static let simulatedFailure = Text(zh: "模拟的写入失败（测试）", en: "simulated write failure (test)")
    static let simulatedCrash = Text(zh: "模拟 kh 在写入中途被杀死（测试）", en: "simulated kill part-way through a write (test)")

    /// What `kh recover` (or a writing command, first) did about interrupted writes.
    public static func recovered(_ o: Recovery.Outcome) -> Text {
        let folders = o.undone.joined(separator: ", ")
        var t = Text(
            zh: "已撤销被中断的写入（\(folders)）：\(o.restored) 处恢复原样，档案库回到那次写入之前的状态",
            en:
                "undid the interrupted write (\(folders)): \(o.restored) item(s) put back; the archive is as it was before that write"
        )
        for path in o.kept {
            t.zh += "\n注意：\(path) 是那次写入新建的，但之后又被改过，已保留，请人工确认"
            t.en += "\nnote: \(path) was created by that write but changed since; kept for you to check"
        }
        return t
    }

    public static let nothingToRecover = Text(zh: "没有被中断的写入，档案库无需恢复", en: "no interrupted write: nothing to recover")

    public static func written(_ count: Int) -> Text {
        Text(zh: "已写入 \(count) 处改动", en: "\(count) changes written")
    }

    public static let dryRunNote = Text(
        zh: "（演练：没有写入任何文件；去掉 --dry-run 即可执行）",
        en: "(dry run: nothing was written; run without --dry-run to apply)")

    public static let nothingToDo = Text(zh: "没有需要改动的地方", en: "nothing to change")
    /// After a refused kh new, kh log or kh import whose errors are all in the files it would create.
    public static let fixTheInput = Text(
        zh: "这些值都来自所给的参数或文件：请改正后重试",
        en: "these values all come from what was given: correct them and try again")

    static func introducesErrors(_ count: Int) -> Text {
        Text(
            zh: "写入结果未通过校验（\(count) 个错误），已撤销，档案库保持原样：",
            en: "the result does not validate (\(count) errors); undone, the archive is as it was:")
    }
}
