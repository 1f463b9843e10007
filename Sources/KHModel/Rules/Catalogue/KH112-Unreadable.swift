import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH112 unreadable.
    public enum Unreadable: RuleDefinition {
        public static let rule = Rule(
            code: "KH112", name: "unreadable", severity: .error,
            summary: Text(zh: "文件无法读取，或应为文件处是文件夹", en: "file cannot be read, or a folder stands where a file belongs"))

        // Raised by the layout scan (folders, things that are no regular file) and the reader.

        static let expectedDirectory = Text(zh: "应为文件夹", en: "expected a folder")
        static let cannotOpenDirectory = Text(zh: "无法打开该文件夹（权限不足？）", en: "this folder cannot be opened (permissions?)")
        static let directoryNamedLikeFile = Text(
            zh: "这里是文件夹，但名字像文件；应为一个 .yaml 文件", en: "a folder named like a file; expected a .yaml file")
        static let notARegularFile = Text(zh: "不是普通文件（设备、管道等）", en: "not a regular file (a device, a pipe, …)")

        static func cannotRead(_ reason: String) -> Text {
            Text(zh: "无法读取文件：\(reason)", en: "the file cannot be read: \(reason)")
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (RuleExample(files: [(E.needsPath, nil)], directories: [E.needsPath]), .file(E.needsPath, E.needs))
        }
    }
}

extension Rule {
    public static let unreadable = Rules.Unreadable.rule
}
