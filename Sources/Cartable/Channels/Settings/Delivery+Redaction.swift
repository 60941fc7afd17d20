extension Delivery {
    /// The same delivery with its message passed through `redaction`: secrets hidden in every form, then cut to length
    /// (in that order, so that no cut leaves part of a secret).
    func redacting(_ redaction: Redaction) -> Delivery {
        switch self {
        case .delivered:
            return self
        case .duplicate(let message):
            return .duplicate(message: redaction.message(message))
        case .rateLimited(let retryAt, let message):
            return .rateLimited(retryAt: retryAt, message: redaction.message(message))
        case .permanentFailure(let message):
            return .permanentFailure(message: redaction.message(message))
        case .transientFailure(let message, let mayHaveReachedServer):
            return .transientFailure(message: redaction.message(message), mayHaveReachedServer: mayHaveReachedServer)
        }
    }
}
