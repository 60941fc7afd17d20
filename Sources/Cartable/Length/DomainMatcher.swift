/// Group 5 of twitter-text's URL regex, the domain, for URL candidates whose domain's first label
/// ends at one given `.` (the scanner tries candidates dot by dot).
///
/// The regex alternatives, in order:
/// 1. subdomains, a domain name and a generic, country or `xn--` TLD (ASCII letters and digits and
///    Latin accents): `(?>subdomain)* domain-name (gTLD | ccTLD | punycode)`;
/// 2. right after `http(s)://`: a domain name and a country TLD (never matches when 1 failed, since
///    1 tries the same), or a unicode label and a generic or country TLD;
/// 3. a domain name, a country TLD and `/` (again covered by 1).
///
/// In 1, the `*` first takes every subdomain label it can, then gives them back one at a time until a
/// domain name and a TLD follow. Only the first label differs between candidates for the same `.`,
/// so what follows it is worked out once per `.`, and the run of subdomain labels once for all the
/// dots inside it: the regex's rescanning is quadratic on `a.a.a.a…` or a long run of accented
/// letters before a `.`, this is linear.
struct DomainMatcher {
    let text: UnsafeBufferPointer<UInt16>
    let topLevelDomains: TopLevelDomainTable

    /// What all candidates whose first label ends at the same `.` share.
    private struct FirstDot {
        var index: Int
        /// Start of the run of `[C_-]` ending at the dot: a first label starting before it is not a
        /// subdomain label.
        var subdomainRunStart: Int
        /// Start of the run of `[C-]` ending at the dot: the same for a domain-name label.
        var domainNameRunStart: Int
        /// Whether the character before the dot can end a label (a letter, digit or accent).
        var endsLabel: Bool
        /// With the first label as a subdomain: the domain end found by backtracking over the labels
        /// after the dot (computed on first use).
        var matchAfterDot: Int??
        /// With the first label as the domain name: the end of the TLD right after the dot.
        var topLevelDomainAfterDot: Int??
    }

    /// A run of subdomain labels (each followed by `.`) scanned once, and what backtracking over it
    /// has found so far, shared by the dots inside it.
    private struct SubdomainRun {
        /// The label start where the scan began.
        var start: Int
        /// Where the run stopped: the start of the first label that is not a subdomain.
        var end: Int
        /// Labels starting at or after this were tried as the domain name, from the last one down.
        var searchedDownTo: Int
        /// The last label of the run that is a domain name followed by a TLD, and the TLD's end.
        var lastMatch: (labelStart: Int, end: Int)?
    }

    private var firstDot: FirstDot?
    private var subdomainRun: SubdomainRun?

    init(text: UnsafeBufferPointer<UInt16>, topLevelDomains: TopLevelDomainTable) {
        self.text = text
        self.topLevelDomains = topLevelDomains
    }

    /// Gets ready for candidates whose first label ends at the `.` at `dotIndex` and starts at or
    /// after `floor`.
    mutating func prepare(dotAt dotIndex: Int, notBefore floor: Int) {
        var subdomainRunStart = dotIndex
        while subdomainRunStart > floor, URLCharacters.isSubdomainCharacter(text[subdomainRunStart - 1]) {
            subdomainRunStart -= 1
        }
        var domainNameRunStart = dotIndex
        while domainNameRunStart > subdomainRunStart, URLCharacters.isDomainNameCharacter(text[domainNameRunStart - 1]) {
            domainNameRunStart -= 1
        }
        firstDot = FirstDot(
            index: dotIndex, subdomainRunStart: subdomainRunStart, domainNameRunStart: domainNameRunStart,
            endsLabel: dotIndex > 0 && URLCharacters.isDomainLabelCore(text[dotIndex - 1]),
            matchAfterDot: nil, topLevelDomainAfterDot: nil
        )
    }

    /// The end of the domain starting at `start`, whose first label ends at the prepared `.`.
    mutating func domainEnd(at start: Int) -> Int? {
        guard let dot = firstDot?.index, start < dot, start >= 0 else { return nil }
        if let end = asciiDomainEnd(at: start) { return end }
        if text.followsProtocol(start), let end = unicodeDomainEnd(at: start, dot: dot) { return end }
        return nil
    }

    // MARK: ASCII domains (alternative 1)

    private mutating func asciiDomainEnd(at start: Int) -> Int? {
        guard let first = firstDot else { return nil }
        // If the first label is not a subdomain label, the `*` takes nothing, and the first label is
        // not a domain-name label either (a domain-name label is also a subdomain label).
        guard first.endsLabel, start >= first.subdomainRunStart, URLCharacters.isDomainLabelCore(text[start]) else {
            return nil
        }
        if let end = matchAfterDot() { return end }
        guard start >= first.domainNameRunStart else { return nil }
        return topLevelDomainAfterDot()
    }

    /// Backtracking over the subdomain labels after the prepared dot: the last one that is a domain
    /// name followed by a TLD. The label where the run stops is skipped: not being a subdomain label,
    /// it is not a domain-name label.
    private mutating func matchAfterDot() -> Int? {
        guard var first = firstDot else { return nil }
        if let known = first.matchAfterDot { return known }
        let lowest = first.index + 1
        var run: SubdomainRun
        if let existing = subdomainRun, existing.start <= lowest, lowest <= existing.end {
            run = existing  // the dot is inside a run already scanned: it ends at the same place
        } else {
            var end = lowest
            while let next = labelEnd(at: end, allowsUnderscore: true) { end = next }
            run = SubdomainRun(start: lowest, end: end, searchedDownTo: end, lastMatch: nil)
        }
        var result: Int?
        if let match = run.lastMatch {
            result = match.labelStart >= lowest ? match.end : nil
        } else {
            var labelStart = run.searchedDownTo
            while labelStart > lowest {
                labelStart -= 1  // onto the '.' ending the previous label
                while labelStart > lowest, text[labelStart - 1] != 0x2E { labelStart -= 1 }
                run.searchedDownTo = labelStart
                if let tldStart = labelEnd(at: labelStart, allowsUnderscore: false),
                   let end = topLevelDomainEnd(at: tldStart, allowsPunycode: true) {
                    run.lastMatch = (labelStart, end)
                    result = end
                    break
                }
            }
        }
        subdomainRun = run
        first.matchAfterDot = .some(result)
        firstDot = first
        return result
    }

    private mutating func topLevelDomainAfterDot() -> Int? {
        guard var first = firstDot else { return nil }
        if let known = first.topLevelDomainAfterDot { return known }
        let end = topLevelDomainEnd(at: first.index + 1, allowsPunycode: true)
        first.topLevelDomainAfterDot = .some(end)
        firstDot = first
        return end
    }

    /// A subdomain label (`[C][C_-]*[C]\.` or `[C]\.`) or, without `_`, a domain-name label at
    /// `start`; returns the index after its `.`. `C` is an ASCII letter or digit or a Latin accent.
    /// The label can only end where its run of label characters ends, since `.` is not one of them.
    private func labelEnd(at start: Int, allowsUnderscore: Bool) -> Int? {
        guard start < text.count, URLCharacters.isDomainLabelCore(text[start]) else { return nil }
        var end = start + 1
        if allowsUnderscore {
            while end < text.count, URLCharacters.isSubdomainCharacter(text[end]) { end += 1 }
        } else {
            while end < text.count, URLCharacters.isDomainNameCharacter(text[end]) { end += 1 }
        }
        guard end < text.count, text[end] == 0x2E, URLCharacters.isDomainLabelCore(text[end - 1]) else {
            return nil
        }
        return end + 1
    }

    // MARK: Unicode domains (alternative 2)

    /// `[U][U-]*[U]\.` or `[U]\.` then a generic or country TLD, where `U` is any character but
    /// ASCII punctuation, spaces and General Punctuation (`http://ああ.com`, `http://✪df.ws`).
    /// `.` is not a `U`, so the label must reach the prepared dot.
    private func unicodeDomainEnd(at start: Int, dot: Int) -> Int? {
        guard URLCharacters.isUnicodeDomainCharacter(text[start]),
              URLCharacters.isUnicodeDomainCharacter(text[dot - 1]) else { return nil }
        var index = start + 1
        while index < dot, URLCharacters.isUnicodeDomainCharacter(text[index]) || text[index] == 0x2D { index += 1 }
        guard index == dot else { return nil }
        return topLevelDomainEnd(at: dot + 1, allowsPunycode: false)
    }

    // MARK: TLD

    /// A listed TLD (with its lookahead) or, where allowed, `xn--[-0-9a-z]+` (greedy, no lookahead).
    private func topLevelDomainEnd(at start: Int, allowsPunycode: Bool) -> Int? {
        if let end = topLevelDomains.matchEnd(in: text, at: start) { return end }
        guard allowsPunycode, text.hasASCIIPrefix("xn--", at: start) else { return nil }
        var end = start + 4
        while end < text.count, URLCharacters.domainName.contains(text[end]) { end += 1 }
        return end > start + 4 ? end : nil
    }
}
