/// Finds the links and mentions of a post text and turns them into facets at UTF-8 byte offsets.
public enum BlueskyFacets {
    /// The facets of `text`: links, and mentions whose handle is in `resolvedDIDs` (an unresolved mention stays plain
    /// text, as the official example does). Sorted by position; a mention overlapping a link is dropped.
    public static func facets(for text: String, resolvedDIDs: [String: String]) -> [BlueskyFacet] {
        let links = BlueskyLinks.find(in: text).map { BlueskyFacet(byteRange: $0.byteRange, feature: .link(uri: $0.uri)) }
        let mentions = mentions(in: text).compactMap { mention -> BlueskyFacet? in
            guard let did = resolvedDIDs[mention.handle], !links.contains(where: { $0.byteRange.overlaps(mention.byteRange) })
            else { return nil }
            return BlueskyFacet(byteRange: mention.byteRange, feature: .mention(did: did))
        }
        return (links + mentions).sorted { $0.byteRange.lowerBound < $1.byteRange.lowerBound }
    }

    /// Every `@handle` in the text (a domain name of two or more labels, after a non-word character or the start),
    /// lowercased, with the byte range of `@handle`. A trailing dot is not part of the handle.
    public static func mentions(in text: String) -> [(handle: String, byteRange: Range<Int>)] {
        let bytes = Array(text.utf8)
        var found: [(handle: String, byteRange: Range<Int>)] = []
        var index = 0
        while index < bytes.count {
            defer { index += 1 }
            guard bytes[index] == UInt8(ascii: "@"), index == 0 || !isWordByte(bytes[index - 1]) else { continue }
            var end = index + 1
            var labels: [Range<Int>] = []
            var labelStart = end
            while end < bytes.count {
                let byte = bytes[end]
                if isLabelByte(byte) {
                    end += 1
                } else if byte == UInt8(ascii: "."), end > labelStart, end + 1 < bytes.count, isLabelByte(bytes[end + 1]) {
                    labels.append(labelStart..<end)
                    end += 1
                    labelStart = end
                } else {
                    break
                }
            }
            guard end > labelStart else { continue }
            labels.append(labelStart..<end)
            guard labels.count >= 2, labels.allSatisfy({ isValidLabel(bytes[$0]) }),
                let tldFirst = labels.last.map({ bytes[$0.lowerBound] }), isLetter(tldFirst)
            else { continue }
            let handle = String(decoding: bytes[(index + 1)..<end], as: UTF8.self).lowercased()
            found.append((handle, index..<end))
            index = end - 1
        }
        return found
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
    }

    // Letters of other scripts count as word characters, so "josé@exemple.fr" is not a mention.
    private static func isWordByte(_ byte: UInt8) -> Bool {
        isLabelByte(byte) && byte != UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isValidLabel(_ label: ArraySlice<UInt8>) -> Bool {
        guard let first = label.first, let last = label.last, label.count <= 63 else { return false }
        return first != UInt8(ascii: "-") && last != UInt8(ascii: "-")
    }
}
