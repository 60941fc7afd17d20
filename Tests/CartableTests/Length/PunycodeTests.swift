import Testing
@testable import Cartable

@Suite("Punycode (RFC 3492)")
struct PunycodeTests {
    /// Sample strings of RFC 3492 §7.1, written as code points as the RFC lists them. The RFC's
    /// outputs use mixed-case annotation; the encoder writes lowercase digits and keeps the case of
    /// basic code points, so the outputs below are the RFC's with annotation case removed.
    @Test("RFC 3492 §7.1 sample strings", arguments: [
        ("(A) Arabic (Egyptian)",
         [0x0644, 0x064A, 0x0647, 0x0645, 0x0627, 0x0628, 0x062A, 0x0643, 0x0644, 0x0645, 0x0648, 0x0634,
          0x0639, 0x0631, 0x0628, 0x064A, 0x061F],
         "egbpdaj6bu4bxfgehfvwxn"),
        ("(B) Chinese (simplified)",
         [0x4ED6, 0x4EEC, 0x4E3A, 0x4EC0, 0x4E48, 0x4E0D, 0x8BF4, 0x4E2D, 0x6587],
         "ihqwcrb4cv8a8dqg056pqjye"),
        ("(C) Chinese (traditional)",
         [0x4ED6, 0x5011, 0x7232, 0x4EC0, 0x9EBD, 0x4E0D, 0x8AAA, 0x4E2D, 0x6587],
         "ihqwctvzc91f659drss3x8bo0yb"),
        ("(D) Czech",
         [0x0050, 0x0072, 0x006F, 0x010D, 0x0070, 0x0072, 0x006F, 0x0073, 0x0074, 0x011B, 0x006E, 0x0065,
          0x006D, 0x006C, 0x0075, 0x0076, 0x00ED, 0x010D, 0x0065, 0x0073, 0x006B, 0x0079],
         "Proprostnemluvesky-uyb24dma41a"),
        ("(E) Hebrew",
         [0x05DC, 0x05DE, 0x05D4, 0x05D4, 0x05DD, 0x05E4, 0x05E9, 0x05D5, 0x05D8, 0x05DC, 0x05D0, 0x05DE,
          0x05D3, 0x05D1, 0x05E8, 0x05D9, 0x05DD, 0x05E2, 0x05D1, 0x05E8, 0x05D9, 0x05EA],
         "4dbcagdahymbxekheh6e0a7fei0b"),
        ("(I) Russian (Cyrillic)",
         [0x043F, 0x043E, 0x0447, 0x0435, 0x043C, 0x0443, 0x0436, 0x0435, 0x043E, 0x043D, 0x0438, 0x043D,
          0x0435, 0x0433, 0x043E, 0x0432, 0x043E, 0x0440, 0x044F, 0x0442, 0x043F, 0x043E, 0x0440, 0x0443,
          0x0441, 0x0441, 0x043A, 0x0438],
         "b1abfaaepdrnnbgefbadotcwatmq2g4l"),
        ("(L) 3<nen>B<gumi><kinpachi><sensei>",
         [0x0033, 0x5E74, 0x0042, 0x7D44, 0x91D1, 0x516B, 0x5148, 0x751F],
         "3B-ww4c5e180e575a65lsy2b"),
        ("(O) <sono><supiido><de>",
         [0x305D, 0x306E, 0x30B9, 0x30D4, 0x30FC, 0x30C9, 0x3067],
         "d9juau41awczczp"),
        ("(S) -> $1.00 <-",
         [0x002D, 0x003E, 0x0020, 0x0024, 0x0031, 0x002E, 0x0030, 0x0030, 0x0020, 0x003C, 0x002D],
         "-> $1.00 <--"),
    ])
    func rfcSamples(name: String, codePoints: [UInt32], expected: String) throws {
        let scalars = try codePoints.map { try #require(Unicode.Scalar($0)) }
        #expect(Punycode.encode(scalars) == expected, "\(name)")
    }

    @Test("an empty label encodes to nothing; an all-basic label gets a trailing delimiter")
    func edgeCases() {
        #expect(Punycode.encode("") == "")
        #expect(Punycode.encode("abc") == "abc-")
        #expect(Punycode.encode("bücher") == "bcher-kva")
    }

    @Test("host labels are measured after Punycode: a label over 63 encoded characters is rejected")
    func labelLengthAfterPunycode() {
        // The first 48 kana of "あいうえおかきくけこさしすせそ" repeated encode to "xn--" + 59 characters,
        // 49 to "xn--" + 60 (values from Python's independent `punycode` codec).
        let kana = String(String(repeating: "あいうえおかきくけこさしすせそ", count: 4).prefix(49))
        #expect(HostValidation.nameprep(String(kana.prefix(48))) == String(kana.prefix(48)))
        #expect(URLExtractor.extractURLs(from: "http://\(kana.prefix(48)).com").count == 1)
        #expect(URLExtractor.extractURLs(from: "http://\(kana).com").isEmpty)
        // ASCII labels are measured as they are: 63 is fine, 64 is not.
        #expect(URLExtractor.extractURLs(from: "\(String(repeating: "a", count: 63)).com").count == 1)
        #expect(URLExtractor.extractURLs(from: "\(String(repeating: "a", count: 64)).com").isEmpty)
    }
}
