import Foundation

/// What becomes of a row after a ``MessageSender`` answered: the whole retry policy in one pure function.
public enum DeliveryDecision {
    /// The transition for `message` (as claimed: its `attempts` counts this attempt) given what the sender of
    /// `channel` said.
    /// - Parameter accountResumesAt: for a rate limit, when the account may post again (from the reset headers or
    ///   the account's backoff).
    public static func transition(
        for delivery: Delivery, of message: OutboxMessage, on channel: ChannelDescriptor, policy: RetryPolicy,
        accountResumesAt: Date?, now: Date
    ) -> OutboxTransition {
        switch delivery {
        case .delivered(let postID, let postURL):
            return .sent(postID: postID, postURL: postURL, duplicate: false, detail: nil)
        case .duplicate(let detail):
            // Only a retry can meet its own earlier post; either way it is on the platform.
            return .sent(postID: nil, postURL: nil, duplicate: true, detail: detail)
        case .rateLimited(let retryAt, let detail):
            return .retry(at: accountResumesAt ?? retryAt ?? now + policy.delay(afterAttempt: message.attempts),
                          error: "rate limited: \(detail)", countsAsAttempt: false, outcome: .rateLimited)
        case .permanentFailure(let detail):
            return .dead(reason: detail, outcome: .permanent)
        case .transientFailure(let detail, let mayHaveReachedServer):
            var error = detail
            if mayHaveReachedServer {
                switch channel.repeats {
                case .recognisedByKey:
                    break
                case .reportedAsDuplicate:
                    // The retry goes out with the same text, and a "duplicate" answer then counts as delivered.
                    error += " (may have been posted; the retry will be recognised as a duplicate if so)"
                case .unrecognised:
                    error += " (may have been posted; nothing on the platform recognises a retry, so it may post twice)"
                }
            }
            guard policy.allowsAnother(after: message.attempts) else {
                return .dead(reason: "gave up after \(message.attempts) attempts: \(error)", outcome: .transient)
            }
            return .retry(at: now + policy.delay(afterAttempt: message.attempts), error: error, countsAsAttempt: true, outcome: .transient)
        }
    }
}
