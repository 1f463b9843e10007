import Foundation
import KHModel
import KHSupport
import KHWrite

extension PageContext {
    /// Team mode: appends an entry to the access register (登记/查阅登记/YYYY-MM.yaml) — one
    /// journaled write and one commit by the member — before the view, export or download it
    /// records is answered. Nil when written (or in local mode, which keeps no register); else
    /// the refusal to answer with instead (nothing is shown that was not registered).
    func registered(
        _ action: String, number: String? = nil, file: String, secrecy: String? = nil, reason: String? = nil
    )
        -> WebResponse?
    {
        guard viewer.team else { return nil }
        guard let member = viewer.member else { return error(401, SaveFlow.chooseFirst) }
        let entry = Register.Entry(
            time: Clock.now(config), person: member, action: action, number: number, file: file, secrecy: secrecy,
            reason: reason)
        let outcome = writer.write(
            folders: [], member: member,
            message: {
                Text(
                    zh: "查阅登记：\(member) \(action) \([number, file].compactMap { $0 }.joined(separator: " "))"
                        + (secrecy.map { "（\($0)）" } ?? ""),
                    en:
                        "Access register: \(member) \(action) \([number, file].compactMap { $0 }.joined(separator: " "))"
                        + (secrecy.map { " (\($0))" } ?? ""))
            }
        ) { (archive) throws(SaveFlow.Failure) in
            do throws(KHError) { return try Plans.register(entry, in: .access, archive: archive) } catch {
                throw .plan(error)
            }
        }
        switch outcome {
        case .written: return nil
        case .refused(let message, _), .failed(_, let message):
            return self.error(
                503,
                Text(
                    zh: "无法写入查阅登记，所以没有提供：\(message.zh)",
                    en: "the access register could not be written, so nothing is given: \(message.en)"))
        }
    }
}
