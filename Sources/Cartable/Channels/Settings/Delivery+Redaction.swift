extension Delivery {
    /// The same delivery with any of the secrets removed from its message.
    func redacting(_ secrets: [Secret]) -> Delivery {
        guard !secrets.isEmpty else { return self }
        switch self {
        case .delivered:
            return self
        case .duplicate(let message):
            return .duplicate(message: message.redacting(secrets))
        case .rateLimited(let retryAt, let message):
            return .rateLimited(retryAt: retryAt, message: message.redacting(secrets))
        case .permanentFailure(let message):
            return .permanentFailure(message: message.redacting(secrets))
        case .transientFailure(let message, let mayHaveReachedServer):
            return .transientFailure(message: message.redacting(secrets), mayHaveReachedServer: mayHaveReachedServer)
        }
    }
}
