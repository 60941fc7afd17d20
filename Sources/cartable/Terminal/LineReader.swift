#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor line by line in large blocks, so memory stays flat whatever the input size.
///
/// Lines end at `\n`; a `\r` before it is dropped. The last line may lack its `\n`.
struct LineReader: ~Copyable {
    private let descriptor: Int32
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var reachedEnd = false

    init(descriptor: Int32, blockSize: Int = 1 << 16) {
        self.descriptor = descriptor
        self.buffer = [UInt8](repeating: 0, count: blockSize)
    }

    /// Calls `body` with the bytes of each line, in order. Throws `LineReader.ReadError` if reading fails.
    mutating func forEachLine(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: UInt8(ascii: "\n")) {
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<lineEnd])) }
                start = newline + 1
                continue
            }
            if reachedEnd {
                if start < end {
                    var lineEnd = end
                    if buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                    try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<lineEnd])) }
                }
                return
            }
            try refill()
        }
    }

    /// Moves the unread tail to the front, grows the buffer for a line longer than it, then reads a block.
    private mutating func refill() throws {
        if start > 0 {
            let tail = end - start
            if tail > 0 { buffer.withUnsafeMutableBufferPointer { _ = memmove($0.baseAddress!, $0.baseAddress! + start, tail) } }
            start = 0
            end = tail
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            read(descriptor, pointer.baseAddress! + end, pointer.count - end)
        }
        if count < 0 {
            if errno == EINTR { return }
            throw ReadError(code: errno)
        }
        if count == 0 { reachedEnd = true }
        end += count
    }

    /// A failed `read(2)`.
    struct ReadError: Error, CustomStringConvertible {
        let code: Int32
        var description: String { String(cString: strerror(code)) }
    }
}
