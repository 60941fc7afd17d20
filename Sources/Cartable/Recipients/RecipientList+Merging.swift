extension RecipientList {
    /// Fills in the handles on `channel` that this list lacks from `other`, matching recipients by id.
    ///
    /// When both lists have a handle and they differ, this list's is kept and a warning names both, since
    /// sources disagreeing is something an organiser should see. Returns how many handles were filled in.
    @discardableResult
    public mutating func fillHandles(on channel: Channel, from other: RecipientList) -> Int {
        let others = Dictionary(other.recipients.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var filled = 0
        for index in recipients.indices {
            let recipient = recipients[index]
            guard let match = others[recipient.id], let theirs = match.handle(on: channel) else { continue }
            if let ours = recipient.handle(on: channel) {
                if ours.lowercased() != theirs.lowercased() {
                    diagnostics.append(Diagnostic(
                        .warning, file: other.path,
                        message: "\(recipient.name) (\(recipient.id)): \(channel.rawValue) handle '\(theirs)' differs from '\(ours)' in \(path); kept '\(ours)'",
                        hint: "if '\(theirs)' is right, say so in an overrides file"
                    ))
                }
                continue
            }
            switch channel {
            case .twitter: recipients[index].twitter = theirs
            case .mastodon: recipients[index].mastodon = theirs
            case .bluesky: recipients[index].bluesky = theirs
            case .webhook: continue
            }
            filled += 1
        }
        let ours = Set(recipients.map(\.id))
        let unmatched = other.recipients.filter { !ours.contains($0.id) }
        if !unmatched.isEmpty {
            diagnostics.append(Diagnostic(
                .note, file: other.path,
                message: "\(unmatched.count) of its recipients are not in \(path) and were not used",
                hint: "e.g. \(unmatched.prefix(3).map { "\($0.name) (\($0.id))" }.joined(separator: ", "))"
            ))
        }
        return filled
    }
}
