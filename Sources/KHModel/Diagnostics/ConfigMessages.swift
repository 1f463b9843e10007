import KHYAML

extension Msg {
    // MARK: - kh.yaml

    package static let configUnreadable = Text(zh: "无法读取 kh.yaml（见下方问题），kh 无法运行", en: "kh.yaml cannot be read (see below); kh cannot run")

    static func notAMapping(_ kind: (zh: String, en: String)) -> Text {
        Text(zh: "文件顶层应为映射（键: 值），这里是\(kind.zh)", en: "the top level should be a mapping (key: value), found \(kind.en)")
    }

    static let emptyDocument = Text(zh: "文件是空的（或只有注释）；应为一个映射（键: 值）", en: "the file is empty (or only comments); expected a mapping (key: value)")

    static func badPrefix(_ p: String) -> Text {
        Text(zh: "编号前缀\(q(p))只能由字母和数字组成", en: "number prefix \(qe(p)) may hold only letters and digits")
    }

    static func badWidth(_ w: Int) -> Text {
        Text(zh: "编号位数 \(w) 不在 1 到 6 之间", en: "number width \(w) is not between 1 and 6")
    }

    static func badRetiredNumber(_ n: String, example: String) -> Text {
        Text(zh: "退役编号\(q(n))不是档案编号格式；应如 \(example)", en: "retired number \(qe(n)) is not an archive number; expected e.g. \(example)")
    }

    static let gradeOrder = Text(zh: "价值等级阈值须满足 A > B > C", en: "value grade thresholds must satisfy A > B > C")

    static func duplicateInList(_ v: String, _ key: String) -> Text {
        Text(zh: "\(key) 中\(q(v))重复", en: "\(qe(v)) repeated in \(key)")
    }

    static func emptyConfigList(_ key: String) -> Text {
        Text(zh: "\(key) 不能为空列表", en: "\(key) cannot be an empty list")
    }

    static func unknownDocumentType(_ name: String, suggestion: String?, known: [String]) -> Text {
        let s = suggestion.map { (zh: "；是否想写「\($0)」？", en: "; did you mean '\($0)'?") } ?? (zh: "", en: "")
        return Text(zh: "字段 下的文档类型\(q(name))不存在\(s.zh)；可用：\(known.joined(separator: "、"))",
                    en: "document type \(qe(name)) under 字段 does not exist\(s.en); known: \(known.joined(separator: ", "))")
    }

    static func fieldExists(_ name: String, _ type: String) -> Text {
        Text(zh: "字段「\(name)」已是 \(type) 的标准字段，不能重复新增；要改为必填请写在 必填 中",
             en: "'\(name)' is already a standard field of \(type); list it under 必填 to make it required")
    }

    static func unknownTypeName(_ name: String, suggestion: String?, known: [String]) -> Text {
        let s = suggestion.map { (zh: "；是否想写「\($0)」？", en: "; did you mean '\($0)'?") } ?? (zh: "", en: "")
        return Text(zh: "字段类型\(q(name))不存在\(s.zh)；可用：\(known.joined(separator: "、"))，或 {类型: enum, 取值: [...]}",
                    en: "unknown field type \(qe(name))\(s.en); known: \(known.joined(separator: ", ")), or {类型: enum, 取值: [...]}")
    }

    static func unknownRule(_ code: String) -> Text {
        Text(zh: "规则\(q(code))不存在；用 kh rules 查看所有规则编号", en: "no rule \(qe(code)); kh rules lists every code")
    }

    static func waiverNotAFile(_ f: String) -> Text {
        Text(zh: "豁免只能针对单个文件（相对档案库根目录的路径，不能用通配符）；这里是\(q(f))",
             en: "a waiver names one file (a path from the archive root, no wildcards); found \(qe(f))")
    }

    package static func waiverFileMissing(_ f: String) -> Text {
        Text(zh: "豁免的文件\(q(f))不存在", en: "waived file \(qe(f)) does not exist")
    }

    package static func unusedWaiver(_ code: String, _ f: String) -> Text {
        Text(zh: "豁免（\(code)，\(f)）没有豁免任何问题，可以删除", en: "waiver (\(code), \(f)) waives nothing and can be removed")
    }
}

extension Msg {
    // MARK: - Finding the archive

    static func noSuchDirectory(_ p: String) -> Text {
        Text(zh: "找不到文件夹 \(p)", en: "no such folder: \(p)")
    }

    static func noConfig(_ p: String) -> Text {
        Text(zh: "\(p) 中没有 kh.yaml，不是 kh 档案库（可用 kh init 新建）", en: "\(p) has no kh.yaml: not a kh archive (kh init creates one)")
    }

    static let noArchiveFound = Text(zh: "当前文件夹及其上级都没有 kh.yaml；请在档案库中运行，或指定档案库路径（kh init 可新建）",
                                     en: "no kh.yaml in this folder or any parent; run kh inside an archive or name its path (kh init creates one)")
    static let configNotAFile = Text(zh: "kh.yaml 不是普通文件（是文件夹或链接？）", en: "kh.yaml is not a regular file (a folder or a link?)")
}

extension Msg {
    // MARK: - kh init

    package static func initTargetNotDirectory(_ p: String) -> Text {
        Text(zh: "\(p) 已存在且不是文件夹", en: "\(p) exists and is not a folder")
    }

    package static func initTargetNotEmpty(_ p: String) -> Text {
        Text(zh: "\(p) 已存在且不是空文件夹；kh init 不会覆盖已有内容", en: "\(p) exists and is not empty; kh init never overwrites anything")
    }

    package static func initFailed(_ p: String, _ reason: String) -> Text {
        Text(zh: "无法写入 \(p)：\(reason)；没有创建任何文件", en: "cannot write \(p): \(reason); nothing was created")
    }
}
