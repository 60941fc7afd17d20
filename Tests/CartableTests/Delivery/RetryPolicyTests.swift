import Foundation
import Testing
@testable import Cartable

@Suite("retry policy and decisions")
struct RetryPolicyTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("the bound doubles from the base up to the maximum; the delay is drawn between 0 and the bound")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelay: 2, maxDelay: 20, random: { $0.upperBound })
        #expect((1...6).map(policy.bound(afterAttempt:)) == [2, 4, 8, 16, 20, 20])
        #expect(policy.delay(afterAttempt: 3) == 8)
        let low = RetryPolicy(baseDelay: 2, maxDelay: 20, random: { $0.lowerBound })
        #expect(low.delay(afterAttempt: 3) == 0)
        let real = RetryPolicy(baseDelay: 1, maxDelay: 100)
        let draws = (0..<200).map { _ in real.delay(afterAttempt: 4) }
        #expect(draws.allSatisfy { (0...8).contains($0) })
        #expect(Set(draws).count > 100, "full jitter spreads the delays")
        #expect(policy.allowsAnother(after: 4) && !policy.allowsAnother(after: 5))
    }

    func claimed(channel: ChannelDescriptor, attempts: Int) -> OutboxMessage {
        let entry = entries(1, channel: channel)[0]
        return OutboxMessage(id: 1, entry: entry, state: .sending, attempts: attempts, nextAttemptAt: now, leaseExpiresAt: now + 60,
                             leaseOwner: "h:1:t", lastError: nil, postID: nil, postURL: nil, createdAt: now, updatedAt: now, sentAt: nil)
    }

    @Test("every delivery maps to its transition")
    func decisions() {
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 10, maxDelay: 100, random: { $0.upperBound })
        func decide(_ delivery: Delivery, channel: ChannelDescriptor = .webhook, attempts: Int = 1, resumes: Date? = nil) -> OutboxTransition {
            DeliveryDecision.transition(
                for: delivery, of: claimed(channel: channel, attempts: attempts), on: channel, policy: policy, accountResumesAt: resumes, now: now)
        }
        #expect(decide(.delivered(postID: "7", postURL: "u")) == .sent(postID: "7", postURL: "u", duplicate: false, detail: nil))
        #expect(decide(.duplicate(message: "HTTP 403: duplicate content"), channel: .x)
                == .sent(postID: nil, postURL: nil, duplicate: true, detail: "HTTP 403: duplicate content"))
        #expect(decide(.rateLimited(retryAt: now + 900, message: "429"), resumes: now + 900)
                == .retry(at: now + 900, error: "rate limited: 429", countsAsAttempt: false, outcome: .rateLimited))
        #expect(decide(.permanentFailure(message: "HTTP 401")) == .dead(reason: "HTTP 401", outcome: .permanent))
        #expect(decide(.transientFailure(message: "HTTP 503", mayHaveReachedServer: true), attempts: 2)
                == .retry(at: now + 20, error: "HTTP 503", countsAsAttempt: true, outcome: .transient))
        #expect(decide(.transientFailure(message: "HTTP 503", mayHaveReachedServer: true), attempts: 3)
                == .dead(reason: "gave up after 3 attempts: HTTP 503", outcome: .transient))
        // On X, a request that may have gone out is retried with the same key, and the error says why that is safe.
        guard case .retry(_, let error, true, .transient) = decide(.transientFailure(message: "timeout", mayHaveReachedServer: true), channel: .x) else {
            Issue.record("expected a retry")
            return
        }
        #expect(error.contains("may have been posted") && error.contains("duplicate"))
        // The channel's descriptor says what a repeat does: a keyed platform (Bluesky's record key included) needs no
        // warning; a channel where nothing recognises a repeat gets one.
        let timeout = Delivery.transientFailure(message: "timeout", mayHaveReachedServer: true)
        #expect(decide(timeout, channel: .webhook) == .retry(at: now + 10, error: "timeout", countsAsAttempt: true, outcome: .transient))
        #expect(decide(timeout, channel: .bluesky) == .retry(at: now + 10, error: "timeout", countsAsAttempt: true, outcome: .transient))
        let unkeyed = ChannelDescriptor(name: "slack", campaignChannel: nil, repeats: .unrecognised, reachesRecipient: true, defaultRateLimit: nil)
        guard case .retry(_, let unkeyedError, true, .transient) = decide(timeout, channel: unkeyed) else {
            Issue.record("expected a retry")
            return
        }
        #expect(unkeyedError.contains("may post twice"))
    }
}
