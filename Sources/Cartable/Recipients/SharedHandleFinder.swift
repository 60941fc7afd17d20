/// Finds the handles two recipients of a streamed list share, in compact memory: per channel, the hash of each
/// handle (lowercased) and the row that first had it, rather than the recipients themselves. That is a 64-bit key and
/// a 32-bit row in a hash table, 16 to 32 bytes a handle depending on how full the table is.
///
/// The warning names the earlier row but not its recipient, who is no longer in memory. Two different handles with
/// the same hash would be taken for one (about one chance in ten billion for a list of a million handles).
struct SharedHandleFinder {
    private var firstRow: [Channel: [Int: UInt32]] = [:]

    /// Warnings for each handle of `recipient` (read at `row`, `line` of `path`) that an earlier recipient has.
    mutating func check(_ recipient: Recipient, row: Int, line: Int?, path: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for channel in [Channel.twitter, .mastodon, .bluesky] {
            guard let handle = recipient.handle(on: channel)?.lowercased() else { continue }
            let key = handle.hashValue
            if let earlier = firstRow[channel, default: [:]][key] {
                found.append(Diagnostic(
                    .warning, file: path, line: line, column: line.map { _ in 1 },
                    message: "row \(row): \(recipient.name) has the same \(channel.rawValue) handle '\(handle)' as row \(earlier)",
                    hint: "one of them is probably wrong; correct it in an overrides file"))
            } else {
                firstRow[channel, default: [:]][key] = UInt32(clamping: row)
            }
        }
        return found
    }
}
