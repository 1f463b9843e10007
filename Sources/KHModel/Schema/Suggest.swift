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
            .max(by: { $0.count < $1.count })
        {
            return c
        }
        return nil
    }

    /// The names a mistyped one (a command, an option's word) may have meant, best first: the
    /// nearest within a few edits — a third of the longer word, at least one; two letters
    /// swapped count as one edit (`valdate`, `reveiw`, `catalog` → catalogue) — else the names
    /// the word begins (three letters at least: `cat` → catalogue), else those sharing a start
    /// of five letters or more with it (`validation` → validate). Case is ignored.
    public static func names(_ typed: String, in candidates: [String]) -> [String] {
        let t = Array(typed.lowercased())
        guard !t.isEmpty else { return [] }
        var best: [String] = []
        var bestDistance = Int.max
        for c in candidates {
            let n = Array(c.lowercased())
            let d = transposingDistance(t, n)
            guard d <= max(1, max(t.count, n.count) / 3) else { continue }
            if d < bestDistance { (best, bestDistance) = ([c], d) } else if d == bestDistance { best.append(c) }
        }
        if !best.isEmpty { return best }
        if t.count >= 3 {
            let prefixed = candidates.filter { $0.lowercased().hasPrefix(typed.lowercased()) }
            if !prefixed.isEmpty { return prefixed }
        }
        func shared(_ c: String) -> Int { zip(t, Array(c.lowercased())).prefix { $0 == $1 }.count }
        let longest = candidates.map(shared).max() ?? 0
        return longest >= 5 ? candidates.filter { shared($0) == longest } : []
    }

    /// The optimal string alignment distance: Levenshtein's, with two neighbours swapped as one edit.
    static func transposingDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
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
