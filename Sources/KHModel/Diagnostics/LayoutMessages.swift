import KHYAML

extension Msg {
    // MARK: - Layout

    public static func interruptedWrite(_ folder: String) -> Text {
        let pid = folder.split(separator: "-").last.map(String.init) ?? "?"
        return Text(zh: "kh 的一次写入被中断（进程 \(pid) 未能完成，改动记录在 \(folder)），档案可能只改了一半；运行 kh recover 恢复到写入之前的状态（任何写入命令也会先自动恢复）",
                    en: "a kh write was interrupted (process \(pid) did not finish; its journal is in \(folder)): the archive may be half-changed; run kh recover to put it back as it was before that write (any writing command also does this first)")
    }

    static let symlink = Text(zh: "这是符号链接；kh 不跟随链接，请放入真实的文件或文件夹",
                              en: "a symbolic link; kh never follows links: put the real file or folder here")
    static let expectedDirectory = Text(zh: "应为文件夹", en: "expected a folder")
    static let cannotOpenDirectory = Text(zh: "无法打开该文件夹（权限不足？）", en: "this folder cannot be opened (permissions?)")
    static let directoryNamedLikeFile = Text(zh: "这里是文件夹，但名字像文件；应为一个 .yaml 文件", en: "a folder named like a file; expected a .yaml file")
    static let notARegularFile = Text(zh: "不是普通文件（设备、管道等）", en: "not a regular file (a device, a pipe, …)")

    static func cannotRead(_ reason: String) -> Text {
        Text(zh: "无法读取文件：\(reason)", en: "the file cannot be read: \(reason)")
    }

    static func badCustomerDirectory(_ name: String, isDirectory: Bool, example: String) -> Text {
        isDirectory
            ? Text(zh: "客户文件夹名\(q(name))不符合 编号[_简称] 格式；应如 \(example)_星辰科技",
                   en: "customer folder \(qe(name)) is not named NUMBER[_简称]; expected e.g. \(example)_星辰科技")
            : Text(zh: "客户档案/ 下只能放客户文件夹，这里是文件\(q(name))",
                   en: "客户档案/ holds only customer folders; found the file \(qe(name))")
    }

    static func strayInCustomer(_ name: String, isDirectory: Bool, suggestion: String?, folders: [String]) -> Text {
        let s = suggestion.map { (zh: "是否想写「\($0)」？", en: " Did you mean '\($0)'?") } ?? (zh: "", en: "")
        let what = isDirectory ? ("文件夹", "folder") : ("文件", "file")
        return Text(zh: "客户文件夹顶层只能有 \(folders.joined(separator: "、"))；这里有\(what.0)\(q(name))。\(s.zh)",
                    en: "a customer folder holds only \(folders.joined(separator: ", ")); found the \(what.1) \(qe(name)).\(s.en)")
    }

    static func strayInFolder(_ name: String, folder: String, isDirectory: Bool) -> Text {
        Text(zh: "\(q(name))不是 \(folder) 的文档；附件（扫描件、合同 PDF 等）请放入该文件夹下的 附件/",
             en: "\(qe(name)) is not a document of \(folder); attachments (scans, signed PDFs) go in its 附件/ folder")
    }

    static func ymlExtension(_ name: String) -> Text {
        let fixed = String(name.dropLast(4)) + ".yaml"
        return Text(zh: "扩展名应为 .yaml；请改名为\(q(fixed))", en: "the extension is .yaml: rename it to \(qe(fixed))")
    }

    static func unsafeFileName(_ name: String) -> Text {
        Text(zh: "文件名\(q(name))含有控制字符、换行、Windows 不允许的字符（\\ : * ? \" < > |），以点开头或结尾，或超过 200 字节：显示会出错，别人的电脑可能无法检出；请改名",
             en: "file name \(qe(name)) holds control characters, line breaks or characters Windows refuses (\\ : * ? \" < > |), starts or ends with a dot, or is over 200 bytes: it prints wrong and another computer may not check it out; rename it")
    }

    static func badFileName(_ name: String, expected: String) -> Text {
        Text(zh: "文件名\(q(name))不符合命名规则；应为 \(expected)", en: "file name \(qe(name)) breaks the naming pattern; expected \(expected)")
    }

    static let interactionOutsideGroup = Text(
        zh: "互动记录应放在 03-互动记录/YYYY-Qn/（或项目）文件夹中，不能直接放在 03-互动记录/ 下",
        en: "interaction records go in a 03-互动记录/YYYY-Qn/ (or project) folder, not directly in 03-互动记录/")

    package static func badGroupFolder(_ name: String, byProject: Bool) -> Text {
        byProject
            ? Text(zh: "互动记录文件夹\(q(name))既不是 YYYY-Qn 季度，也不是 02-合作背景 中的 合作项目",
                   en: "interaction folder \(qe(name)) is neither a YYYY-Qn quarter nor a 合作项目 of 02-合作背景")
            : Text(zh: "互动记录文件夹\(q(name))应为季度 YYYY-Qn，如 2024-Q1", en: "interaction folder \(qe(name)) should be a quarter YYYY-Qn, e.g. 2024-Q1")
    }

    package static func wrongQuarter(_ folder: String, expected: String, time: String) -> Text {
        Text(zh: "沟通时间 \(time) 属于 \(expected)，但记录放在 \(folder)；请移到 03-互动记录/\(expected)/",
             en: "沟通时间 \(time) falls in \(expected), but the record is in \(folder); move it to 03-互动记录/\(expected)/")
    }

    package static func nameMismatch(_ what: String, inName: String, inContent: String, expectedName: String) -> Text {
        Text(zh: "文件名中的\(what)\(q(inName))与内容中的\(q(inContent))不一致；文件名应为\(q(expectedName))",
             en: "the \(what) in the file name \(qe(inName)) differs from the content's \(qe(inContent)); the file should be named \(qe(expectedName))")
    }

    package static func yearMismatch(_ name: String, year: String) -> Text {
        Text(zh: "文件名\(q(name))与 年度 \(year) 不一致；应为 \(year).yaml", en: "file name \(qe(name)) differs from 年度 \(year); expected \(year).yaml")
    }

    package static let missingBasicInfo = Text(zh: "缺少 01-客户基本信息/基本信息.yaml；每位客户必须有且只有一份基本信息",
                                       en: "01-客户基本信息/基本信息.yaml is missing; every customer has exactly one")
}
