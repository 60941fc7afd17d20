import Cartable

/// Values kept by key for the next request that asks for the same: a deputy's page, a search's answer. Every value
/// kept is one its key alone settles while the server runs, so what is kept is never stale.
///
/// At most ``limit`` values are kept: when full, the memo is emptied and filled again by the next requests (what is
/// asked often comes back at once; the rest costs what it cost without a memo).
final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// How many values are kept at most.
    let limit: Int
    private let values = Locked<[Key: Value]>([:])

    /// A memo of at most `limit` values.
    init(limit: Int) {
        self.limit = limit
    }

    /// The value for `key`: kept, or made by `make`, and kept if `keep` says so.
    func value(for key: Key, keepingIf keep: (Value) -> Bool = { _ in true }, make: () -> Value) -> Value {
        if let kept = values.withLock({ $0[key] }) { return kept }
        let made = make()
        guard keep(made) else { return made }
        values.withLock { values in
            if values.count >= limit { values.removeAll(keepingCapacity: true) }
            values[key] = made
        }
        return made
    }
}
