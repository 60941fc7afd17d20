import Foundation

/// A message's text as it is written: the address prefix as given, then the rendered body with runs of spaces
/// folded to one and its ends trimmed.
///
/// Folding happens as bytes are appended, so rendering and tidying are one pass; only the spaces a template
/// leaves around an empty field are touched, never the organiser's wording, and nothing is ever inserted.
struct MessageText {
    private(set) var bytes: [UInt8] = []
    private var bodyStart = 0
    private let foldsSpaces: Bool

    /// A buffer; without `foldingSpaces`, text is kept exactly as appended (to compare raw renderings).
    init(capacity: Int = 320, foldingSpaces: Bool = true) {
        bytes.reserveCapacity(capacity)
        foldsSpaces = foldingSpaces
    }

    /// The body as appended so far, untrimmed.
    var rawBody: String { String(decoding: bytes[bodyStart...], as: UTF8.self) }

    /// Starts a new message with `prefix` (`.@handle `), kept as is.
    mutating func reset(prefix: String) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: prefix.utf8)
        bodyStart = bytes.count
    }

    /// Appends body text, folding a space that follows a space, and dropping spaces at the start of the body.
    mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// Appends body bytes (UTF-8), folding spaces as ``append(_:)-(String)`` does.
    mutating func append(_ utf8: [UInt8]) {
        utf8.withUnsafeBufferPointer { append($0) }
    }

    /// Appends body bytes (UTF-8), folding spaces as ``append(_:)-(String)`` does.
    mutating func append(_ utf8: UnsafeBufferPointer<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: utf8)
        guard foldsSpaces, utf8.contains(Self.space) else { return }
        // Copied whole, then compacted in place: most pieces have a space or two and no run to fold.
        let bodyStart = bodyStart
        let end = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
            var write = start
            for read in start..<buffer.count {
                let byte = buffer[read]
                if byte == Self.space, write == bodyStart || buffer[write - 1] == Self.space { continue }
                buffer[write] = byte
                write += 1
            }
            return write
        }
        bytes.removeLast(bytes.count - end)
    }

    /// The text, with the body's ends trimmed of white space and line breaks.
    mutating func finish() -> String {
        trimEnd()
        trimStart()
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let space = UInt8(ascii: " ")

    private mutating func trimEnd() {
        while bytes.count > bodyStart {
            let last = bytes[bytes.count - 1]
            if last < 0x80 {
                guard Self.isASCIIWhitespace(last) else { return }
                bytes.removeLast()
            } else {
                // A multi-byte scalar: find its first byte, decode it, and trim it if it is white space (NBSP...).
                var start = bytes.count - 1
                while start > bodyStart, bytes[start] & 0xC0 == 0x80 { start -= 1 }
                guard let scalar = Self.scalar(in: bytes[start...]), Self.isWhitespace(scalar) else { return }
                bytes.removeSubrange(start...)
            }
        }
    }

    private mutating func trimStart() {
        var start = bodyStart
        while start < bytes.count {
            let first = bytes[start]
            if first < 0x80 {
                guard Self.isASCIIWhitespace(first) else { break }
                start += 1
            } else {
                var end = start + 1
                while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
                guard let scalar = Self.scalar(in: bytes[start..<end]), Self.isWhitespace(scalar) else { break }
                start = end
            }
        }
        if start > bodyStart { bytes.removeSubrange(bodyStart..<start) }
    }

    private static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == space || (0x09...0x0D).contains(byte)
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        CharacterSet.whitespacesAndNewlines.contains(scalar)
    }

    private static func scalar(in bytes: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }
}
