import Foundation

/// The sort key of a name in the catalogue (客户档案总目录): its first letter (A–Z, or `#`
/// for digits and other characters) and its full pinyin, lower case, one syllable per
/// character, separated by spaces.
public struct PinyinKey: Sendable, Equatable, CustomStringConvertible {
    public var initial: String
    public var full: String

    public var description: String { "\(initial) \(full)" }
}

/// Pinyin as names are read: NFKC, traditional characters as simplified, the document's
/// `拼音` above all, a surname table for 个人 customers, a phrase table matched longest
/// first, single-character defaults, and the system's transform for the rest.
public enum Pinyin {
    struct Tables: Sendable {
        var surnames: [String: [String]] = [:]
        var phrases: [String: [String]] = [:]
        var chars: [Character: String] = [:]
        /// Characters whose readings start with different letters.
        var polyphones: [Character: Set<Character>] = [:]
        var longestSurname = 1
        var longestPhrase = 1
    }

    /// Parsed once from the embedded data/pinyin tables.
    static let tables: Tables = {
        var t = Tables()
        for (path, content) in PinyinData.all {
            for line in content.split(separator: "\n") {
                if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                let cols = line.split(separator: "\t", maxSplits: 1)
                guard cols.count == 2 else { continue }
                let word = String(cols[0]).trimmingCharacters(in: .whitespaces)
                let syllables = cols[1].split(separator: " ").map { String($0).lowercased() }
                switch path {
                case "surnames.tsv":
                    t.surnames[word] = syllables
                    t.longestSurname = max(t.longestSurname, word.count)
                case "phrases.tsv":
                    t.phrases[word] = syllables
                    t.longestPhrase = max(t.longestPhrase, word.count)
                case "chars.tsv":
                    if let c = word.first, let s = syllables.first { t.chars[c] = s }
                case "polyphones.tsv":
                    let initials = Set(syllables.compactMap(\.first))
                    if let c = word.first, initials.count > 1 { t.polyphones[c] = initials }
                default:
                    break
                }
            }
        }
        return t
    }()

    /// The key of `name`. `override` is the document's `拼音`; `person` turns on the
    /// surname table (个人 customers).
    public static func key(for name: String, override: String? = nil, person: Bool = false) -> PinyinKey {
        if let override, override.contains(where: { !$0.isWhitespace }) {
            let text = override.precomposedStringWithCompatibilityMapping.lowercased()
                .split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            return PinyinKey(initial: initial(of: text), full: text)
        }
        var text = name.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.unicodeScalars.contains(where: isHan) {
            text = String(text.map { c in c.unicodeScalars.allSatisfy(isHan) ? simplifiedCache.value(c) : c })
        }
        let syllables = transliterate(Array(text), person: person)
        let full = syllables.joined(separator: " ")
        // The first character decides the letter: Latin letters sort with their letter,
        // digits and other characters under #.
        guard let first = text.first(where: { !$0.isWhitespace && !$0.isPunctuation }) else {
            return PinyinKey(initial: "#", full: full)
        }
        if first.unicodeScalars.allSatisfy(isHan) {
            return PinyinKey(initial: initial(of: full), full: full)
        }
        return PinyinKey(initial: initial(of: String(first).lowercased()), full: full)
    }

    /// The first character of `name` when its letter is uncertain: it has readings that
    /// start with different letters and neither `拼音`, nor the surname table (个人), nor a
    /// phrase settles it. nil when the letter is certain.
    public static func uncertainFirstCharacter(of name: String, override: String? = nil, person: Bool = false) -> (Character, [String])? {
        if let override, override.contains(where: { !$0.isWhitespace }) { return nil }
        let text = String(name.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
            .map { c in c.unicodeScalars.allSatisfy(isHan) ? simplifiedCache.value(c) : c })
        guard let start = text.firstIndex(where: { !$0.isWhitespace && !$0.isPunctuation }),
              let initials = tables.polyphones[text[start]] else { return nil }
        let rest = String(text[start...])
        if person, (1...tables.longestSurname).contains(where: { n in
            rest.count >= n && tables.surnames[String(rest.prefix(n))] != nil }) { return nil }
        if (2...max(2, tables.longestPhrase)).contains(where: { n in
            rest.count >= n && tables.phrases[String(rest.prefix(n))] != nil }) { return nil }
        return (text[start], initials.map { String($0).uppercased() }.sorted())
    }

    static func initial(of text: String) -> String {
        guard let c = text.unicodeScalars.first, ("a"..."z").contains(c) else { return "#" }
        return String(c).uppercased()
    }

    static func isHan(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    /// One syllable per Han character; runs of Latin letters and digits as one lower-case token.
    static func transliterate(_ chars: [Character], person: Bool) -> [String] {
        let t = tables
        var out: [String] = []
        var i = 0
        func match(_ table: [String: [String]], longest: Int, shortest: Int) -> [String]? {
            var n = min(longest, chars.count - i)
            while n >= shortest {
                let word = String(chars[i..<(i + n)])
                if let s = table[word], s.count == n { return s }
                n -= 1
            }
            return nil
        }
        while i < chars.count {
            let c = chars[i]
            if person && i == 0, let s = match(t.surnames, longest: t.longestSurname, shortest: 1) {
                out += s
                i += s.count
                continue
            }
            if c.unicodeScalars.allSatisfy(isHan) {
                if let s = match(t.phrases, longest: t.longestPhrase, shortest: 2) {
                    out += s
                    i += s.count
                    continue
                }
                out.append(t.chars[c] ?? readingCache.value(c))
                i += 1
            } else if c.isLetter || c.isNumber {
                var token = ""
                while i < chars.count, chars[i].isASCII, chars[i].isLetter || chars[i].isNumber {
                    token += chars[i].lowercased()
                    i += 1
                }
                if token.isEmpty {
                    out.append(c.lowercased())
                    i += 1
                } else {
                    out.append(token)
                }
            } else {
                i += 1
            }
        }
        return out
    }

    /// The system's (ICU's) Mandarin transform, without tone marks, one syllable per
    /// character; each character is transliterated once per run (ICU is slow per call).
    static let readingCache = CharacterCache<String> { c in
        plain(String(c)).replacingOccurrences(of: " ", with: "")
    }

    static let simplifiedCache = CharacterCache<Character> { c in
        let s = String(c).applyingTransform(StringTransform("Hant-Hans"), reverse: false) ?? String(c)
        return s.count == 1 ? s.first! : c
    }

    /// Tone marks dropped, ü written v (so 吕 lv sorts after lu, as dictionaries order them).
    static func plain(_ text: String) -> String {
        guard let latin = text.applyingTransform(.mandarinToLatin, reverse: false) else { return text }
        // Tone marks are combining marks once decomposed (no second ICU transform: opening
        // one costs more than the whole rest of a name's key).
        var out = ""
        for u in latin.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            switch u {
            case "\u{308}" where out.unicodeScalars.last == "u": // ü, with or without a tone
                out.unicodeScalars.removeLast()
                out += "v"
            default:
                if u.properties.generalCategory != .nonspacingMark { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}

/// Catalogue order: letter A–Z then `#`, then full pinyin, then the name, then the number.
extension PinyinKey {
    public static func precedes(_ a: (key: PinyinKey, name: String, number: String),
                                _ b: (key: PinyinKey, name: String, number: String)) -> Bool {
        let ra = a.key.initial == "#" ? "~" : a.key.initial, rb = b.key.initial == "#" ? "~" : b.key.initial
        if ra != rb { return ra < rb }
        if a.key.full != b.key.full { return a.key.full.utf8.lexicographicallyPrecedes(b.key.full.utf8) }
        if a.name != b.name { return a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
        return a.number.utf8.lexicographicallyPrecedes(b.number.utf8)
    }
}

/// A per-character memo shared by all threads.
final class CharacterCache<Value: Sendable>: @unchecked Sendable {
    /// Keyed by the scalar: hashing a Character normalises it, a UInt32 hashes fast.
    private var values: [UInt32: Value] = [:]
    private let lock = NSLock()
    private let compute: @Sendable (Character) -> Value

    init(_ compute: @escaping @Sendable (Character) -> Value) {
        self.compute = compute
    }

    func value(_ c: Character) -> Value {
        guard c.unicodeScalars.count == 1, let key = c.unicodeScalars.first?.value else { return compute(c) }
        lock.lock()
        if let v = values[key] {
            lock.unlock()
            return v
        }
        lock.unlock()
        let v = compute(c)
        lock.lock()
        values[key] = v
        lock.unlock()
        return v
    }
}
