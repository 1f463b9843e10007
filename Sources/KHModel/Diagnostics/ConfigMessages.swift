import KHSupport
import KHYAML

extension Msg {
    // MARK: - kh.yaml

    package static let configUnreadable = Text(
        zh: "无法读取 kh.yaml（见下方问题），kh 无法运行", en: "kh.yaml cannot be read (see below); kh cannot run")
}

extension Msg {
    // MARK: - Finding the archive

    package static func noSuchDirectory(_ p: String) -> Text {
        Text(zh: "找不到文件夹 \(p)", en: "no such folder: \(p)")
    }

    static func noConfig(_ p: String) -> Text {
        Text(
            zh: "\(p) 中没有 kh.yaml，不是 kh 档案库（可用 kh init 新建）",
            en: "\(p) has no kh.yaml: not a kh archive (kh init creates one)")
    }

    static let noArchiveFound = Text(
        zh: "当前文件夹及其上级都没有 kh.yaml；请在档案库中运行，或指定档案库路径（kh init 可新建）",
        en: "no kh.yaml in this folder or any parent; run kh inside an archive or name its path (kh init creates one)")
    static let configNotAFile = Text(
        zh: "kh.yaml 不是普通文件（是文件夹或链接？）", en: "kh.yaml is not a regular file (a folder or a link?)")
}

extension Msg {
    // MARK: - kh init

    package static func initTargetNotDirectory(_ p: String) -> Text {
        Text(zh: "\(p) 已存在且不是文件夹", en: "\(p) exists and is not a folder")
    }

    package static func initTargetNotEmpty(_ p: String) -> Text {
        Text(
            zh: "\(p) 已存在且不是空文件夹；kh init 不会覆盖已有内容",
            en: "\(p) exists and is not empty; kh init never overwrites anything")
    }

    package static func initFailed(_ p: String, _ reason: String) -> Text {
        Text(zh: "无法写入 \(p)：\(reason)；没有创建任何文件", en: "cannot write \(p): \(reason); nothing was created")
    }
}
