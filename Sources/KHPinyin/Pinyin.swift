import Foundation

/// The sort key of a name in the catalogue (客户档案总目录): its first letter (A–Z, or `#`
/// for digits and other characters) and its full pinyin, lower case, one syllable per
/// character, separated by spaces; and what decided the first letter.
public struct PinyinKey: Sendable, Equatable, CustomStringConvertible {
    public var initial: String
    public var full: String
    /// What decided the first letter (kh index's record says it).
    public var source: PinyinSource
    /// The table entry that decided it: the phrase, surname or character (nil for the
    /// document's 拼音, the system's reading and names that start with a letter or digit).
    public var entry: String?

    public init(initial: String, full: String, source: PinyinSource = .system, entry: String? = nil) {
        self.initial = initial
        self.full = full
        self.source = source
        self.entry = entry
    }

    public var description: String { "\(initial) \(full)" }
}

/// Why a name files under its letter, in the order kh asks.
public enum PinyinSource: String, Sendable, Equatable {
    /// The document's `拼音`.
    case override
    /// The surname table (个人 customers only).
    case surname
    /// The phrase lexicon: a word read as names and places read it.
    case phrase
    /// The single-character table: the reading names use most.
    case character
    /// The system's (ICU's) reading of the character.
    case system
    /// The name starts with a Latin letter or a digit (itself, or `#`).
    case letter
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
        /// Surnames read two ways in common use, with those readings' first letters.
        var twoReadings: [String: Set<Character>] = [:]
        var longestSurname = 1
        /// The longest phrase starting with each character (most are 2 to 4 long; a few place
        /// names reach 17): the longest-first match tries only lengths that can match.
        var longestPhraseFrom: [Character: Int] = [:]
    }

    /// Parsed once from the embedded data/pinyin tables. The hand-made tables win over the
    /// generated ones: phrases.tsv over lexicon.tsv, surnames.tsv over surnames-extra.tsv.
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
                case "surnames.tsv", "surnames-extra.tsv":
                    if path == "surnames.tsv" || t.surnames[word] == nil { t.surnames[word] = syllables }
                    t.longestSurname = max(t.longestSurname, word.count)
                case "phrases.tsv", "lexicon.tsv":
                    if path == "phrases.tsv" || t.phrases[word] == nil { t.phrases[word] = syllables }
                    if let c = word.first { t.longestPhraseFrom[c] = max(t.longestPhraseFrom[c] ?? 0, word.count) }
                case "chars.tsv":
                    if let c = word.first, let s = syllables.first { t.chars[c] = s }
                case "surname-two-readings.tsv":
                    t.twoReadings[word] = Set(syllables.compactMap(\.first))
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
            return PinyinKey(initial: initial(of: text), full: text, source: .override)
        }
        var text = sortable(name)
        if text.unicodeScalars.contains(where: isHan) {
            text = String(text.map { c in c.unicodeScalars.allSatisfy(isHan) ? simplifiedCache.value(c) : c })
        }
        let (syllables, first) = transliterate(Array(text), person: person)
        let full = syllables.joined(separator: " ")
        // The first character decides the letter: Latin letters sort with their letter,
        // digits and other characters under #.
        guard let firstChar = text.first(where: { !$0.isWhitespace && !$0.isPunctuation }) else {
            return PinyinKey(initial: "#", full: full, source: .letter)
        }
        if firstChar.unicodeScalars.allSatisfy(isHan) {
            return PinyinKey(
                initial: initial(of: full), full: full, source: first?.source ?? .system, entry: first?.entry)
        }
        return PinyinKey(initial: initial(of: String(firstChar).lowercased()), full: full, source: .letter)
    }

    /// The part of a name that sorts: NFKC, white space trimmed, and a note in brackets at the
    /// start left out — （停用）长城汽车 sorts as 长城汽车, 【VIP】招商银行 as 招商银行 ((), [] and
    /// 【】, after NFKC; 《》 are part of a name). A name that is nothing but a note stays whole.
    static func sortable(_ name: String) -> String {
        let text = name.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        var rest = Substring(text)
        let pairs: [Character: Character] = ["(": ")", "[": "]", "【": "】", "〔": "〕"]
        while let open = rest.first, let close = pairs[open], let end = rest.dropFirst().firstIndex(of: close) {
            let after = rest[rest.index(after: end)...].drop(while: { $0.isWhitespace })
            guard !after.isEmpty else { break }
            rest = after
        }
        return String(rest)
    }

    /// The first character of `name` when its letter is uncertain: it has readings that
    /// start with different letters and neither `拼音`, nor the surname table (个人), nor a
    /// phrase settles it; or a person's name starts with a surname read two ways in common use
    /// (surname-two-readings.tsv: 乐 Yuè or Lè), which only `拼音` settles. nil when the letter
    /// is certain.
    public static func uncertainFirstCharacter(
        of name: String, override: String? = nil, person: Bool = false
    ) -> (Character, [String])? {
        if let override, override.contains(where: { !$0.isWhitespace }) { return nil }
        let text = String(sortable(name).map { c in c.unicodeScalars.allSatisfy(isHan) ? simplifiedCache.value(c) : c })
        guard let start = text.firstIndex(where: { !$0.isWhitespace && !$0.isPunctuation }) else { return nil }
        let rest = String(text[start...])
        // The longest surname (个人) and phrase the name starts with, if any.
        func prefix(in table: [String: [String]], from shortest: Int, to longest: Int) -> Int? {
            guard longest >= shortest else { return nil }
            return (shortest...longest).reversed().first { n in rest.count >= n && table[String(rest.prefix(n))] != nil
            }
        }
        let surname = person ? prefix(in: tables.surnames, from: 1, to: tables.longestSurname) : nil
        // A person's surname read two ways in common use (乐 Yuè or Lè): only 拼音 settles it,
        // unless it begins a compound surname (乐正).
        if person, (surname ?? 1) == 1, let initials = tables.twoReadings[String(text[start])], initials.count > 1 {
            return (text[start], initials.map { String($0).uppercased() }.sorted())
        }
        guard let initials = tables.polyphones[text[start]], surname == nil,
            prefix(in: tables.phrases, from: 2, to: tables.longestPhraseFrom[text[start]] ?? 0) == nil
        else { return nil }
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

    /// One syllable per Han character; runs of Latin letters and digits as one lower-case token;
    /// and what decided the first syllable.
    static func transliterate(_ chars: [Character], person: Bool) -> ([String], (source: PinyinSource, entry: String?)?)
    {
        let t = tables
        var out: [String] = []
        var first: (source: PinyinSource, entry: String?)?
        func decided(_ source: PinyinSource, _ entry: String?) { if first == nil { first = (source, entry) } }
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
                decided(.surname, String(chars[0..<s.count]))
                out += s
                i += s.count
                continue
            }
            if c.unicodeScalars.allSatisfy(isHan) {
                if let s = match(t.phrases, longest: t.longestPhraseFrom[c] ?? 0, shortest: 2) {
                    decided(.phrase, String(chars[i..<(i + s.count)]))
                    out += s
                    i += s.count
                    continue
                }
                if let s = t.chars[c] {
                    decided(.character, String(c))
                    out.append(s)
                } else {
                    decided(.system, nil)
                    out.append(readingCache.value(c))
                }
                i += 1
            } else if c.isLetter || c.isNumber {
                decided(.letter, nil)
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
        return (out, first)
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
            case "\u{308}" where out.unicodeScalars.last == "u":  // ü, with or without a tone
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
    public static func precedes(
        _ a: (key: PinyinKey, name: String, number: String),
        _ b: (key: PinyinKey, name: String, number: String)
    ) -> Bool {
        let ra = a.key.initial == "#" ? "~" : a.key.initial
        let rb = b.key.initial == "#" ? "~" : b.key.initial
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
