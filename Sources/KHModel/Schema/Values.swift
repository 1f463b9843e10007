import KHSupport
import KHYAML

// MARK: - Parsed values

/// A calendar date, `YYYY-MM-DD`.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public var description: String {
        "\(Values.pad(year, 4))-\(Values.pad(month, 2))-\(Values.pad(day, 2))"
    }

    /// Quarter 1...4.
    public var quarter: Int { (month - 1) / 3 + 1 }

    public static func isValid(_ y: Int, _ m: Int, _ d: Int) -> Bool {
        guard (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }
}

extension Day {
    /// Days since 1970-01-01 on the proleptic Gregorian calendar (Howard Hinnant's
    /// days_from_civil): the one day arithmetic of kh (review, report, .xlsx dates).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day `ordinal` days after 1970-01-01.
    public init(ordinal: Int) {
        let (y, m, d) = CivilDate.from(daysSince1970: ordinal)
        self.init(year: y, month: m, day: d)
    }
}

/// A local date and time, `YYYY-MM-DD HH:MM`.
public struct Moment: Hashable, Comparable, Sendable {
    public var day: Day, hour: Int, minute: Int

    public init(day: Day, hour: Int, minute: Int) {
        (self.day, self.hour, self.minute) = (day, hour, minute)
    }

    public static func < (a: Moment, b: Moment) -> Bool { (a.day, a.hour, a.minute) < (b.day, b.hour, b.minute) }
}

/// Parsers for the value types of spec section 3. Each takes the scalar's text and returns
/// the value, or nil when the form is wrong.
public enum Values {
    package static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    static func digits(_ s: Substring.UTF8View) -> Int? {
        var n = 0
        for b in s {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            n = n &* 10 &+ Int(b - 0x30)
        }
        return s.isEmpty ? nil : n
    }

    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var n = 0
        for i in range {
            let b = bytes[i]
            guard b >= 0x30 && b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }

    /// Runs `body` over the text's UTF-8 bytes without copying them when they are contiguous.
    @inline(__always)
    static func bytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = text.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    static func date(_ b: UnsafeBufferPointer<UInt8>) -> Day? {
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
            let y = number(b, 0..<4), let m = number(b, 5..<7), let d = number(b, 8..<10),
            Day.isValid(y, m, d)
        else { return nil }
        return Day(year: y, month: m, day: d)
    }

    public static func date(_ text: String) -> Day? {
        bytes(text) { date($0) }
    }

    public static func datetime(_ text: String) -> Moment? {
        bytes(text) { b in
            guard b.count == 16, b[10] == 0x20, b[13] == 0x3A,
                let day = date(UnsafeBufferPointer(rebasing: b[0..<10])),
                let h = number(b, 11..<13), let mi = number(b, 14..<16), h < 24, mi < 60
            else { return nil }
            return Moment(day: day, hour: h, minute: mi)
        }
    }

    public static func year(_ text: String) -> Int? {
        bytes(text) { b in b.count == 4 ? number(b, 0..<4) : nil }
    }

    public static func integer(_ text: String) -> Int? {
        bytes(text) { b in
            guard !b.isEmpty, b.count <= 15 else { return nil }
            return number(b, 0..<b.count)
        }
    }

    /// A number of hours, whole or decimal (`0.5`, `4`, `24`: one to six digits, optionally a
    /// point and more digits), in minutes rounded to the nearest minute. kh.yaml 问题时限.
    public static func hours(_ text: String) -> Int? {
        let wellFormed = bytes(text) { b -> Bool in
            let dot = b.firstIndex(of: 0x2E) ?? b.count
            guard dot >= 1, dot <= 6, dot != b.count - 1 else { return false }
            for i in 0..<b.count where i != dot {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return false }
            }
            return true
        }
        guard wellFormed, let h = Double(text) else { return nil }
        return Int((h * 60).rounded())
    }

    /// Money in cents: `-?digits.dd`.
    public static func money(_ text: String) -> Int64? {
        bytes(text) { all in
            var b = all
            var negative = false
            if b.first == 0x2D {
                negative = true
                b = UnsafeBufferPointer(rebasing: all[1...])
            }
            guard b.count >= 4, b.count <= 18, b[b.count - 3] == 0x2E,
                let whole = number(b, 0..<(b.count - 3)), let cents = number(b, (b.count - 2)..<b.count)
            else { return nil }
            let v = Int64(whole) * 100 + Int64(cents)
            return negative ? -v : v
        }
    }

    /// A fraction between 0 and 1 (kh.yaml 完整度).
    public static func fraction(_ text: String) -> Double? {
        guard let v = Double(text), v >= 0, v <= 1, !text.contains("e"), !text.contains("E") else { return nil }
        return v
    }

    /// `1[3-9]` and 9 digits, optional `+86`, spaces or hyphens between groups. Returns the 11 digits.
    public static func mobile(_ text: String) -> String? {
        var s = Substring(text)
        if s.hasPrefix("+86") {
            s = s.dropFirst(3)
            if s.first == " " || s.first == "-" { s = s.dropFirst() }
        }
        var out = ""
        var lastWasSeparator = true
        for ch in s {
            if ch == " " || ch == "-" {
                if lastWasSeparator { return nil }
                lastWasSeparator = true
            } else if ch.isASCII, ch.isNumber {
                out.append(ch)
                lastWasSeparator = false
            } else {
                return nil
            }
        }
        guard !lastWasSeparator, out.count == 11 else { return nil }
        let u = Array(out.utf8)
        guard u[0] == 0x31, (0x33...0x39).contains(u[1]) else { return nil }
        return out
    }

    private static func groups(_ text: Substring) -> [Substring]? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        for p in parts where p.isEmpty || !p.allSatisfy({ $0.isASCII && $0.isNumber }) { return nil }
        return parts
    }

    /// A landline with its area code: `0AA(A)-NNNNNNN(N)[-ext]`, `+86-AA(A)-…`, or a 400/800 number.
    public static func isPhone(_ text: String) -> Bool {
        if text.hasPrefix("400") || text.hasPrefix("800") {
            let digits = text.filter { $0 != "-" && $0 != " " }
            return digits.count == 10 && digits.allSatisfy { $0.isASCII && $0.isNumber }
                && !text.contains("--") && !text.hasSuffix("-")
        }
        var body = Substring(text)
        var international = false
        if body.hasPrefix("+86-") {
            body = body.dropFirst(4)
            international = true
        }
        guard let g = groups(body), g.count == 2 || g.count == 3 else { return false }
        let area = g[0]
        let local = g[1]
        if international {
            guard area.first != "0", (2...3).contains(area.count) else { return false }
        } else {
            guard area.first == "0", (3...4).contains(area.count) else { return false }
        }
        guard (7...8).contains(local.count), local.first != "0" else { return false }
        if g.count == 3 { return (1...6).contains(g[2].count) }
        return true
    }

    public static func isEmail(_ text: String) -> Bool {
        // The usual all-ASCII address, checked byte-wise.
        if let ascii = text.utf8.withContiguousStorageIfAvailable({ asciiEmail($0) }), let verdict = ascii {
            return verdict
        }
        return unicodeEmail(text)
    }

    /// nil when the text is not all ASCII.
    private static func asciiEmail(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
        guard let at = b.firstIndex(of: 0x40), b.lastIndex(of: 0x40) == at, at > 0, at <= 64 else { return false }
        let local = b[0..<at]
        let domain = b[(at + 1)...]
        func alnum(_ c: UInt8) -> Bool {
            (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
        }
        let localExtra = Array("._%+-!#$&'*/=?^`{|}~".utf8)
        guard local.allSatisfy({ alnum($0) || localExtra.contains($0) }), local.first != 0x2E, local.last != 0x2E else {
            return false
        }
        var previousDot = false
        for c in local {
            if c == 0x2E && previousDot { return false }
            previousDot = c == 0x2E
        }
        let labels = domain.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for l in labels {
            guard !l.isEmpty, l.first != 0x2D, l.last != 0x2D, l.allSatisfy({ alnum($0) || $0 == 0x2D }) else {
                return false
            }
        }
        let tld = labels.last!
        return tld.count >= 2 && tld.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    private static func unicodeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64 else { return false }
        let local = parts[0]
        let domain = parts[1]
        let localOK = local.allSatisfy {
            $0.isASCII && ($0.isLetter || $0.isNumber || "._%+-!#$&'*/=?^`{|}~".contains($0))
        }
        guard localOK, !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for l in labels {
            guard !l.isEmpty, !l.hasPrefix("-"), !l.hasSuffix("-"),
                l.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
            else { return false }
        }
        return labels.last!.count >= 2 && labels.last!.allSatisfy { $0.isLetter }
    }

    public static func isURL(_ text: String) -> Bool {
        let rest: Substring
        if text.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if text.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return false
        }
        guard !rest.isEmpty, !text.contains(where: { $0.isWhitespace }) else { return false }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 || host == "localhost" else { return false }
        return labels.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }
    }

    /// 统一社会信用代码 per GB 32100-2015: 18 characters, the last a check character.
    public static func isCreditCode(_ text: String) -> Bool { creditCodeProblem(text) == nil }

    static let creditAlphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let creditWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// nil when valid; otherwise the expected check character, or "" when the form is wrong.
    static func creditCodeProblem(_ text: String) -> String? {
        let chars = Array(text)
        guard chars.count == 18 else { return "" }
        var sum = 0
        for i in 0..<17 {
            guard let v = creditAlphabet.firstIndex(of: chars[i]) else { return "" }
            sum += v * creditWeights[i]
        }
        guard creditAlphabet.contains(chars[17]) else { return "" }
        let check = (31 - sum % 31) % 31
        let expected = creditAlphabet[check]
        return chars[17] == expected ? nil : String(expected)
    }
}

extension Moment: CustomStringConvertible {
    /// `YYYY-MM-DD HH:MM`.
    public var description: String { "\(day) \(Values.pad(hour, 2)):\(Values.pad(minute, 2))" }
}
