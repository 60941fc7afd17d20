import Cartable

/// A piece of markup. Literal text written in the code is markup; every interpolated `String` is escaped with
/// ``HTMLText/escaped(_:)`` (the HTML report's escaping), so a value cannot become markup by accident:
/// `"<p>\(name)</p>" as HTML` shows a name `<script>…` as text. Interpolate an `HTML` to nest markup.
public struct HTML: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    public private(set) var markup: String

    /// Markup written by this module, trusted as is.
    init(trusted markup: String) {
        self.markup = markup
    }

    /// Literal markup.
    public init(stringLiteral value: String) {
        markup = value
    }

    /// Markup with escaped values.
    public init(stringInterpolation: StringInterpolation) {
        markup = stringInterpolation.markup
    }

    /// The markup.
    public var description: String { markup }

    /// Markup pieces one after the other.
    static func joined(_ pieces: [HTML], separator: HTML = "") -> HTML {
        HTML(trusted: pieces.map(\.markup).joined(separator: separator.markup))
    }

    /// Builds markup: literals as written, values escaped.
    public struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""

        /// Room for the literals.
        public init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        /// A literal: markup.
        public mutating func appendLiteral(_ literal: String) { markup += literal }
        /// A value: escaped.
        public mutating func appendInterpolation(_ text: String) { markup += HTMLText.escaped(text) }
        /// A number.
        public mutating func appendInterpolation(_ number: Int) { markup += String(number) }
        /// Nested markup, as is.
        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }
        /// Nested markup pieces, one after the other.
        public mutating func appendInterpolation(_ pieces: [HTML]) { markup += pieces.map(\.markup).joined() }
        /// Nested markup when there is some.
        public mutating func appendInterpolation(_ html: HTML?) { markup += html?.markup ?? "" }
    }
}
