#if canImport(Glibc)
import Glibc
#endif

/// The system's random generator read 32 draws at a time: one call to the system (`getrandom`) fills a buffer that
/// the next 32 draws take from, instead of one call per draw. For ``SupporterID/random()``, which a web server calls
/// for every visitor without a cookie. The draws are the system's own (as unpredictable), kept in memory until used.
struct BufferedSystemRandom: RandomNumberGenerator {
    private static let buffer = Locked(Buffer())

    private struct Buffer {
        var draws = [UInt64](repeating: 0, count: 32)
        var next = 32

        mutating func draw() -> UInt64 {
            if next == draws.count {
                var system = SystemRandomNumberGenerator()
                draws.withUnsafeMutableBytes { bytes in system.fill(bytes) }
                next = 0
            }
            defer { next += 1 }
            return draws[next]
        }
    }

    mutating func next() -> UInt64 {
        Self.buffer.withLock { $0.draw() }
    }
}

private extension SystemRandomNumberGenerator {
    /// Fills `bytes` (at most 256) with the system's random bytes: in one call with `getentropy` (glibc 2.25 and
    /// later: `getrandom`), or eight bytes per call if it fails or elsewhere.
    mutating func fill(_ bytes: UnsafeMutableRawBufferPointer) {
        #if canImport(Glibc)
        if getentropy(bytes.baseAddress!, bytes.count) == 0 { return }
        #endif
        for index in stride(from: 0, to: bytes.count, by: 8) {
            bytes.storeBytes(of: next(), toByteOffset: index, as: UInt64.self)
        }
    }
}
