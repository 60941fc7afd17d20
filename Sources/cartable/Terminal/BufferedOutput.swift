#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Buffered writes to a file descriptor (standard output or error), flushed in large blocks.
struct BufferedOutput: ~Copyable {
    private let descriptor: Int32
    private var bytes: [UInt8] = []
    private let flushThreshold: Int
    /// The `errno` of the first write that failed for another reason than a reader gone away, if any.
    private(set) var failure: Int32?

    init(descriptor: Int32, flushThreshold: Int = 1 << 16) {
        self.descriptor = descriptor
        self.flushThreshold = flushThreshold
        bytes.reserveCapacity(flushThreshold + 1024)
    }

    /// Appends `text`, flushing when the buffer is full.
    mutating func write(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= flushThreshold { flush() }
    }

    /// Appends what `write` appends to the buffer (UTF-8), flushing when the buffer is full.
    mutating func write(_ write: (inout [UInt8]) -> Void) {
        write(&bytes)
        if bytes.count >= flushThreshold { flush() }
    }

    /// Appends the decimal digits of `value`, without creating a `String`.
    mutating func write(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
        if bytes.count >= flushThreshold { flush() }
    }

    /// Writes out everything buffered.
    mutating func flush() {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBufferPointer { systemWrite(descriptor, $0.baseAddress! + written, $0.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                if errno != EPIPE, failure == nil { failure = errno }
                break  // The reader went away (EPIPE), or the disk refused: nothing more can be delivered.
            }
            written += result
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
