import KHYAML

/// "Did you mean": the nearest of a few candidates to a misspelt name or value.
public enum Suggest {
    public static func nearest(_ value: String, in candidates: [String]) -> String? {
        let v = Array(value)
        guard !v.isEmpty else { return nil }
        var best: (String, Int)?
        for c in candidates {
            let d = distance(v, Array(c))
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let (candidate, d) = best else { return nil }
        let limit = max(v.count, candidate.count) <= 3 ? 1 : 2
        if d <= limit { return candidate }
        // 成交了 → 成交, 信息技术行业 → 信息技术
        if let c = candidates.filter({ !$0.isEmpty && (value.contains($0) || $0.contains(value)) })
            .max(by: { $0.count < $1.count }) {
            return c
        }
        return nil
    }

    /// Levenshtein distance over characters.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
