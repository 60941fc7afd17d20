import Crypto
import Foundation
import HTTPTypes

/// The webhook signature scheme, documented in `docs/channels.md` so that any receiver can verify it:
///
/// - `X-Cartable-Timestamp`: the send time in Unix seconds.
/// - `X-Cartable-Signature`: `sha256=` followed by the lowercase hex HMAC-SHA256, keyed with the secret's UTF-8 bytes,
///   of the timestamp, a `.`, and the raw body bytes.
///
/// A receiver recomputes the HMAC over exactly the bytes it received, compares in constant time, and rejects
/// timestamps more than a few minutes old (replays).
public enum WebhookSignature {
    /// `X-Cartable-Timestamp`.
    public static let timestampField = HTTPField.Name("X-Cartable-Timestamp")!
    /// `X-Cartable-Signature`.
    public static let signatureField = HTTPField.Name("X-Cartable-Signature")!

    /// The `X-Cartable-Signature` value for a body sent at `timestamp`.
    public static func signature(body: Data, timestamp: Int, secret: Secret) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: signedBytes(body: body, timestamp: String(timestamp)), using: key(secret))
        var text = Array("sha256=".utf8)
        for byte in code {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether a received signature is valid for this body and timestamp, and the timestamp is within `tolerance` of `now`.
    public static func isValid(
        signature: String, body: Data, timestamp: String, secret: Secret, now: Date = Date(), tolerance: TimeInterval = 300
    ) -> Bool {
        guard let sentAt = Int(timestamp), abs(now.timeIntervalSince1970 - Double(sentAt)) <= tolerance,
            signature.hasPrefix("sha256="), let code = bytes(hex: signature.dropFirst(7))
        else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: signedBytes(body: body, timestamp: timestamp), using: key(secret))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func key(_ secret: Secret) -> SymmetricKey {
        SymmetricKey(data: Data(secret.reveal().utf8))
    }

    private static func signedBytes(body: Data, timestamp: String) -> Data {
        var bytes = Data((timestamp + ".").utf8)
        bytes.append(body)
        return bytes
    }

    private static func bytes(hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(32)
        var index = 0
        while index < digits.count {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else { return nil }
            result.append(byte)
            index += 2
        }
        return result
    }
}
