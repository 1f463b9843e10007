import KHYAML

/// [M5] and PIPL: resident ID numbers and bank card numbers never belong in the archive.
public enum PersonalData {
    /// Every scalar value of the tree (keys excluded) that holds a resident ID or a card number.
    public static func scan(_ node: YAMLNode, file: String, path: String = "") -> [Diagnostic] {
        var out: [Diagnostic] = []
        var trail: [PathStep] = []
        walk(node, file: file, root: path, trail: &trail, into: &out)
        return out
    }

    private enum PathStep {
        case key(String), index(Int)
    }

    /// The field path is put together only for a hit.
    private static func walk(
        _ node: YAMLNode, file: String, root: String, trail: inout [PathStep], into out: inout [Diagnostic]
    ) {
        switch node {
        case .scalar(let s):
            guard s.value.utf8.count >= 16, digitCount(s.value) >= 16, let hit = find(in: s.value) else { return }
            var path = root
            for step in trail {
                switch step {
                case .key(let k): path = FieldChecker.join(path, k)
                case .index(let i): path += "[\(i)]"
                }
            }
            out.append(
                Diagnostic(
                    rule: hit.isID ? .residentID : .bankCard, file: file, start: s.start, end: s.end,
                    path: path.isEmpty ? nil : path,
                    message: hit.isID
                        ? Rules.ResidentID.message(masked: hit.masked) : Rules.BankCard.message(masked: hit.masked)))
        case .mapping(let m):
            for e in m.entries {
                trail.append(.key(e.key.value))
                walk(e.value, file: file, root: root, trail: &trail, into: &out)
                trail.removeLast()
            }
        case .sequence(let q):
            for (i, item) in q.items.enumerated() {
                trail.append(.index(i + 1))
                walk(item, file: file, root: root, trail: &trail, into: &out)
                trail.removeLast()
            }
        }
    }

    /// ASCII and full-width (EF BC 90–99) digits in a string: fewer than 16 cannot hold an ID or a card.
    static func digitCount(_ s: String) -> Int {
        Values.bytes(s) { digitCount($0) }
    }

    static func digitCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int { Digits.count(bytes) }

    /// Digit runs (full-width digits count). A card number may be grouped by single spaces or
    /// hyphens in groups of four (`6222 0212 3456 7890 123`); dates and phone numbers are not.
    static func find(in text: String) -> (isID: Bool, masked: String)? {
        var candidates: [[UInt8]] = []
        var plain: [UInt8] = []  // the current run of digits
        var grouped: [UInt8] = []  // digits of a run of separated groups
        var groups: [Int] = []  // lengths of those groups
        var afterSeparator = false
        func closeGroups() {
            if groups.count > 1, groups.dropLast().allSatisfy({ $0 == 4 }), (1...4).contains(groups.last!) {
                candidates.append(grouped)
            }
            grouped = []
            groups = []
        }
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if (0xFF10...0xFF19).contains(v) { v -= 0xFF10 - 0x30 }
            if v == 0xFF38 || v == 0x78 { v = 0x58 }  // x, ｘ → X (an ID's check character)
            if (0x30...0x39).contains(v) {
                if plain.isEmpty { groups.append(0) }
                plain.append(UInt8(v))
                grouped.append(UInt8(v))
                groups[groups.count - 1] += 1
                afterSeparator = false
            } else if v == 0x58, plain.count == 17 {
                plain.append(UInt8(v))
                candidates.append(plain)
                plain = []
                closeGroups()
                afterSeparator = false
            } else if v == 0x20 || v == 0x2D, !plain.isEmpty, !afterSeparator {
                candidates.append(plain)
                plain = []
                afterSeparator = true
            } else {
                candidates.append(plain)
                plain = []
                closeGroups()
                afterSeparator = false
            }
        }
        candidates.append(plain)
        closeGroups()
        for run in candidates where run.count >= 16 {
            if run.count == 18, isResidentID(run) { return (true, mask(run)) }
            if run.count <= 19, !run.contains(0x58), luhn(run) { return (false, mask(run)) }
        }
        return nil
    }

    static func isResidentID(_ d: [UInt8]) -> Bool {
        guard d.count == 18 else { return false }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for i in 0..<17 {
            guard d[i] >= 0x30 && d[i] <= 0x39 else { return false }
            sum += Int(d[i] - 0x30) * weights[i]
        }
        let checks: [UInt8] = Array("10X98765432".utf8)
        guard d[17] == checks[sum % 11] else { return false }
        guard (0x31...0x38).contains(d[0]) else { return false }  // region codes 1x–8x
        func n(_ r: Range<Int>) -> Int { r.reduce(0) { $0 * 10 + Int(d[$1] - 0x30) } }
        let y = n(6..<10)
        let m = n(10..<12)
        let day = n(12..<14)
        return (1900...2100).contains(y) && Day.isValid(y, m, day)
    }

    static func luhn(_ d: [UInt8]) -> Bool {
        var sum = 0
        for (i, b) in d.reversed().enumerated() {
            guard b >= 0x30 && b <= 0x39 else { return false }
            var x = Int(b - 0x30)
            if i % 2 == 1 {
                x *= 2
                if x > 9 { x -= 9 }
            }
            sum += x
        }
        return sum % 10 == 0 && Set(d).count > 1
    }

    static func mask(_ d: [UInt8]) -> String {
        let s = String(decoding: d, as: UTF8.self)
        return String(s.prefix(4)) + String(repeating: "*", count: max(0, s.count - 8)) + String(s.suffix(4))
    }
}
