/// Grapheme clusters as Unicode 15.0 draws them, which is how Mastodon's Ruby counts.
///
/// Mastodon counts with `String#each_grapheme_cluster`. Ruby 3.2 to 3.4, which Mastodon runs on, follow
/// Unicode 15.0; Swift follows a later version, with rule GB9c (Unicode 15.1): no break between a
/// consonant, a virama (`InCB=Linker`) and the next consonant, so `क्ष` is one `Character` in Swift
/// and two clusters in Ruby (`क्` and `ष`). Only Devanagari, Bengali, Gujarati, Oriya, Telugu and
/// Malayalam have such linkers. Counting as Ruby 3.4 does is also the safe side: GB9c only ever joins,
/// so a text that fits this count fits a server on a newer Ruby too.
enum ConjunctGraphemes {
    /// How many Unicode 15.0 clusters `cluster` (one Swift grapheme cluster) is: 1, plus one for each
    /// consonant that only GB9c joined to what precedes it.
    static func clusterCount(of cluster: Substring) -> Int {
        // A conjunct is at least consonant, virama, consonant: three 3-byte scalars.
        guard cluster.utf8.count >= 9 else { return 1 }
        var count = 1
        var previous: Unicode.Scalar?
        for scalar in cluster.unicodeScalars {
            if let previous, isLinkerConsonant(scalar), joinsOnlyByConjunctRule(previous) { count += 1 }
            previous = scalar
        }
        return count
    }

    /// A letter of the six scripts whose viramas are linkers (U+0900 to U+0D7F). None of them attaches
    /// to a preceding base, so inside a cluster one stands there only by GB9c or after a prepended mark.
    private static func isLinkerConsonant(_ scalar: Unicode.Scalar) -> Bool {
        (0x0900...0x0D7F).contains(scalar.value) && scalar.properties.generalCategory == .otherLetter
    }

    /// A virama, nukta or other extending mark, or a zero width joiner: Unicode 15.0 breaks between one of
    /// these and a following letter (GB999), where Unicode 15.1 keeps a conjunct together.
    private static func joinsOnlyByConjunctRule(_ previous: Unicode.Scalar) -> Bool {
        if previous.value == 0x200D { return true }
        switch previous.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
