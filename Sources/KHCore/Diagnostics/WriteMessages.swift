/// Messages of the writing commands (new, log, fix, renumber, retire, reassign, import, export).
public enum WriteMsg {
    static let locked = Text(
        zh: "另一个 kh 正在写入这个档案库（.kh/lock 被占用）；请等它结束后再试",
        en: "another kh is writing this archive (.kh/lock is held); try again when it has finished")

    static func cannotWrite(_ path: String, _ reason: String) -> Text {
        Text(zh: "无法写入 \(path)：\(reason)；档案库保持原样", en: "cannot write \(path): \(reason); the archive is as it was")
    }

    static func cannotMove(_ from: String, _ to: String, _ reason: String) -> Text {
        Text(zh: "无法把 \(from) 移到 \(to)：\(reason)；档案库保持原样", en: "cannot move \(from) to \(to): \(reason); the archive is as it was")
    }

    static let notAFolder = "不是文件夹 / not a folder"
    static let targetExists = "目标已存在 / the target exists"

    static func exists(_ path: String) -> Text {
        Text(zh: "\(path) 已存在，不会覆盖；档案库保持原样", en: "\(path) exists and is not overwritten; the archive is as it was")
    }

    static func missing(_ path: String) -> Text {
        Text(zh: "\(path) 不存在（可能刚被改动过）；档案库保持原样", en: "\(path) does not exist (it may have just changed); the archive is as it was")
    }

    static func changedMeanwhile(_ path: String) -> Text {
        Text(zh: "\(path) 在 kh 读取之后被修改过；请重新运行命令，档案库保持原样",
             en: "\(path) changed after kh read it; run the command again; the archive is as it was")
    }

    static let interrupted = Text(zh: "收到中断信号，已撤销全部改动，档案库保持原样", en: "interrupted: every change undone, the archive is as it was")

    static let simulatedFailure = Text(zh: "模拟的写入失败（测试）", en: "simulated write failure (test)")

    public static func written(_ count: Int) -> Text {
        Text(zh: "已写入 \(count) 处改动", en: "\(count) changes written")
    }

    public static let dryRunNote = Text(zh: "（演练：没有写入任何文件；去掉 --dry-run 即可执行）",
                                        en: "(dry run: nothing was written; run without --dry-run to apply)")

    public static let nothingToDo = Text(zh: "没有需要改动的地方", en: "nothing to change")

    static func introducesErrors(_ count: Int) -> Text {
        Text(zh: "写入结果未通过校验（\(count) 个错误），已撤销，档案库保持原样：",
             en: "the result does not validate (\(count) errors); undone, the archive is as it was:")
    }
}
