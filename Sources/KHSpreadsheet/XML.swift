import KHSupport
import KHYAML

/// A small XML pull tokenizer for the parts of an .xlsx: elements, attributes, text with the
/// five predefined entities and character references, CDATA. Comments and processing
/// instructions are skipped; a DTD is skipped, never processed, so no entity is ever
/// expanded beyond the predefined ones (no "billion laughs"). Start and end tags must match.
struct XMLTokenizer {
    enum Event {
        /// A start tag: its local name (without a prefix) and attributes (qualified names).
        case start(name: String, attributes: [(name: String, value: String)], selfClosing: Bool)
        /// An end tag's local name (also sent after a self-closing start tag).
        case end(name: String)
        /// Character data, entities decoded, line ends normalised to "\n".
        case text(String)
    }

    private let b: [UInt8]
    private var i = 0
    private var stack: [String] = []
    private var pendingEnd: String?
    private var sawRoot = false
    let part: String

    init(_ bytes: [UInt8], part: String) {
        self.part = part
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let text = (try? TextDecoding.utf16(bytes, littleEndian: bytes[0] == 0xFF)) ?? ""
            b = Array(text.utf8)
        } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            b = Array(bytes[3...])
        } else {
            b = bytes
        }
    }

    /// The attribute with this qualified name.
    static func attribute(_ attributes: [(name: String, value: String)], _ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The first attribute with this local name under any prefix (`r:id`, `ns1:id`…).
    static func prefixedAttribute(_ attributes: [(name: String, value: String)], local: String) -> String? {
        attributes.first { a in
            guard let colon = a.name.firstIndex(of: ":") else { return false }
            return a.name[a.name.index(after: colon)...] == local && !a.name.hasPrefix("xmlns")
        }?.value
    }

    func error(_ zh: String, _ en: String, at offset: Int? = nil) -> SpreadsheetError {
        let at = offset ?? i
        return SpreadsheetError(
            zh: "\(part) 不是有效的 XML（第 \(at) 字节：\(zh)）", en: "\(part) is not valid XML (byte offset \(at): \(en))")
    }

    /// The next event; nil at the end of a well-formed document.
    mutating func next() throws(SpreadsheetError) -> Event? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name: name)
        }
        while i < b.count {
            if b[i] != 0x3C {  // text up to the next "<"
                let start = i
                while i < b.count && b[i] != 0x3C { i += 1 }
                if stack.isEmpty {
                    if b[start..<i].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { continue }
                    throw error("根元素之外有文本", "text outside the root element", at: start)
                }
                return .text(Self.decode(b[start..<i]))
            }
            if starts(with: "<?") {
                try skip(past: "?>")
            } else if starts(with: "<!--") {
                try skip(past: "-->")
            } else if starts(with: "<![CDATA[") {
                let start = i + 9
                try skip(past: "]]>")
                guard !stack.isEmpty else { throw error("根元素之外有 CDATA", "CDATA outside the root element", at: start) }
                return .text(String(decoding: Self.normaliseLineEnds(b[start..<(i - 3)]), as: UTF8.self))
            } else if starts(with: "<!") {
                try skipDeclaration()
            } else if starts(with: "</") {
                let tagStart = i
                i += 2
                let name = readName()
                skipSpace()
                guard i < b.count, b[i] == 0x3E else { throw error("结束标签不完整", "unterminated end tag", at: tagStart) }
                i += 1
                guard let open = stack.popLast() else {
                    throw error("多余的结束标签 </\(name)>", "unexpected end tag </\(name)>", at: tagStart)
                }
                guard open == name else {
                    throw error(
                        "结束标签 </\(name)> 与 <\(open)> 不匹配", "end tag </\(name)> does not match <\(open)>", at: tagStart)
                }
                return .end(name: Self.local(name))
            } else {
                return try startTag()
            }
        }
        if let open = stack.last {
            throw error("文件在 <\(open)> 结束之前就结束了", "the document ends inside <\(open)>")
        }
        if !sawRoot { throw error("没有任何元素", "no element at all") }
        return nil
    }

    private mutating func startTag() throws(SpreadsheetError) -> Event {
        let tagStart = i
        i += 1
        let name = readName()
        guard !name.isEmpty else { throw error("“<”后面不是元素名", "\"<\" not followed by an element name", at: tagStart) }
        if stack.isEmpty && sawRoot { throw error("有多个根元素", "more than one root element", at: tagStart) }
        var attributes: [(name: String, value: String)] = []
        while true {
            skipSpace()
            guard i < b.count else { throw error("标签 <\(name)> 不完整", "unterminated tag <\(name)>", at: tagStart) }
            if b[i] == 0x3E {
                i += 1
                stack.append(name)
                sawRoot = true
                return .start(name: Self.local(name), attributes: attributes, selfClosing: false)
            }
            if b[i] == 0x2F {
                guard i + 1 < b.count, b[i + 1] == 0x3E else {
                    throw error("标签 <\(name)> 不完整", "malformed tag <\(name)>")
                }
                i += 2
                sawRoot = true
                pendingEnd = Self.local(name)
                return .start(name: Self.local(name), attributes: attributes, selfClosing: true)
            }
            let attribute = readName()
            skipSpace()
            guard !attribute.isEmpty, i < b.count, b[i] == 0x3D else {
                throw error("标签 <\(name)> 的属性格式错误", "malformed attribute in <\(name)>")
            }
            i += 1
            skipSpace()
            guard i < b.count, b[i] == 0x22 || b[i] == 0x27 else {
                throw error("属性 \(attribute) 的值没有引号", "the value of attribute \(attribute) is not quoted")
            }
            let q = b[i]
            i += 1
            let start = i
            while i < b.count && b[i] != q {
                if b[i] == 0x3C { throw error("属性值中有“<”", "\"<\" in an attribute value") }
                i += 1
            }
            guard i < b.count else {
                throw error("属性 \(attribute) 的值没有结束", "unterminated value of attribute \(attribute)", at: start)
            }
            // Attribute value normalisation: white space characters become spaces.
            let value = Self.decode(b[start..<i]).map { $0 == "\n" || $0 == "\t" ? " " : $0 }
            attributes.append((attribute, String(value)))
            i += 1
        }
    }

    private func starts(with s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        return s.withUTF8Buffer { p in
            var k = 0
            while k < n {
                if b[i + k] != p[k] { return false }
                k += 1
            }
            return true
        }
    }

    private mutating func skip(past end: StaticString) throws(SpreadsheetError) {
        let start = i
        let n = end.utf8CodeUnitCount
        while i + n <= b.count {
            if starts(with: end) {
                i += n
                return
            }
            i += 1
        }
        throw error("\(end) 之前文件就结束了", "the document ends before \(end)", at: start)
    }

    /// `<!DOCTYPE …>` with an internal subset: skipped as a whole, quotes and brackets respected.
    private mutating func skipDeclaration() throws(SpreadsheetError) {
        let start = i
        var depth = 0
        var quote: UInt8?
        i += 2
        while i < b.count {
            let c = b[i]
            i += 1
            if let q = quote {
                if c == q { quote = nil }
            } else if c == 0x22 || c == 0x27 {
                quote = c
            } else if c == 0x5B {
                depth += 1
            } else if c == 0x5D {
                depth -= 1
            } else if c == 0x3E && depth <= 0 {
                return
            }
        }
        throw error("声明 <! 没有结束", "unterminated <! declaration", at: start)
    }

    private mutating func readName() -> String {
        let start = i
        while i < b.count {
            switch b[i] {
            case 0x20, 0x09, 0x0A, 0x0D, 0x2F, 0x3E, 0x3D, 0x3C, 0x22, 0x27: break
            default:
                i += 1
                continue
            }
            break
        }
        return String(decoding: b[start..<i], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D { i += 1 }
    }

    package static func local(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// CR LF and lone CR become LF, as an XML processor must do before anything else.
    static func normaliseLineEnds(_ s: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var k = s.startIndex
        while k < s.endIndex {
            if s[k] == 0x0D {
                out.append(0x0A)
                if k + 1 < s.endIndex && s[k + 1] == 0x0A { k += 1 }
            } else {
                out.append(s[k])
            }
            k += 1
        }
        return out
    }

    /// Text with the predefined entities and character references decoded; anything else
    /// that starts with "&" is kept as it is.
    static func decode(_ raw: ArraySlice<UInt8>) -> String {
        let s = normaliseLineEnds(raw)
        guard s.contains(0x26) else { return String(decoding: s, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var k = 0
        while k < s.count {
            guard s[k] == 0x26, let semi = s[(k + 1)..<min(s.count, k + 12)].firstIndex(of: 0x3B) else {
                out.append(s[k])
                k += 1
                continue
            }
            let entity = s[(k + 1)..<semi]
            var replacement: [UInt8]?
            switch String(decoding: entity, as: UTF8.self) {
            case "lt": replacement = [0x3C]
            case "gt": replacement = [0x3E]
            case "amp": replacement = [0x26]
            case "quot": replacement = [0x22]
            case "apos": replacement = [0x27]
            case let e where e.hasPrefix("#x") || e.hasPrefix("#X"):
                replacement = UInt32(e.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map {
                    Array(String($0).utf8)
                }
            case let e where e.hasPrefix("#"):
                replacement = UInt32(e.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map {
                    Array(String($0).utf8)
                }
            default: break
            }
            if let replacement {
                out += replacement
                k = semi + 1
            } else {
                out.append(s[k])
                k += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Writing XML: escaping, and leaving out the characters XML 1.0 does not allow.
enum XMLWriter {
    /// Text content: & < > escaped, line ends as "\n", characters not allowed in XML 1.0
    /// (C0 controls other than tab and line feed, U+FFFE, U+FFFF) dropped.
    static func escape(_ s: String, attribute: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for u in s.unicodeScalars {
            defer { previousCR = u == "\r" }
            switch u {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where attribute: out.append(contentsOf: "&quot;".unicodeScalars)
            case "\r": out.append(contentsOf: (attribute ? "&#10;" : "\n").unicodeScalars)
            case "\n":
                if !previousCR { out.append(contentsOf: (attribute ? "&#10;" : "\n").unicodeScalars) }
            case "\t": out.append(contentsOf: (attribute ? "&#9;" : "\t").unicodeScalars)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.append(u)
            }
        }
        return String(out)
    }
}
