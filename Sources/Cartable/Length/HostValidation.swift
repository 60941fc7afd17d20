import Foundation

/// twitter-text's `isValidHostAndLength`: the host must survive IDNA conversion (Java's
/// `IDN.toASCII(host, ALLOW_UNASSIGNED)`), and the URL, with its host in that form and a protocol
/// assumed when it has none, must fit in 4096 characters.
enum HostValidation {
    /// The longest URL the platform accepts (Java `Extractor.MAX_URL_LENGTH`).
    static let maximumURLLength = 4096
    /// What the platform prepends to a URL written without protocol (`https://`).
    static let assumedProtocolLength = 8
    /// The longest label after IDNA conversion (RFC 1035, checked by `IDN.toASCII`).
    static let maximumLabelLength = 63

    /// Whether a URL of `urlLength` UTF-16 units whose host is `host` is kept.
    static func isValid(host: UnsafeBufferPointer<UInt16>.SubSequence, urlLength: Int, hasProtocol: Bool) -> Bool {
        guard !host.isEmpty, let encodedHostLength = encodedLength(of: host) else { return false }
        let encodedURLLength = urlLength - host.count + encodedHostLength
            + (hasProtocol ? 0 : assumedProtocolLength)
        return encodedURLLength <= maximumURLLength
    }

    /// The length of `host` after `IDN.toASCII`, or `nil` when the conversion fails: an empty label,
    /// a label over 63 characters once encoded, or a non-ASCII label that already starts with `xn--`.
    static func encodedLength(of host: UnsafeBufferPointer<UInt16>.SubSequence) -> Int? {
        var length = 0
        var labelStart = host.startIndex
        var index = host.startIndex
        while true {
            let atEnd = index == host.endIndex
            if atEnd || isLabelSeparator(host[index]) {
                guard let labelLength = encodedLength(ofLabel: host[labelStart..<index]) else { return nil }
                length += labelLength
                if atEnd { return length }
                length += 1
                labelStart = index + 1
            }
            index += 1
        }
    }

    /// IDNA (RFC 3490) separates labels with the full stop and its ideographic, fullwidth and
    /// halfwidth forms; the last three can occur inside a unicode domain label.
    private static func isLabelSeparator(_ unit: UInt16) -> Bool {
        unit == 0x2E || unit == 0x3002 || unit == 0xFF0E || unit == 0xFF61
    }

    private static func encodedLength(ofLabel label: UnsafeBufferPointer<UInt16>.SubSequence) -> Int? {
        if label.allSatisfy({ $0 < 0x80 }) {
            // IDN.toASCII leaves an ASCII label as it is (no STD3 rules requested).
            return (1...maximumLabelLength).contains(label.count) ? label.count : nil
        }
        let prepared = nameprep(String(decoding: label, as: UTF16.self))
        guard !prepared.isEmpty, !prepared.hasPrefix("xn--"),
              let encoded = Punycode.encode(prepared) else { return nil }
        let length = "xn--".utf8.count + encoded.utf8.count
        return length <= maximumLabelLength ? length : nil
    }

    /// An approximation of RFC 3491 nameprep, which Java applies before Punycode: characters mapped to
    /// nothing (table B.1) removed, lowercased, NFKC. The prohibited-character and bidi checks are not
    /// made; LENGTH.md §5 notes that every conformance case passes without them.
    static func nameprep(_ label: String) -> String {
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: label.unicodeScalars.filter { !isMappedToNothing($0) })
        return String(kept).lowercased().precomposedStringWithCompatibilityMapping
    }

    /// RFC 3454 table B.1: soft hyphen, joiners, variation selectors, BOM and the like.
    private static func isMappedToNothing(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x034F, 0x1806, 0x180B...0x180D, 0x200B...0x200D, 0x2060, 0xFE00...0xFE0F, 0xFEFF:
            return true
        default:
            return false
        }
    }
}
