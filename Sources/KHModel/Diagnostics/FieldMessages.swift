import KHYAML

extension Msg {
    // MARK: - Quoting what was found (every message)

    package static func q(_ s: String) -> String {
        let cleaned = s.count > 60 ? String(s.prefix(60)) + "…" : s
        return "「" + cleaned.replacingOccurrences(of: "\n", with: "⏎") + "」"
    }

    package static func qe(_ s: String) -> String {
        let cleaned = s.count > 60 ? String(s.prefix(60)) + "…" : s
        return "'" + cleaned.replacingOccurrences(of: "\n", with: "⏎") + "'"
    }
}
