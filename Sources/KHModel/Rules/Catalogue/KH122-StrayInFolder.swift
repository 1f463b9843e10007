import KHSupport
import KHYAML

private typealias E = ExampleArchive

extension Rules {
    /// KH122 stray-in-folder.
    public enum StrayInFolder: RuleDefinition {
        public static let rule = Rule(
            code: "KH122", name: "stray-in-folder", severity: .warning,
            summary: Text(
                zh: "文件夹中有不属于该文件夹的文件（附件请放 附件/）",
                en: "a file that is not a document of its folder (attachments go in 附件/)"))

        /// Raised by the layout scan.
        package static func message(_ name: String, folder: String, isDirectory: Bool) -> Text {
            Text(
                zh: "\(Msg.q(name))不是 \(folder) 的文档；附件（扫描件、合同 PDF 等）请放入该文件夹下的 附件/",
                en:
                    "\(Msg.qe(name)) is not a document of \(folder); attachments (scans, signed PDFs) go in its 附件/ folder"
            )
        }

        public static var examples: (failing: RuleExample, passing: RuleExample) {
            return (
                .file(E.customer + "/02-合作背景/合同扫描.pdf", "%PDF-1.4 …"),
                .file(E.customer + "/02-合作背景/附件/合同扫描.pdf", "%PDF-1.4 …")
            )
        }
    }
}

extension Rule {
    public static let strayInFolder = Rules.StrayInFolder.rule
}
