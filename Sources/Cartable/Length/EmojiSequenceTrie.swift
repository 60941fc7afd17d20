/// twitter-text's emoji sequences (`TwitterTextEmojiSequences`) as a trie over scalars, matched
/// longest-first.
///
/// Upstream's regex is an ordered alternation, where the first alternative that matches wins, not
/// the longest. The two agree on this regex (no alternative is cut short by an earlier one that
/// matches a prefix): `make emoji` checks it with Python's `re`, and `TwitterTextEmojiTests` compares
/// this trie with the fixture's regex, run by `NSRegularExpression`, at test time.
///
/// The trie is flat (nodes index a sorted run of edges), so matching allocates nothing and a
/// lookup is a binary search in the run of one node.
struct EmojiSequenceTrie: Sendable {
    /// Whether reaching a node completes a sequence.
    private enum Acceptance: UInt8 {
        case none
        case always
        /// Upstream's `(?!\ufe0e)`: a sequence of a text-default emoji, unless U+FE0E follows.
        case unlessTextPresentation
    }

    /// Node `n`'s edges are `edgeStarts[n]..<edgeStarts[n + 1]`, sorted by scalar.
    private let edgeStarts: [Int32]
    private let edgeScalars: [UInt32]
    private let edgeTargets: [Int32]
    private let acceptances: [Acceptance]
    /// The scalars below U+0100 that start a sequence, as a bit set, and the smallest other one:
    /// most text is rejected here without a search.
    private let latinStarts: (UInt64, UInt64, UInt64, UInt64)
    private let smallestOtherStart: UInt32

    /// The trie of upstream's regex, built once.
    static let twitterText = EmojiSequenceTrie(terminatedSequences: TwitterTextEmojiSequences.scalars)

    /// A trie from sequences written as in `TwitterTextEmojiSequences`: scalars, then 0 (always a
    /// match) or 1 (a match unless U+FE0E follows).
    init(terminatedSequences: [UInt32]) {
        var children: [[UInt32: Int32]] = [[:]]
        var acceptances: [Acceptance] = [.none]
        var node = 0
        for value in terminatedSequences {
            switch value {
            case 0, 1:
                // Another branch matching the same scalars without the lookahead makes it a plain match.
                if acceptances[node] != .always { acceptances[node] = value == 0 ? .always : .unlessTextPresentation }
                node = 0
            default:
                if let child = children[node][value] {
                    node = Int(child)
                } else {
                    children[node][value] = Int32(children.count)
                    node = children.count
                    children.append([:])
                    acceptances.append(.none)
                }
            }
        }
        var edgeStarts: [Int32] = []
        var edgeScalars: [UInt32] = []
        var edgeTargets: [Int32] = []
        for edges in children {
            edgeStarts.append(Int32(edgeScalars.count))
            for (scalar, target) in edges.sorted(by: { $0.key < $1.key }) {
                edgeScalars.append(scalar)
                edgeTargets.append(target)
            }
        }
        edgeStarts.append(Int32(edgeScalars.count))
        self.edgeStarts = edgeStarts
        self.edgeScalars = edgeScalars
        self.edgeTargets = edgeTargets
        self.acceptances = acceptances
        var latinStarts: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for scalar in children[0].keys where scalar < 0x100 {
            let bit = UInt64(1) << (scalar % 64)
            switch scalar / 64 {
            case 0: latinStarts.0 |= bit
            case 1: latinStarts.1 |= bit
            case 2: latinStarts.2 |= bit
            default: latinStarts.3 |= bit
            }
        }
        self.latinStarts = latinStarts
        self.smallestOtherStart = children[0].keys.filter { $0 >= 0x100 }.min() ?? UInt32.max
    }

    /// Whether some sequence starts with `scalar`: a cheap test to run before `sequenceEnd`.
    @inline(__always)
    func mayStart(with scalar: UInt32) -> Bool {
        guard scalar < 0x100 else { return scalar >= smallestOtherStart }
        let word: UInt64
        switch scalar / 64 {
        case 0: word = latinStarts.0
        case 1: word = latinStarts.1
        case 2: word = latinStarts.2
        default: word = latinStarts.3
        }
        return word & (UInt64(1) << (scalar % 64)) != 0
    }

    /// The end (byte position) of the longest sequence starting with `first`, if one does.
    func sequenceEnd(in text: UTF8Scalars, startingWith first: UTF8Scalars.Scalar) -> Int? {
        guard var node = child(of: 0, first.value) else { return nil }
        var position = first.end
        var longest: Int?
        while true {
            let next = text.scalar(at: position)
            switch acceptances[node] {
            case .always: longest = position
            case .unlessTextPresentation where next?.value != 0xFE0E: longest = position
            default: break
            }
            guard let next, let child = child(of: node, next.value) else { return longest }
            node = child
            position = next.end
        }
    }

    /// The node reached from `node` by `scalar`, by binary search in its sorted edges.
    @inline(__always)
    private func child(of node: Int, _ scalar: UInt32) -> Int? {
        var low = Int(edgeStarts[node])
        var high = Int(edgeStarts[node + 1])
        while low < high {
            let middle = (low + high) / 2
            let value = edgeScalars[middle]
            if value == scalar { return Int(edgeTargets[middle]) }
            if value < scalar { low = middle + 1 } else { high = middle }
        }
        return nil
    }
}
