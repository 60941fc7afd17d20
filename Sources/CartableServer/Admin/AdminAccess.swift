import Foundation

/// Who may see the organiser's dashboard: the token from `CARTABLE_ADMIN_TOKEN`, compared in constant time, and the
/// sessions a right token opened, kept in memory by a random id (the token itself is never put in a cookie). A
/// server without a token has no dashboard: no login succeeds.
actor AdminAccess {
    /// The session cookie's name (HttpOnly, SameSite=Strict, path `/admin`).
    static let cookie = "cartable_admin"
    /// How long a session lasts after its login.
    static let sessionLifetime: TimeInterval = 12 * 3600
    /// Logins (right or wrong) per client address: 10 per 15 minutes.
    static let loginLimit = RequestLimiter.Limit(count: 10, period: 900)
    /// Logins per client network: 30 per 15 minutes.
    static let loginLimitPerNetwork = RequestLimiter.Limit(count: 30, period: 900)

    private let token: [UInt8]?
    private var sessions: [String: Date] = [:]

    /// Access guarded by `token`; `nil`: the dashboard is off.
    init(token: String?) {
        self.token = token.map { Array($0.utf8) }
    }

    /// Whether the dashboard is on (a token is configured).
    nonisolated var isOn: Bool { token != nil }

    /// Whether `candidate` is the token, compared in constant time: every byte of the longer of the two is looked
    /// at whatever the first difference, so the time taken says nothing of where a guess goes wrong.
    nonisolated func accepts(_ candidate: String) -> Bool {
        guard let token else { return false }
        let given = Array(candidate.utf8)
        var difference = UInt8(truncatingIfNeeded: token.count ^ given.count) | (token.count == given.count ? 0 : 1)
        for index in 0..<max(token.count, given.count) {
            let left = index < token.count ? token[index] : 0
            let right = index < given.count ? given[index] : 0
            difference |= left ^ right
        }
        return difference == 0
    }

    /// A new session (its random id, for the cookie), valid for ``sessionLifetime``.
    func open(now: Date = Date()) -> String {
        sessions = sessions.filter { $0.value > now }
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let id = bytes.map { String(format: "%02x", $0) }.joined()
        sessions[id] = now.addingTimeInterval(Self.sessionLifetime)
        return id
    }

    /// Whether `id` is an open session.
    func isOpen(_ id: String?, now: Date = Date()) -> Bool {
        guard isOn, let id, let expires = sessions[id] else { return false }
        return expires > now
    }

    /// Ends the session `id` (logout).
    func close(_ id: String?) {
        if let id { sessions[id] = nil }
    }
}
