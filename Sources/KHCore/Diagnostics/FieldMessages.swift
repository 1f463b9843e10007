extension Msg {
    // MARK: - Quoting what was found (every message)

    static func q(_ s: String) -> String {
        let cleaned = s.count > 60 ? String(s.prefix(60)) + "…" : s
        return "「" + cleaned.replacingOccurrences(of: "\n", with: "⏎") + "」"
    }

    static func qe(_ s: String) -> String {
        let cleaned = s.count > 60 ? String(s.prefix(60)) + "…" : s
        return "'" + cleaned.replacingOccurrences(of: "\n", with: "⏎") + "'"
    }
}
