import Cartable
import Foundation

/// A client's address as the rate limits count it: the address itself (IPv4 alone, IPv6 by its /64, one host's
/// usual allocation) and its network (IPv4 /24, IPv6 /48). An IPv4-mapped IPv6 address counts as IPv4.
struct ClientAddress: Sendable, Hashable {
    /// The key of the address's own block: `v4:192.0.2.7`, `v6:20010db8000000aa`.
    let host: String
    /// The key of its network: `v4:192.0.2`, `v6:20010db80000`.
    let network: String

    /// The blocks of `text` (`192.0.2.7`, `2001:db8::1`); `nil` when it is not an IP address.
    init?(_ text: String) {
        // `X-Forwarded-For: a, b` gives ` b`.
        var address = text.trimmedOfSpaces
        if address.hasPrefix("["), address.hasSuffix("]") { address = String(address.dropFirst().dropLast()) }
        if let zone = address.firstIndex(of: "%") { address = String(address[..<zone]) }
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, address, &v4) == 1 {
            (host, network) = withUnsafeBytes(of: &v4) { Self.blocks(ipv4: $0) }
        } else if inet_pton(AF_INET6, address, &v6) == 1 {
            let bytes = withUnsafeBytes(of: &v6) { Array($0) }
            if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
                (host, network) = bytes[12..<16].withUnsafeBytes { Self.blocks(ipv4: $0) }
            } else {
                func hex(_ slice: ArraySlice<UInt8>) -> String { slice.map { String(format: "%02x", $0) }.joined() }
                (host, network) = ("v6:" + hex(bytes[0..<8]), "v6:" + hex(bytes[0..<6]))
            }
        } else {
            return nil
        }
    }

    /// The keys of an IPv4 address's four bytes: `v4:192.0.2.7` and `v4:192.0.2`.
    private static func blocks(ipv4 bytes: UnsafeRawBufferPointer) -> (host: String, network: String) {
        let network = "v4:" + String(bytes[0]) + "." + String(bytes[1]) + "." + String(bytes[2])
        return (network + "." + String(bytes[3]), network)
    }

    /// The client of a request: the connection's peer, or, when `trustForwardedFor`, the last address the proxy
    /// added to `X-Forwarded-For`. `nil` when neither is an address (then no limit can be kept per client).
    static func of(peer: String?, forwardedFor: String?, trustForwardedFor: Bool) -> ClientAddress? {
        if trustForwardedFor, let forwardedFor,
           let last = forwardedFor.split(separator: ",").last.map({ String($0) }), let address = ClientAddress(last) {
            return address
        }
        return peer.flatMap(ClientAddress.init)
    }
}
