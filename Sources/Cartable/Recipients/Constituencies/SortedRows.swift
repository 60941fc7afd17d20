/// A generated table (rows joined by `\n`, fields by `;`, ordered by the first field's UTF-8 bytes) searched in place:
/// the rows whose first field is a given value, found by a binary search over the text's bytes.
///
/// Nothing is parsed or copied before a lookup, so a program that never looks up a postcode pays nothing, and one
/// that does pays a few dozen comparisons: no start-up cost, even in a debug build.
struct SortedRows {
    /// The table's text.
    let text: String

    /// The rows whose first field is `key`, in the table's order, each split at `;`.
    func rows(withFirstField key: String) -> [[Substring]] {
        var text = self.text
        let key = Array(key.utf8)
        return text.withUTF8 { bytes in
            let newline = UInt8(ascii: "\n")
            func lineEnd(_ start: Int) -> Int {
                var end = start
                while end < bytes.count && bytes[end] != newline { end += 1 }
                return end
            }
            // -1, 0 or 1 as the first field of the line at `start` sorts before, equal to or after `key`.
            func compare(_ start: Int) -> Int {
                var index = start, offset = 0
                while index < bytes.count, bytes[index] != UInt8(ascii: ";"), bytes[index] != newline {
                    guard offset < key.count else { return 1 }
                    if bytes[index] != key[offset] { return bytes[index] < key[offset] ? -1 : 1 }
                    index += 1
                    offset += 1
                }
                return offset == key.count ? 0 : -1
            }
            // The first line whose first field is not below `key`: `low` is always the start of a line.
            var low = 0, high = bytes.count
            while low < high {
                var start = (low + high) / 2
                while start > low && bytes[start - 1] != newline { start -= 1 }
                if compare(start) < 0 { low = lineEnd(start) + 1 } else { high = start }
            }
            var found: [[Substring]] = []
            var start = low
            while start < bytes.count, compare(start) == 0 {
                let end = lineEnd(start)
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                found.append(line.split(separator: ";", omittingEmptySubsequences: false))
                start = end + 1
            }
            return found
        }
    }

    /// Every row, each split at `;` (for the small tables read whole, and for the tests).
    var allRows: [[Substring]] {
        text.split(separator: "\n").map { $0.split(separator: ";", omittingEmptySubsequences: false) }
    }
}
