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
              !prepared.unicodeScalars.contains(where: isProhibited),
              let encoded = Punycode.encode(prepared) else { return nil }
        let length = "xn--".utf8.count + encoded.utf8.count
        return length <= maximumLabelLength ? length : nil
    }

    /// An approximation of RFC 3491 nameprep, which Java applies before Punycode: characters mapped to
    /// nothing (table B.1) removed, lowercased (Java case-folds), NFKC. The caller then rejects
    /// prohibited characters; the bidi rule is not checked, as Swift has no bidi-class data (a label
    /// mixing right-to-left and left-to-right letters is kept where Java drops it).
    static func nameprep(_ label: String) -> String {
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: label.unicodeScalars.filter { !isMappedToNothing($0) })
        return String(kept).lowercased().precomposedStringWithCompatibilityMapping
    }

    /// The characters nameprep prohibits (RFC 3454 tables C.1.2 to C.9, as RFC 3491 §5 lists them):
    /// non-ASCII spaces and controls, private use, non-characters, surrogates, characters
    /// inappropriate for plain text or canonical representation, directional controls, tags.
    static func isProhibited(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        switch value {
        case 0x00A0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000:  // C.1.2
            return true
        case 0x0080...0x009F, 0x06DD, 0x070F, 0x180E, 0x200C, 0x200D, 0x2028, 0x2029, 0x2060...0x2063,
             0x206A...0x206F, 0xFEFF, 0xFFF9...0xFFFC, 0x1D173...0x1D17A:  // C.2.2
            return true
        case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD:  // C.3
            return true
        case 0xFDD0...0xFDEF:  // C.4, and below: the last two code points of every plane
            return true
        case 0xD800...0xDFFF, 0xFFF9...0xFFFD, 0x2FF0...0x2FFB:  // C.5, C.6, C.7
            return true
        case 0x0340, 0x0341, 0x200E, 0x200F, 0x202A...0x202E:  // C.8
            return true
        case 0xE0001, 0xE0020...0xE007F:  // C.9
            return true
        default:
            return value & 0xFFFE == 0xFFFE
        }
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
