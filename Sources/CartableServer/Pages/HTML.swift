import Cartable

/// A piece of markup. Literal text written in the code is markup; every interpolated `String` is escaped with
/// ``HTMLText/appendEscaped(_:to:)`` (the HTML report's escaping), so a value cannot become markup by accident:
/// `"<p>\(name)</p>" as HTML` shows a name `<script>…` as text. Interpolate an `HTML` to nest markup.
///
/// The markup is kept as UTF-8 bytes: a page is written piece by piece into one buffer, values escaped on the way,
/// and sent as it is, without a `String` made and checked at each step.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup's UTF-8.
    public private(set) var bytes: [UInt8]

    /// Markup written by this module, trusted as is.
    init(trusted markup: String) {
        bytes = Array(markup.utf8)
    }

    /// Literal markup.
    public init(stringLiteral value: String) {
        bytes = Array(value.utf8)
    }

    /// Markup with escaped values.
    public init(stringInterpolation: StringInterpolation) {
        bytes = stringInterpolation.bytes
    }

    /// The markup.
    public var markup: String { String(decoding: bytes, as: UTF8.self) }

    /// The markup.
    public var description: String { markup }

    /// Markup pieces one after the other.
    static func joined(_ pieces: [HTML], separator: HTML = "") -> HTML {
        var joined = StringInterpolation(literalCapacity: pieces.reduce(0) { $0 + $1.bytes.count + separator.bytes.count }, interpolationCount: 0)
        for (index, piece) in pieces.enumerated() {
            if index > 0 { joined.appendInterpolation(separator) }
            joined.appendInterpolation(piece)
        }
        return HTML(stringInterpolation: joined)
    }

    /// Builds markup: literals as written, values escaped.
    public struct StringInterpolation: StringInterpolationProtocol {
        var bytes: [UInt8] = []

        /// Room for the literals.
        public init(literalCapacity: Int, interpolationCount: Int) {
            bytes.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// A literal: markup.
        public mutating func appendLiteral(_ literal: String) { bytes.append(contentsOf: literal.utf8) }
        /// A value: escaped.
        public mutating func appendInterpolation(_ text: String) { HTMLText.appendEscaped(text, to: &bytes) }
        /// A number.
        public mutating func appendInterpolation(_ number: Int) { bytes.append(contentsOf: String(number).utf8) }
        /// Nested markup, as is.
        public mutating func appendInterpolation(_ html: HTML) { bytes.append(contentsOf: html.bytes) }
        /// Nested markup pieces, one after the other.
        public mutating func appendInterpolation(_ pieces: [HTML]) {
            for piece in pieces { bytes.append(contentsOf: piece.bytes) }
        }
        /// Nested markup when there is some.
        public mutating func appendInterpolation(_ html: HTML?) {
            if let html { bytes.append(contentsOf: html.bytes) }
        }
    }
}
