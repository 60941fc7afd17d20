/// Sends one message on one channel: the plug-in point between the dispatcher and a platform.
///
/// Anyone can implement it, the way a logging backend implements swift-log's `LogHandler`: the built-in channels
/// (``DryRunSender``, ``WebhookSender``, ``MastodonSender``, ``XSender``, ``BlueskySender``) are ordinary
/// implementations, not special cases. A sender declares what its channel is and can do in its
/// ``ChannelDescriptor``; the outbox, the dispatcher and the CLI ask the descriptor, never the name. An
/// implementation must keep this contract:
///
/// - **Never throw, never crash on a platform's answer.** Every outcome is a ``Delivery``.
/// - **Rate limit** (HTTP 429 or the platform's equivalent): return ``Delivery/rateLimited(retryAt:message:)`` with the
///   time the limit resets, read from the response (`Retry-After`, `x-rate-limit-reset`, `X-RateLimit-Reset`,
///   `RateLimit-Reset`); `nil` if the platform gave none. Do not sleep and retry inside `send`: the dispatcher
///   schedules retries and rate limits per account.
/// - **Duplicate** (the platform says this exact post already exists): return ``Delivery/duplicate(message:)``. The
///   dispatcher treats it as delivered and reports it.
/// - **Maybe sent** (timeout after the request went out, connection dropped mid-answer, 5xx): return
///   ``Delivery/transientFailure(message:mayHaveReachedServer:)`` with `mayHaveReachedServer: true`. Say `false` only
///   when the request certainly never left (``HTTPTransportError/mayHaveReachedServer`` tells). A wrong `false`
///   makes the dispatcher retry a post that is already out.
/// - **Idempotency:** send ``OutgoingMessage/idempotencyKey`` wherever the platform accepts one, so that a retry of the
///   same message is recognised, and say in ``ChannelDescriptor/repeats`` what the platform does with a repeat.
/// - **Cancellation:** when the calling task is cancelled, stop and return a transient failure saying whether the
///   request may have reached the server.
/// - **Secrets** never appear in a ``Delivery`` message, a log line or an error.
/// - `send` may be called from many tasks at once.
///
/// A minimal sender that prints instead of posting:
///
/// ```swift
/// struct PrintSender: MessageSender {
///     let channel = ChannelDescriptor(
///         name: "print", campaignChannel: nil, repeats: .recognisedByKey, reachesRecipient: false, defaultRateLimit: nil)
///     func send(_ message: OutgoingMessage) async -> Delivery {
///         print("\(message.recipientID): \(message.text)")
///         return .delivered(postID: nil, postURL: nil)
///     }
/// }
/// ```
public protocol MessageSender: Sendable {
    /// The channel this sender serves: its name (as in ``OutgoingMessage/channel``) and its capabilities.
    var channel: ChannelDescriptor { get }

    /// Sends one message and reports what became of it.
    func send(_ message: OutgoingMessage) async -> Delivery
}
