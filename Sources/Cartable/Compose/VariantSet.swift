/// The variants meant for one kind of recipient (those of a segment, or "the rest"), as positions in the
/// campaign's `templates`. Recipients with the same set share one rotation.
public struct VariantSet: Sendable, Hashable {
    /// Positions in ``Campaign/templates``, in file order.
    public let indices: [Int]
    /// The positions that take turns (all but the `fallback: true` ones, or all if every one is), worked out once.
    let rotation: [Int]

    /// Creates a set; every variant takes turns.
    public init(indices: [Int]) {
        self.init(indices: indices, rotation: indices)
    }

    init(indices: [Int], rotation: [Int]) {
        self.indices = indices
        self.rotation = rotation
    }

    /// Sets are the same when they hold the same variants (the rotation follows from them).
    public static func == (lhs: VariantSet, rhs: VariantSet) -> Bool { lhs.indices == rhs.indices }

    /// Hashes the variants' positions.
    public func hash(into hasher: inout Hasher) { hasher.combine(indices) }

    /// Whether no variant is meant for the recipients.
    public var isEmpty: Bool { indices.isEmpty }
}
