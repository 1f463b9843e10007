import Foundation
import KHModel
import KHSupport

/// The visitor's session: a random token (cookie `kh_session`, HttpOnly, SameSite=Lax)
/// that every form repeats in a hidden field, and who they said they are (cookie `kh_member`,
/// a 团队 name, remembered for a year). Neither is a login: team mode's logins are `Logins`.
struct Session {
    var token: String
    var member: String?
    private var newToken = false
    private var setMember: String??

    /// `secret`: the server's, made at start. A token is a random nonce and its HMAC under the
    /// secret, so only tokens this server gave (since it started) are accepted.
    init(_ request: WebRequest, secret: [UInt8]) {
        let cookies = request.cookies
        if let t = cookies["kh_session"], Self.isValid(t, secret: secret) {
            token = t
        } else {
            token = Self.newToken(secret: secret)
            newToken = true
        }
        member = cookies["kh_member"].flatMap { Form.decode($0, plus: false) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func randomBytes(_ n: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func newToken(secret: [UInt8]) -> String {
        let nonce = hex(randomBytes(16))
        return nonce + HMAC.sha1(key: secret, Array(nonce.utf8)).prefix(32)
    }

    static func isValid(_ token: String, secret: [UInt8]) -> Bool {
        guard token.count == 64, token.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return false }
        let nonce = String(token.prefix(32))
        return Security.same(String(token.suffix(32)), String(HMAC.sha1(key: secret, Array(nonce.utf8)).prefix(32)))
    }

    mutating func choose(_ name: String?) {
        member = name
        setMember = .some(name)
    }

    func write(into response: inout WebResponse) {
        if newToken {
            response.headers.append(("Set-Cookie", "kh_session=\(token); Path=/; HttpOnly; SameSite=Lax"))
        }
        if let m = setMember {
            if let m {
                response.headers.append(
                    ("Set-Cookie", "kh_member=\(Form.encode(m)); Path=/; Max-Age=31536000; HttpOnly; SameSite=Strict"))
            } else {
                response.headers.append(("Set-Cookie", "kh_member=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"))
            }
        }
    }
}

enum Security {
    struct Refusal {
        var status: Int
        var message: Text
    }

    /// A form post must come from a page of this server: its Origin (or, without one,
    /// Sec-Fetch-Site: same-origin) names this server, and its `_token` is the session's.
    /// A post with neither header is refused too: every browser kh supports sends Origin.
    static func checkPost(
        _ request: WebRequest, session: Session, settings: ServeSettings, _ lang: Language
    ) -> Refusal? {
        let host = request.headers["host"]?.lowercased() ?? ""
        // `Origin: null` (a privacy setting, a sandboxed frame) says nothing either way: Sec-Fetch-Site decides.
        if let origin = request.headers["origin"], origin != "null" {
            // https: behind a reverse proxy that ends TLS, the browser's origin is the proxy's.
            guard ["http://" + host, "https://" + host].contains(origin.lowercased()) else {
                return Refusal(
                    status: 403,
                    message: Text(
                        zh: "拒绝来自其他网站（\(origin)）的提交", en: "a form post from another site (\(origin)) is refused"))
            }
        } else if let site = request.headers["sec-fetch-site"] {
            guard site == "same-origin" else {
                return Refusal(
                    status: 403,
                    message: Text(
                        zh: "拒绝来自其他网站的提交（Sec-Fetch-Site: \(site)）",
                        en: "a form post from another site is refused (Sec-Fetch-Site: \(site))"))
            }
        } else {
            return Refusal(
                status: 403,
                message: Text(
                    zh: "提交缺少 Origin 头，无法确认来自本站；请用浏览器提交",
                    en:
                        "the post has no Origin header, so it cannot be told to come from this site; submit it from a browser"
                ))
        }
        let sent = request.form.first { $0.0 == "_token" }?.1
        guard let sent, request.cookies["kh_session"] == session.token, Self.same(sent, session.token) else {
            return Refusal(
                status: 403,
                message: Text(
                    zh: "表单已过期或不是本站的（会话令牌不符）；请刷新页面后重试",
                    en:
                        "the form has expired or is not this site's (the session token does not match); reload the page and try again"
                ))
        }
        return nil
    }

    /// Compares in time independent of where the strings differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var d: UInt8 = 0
        for i in x.indices { d |= x[i] ^ y[i] }
        return d == 0
    }

    /// kh serve's own pages: their one style sheet, nothing else.
    static let pagePolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    /// kh's printable outputs (catalogue, review, report) carry their styles inline, and no script.
    static let documentPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"

    /// Headers on every response: no script at all, no framing, no MIME sniffing, no
    /// referrer, and pages never cached (they show the archive as it is).
    static func harden(_ response: inout WebResponse) {
        if response.header("Content-Security-Policy") == nil {
            response.headers.append(("Content-Security-Policy", pagePolicy))
        }
        let fixed: [(String, String)] = [
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            // Not no-referrer: under it Chromium sends `Origin: null` with this site's own form posts.
            ("Referrer-Policy", "same-origin"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Cross-Origin-Resource-Policy", "same-origin"),
        ]
        response.headers.append(contentsOf: fixed)
        if response.header("Cache-Control") == nil { response.headers.append(("Cache-Control", "no-store")) }
    }
}

/// HMAC (RFC 2104) over SHA-1, in hex: the session tokens' signature (HMAC-SHA1 stays sound as a
/// MAC; SHA-1's collisions do not matter here).
enum HMAC {
    static func sha1(key: [UInt8], _ message: [UInt8]) -> String {
        var k = key.count > 64 ? bytes(SHA1.digestHex(key)) : key
        k += [UInt8](repeating: 0, count: 64 - k.count)
        let inner = SHA1.digestHex(k.map { $0 ^ 0x36 } + message)
        return SHA1.digestHex(k.map { $0 ^ 0x5C } + bytes(inner))
    }

    private static func bytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16) ?? 0)
            i = j
        }
        return out
    }
}

extension SHA1 {
    static func digestHex(_ bytes: [UInt8]) -> String {
        var s = SHA1()
        s.update(bytes)
        return s.hexDigest()
    }
}
