#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor line by line in large blocks, so memory stays flat whatever the input size.
///
/// Lines end at `\n`; a `\r` before it is dropped. The last line may lack its `\n`. Each byte is looked at once,
/// however the input arrives (a pipe gives 64 KiB at a time): reading is linear in the input. A line longer than
/// `maximumLineLength` bytes is not kept: it is reported once, as soon as it passes the limit, and skipped to its
/// end, so an input without line breaks (`/dev/zero`) cannot grow the memory.
struct LineReader: ~Copyable {
    /// The longest line read, in bytes without its line end: 1 MiB (docs/count.md).
    static let defaultMaximumLineLength = 1 << 20

    private let descriptor: Int32
    private let maximumLineLength: Int
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var reachedEnd = false

    init(descriptor: Int32, blockSize: Int = 1 << 16, maximumLineLength: Int = LineReader.defaultMaximumLineLength) {
        self.descriptor = descriptor
        self.maximumLineLength = maximumLineLength
        self.buffer = [UInt8](repeating: 0, count: blockSize)
    }

    /// Calls `body` with the bytes of each line, in order, or with `nil` for a line longer than the maximum (once,
    /// when it passes it; the rest of that line is skipped). Throws `LineReader.ReadError` if reading fails.
    mutating func forEachLine(_ body: (UnsafeBufferPointer<UInt8>?) throws -> Void) throws {
        var scanned = start  // buffer[start..<scanned] holds no line break
        var skipping = false  // inside a line already reported as too long
        while true {
            if let newline = buffer[scanned..<end].firstIndex(of: UInt8(ascii: "\n")) {
                if skipping {
                    skipping = false
                } else {
                    var lineEnd = newline
                    if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                    if lineEnd - start > maximumLineLength {
                        try body(nil)
                    } else {
                        try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<lineEnd])) }
                    }
                }
                start = newline + 1
                scanned = start
                continue
            }
            scanned = end
            if !skipping, end - start > maximumLineLength + 1 {  // + 1: a "\r" that may end it
                try body(nil)
                skipping = true
            }
            if skipping {
                start = end
                scanned = end
            }
            if reachedEnd {
                if start < end {
                    var lineEnd = end
                    if buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                    if lineEnd - start > maximumLineLength {
                        try body(nil)
                    } else {
                        try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<lineEnd])) }
                    }
                }
                return
            }
            let unscanned = scanned - start
            try refill()
            scanned = start + unscanned
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
