/// SHA-1, for git blob ids: the cache keys a file by the id git gives its content, so that
/// `kh validate --changed-since` can find cached results from `git ls-tree` alone.
/// (Not for security: git's object id is what is wanted here.)
public struct SHA1 {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0
    )
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    public init() {
        buffer.reserveCapacity(64)
    }

    /// The git object id of a blob with these bytes: SHA-1 of `blob <size>\0<bytes>`, in hex.
    public static func gitBlob(_ bytes: [UInt8]) -> String {
        var s = SHA1()
        s.update(Array("blob \(bytes.count)\0".utf8))
        s.update(bytes)
        return s.hexDigest()
    }

    public mutating func update(_ data: [UInt8]) {
        data.withUnsafeBufferPointer { update($0) }
    }

    public mutating func update(_ data: UnsafeBufferPointer<UInt8>) {
        length &+= UInt64(data.count)
        var i = 0
        if !buffer.isEmpty {
            while i < data.count && buffer.count < 64 {
                buffer.append(data[i])
                i += 1
            }
            if buffer.count == 64 {
                buffer.withUnsafeBufferPointer { block($0.baseAddress!) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        while i + 64 <= data.count {
            block(data.baseAddress! + i)
            i += 64
        }
        while i < data.count {
            buffer.append(data[i])
            i += 1
        }
    }

    public mutating func hexDigest() -> String {
        let bits = length &* 8
        var tail = buffer
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for s in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(s))) }
        tail.withUnsafeBufferPointer { p in
            var o = 0
            while o < p.count {
                block(p.baseAddress! + o)
                o += 64
            }
        }
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(40)
        for v in [h.0, h.1, h.2, h.3, h.4] {
            for s in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((v >> UInt32(s)) & 0xF)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func block(_ p: UnsafePointer<UInt8>) {
        h = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 80) { w in
            for t in 0..<16 {
                w[t] =
                    UInt32(p[t * 4]) << 24 | UInt32(p[t * 4 + 1]) << 16 | UInt32(p[t * 4 + 2]) << 8
                    | UInt32(p[t * 4 + 3])
            }
            for t in 16..<80 {
                let x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
                w[t] = x << 1 | x >> 31
            }
            var (a, b, c, d, e) = h
            for t in 0..<80 {
                let f: UInt32
                let k: UInt32
                switch t {
                case 0..<20:
                    f = (b & c) | (~b & d)
                    k = 0x5A82_7999
                case 20..<40:
                    f = b ^ c ^ d
                    k = 0x6ED9_EBA1
                case 40..<60:
                    f = (b & c) | (b & d) | (c & d)
                    k = 0x8F1B_BCDC
                default:
                    f = b ^ c ^ d
                    k = 0xCA62_C1D6
                }
                let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[t]
                e = d
                d = c
                c = b << 30 | b >> 2
                b = a
                a = temp
            }
            return (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
        }
    }
}
