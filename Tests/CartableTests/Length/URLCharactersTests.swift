import Testing
@testable import Cartable

@Suite("URL character classes")
struct URLCharactersTests {
    @Test("each literal mask holds exactly the characters listed next to it")
    func masksMatchTheirCharacterLists() {
        #expect(URLCharacters.alphanumeric == ASCIISet(URLCharacters.alphanumericCharacters))
        #expect(URLCharacters.digits == ASCIISet(URLCharacters.digitCharacters))
        #expect(URLCharacters.invalidPreceding == ASCIISet(URLCharacters.invalidPrecedingCharacters))
        #expect(URLCharacters.subdomain == ASCIISet(URLCharacters.subdomainCharacters))
        #expect(URLCharacters.domainName == ASCIISet(URLCharacters.domainNameCharacters))
        #expect(URLCharacters.generalPath == ASCIISet(URLCharacters.generalPathCharacters))
        #expect(URLCharacters.pathEnding == ASCIISet(URLCharacters.pathEndingCharacters))
        #expect(URLCharacters.query == ASCIISet(URLCharacters.queryCharacters))
        #expect(URLCharacters.queryEnding == ASCIISet(URLCharacters.queryEndingCharacters))
        // Java's `\s` without UNICODE_CHARACTER_CLASS is [ \t\n\x0B\f\r].
        let javaSpaces = " \t\n\u{0B}\u{0C}\r"
        let unicodeDomainASCII = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
            .filter { !URLCharacters.domainPunctuationCharacters.contains($0) && !javaSpaces.contains($0) }
            .joined()
        #expect(URLCharacters.unicodeDomain == ASCIISet(unicodeDomainASCII))
    }

    @Test("non-ASCII classes: accents, Cyrillic, General Punctuation, spaces")
    func nonASCIIClasses() {
        #expect(URLCharacters.isDomainLabelCore(0x00E9))  // é
        #expect(!URLCharacters.isDomainLabelCore(0x00D7))  // ×
        #expect(URLCharacters.isGeneralPathCharacter(0x0436))  // ж
        #expect(URLCharacters.isGeneralPathCharacter(0x2013))  // –
        #expect(!URLCharacters.isPathEndingCharacter(0x2013))
        #expect(!URLCharacters.isUnicodeDomainCharacter(0x2026))  // … (General Punctuation)
        #expect(!URLCharacters.isUnicodeDomainCharacter(0x00A0))
        #expect(!URLCharacters.isUnicodeDomainCharacter(0x3000))
        #expect(URLCharacters.isUnicodeDomainCharacter(0x3042))  // あ
        #expect(URLCharacters.isUnicodeDomainCharacter(0xD83D))  // half of an astral code point
        #expect(!URLCharacters.canPrecedeURL(0xFF20) && !URLCharacters.canPrecedeURL(0xFEFF))
        #expect(URLCharacters.canPrecedeURL(0x202A) && URLCharacters.canPrecedeURL(0x00E9))
    }
}
