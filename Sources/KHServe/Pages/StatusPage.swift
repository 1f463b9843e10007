import Foundation
import KHModel
import KHOutputs
import KHSupport

/// `/status` and `/status.json`: how far the server's clone is ahead of or behind the team's
/// remote, when it last heard from it and pushed to it, and why not (team mode).
enum StatusPage {
    struct Model {
        let connected: Bool
        let branch, upstream: String
        let ahead, behind: Int
        let lastContact, lastFetch, lastPush: String
        let problem, stuck, uncommitted: String?
    }

    static func model(_ page: PageContext) -> Model {
        let s = page.writer.sync?.current
        func when(_ d: Date?) -> String { d.map { $0.formatted(.iso8601) } ?? (page.zh ? "还没有" : "not yet") }
        let uncommitted = page.git.uncommitted.flatMap { n -> String? in
            n > 0 ? (page.zh ? "有 \(n) 个文件的修改尚未提交" : "\(n) files have changes not committed") : nil
        }
        return Model(
            connected: s != nil, branch: s?.branch ?? "", upstream: s?.upstream ?? "", ahead: s?.ahead ?? 0,
            behind: s?.behind ?? 0, lastContact: when(s?.lastContact), lastFetch: when(s?.lastFetch),
            lastPush: when(s?.lastPush), problem: s?.problem, stuck: s?.stuck, uncommitted: uncommitted)
    }

    static func get(_ page: PageContext) -> WebResponse {
        page.html("status", title: page.zh ? "同步状态" : "Sync status", model(page))
    }

    static func json(_ page: PageContext) -> WebResponse {
        let m = model(page)
        let s = page.writer.sync?.current
        func when(_ d: Date?) -> JSON { d.map { JSON.string($0.formatted(.iso8601)) } ?? JSON.null }
        let fields: [(String, JSON?)] = [
            ("connected", .bool(m.connected)), ("branch", .string(m.branch)), ("upstream", .string(m.upstream)),
            ("ahead", .int(m.ahead)), ("behind", .int(m.behind)), ("lastContact", when(s?.lastContact)),
            ("lastFetch", when(s?.lastFetch)), ("lastPush", when(s?.lastPush)),
            ("problem", JSON.string(m.problem) ?? .null),
            ("stuck", JSON.string(m.stuck) ?? .null), ("uncommitted", JSON.int(page.git.uncommitted) ?? .null),
        ]
        return .json(200, JSON.object(fields).rendered() + "\n")
    }
}
