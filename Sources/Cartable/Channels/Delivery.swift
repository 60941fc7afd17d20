import Foundation

/// What became of one ``OutgoingMessage``: the only thing a ``MessageSender`` reports back to the dispatcher.
public enum Delivery: Sendable, Hashable {
    /// The platform accepted the message. `postID` and `postURL` identify the post when the platform returns them.
    case delivered(postID: String?, postURL: String?)
    /// The platform says this message was already posted (X's 403 "duplicate content", a webhook's 409).
    /// Treat it as delivered, and report it as a duplicate.
    case duplicate(message: String)
    /// The account hit a rate limit; retry at `retryAt` (from the reset headers) or, when `nil`, after a backoff.
    case rateLimited(retryAt: Date?, message: String)
    /// Retrying will not help (bad credentials, validation error, unknown recipient): the platform's message.
    case permanentFailure(message: String)
    /// It may work later (5xx, network). `mayHaveReachedServer` says whether the request may have been received,
    /// so a platform without an idempotency key may already show the post: retry only with care.
    case transientFailure(message: String, mayHaveReachedServer: Bool)

    /// Whether the message is on the platform: delivered, or a duplicate of an earlier delivery.
    public var isDelivered: Bool {
        switch self {
        case .delivered, .duplicate: true
        case .rateLimited, .permanentFailure, .transientFailure: false
        }
    }

    /// A transport failure as a delivery: always transient, carrying whether the request may have reached the server.
    public init(transportError: HTTPTransportError) {
        self = .transientFailure(message: transportError.description, mayHaveReachedServer: transportError.mayHaveReachedServer)
    }
}
