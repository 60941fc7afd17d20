/// The Punycode encoder of RFC 3492 (Bootstring with the IDNA parameters), without the `xn--` prefix.
///
/// twitter-text rejects a URL whose host has a label longer than 63 characters once IDNA-encoded,
/// so the length engine needs the encoded form of non-ASCII labels. Foundation has no public API for it.
enum Punycode {
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 128

    /// The Punycode form of `scalars` (basic code points copied as they are, then `-` if there were
    /// any, then the encoded deltas), or `nil` if the input is too long to encode without overflow.
    static func encode<Scalars: Collection<Unicode.Scalar>>(_ scalars: Scalars) -> String? {
        let codePoints = scalars.map { Int($0.value) }
        var output = codePoints.filter { $0 < initialN }.map { UInt8($0) }
        let basicCount = output.count
        if basicCount > 0 { output.append(UInt8(ascii: "-")) }

        var n = initialN
        var delta = 0
        var bias = initialBias
        var handled = basicCount
        while handled < codePoints.count {
            // The smallest code point not yet handled; every remaining one is >= n.
            guard let next = codePoints.filter({ $0 >= n }).min() else { return nil }
            let (increment, overflow) = (next - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow, delta <= Int(Int32.max) - increment else { return nil }
            delta += increment
            n = next
            for codePoint in codePoints {
                if codePoint < n {
                    delta += 1
                    guard delta <= Int(Int32.max) else { return nil }
                }
                guard codePoint == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta: delta, pointCount: handled + 1, isFirst: handled == basicCount)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The Punycode form of `string`'s Unicode scalars.
    static func encode(_ string: String) -> String? {
        encode(string.unicodeScalars)
    }

    /// RFC 3492 §6.1: the bias adaptation after each encoded delta.
    private static func adapt(delta: Int, pointCount: Int, isFirst: Bool) -> Int {
        var delta = isFirst ? delta / damp : delta / 2
        delta += delta / pointCount
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    /// 0...25 are `a`...`z`, 26...35 are `0`...`9`.
    private static func digit(_ value: Int) -> UInt8 {
        value < 26 ? UInt8(ascii: "a") + UInt8(value) : UInt8(ascii: "0") + UInt8(value - 26)
    }
}
