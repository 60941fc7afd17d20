/// Small comparisons on a UTF-16 text shared by the URL scanner and the domain matcher.
extension UnsafeBufferPointer where Element == UInt16 {
    /// Whether `prefix` (lowercase ASCII) is at `index`, ASCII letters compared case-insensitively.
    func hasASCIIPrefix(_ prefix: StaticString, at index: Int) -> Bool {
        guard index >= 0, index + prefix.utf8CodeUnitCount <= count else { return false }
        return prefix.withUTF8Buffer { bytes in
            for offset in 0..<bytes.count
            where URLCharacters.lowercasedASCII(self[index + offset]) != UInt16(bytes[offset]) {
                return false
            }
            return true
        }
    }

    /// The index after `http://` or `https://` (any case) at `start`, or `nil`.
    func protocolEnd(at start: Int) -> Int? {
        guard hasASCIIPrefix("http", at: start) else { return nil }
        var index = start + 4
        if index < count, URLCharacters.lowercasedASCII(self[index]) == 0x73 { index += 1 }  // s
        return hasASCIIPrefix("://", at: index) ? index + 3 : nil
    }

    /// The regex lookbehind `(?<=https?://)`: whether the text right before `index` is a protocol.
    func followsProtocol(_ index: Int) -> Bool {
        (index >= 7 && protocolEnd(at: index - 7) == index) || (index >= 8 && protocolEnd(at: index - 8) == index)
    }
}
