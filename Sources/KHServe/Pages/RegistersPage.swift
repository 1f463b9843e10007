import Foundation
import KHModel
import KHSupport
import KHValidation
import KHYAML

/// `/registers`: the data policy's registers (登记/), the latest file first, for the roles that
/// read them (资料专员, 管理员). Each file's problems (as kh validate finds them) above its entries.
enum RegistersPage {
    struct Model {
        let files: [File]
    }

    struct File {
        let path: String
        let problems: [String]
        let entries: [Entry]
    }

    struct Entry {
        let time, person, action, number, file, level, reason: String
    }

    static func get(_ page: PageContext) -> WebResponse {
        guard page.viewer.grants.registers else {
            return page.forbidden(Text(zh: "不能查看登记", en: "cannot read the registers"))
        }
        var files: [File] = []
        for register in Register.allCases {
            let folder = Register.folder + "/" + register.rawValue
            let names = (FileSystem.list(page.archive.root + "/" + folder) ?? []).map(\.name).filter {
                $0.hasSuffix(".yaml")
            }
            for name in names.sorted(by: >) {
                let path = folder + "/" + name
                guard let bytes = page.source(path) else { continue }
                let problems = RegisterCheck.check(register, path: path, bytes: bytes, config: page.config).map {
                    ($0.start.map { "\($0.line):\($0.column) " } ?? "") + page.text($0.message)
                }
                files.append(File(path: path, problems: problems, entries: entries(bytes, path: path).reversed()))
            }
        }
        return page.html("registers", title: page.zh ? "登记" : "Registers", Model(files: files))
    }

    static func entries(_ bytes: [UInt8], path: String) -> [Entry] {
        guard case .sequence(let seq)? = YAMLParser.parse(bytes, file: path).root else { return [] }
        return seq.items.compactMap { item -> Entry? in
            guard case .mapping(let m) = item else { return nil }
            func t(_ k: String) -> String { m.text(k) ?? "" }
            return Entry(
                time: t(FieldName.registerTime), person: t(FieldName.registerPerson),
                action: t(FieldName.registerAction), number: t(FieldName.number), file: t(FieldName.registerFile),
                level: t(FieldName.secrecy), reason: t(FieldName.registerReason))
        }
    }
}
