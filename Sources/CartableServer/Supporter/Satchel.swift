import Cartable

/// The satchel so far: the messages each target has received (sent rows of the campaign, every supporter and the
/// organiser, on every channel), as the outbox's `status` report counts them.
struct Satchel: Sendable {
    /// Messages received per target id (targets without any are absent).
    var received: [String: Int]
    /// How many deputies the campaign targets.
    var targets: Int

    /// Reads the satchel of `served` from `outbox`.
    static func read(_ served: ServedCampaign, from outbox: any Outbox) async throws -> Satchel {
        let received = try await outbox.sentCounts(campaignID: served.id).filter { served.target($0.key) != nil }
        return Satchel(received: received, targets: served.audience.targets.count)
    }

    /// Messages received in all.
    var messages: Int { received.values.reduce(0, +) }
    /// Deputies who have received at least one.
    var reached: Int { received.count }

    /// "N messages to M of T deputies so far", in `language`.
    func summary(in language: Language) -> String {
        language.text(.satchelCount, language.count(messages, one: .messagesOne, other: .messagesOther),
                      language.number(reached), language.number(targets))
    }
}
