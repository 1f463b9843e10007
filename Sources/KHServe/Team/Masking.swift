import Foundation
import KHModel

/// The data policy's masking: a contact's 手机, 电话, 邮箱 and 微信 are shown in full only to
/// those whose role reaches them (the customer's 负责销售, 资料专员, 管理员); to the others as
/// `138****5678`, `010-****5678`, `z***@example.com`, `w***g`. Free text a page shows about a
/// customer (problem messages, interaction content, a file's change) has any mobile or e-mail
/// in it masked the same way.
enum Mask {
    /// The fields masked: those the format marks sensitive (a contact's 手机, 电话, 邮箱; 需求偏好's
    /// 个人偏好), and 微信 (the data policy names it; a team adds it with kh.yaml 字段.新增).
    static let fields: Set<String> = {
        var out: Set<String> = ["微信"]
        func walk(_ s: Schema) {
            for f in s.fields {
                if f.sensitive { out.insert(f.name) }
                switch f.type {
                case .mapping(let inner), .list(.mapping(let inner)): walk(inner)
                default: break
                }
            }
        }
        for t in DocumentType.allCases { walk(Declarations.schema(for: t)) }
        return out
    }()

    static func value(_ field: String, _ text: String) -> String {
        switch field {
        case FieldName.email: return email(text)
        case FieldName.mobile, FieldName.phone: return digits(text)
        default: return middle(text)
        }
    }

    /// Digits but the first 3 and the last 4 become `*` (separators stay); a short number keeps
    /// only its last 2.
    static func digits(_ text: String) -> String {
        let count = text.filter(\.isASCIIDigit).count
        let keep: Range<Int> = count >= 9 ? 3..<(count - 4) : 0..<max(0, count - 2)
        var i = 0
        var out = ""
        for c in text {
            if c.isASCIIDigit {
                out.append(keep.contains(i) ? "*" : c)
                i += 1
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// `z***@example.com`: the first character of the name, the domain.
    static func email(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), at > text.startIndex else { return middle(text) }
        return String(text[text.startIndex]) + "***" + text[at...]
    }

    /// `w***g`: the first and last character.
    static func middle(_ text: String) -> String {
        guard let first = text.first, let last = text.last, text.count > 2 else { return "***" }
        return "\(first)***\(last)"
    }

    /// Masks every mobile number (11 digits from 1[3-9], not inside a longer number) and every
    /// e-mail address in free text.
    static func scrub(_ text: String) -> String {
        guard text.contains(where: { $0.isASCIIDigit || $0 == "@" }) else { return text }
        var out = ""
        var run = ""
        func flush() {
            let u = Array(run.utf8)
            out +=
                u.count == 11 && u[0] == UInt8(ascii: "1") && (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(u[1])
                ? digits(run) : run
            run = ""
        }
        for c in text {
            if c.isASCIIDigit {
                run.append(c)
            } else {
                flush()
                out.append(c)
            }
        }
        flush()
        return out.replacing(emailInText) { m in email(String(m.output)) }
    }

    nonisolated(unsafe) private static let emailInText = /[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}/
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension PageContext {
    /// Free text about the customer `ties` describes, masked unless the viewer sees its
    /// contacts in full (nil: about no one customer, masked unless they see every customer's).
    func shown(_ text: String, _ ties: CustomerTies?) -> String {
        let full = ties.map(viewer.seesSensitive) ?? (viewer.grants.sensitive == .all)
        return full ? text : Mask.scrub(text)
    }

    /// A contact field's value for the viewer.
    func shown(field: String, _ value: String?, _ ties: CustomerTies) -> String? {
        guard let value else { return nil }
        return viewer.seesSensitive(ties) || !Mask.fields.contains(field) ? value : Mask.value(field, value)
    }
}
