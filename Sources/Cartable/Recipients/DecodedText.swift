import Foundation

/// Bytes from a file turned into text: UTF-8 (with or without a byte order mark), or Windows-1252 when the
/// bytes are not valid UTF-8, which is what spreadsheet programs on Windows export as "CSV".
public struct DecodedText: Sendable, Hashable {
    /// The encoding the bytes turned out to be in.
    public enum Encoding: String, Sendable, Hashable, Codable {
        /// UTF-8, with or without a byte order mark.
        case utf8 = "UTF-8"
        /// Windows-1252, the fallback for bytes that are not UTF-8.
        case windows1252 = "Windows-1252"
    }

    /// The text, without the byte order mark.
    public var text: String
    /// The encoding that decoded the bytes.
    public var encoding: Encoding
    /// Whether the bytes started with a UTF-8 byte order mark.
    public var hadByteOrderMark: Bool

    /// Decodes `data`, trying UTF-8 first and falling back to Windows-1252, which can decode any byte sequence.
    public init(decoding data: Data) {
        var bytes = [UInt8](data)
        hadByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if hadByteOrderMark { bytes.removeFirst(3) }
        if let utf8 = String(validating: bytes, as: UTF8.self) {
            text = utf8
            encoding = .utf8
        } else {
            text = Self.windows1252(bytes)
            encoding = .windows1252
        }
    }

    /// A record that is not all UTF-8, as ``CSVReader`` reads it: each well-formed UTF-8 sequence is kept, each other
    /// byte is a Windows-1252 character. A Windows-1252 record (whose accented letters are lone bytes, never valid
    /// sequences in practice) reads as Windows-1252; a UTF-8 record with one stray byte keeps its other accents.
    static func utf8WithWindows1252Bytes(_ bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
            if length > 0, index + length <= bytes.count,
               let text = String(validating: bytes[index..<(index + length)], as: UTF8.self) {
                scalars.append(contentsOf: text.unicodeScalars)
                index += length
            } else {
                scalars.append(contentsOf: windows1252([lead]).unicodeScalars)
                index += 1
            }
        }
        return String(scalars)
    }

    /// Windows-1252 is Latin-1 except for 0x80...0x9F, where it has typographic punctuation, € and a few letters.
    /// The five bytes it leaves undefined are mapped to the C1 controls of the same value, as WHATWG does.
    private static func windows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            let value: UInt32
            if (0x80...0x9F).contains(byte) {
                value = windows1252HighControls[Int(byte - 0x80)]
            } else {
                value = UInt32(byte)
            }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    private static let windows1252HighControls: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
