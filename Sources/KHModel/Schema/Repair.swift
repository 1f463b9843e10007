import Foundation
import KHSupport
import KHYAML

/// The safe fixes of `kh fix`: a value of a typed field written in a form people use
/// (`2024/3/5`, `1,000`, `１３８ ００１３ ８０００`, `(010)62345678`) rewritten in the form the
/// spec asks for, only when the meaning is certain. Each returns nil when there is no such fix.
public enum Repair {
    /// The value in its right form for `type`, when a safe fix exists and differs from `raw`.
    public static func value(_ raw: String, type: ValueType, config: Config) -> String? {
        let v = fold(raw)
        let fixed: String?
        switch type {
        case .date: fixed = date(v)
        case .datetime: fixed = datetime(v)
        case .year: fixed = year(v)
        case .money: fixed = money(v, wan: false)
        case .moneyWan: fixed = money(v, wan: true)
        case .integer: fixed = integer(v)
        case .mobile: fixed = mobile(v)
        case .phone: fixed = phone(v)
        case .email:
            fixed =
                Values.isEmail(v.replacingOccurrences(of: " ", with: ""))
                ? v.replacingOccurrences(of: " ", with: "") : nil
        case .url: fixed = Values.isURL(v) ? v : nil
        case .creditCode:
            let c = v.replacingOccurrences(of: " ", with: "").uppercased()
            fixed = Values.isCreditCode(c) ? c : nil
        case .level: fixed = FieldChecker.levels.containsSame(v) ? v : nil
        case .yesno: fixed = FieldChecker.yesno.containsSame(v) ? v : nil
        case .choice(let values): fixed = values.containsSame(v) ? v : nil
        case .configChoice(let list): fixed = config.list(list).containsSame(v) ? v : nil
        case .text, .person, .fraction, .hours, .list, .mapping, .any: fixed = nil
        }
        guard let fixed, fixed != raw else { return nil }
        return fixed
    }

    /// Full-width digits, letters and punctuation folded (NFKC), white space trimmed.
    package static func fold(_ s: String) -> String {
        s.precomposedStringWithCompatibilityMapping.trimmingWhitespace()
    }

    /// `2024/3/5`, `2024.3.5`, `2024-3-5`, `2024年3月5日`, `20240305` → `2024-03-05`.
    static func date(_ s: String) -> String? {
        day(s).map(\.description)
    }

    package static func day(_ s: String) -> Day? {
        let compact = s.replacingOccurrences(of: " ", with: "")
        if compact.count == 8, compact.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(compact) {
            let (y, m, d) = (n / 10000, n / 100 % 100, n % 100)
            return Day.isValid(y, m, d) ? Day(year: y, month: m, day: d) : nil
        }
        var parts: [Int] = []
        var current = ""
        var seps: [Character] = []
        for ch in compact {
            if ch.isASCII && ch.isNumber {
                current.append(ch)
                continue
            }
            guard !current.isEmpty, let n = Int(current) else { return nil }
            parts.append(n)
            current = ""
            seps.append(ch)
        }
        if !current.isEmpty, let n = Int(current) { parts.append(n) }
        guard parts.count == 3 else { return nil }
        let ok: Bool
        switch seps.count {
        case 2: ok = seps[0] == seps[1] && "-/.".contains(seps[0]) || seps == ["年", "月"]
        case 3: ok = seps == ["年", "月", "日"]
        default: ok = false
        }
        guard ok, (1000...9999).contains(parts[0]), Day.isValid(parts[0], parts[1], parts[2]) else { return nil }
        return Day(year: parts[0], month: parts[1], day: parts[2])
    }

    /// A date as above, then `H:MM` (seconds only when `:00`) → `YYYY-MM-DD HH:MM`.
    static func datetime(_ s: String) -> String? {
        var text = s.replacingOccurrences(of: "T", with: " ")
        for marker in ["日 ", "日"] where text.contains(marker) {
            text = text.replacingOccurrences(of: marker, with: "日 ")
            break
        }
        let pieces = text.split(separator: " ", omittingEmptySubsequences: true)
        guard pieces.count == 2, let d = day(String(pieces[0])) else { return nil }
        var clock = String(pieces[1])
        for (a, b) in [("时", ":"), ("点", ":"), ("分", "")] { clock = clock.replacingOccurrences(of: a, with: b) }
        let t = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard t.count == 2 || (t.count == 3 && t[2] == "00"), let h = Int(t[0]), let m = Int(t[1]), t[1].count == 2,
            (1...2).contains(t[0].count), h < 24, m < 60
        else { return nil }
        return "\(d) \(Values.pad(h, 2)):\(Values.pad(m, 2))"
    }

    /// `2024年` → `2024`.
    static func year(_ s: String) -> String? {
        let t = s.hasSuffix("年") ? String(s.dropLast()) : s
        return Values.year(t) != nil ? t : nil
    }

    /// `1000`, `1,000`, `1000.5`, `¥1,000`, `1000元`, `50万` → `1000.00`-style amounts (in
    /// yuan, or in 万元 for `wan` fields). More than two decimals is not fixed: that would round.
    package static func money(_ s: String, wan: Bool) -> String? {
        var t = s.replacingOccurrences(of: " ", with: "")
        for prefix in ["¥", "￥", "RMB", "CNY"] where t.hasPrefix(prefix) { t = String(t.dropFirst(prefix.count)) }
        var scale = 0  // powers of ten to shift left
        if t.hasSuffix("万元") && !wan {
            t = String(t.dropLast(2))
            scale = 4
        } else if t.hasSuffix("元") && !wan {
            t = String(t.dropLast())
        } else if t.hasSuffix("万") {
            t = String(t.dropLast())
            scale = wan ? 0 : 4
        } else if t.hasSuffix("万元") && wan {
            t = String(t.dropLast(2))
        }
        var negative = false
        if t.hasPrefix("-") {
            negative = true
            t.removeFirst()
        }
        // Thousands separators: groups of three after the first.
        if t.contains(",") {
            let whole = t.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
            t = t.replacingOccurrences(of: ",", with: "")
        }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } })
        else { return nil }
        var whole = String(parts[0])
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        // Shift the decimal point for 万.
        for _ in 0..<scale {
            whole += fraction.isEmpty ? "0" : String(fraction.removeFirst())
        }
        guard fraction.count <= 2, whole.count <= 15 else { return nil }
        while whole.count > 1 && whole.hasPrefix("0") { whole.removeFirst() }
        fraction += String(repeating: "0", count: 2 - fraction.count)
        let out = (negative ? "-" : "") + whole + "." + fraction
        return Values.money(out) != nil ? out : nil
    }

    /// `1,200` → `1200`.
    static func integer(_ s: String) -> String? {
        let t = s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "")
        return Values.integer(t) != nil ? t : nil
    }

    /// Any usual writing of a mainland mobile → its 11 digits.
    static func mobile(_ s: String) -> String? {
        var digits = s.filter { $0.isASCII && $0.isNumber }
        guard s.allSatisfy({ ($0.isASCII && $0.isNumber) || " -.()+".contains($0) }) else { return nil }
        if digits.count == 13 && digits.hasPrefix("86") {
            digits.removeFirst(2)
        } else if digits.count == 15 && digits.hasPrefix("0086") {
            digits.removeFirst(4)
        }
        return Values.mobile(digits) != nil ? digits : nil
    }

    /// `(010)62345678`, `010 6234 5678`, `+86 10 62345678`, `01062345678`, `400 810 8888`
    /// → `010-62345678`, `400-810-8888`; an extension after 转, ext or # is kept.
    static func phone(_ s: String) -> String? {
        var main = s
        var ext: String?
        for marker in ["转", "ext.", "ext", "EXT", "#", "x", "X"] {
            if let r = main.range(of: marker) {
                let e = main[r.upperBound...].filter { $0.isASCII && $0.isNumber }
                guard !e.isEmpty, e.count <= 6 else { return nil }
                ext = String(e)
                main = String(main[..<r.lowerBound])
                break
            }
        }
        guard main.allSatisfy({ ($0.isASCII && $0.isNumber) || " -.()+".contains($0) }) else { return nil }
        var digits = main.filter { $0.isASCII && $0.isNumber }
        if main.trimmingWhitespace().hasPrefix("+86") || digits.hasPrefix("0086") {
            digits.removeFirst(digits.hasPrefix("0086") ? 4 : 2)
            digits = "0" + digits
        }
        if (digits.hasPrefix("400") || digits.hasPrefix("800")) && digits.count == 10 && ext == nil {
            let a = digits.prefix(3)
            let b = digits.dropFirst(3).prefix(3)
            let c = digits.suffix(4)
            return "\(a)-\(b)-\(c)"
        }
        guard digits.hasPrefix("0") else { return nil }
        let areaLength = digits.hasPrefix("01") || digits.hasPrefix("02") ? 3 : 4
        let area = digits.prefix(areaLength)
        let local = digits.dropFirst(areaLength)
        guard (7...8).contains(local.count), local.first != "0" else { return nil }
        let out = "\(area)-\(local)" + (ext.map { "-" + $0 } ?? "")
        return Values.isPhone(out) ? out : nil
    }
}
