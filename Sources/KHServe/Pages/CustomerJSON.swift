import Foundation
import KHModel
import KHOutputs
import KHSupport
import KHValidation

/// `/customers/<number>.json`: the customer's index record read now, its files' blob ids and
/// its problems.
enum CustomerJSON {
    static func get(_ page: PageContext, number: String) -> WebResponse {
        guard let full = page.snapshot(number) else {
            return .json(
                404,
                JSON.object([
                    (
                        "error",
                        .string(page.text(Text(zh: "没有档案编号为 \(number) 的客户", en: "no customer numbered \(number)")))
                    )
                ]).rendered() + "\n")
        }
        let (s, withheld) = page.readable(full)
        let hidden = Set(withheld.map(\.file))
        let record = IndexRecord(s, config: page.config, details: true)
        var fields = IndexJSON.members(record)
        fields.append(("overdueSteps", .int(ListEntry(record, today: page.state.today).overdue)))
        fields.append(
            (
                "files",
                .object(
                    s.hashes.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map {
                        ($0.key, JSON.string($0.value))
                    })
            ))
        fields.append(
            (
                "problems",
                .array(
                    page.problems(of: full).filter { !hidden.contains($0.file) }.map { d in
                        JSON.object([
                            ("code", .string(d.code)), ("severity", .string(d.severity.rawValue)),
                            ("file", .string(d.file)),
                            ("line", .int(d.start?.line)), ("column", .int(d.start?.column)),
                            ("path", .string(d.path)),
                            ("message", .string(page.shown(page.text(d.message), CustomerTies(full)))),
                        ])
                    })
            ))
        if page.viewer.team {
            fields.append(
                (
                    "withheld",
                    .array(withheld.map { JSON.object([("file", .string($0.file)), ("密级", .string($0.level))]) })
                ))
        }
        return .json(200, JSON.object(fields).rendered() + "\n")
    }
}
