import Cartable

/// How a deputy is shown: name, then group, department and constituency, then their handle on the campaign's
/// channel or that they have none.
struct DeputyCard: Sendable {
    var language: Language
    var channel: Channel
    /// The lines made so far, kept across requests (a campaign's deputies do not change while it is served).
    var kept: DeputyDetailsCache?

    /// `Seine-Saint-Denis (93), constituency 9`.
    func place(_ recipient: Recipient) -> String {
        var parts: [String] = []
        if let department = recipient.department {
            parts.append("\(recipient.departmentName ?? Department(code: department)?.name ?? department) (\(department))")
        }
        if let constituency = recipient.constituency { parts.append(language.text(.constituency, String(constituency))) }
        return parts.joined(separator: ", ")
    }

    /// `@handle`, or `no X (Twitter) account`; `nil` for a channel without handles.
    func handle(_ recipient: Recipient) -> String? {
        guard channel.needsHandle else { return nil }
        return recipient.mention(on: channel) ?? language.text(.noHandle, channel.displayName)
    }

    /// The line under a name: group, place, handle.
    func details(_ recipient: Recipient) -> HTML {
        guard let kept else { return makeDetails(recipient) }
        return kept.details(of: recipient, language: language) { makeDetails(recipient) }
    }

    private func makeDetails(_ recipient: Recipient) -> HTML {
        let group = recipient.group.map { group in
            "<span class=\"group\">\(recipient.groupName.map { "\($0) (\(group))" } ?? group)</span>" as HTML
        }
        let handle = handle(recipient).map { handle in
            "<span class=\"handle\(recipient.isReachable(on: channel) ? "" : " none")\">\(handle)</span>" as HTML
        }
        return "\(group) <span class=\"place\">\(place(recipient))</span> \(handle)"
    }

    /// A list entry linking to the deputy's page, with a count when given.
    func item(_ recipient: Recipient, link: String, count: Int? = nil) -> HTML {
        let tally = count.map { count in
            "<span class=\"count\">\(language.text(.messagesSoFar, language.count(count, one: .messagesOne, other: .messagesOther)))</span>" as HTML
        }
        return "<li><a href=\"\(link)\">\(recipient.name)</a> <span class=\"details\">\(details(recipient))</span> \(tally)</li>"
    }
}

/// A campaign's deputies' lines (``DeputyCard/details(_:)``), made once per language: the same for every supporter.
final class DeputyDetailsCache: Sendable {
    private struct Key: Hashable {
        var id: String
        var language: Language
    }

    private let lines = Locked<[Key: (recipient: Recipient, line: HTML)]>([:])

    /// The line of `recipient` in `language`: kept (when made for this very recipient), or made by `make` and kept.
    func details(of recipient: Recipient, language: Language, make: () -> HTML) -> HTML {
        let key = Key(id: recipient.id, language: language)
        if let kept = lines.withLock({ $0[key] }), kept.recipient == recipient { return kept.line }
        let line = make()
        lines.withLock { $0[key] = (recipient, line) }
        return line
    }
}
