import Foundation

/// A request as kh serve's pages see it: what the transport (Hummingbird, or a test) read
/// off the connection. Header names are lower case.
public struct WebRequest: Sendable {
    public var method: String
    /// The request target as sent: the path, percent-encoded, and the query.
    public var target: String
    public var headers: [String: String]
    public var body: [UInt8]
    /// The address the connection came from (nil in tests that do not say).
    public var peer: String?

    public init(
        method: String, target: String, headers: [String: String] = [:], body: [UInt8] = [], peer: String? = nil
    ) {
        self.peer = peer
        self.method = method.uppercased()
        self.target = target
        var lower: [String: String] = [:]
        for (k, v) in headers { lower[k.lowercased()] = v }
        self.headers = lower
        self.body = body
    }

    /// The path part of the target, still percent-encoded.
    public var rawPath: String { String(target.prefix { $0 != "?" && $0 != "#" }) }

    /// The query's fields, decoded (`+` is a space), in order.
    public var query: [(String, String)] {
        guard let q = target.firstIndex(of: "?") else { return [] }
        return Form.fields(String(target[target.index(after: q)...].prefix { $0 != "#" }))
    }

    /// The body's fields (application/x-www-form-urlencoded).
    public var form: [(String, String)] { Form.fields(String(decoding: body, as: UTF8.self)) }

    /// The cookies sent, by name.
    public var cookies: [String: String] {
        var out: [String: String] = [:]
        for part in (headers["cookie"] ?? "").split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, out[kv[0]] == nil { out[kv[0]] = kv[1] }
        }
        return out
    }
}

/// A response: status, headers in order, body.
public struct WebResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    static func html(_ status: Int, _ page: String) -> WebResponse {
        WebResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(page.utf8))
    }

    static func json(_ status: Int, _ text: String) -> WebResponse {
        WebResponse(
            status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(text.utf8))
    }

    static func redirect(_ location: String) -> WebResponse {
        // 303: after a form post, the browser asks for the page with GET.
        WebResponse(status: 303, headers: [("Location", location)])
    }
}

/// application/x-www-form-urlencoded and percent-encoding.
enum Form {
    static func fields(_ text: String) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).compactMap { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let k = decode(String(kv[0]), plus: true) else { return nil }
            let v = kv.count > 1 ? decode(String(kv[1]), plus: true) : ""
            return v.map { (k, $0) }
        }
    }

    /// Percent-decoded text; nil when an escape is malformed or the bytes are not UTF-8.
    static func decode(_ text: String, plus: Bool) -> String? {
        var bytes: [UInt8] = []
        var i = text.utf8.startIndex
        let u = text.utf8
        while i < u.endIndex {
            let b = u[i]
            if b == UInt8(ascii: "%") {
                let h1 = u.index(after: i)
                guard h1 < u.endIndex, u.index(after: h1) < u.endIndex,
                    let hi = hex(u[h1]), let lo = hex(u[u.index(after: h1)])
                else { return nil }
                bytes.append(hi << 4 | lo)
                i = u.index(i, offsetBy: 3)
                continue
            }
            bytes.append(plus && b == UInt8(ascii: "+") ? 0x20 : b)
            i = u.index(after: i)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x41 + 10
        case 0x61...0x66: return b - 0x61 + 10
        default: return nil
        }
    }

    /// Percent-encodes a query value or a path segment (everything but unreserved characters).
    static func encode(_ text: String) -> String {
        var out = ""
        for b in text.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(b)))
            default:
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }

    static func query(_ fields: [(String, String)]) -> String {
        fields.isEmpty ? "" : "?" + fields.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }
}
