import Testing
@testable import Cartable

/// `ConjunctGraphemes` undoes Swift's GB9c with two assumptions about Swift's Unicode data; these tests
/// fail if a Swift update breaks them (Unicode 18, for one, lets more characters link).
@Suite("Grapheme clusters as Ruby 3.4 (Unicode 15.0) draws them")
struct ConjunctGraphemesTests {
    private func clusters(_ text: String) -> [Int] {
        var counts = [Int]()
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            counts.append(ConjunctGraphemes.clusterCount(of: text[index..<next]))
            index = next
        }
        return counts
    }

    @Test("a conjunct Swift joins is split where Unicode 15.0 breaks; other clusters count 1")
    func counts() {
        #expect(clusters("क्ष") == [2])
        #expect(clusters("क्षत्रिय") == [2, 2, 1])  // क्|ष, त्|रि, य
        #expect(clusters("क्\u{200D}ष") == [2])
        #expect(clusters("ক্ষ") == [2])  // Bengali
        #expect(clusters("🏳️‍⚧️👨‍👩‍👧‍👦e\u{301}") == [1, 1, 1])
        #expect(clusters("ก่ำ") == [1])
    }

    @Test("Swift's only GB9c linkers are the viramas of Devanagari, Bengali, Gujarati, Oriya, Telugu, Malayalam")
    func linkers() {
        var linkers = [UInt32]()
        for value in UInt32(0)...0x1FFFF {  // no virama lies beyond the first two planes
            guard let virama = Unicode.Scalar(value), virama.properties.canonicalCombiningClass == .virama,
                let consonant = Unicode.Scalar(value & ~0x7F | 0x15),  // KA sits at +0x15 in these blocks
                consonant.properties.generalCategory == .otherLetter
            else { continue }
            var conjunct = ""
            conjunct.unicodeScalars.append(contentsOf: [consonant, virama, consonant])
            if conjunct.count == 1 { linkers.append(value) }
        }
        #expect(linkers == [0x094D, 0x09CD, 0x0ACD, 0x0B4D, 0x0C4D, 0x0D4D])
    }

    @Test("no letter of those scripts attaches to a preceding base, and nothing else links yet")
    func letters() {
        for value in UInt32(0x0900)...0x0D7F {
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory == .otherLetter else { continue }
            var text = "a"
            text.unicodeScalars.append(scalar)
            #expect(text.count == 2, "U+\(String(value, radix: 16, uppercase: true)) attaches")
        }
        // Unicode 18's GB9c lets a Vedic sign link with no consonant before it; Swift's data must not yet.
        #expect("\u{1CF5}\u{995}".count == 2)
    }
}
