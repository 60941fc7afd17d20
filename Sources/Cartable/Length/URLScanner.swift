/// twitter-text's `VALID_URL` regex (Java `Regex.java`, case-insensitive) as a scanner over UTF-16
/// code units, finding the same matches `Matcher.find()` finds, without a regex engine.
///
/// The regex is `(preceding)((https?://)?(domain)(?::(port))?(/path)?(\?query)?)`. Every part after
/// the domain is optional, so the first domain alternative that matches decides the match, and each
/// part reduces to a short deterministic scan (the derivations are in the comments below; the
/// domain is `DomainMatcher`'s).
/// `URLExtractor` applies the post-filters (protocol-less rules, t.co, host validity).
struct URLScanner {
    /// One regex match, before post-filters.
    struct Match {
        /// The character matched as the preceding one; `nil` when the URL starts the text (`^`).
        var precedingUnit: UInt16?
        /// The URL (group 3), in UTF-16 units of the text. The regex match ends where it ends.
        var url: Range<Int>
        /// The domain (group 5).
        var host: Range<Int>
        /// Whether `http://` or `https://` was matched (group 4).
        var hasProtocol: Bool
    }

    let text: UnsafeBufferPointer<UInt16>
    private var domains: DomainMatcher

    init(text: UnsafeBufferPointer<UInt16>, topLevelDomains: TopLevelDomainTable = .shared) {
        self.text = text
        domains = DomainMatcher(text: text, topLevelDomains: topLevelDomains)
    }

    // MARK: Finding the leftmost match

    /// The leftmost match starting at or after `position`, as `Matcher.find()` would return it.
    ///
    /// A match's domain holds a `.`, and its first label ends at the first `.` after the URL start.
    /// That label is made of "label run" characters (no space, no punctuation but `-` and `_`), while
    /// a protocol ends with `/`, which is not one. So for the run of label characters that ends at a
    /// given `.`, the domain starts exactly where the run starts when there is a protocol (the URL
    /// then starts 7 or 8 units earlier), and inside the run when there is none. Trying only those
    /// positions, from left to right, finds the same match as the regex trying every position.
    mutating func nextMatch(from position: Int) -> Match? {
        var candidate = position
        var dot = firstDot(from: position)
        while let dotIndex = dot {
            let runStart = labelRunStart(beforeDotAt: dotIndex, notBefore: candidate)
            domains.prepare(dotAt: dotIndex, notBefore: candidate)
            candidate = max(candidate, runStart - 9)
            while candidate < dotIndex {
                // Preceding character before `https://` or `http://`, or before/inside the run, or `^`.
                if candidate >= runStart - 1 || candidate <= runStart - 8 || candidate == 0,
                   let match = match(atPrecedingPosition: candidate, labelRunStart: runStart) {
                    return match
                }
                candidate += 1
            }
            dot = firstDot(from: dotIndex + 1)
        }
        return nil
    }

    private func firstDot(from position: Int) -> Int? {
        var index = position
        while index < text.count {
            if text[index] == 0x2E { return index }
            index += 1
        }
        return nil
    }

    /// The start of the run of label characters that ends at `dotIndex`, not looking before `floor`
    /// (no match can start before it anyway).
    private func labelRunStart(beforeDotAt dotIndex: Int, notBefore floor: Int) -> Int {
        var runStart = dotIndex
        while runStart > floor, URLCharacters.isDomainRunCharacter(text[runStart - 1]) { runStart -= 1 }
        return runStart
    }

    /// The regex attempt whose preceding-character group starts at `position`: first the character
    /// there as the preceding one, then, at the start of the text only, `^`.
    private mutating func match(atPrecedingPosition position: Int, labelRunStart: Int) -> Match? {
        let unit = text[position]
        if URLCharacters.canPrecedeURL(unit) {
            // A surrogate pair is one preceding code point for the regex; the attempt from its low
            // half tries the same URL start, so the high half can be skipped.
            let isPairStart = UTF16.isLeadSurrogate(unit) && position + 1 < text.count
                && UTF16.isTrailSurrogate(text[position + 1])
            if !isPairStart,
               let match = matchURL(startingAt: position + 1, precededBy: unit, labelRunStart: labelRunStart) {
                return match
            }
        }
        if position == 0 { return matchURL(startingAt: 0, precededBy: nil, labelRunStart: labelRunStart) }
        return nil
    }

    /// Groups 3 to 8 at `start`: with a protocol if there is one, else (the regex backtracks) without.
    /// Before the label run only a protocol ending where the run starts can lead to a domain; inside
    /// it there is no room for a protocol (see `nextMatch`), so the other branch is not tried.
    private mutating func matchURL(startingAt start: Int, precededBy preceding: UInt16?, labelRunStart: Int) -> Match? {
        guard start < text.count else { return nil }
        if start < labelRunStart {
            guard let hostStart = text.protocolEnd(at: start), hostStart == labelRunStart,
                  let hostEnd = domains.domainEnd(at: hostStart) else { return nil }
            return Match(precedingUnit: preceding, url: start..<urlEnd(afterHost: hostEnd),
                         host: hostStart..<hostEnd, hasProtocol: true)
        }
        guard let hostEnd = domains.domainEnd(at: start) else { return nil }
        return Match(precedingUnit: preceding, url: start..<urlEnd(afterHost: hostEnd),
                     host: start..<hostEnd, hasProtocol: false)
    }

    // MARK: Port, path and query

    /// Where the URL ends after a host ending at `hostEnd`: optional port, path and query.
    private func urlEnd(afterHost hostEnd: Int) -> Int {
        var end = hostEnd
        // (?::([0-9]++))?
        if end + 1 < text.count, text[end] == 0x3A, URLCharacters.digits.contains(text[end + 1]) {
            end += 2
            while end < text.count, URLCharacters.digits.contains(text[end]) { end += 1 }
        }
        if end < text.count, text[end] == 0x2F { end = pathEnd(afterSlash: end + 1) }
        if end < text.count, text[end] == 0x3F, let queryEnd = queryEnd(afterQuestionMark: end + 1) {
            end = queryEnd
        }
        return end
    }

    /// `/(?:G* (?:P G*)* E | @ G+ /)*+` where `G` is a general path character, `P` balanced parentheses
    /// and `E` a path-ending character or `P`.
    ///
    /// The first repetition backtracks to the last `E` of the last run of `G` (following as many `P`
    /// as chain after the first run), or to the end of the last `P`; a second repetition would start on
    /// characters that are neither `E` nor followed by `P`, so it never matches, and the `@ G+ /` form
    /// never matches where the first failed (its `/` would be an `E`). Hence a single scan.
    private func pathEnd(afterSlash start: Int) -> Int {
        var runStart = start
        var runEnd = generalPathRunEnd(from: start)
        var lastParenthesesEnd: Int?
        while let parenthesesEnd = balancedParenthesesEnd(at: runEnd) {
            lastParenthesesEnd = parenthesesEnd
            runStart = parenthesesEnd
            runEnd = generalPathRunEnd(from: parenthesesEnd)
        }
        var index = runEnd
        while index > runStart {
            if URLCharacters.isPathEndingCharacter(text[index - 1]) { return index }
            index -= 1
        }
        return lastParenthesesEnd ?? start
    }

    private func generalPathRunEnd(from start: Int) -> Int {
        var end = start
        while end < text.count, URLCharacters.isGeneralPathCharacter(text[end]) { end += 1 }
        return end
    }

    /// `\((?:G+|G*\(G+\)G*)\)` at `start`: one level of nesting, as in `/Primer_(film)` or
    /// `/We_Up_(Album_Version_(Edited))/`. Each `G` run is maximal, so there is at most one way.
    private func balancedParenthesesEnd(at start: Int) -> Int? {
        guard start < text.count, text[start] == 0x28 else { return nil }
        let innerEnd = generalPathRunEnd(from: start + 1)
        guard innerEnd < text.count else { return nil }
        if text[innerEnd] == 0x29 { return innerEnd > start + 1 ? innerEnd + 1 : nil }
        guard text[innerEnd] == 0x28 else { return nil }
        let nestedEnd = generalPathRunEnd(from: innerEnd + 1)
        guard nestedEnd > innerEnd + 1, nestedEnd < text.count, text[nestedEnd] == 0x29 else { return nil }
        let tailEnd = generalPathRunEnd(from: nestedEnd + 1)
        guard tailEnd < text.count, text[tailEnd] == 0x29 else { return nil }
        return tailEnd + 1
    }

    /// `\?Q*E`: the longest run of query characters that ends with a query-ending character.
    func queryEnd(afterQuestionMark start: Int, limit: Int? = nil) -> Int? {
        let limit = limit ?? text.count
        var index = start
        var end: Int?
        while index < limit, URLCharacters.query.contains(text[index]) {
            if URLCharacters.queryEnding.contains(text[index]) { end = index + 1 }
            index += 1
        }
        return end
    }
}
