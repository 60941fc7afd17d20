/// A deterministic corpus of short French campaign posts, like those Cartable composes.
///
/// Each post has accents and typographic punctuation; `withURL` posts carry one link (a quarter of them
/// without protocol, as organisers often write `mouves.org`), and one post in eight has an emoji.
struct FrenchPostCorpus {
    private static let openings = [
        "Madame la députée", "Monsieur le député", "Chère députée", "Cher député", "Bonjour",
    ]
    private static let bodies = [
        "remplissez le cartable : 15 propositions pour l’entrepreneuriat social",
        "l’économie sociale et solidaire crée des emplois non délocalisables",
        "soutenez le Livre blanc des entrepreneurs sociaux à l’Assemblée",
        "entreprendre autrement, c’est possible : lisez nos propositions",
        "une fiscalité adaptée aux entreprises à finalité sociale, s’il vous plaît",
        "la commande publique responsable peut changer la donne en région",
    ]
    private static let links = [
        "https://mouves.org/livre-blanc", "http://www.mouves.org/propositions?ref=senseTwitt",
        "mouves.org/cartable", "https://exemple.fr/économie-sociale", "https://bit.ly/LivreBlancESS",
    ]
    private static let hashtags = ["#SenseTwitt", "#ESS", "#LivreBlanc", "#entrepreneuriatsocial"]
    private static let emoji = ["🎒", "👍", "🇫🇷", "✊🏽"]

    /// `count` posts; with `withURL: false` the same posts without their link (so no '.' at all).
    static func make(count: Int, withURL: Bool) -> [String] {
        var random = SeededRandom(seed: withURL ? 2012 : 1207)
        return (0..<count).map { _ in
            var post = "\(openings[random.next(openings.count)]) @dep\(random.next(577)), "
            post += bodies[random.next(bodies.count)]
            if withURL { post += " " + links[random.next(links.count)] }
            post += " " + hashtags[random.next(hashtags.count)]
            if random.next(8) == 0 { post += " " + emoji[random.next(emoji.count)] }
            return post
        }
    }
}

/// A small deterministic generator (SplitMix64), so every run measures the same corpus.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ upperBound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(upperBound))
    }
}
