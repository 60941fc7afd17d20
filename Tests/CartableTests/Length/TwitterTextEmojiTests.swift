import Foundation
import Testing
@testable import Cartable

/// The `twitter` profile's emoji table, generated from upstream's `TwitterTextEmojiRegex.java` (`make emoji`): what
/// its sequences weigh, and how a sequence newer than the table counts.
@Suite("twitter-text v3 emoji: upstream's table")
struct TwitterTextEmojiTests {
    /// The sequences of `TwitterTextEmojiSequences`, without their terminators.
    static let sequences: [[UInt32]] = TwitterTextEmojiSequences.scalars
        .split(whereSeparator: { $0 <= 1 }).map(Array.init)

    private func string(_ scalars: [UInt32]) -> String {
        String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
    }

    @Test("an emoji newer than upstream's data is not one unit: 🤌🏻 counts 2 + 2, as the reference")
    func newerEmojiCountScalarByScalar() {
        #expect(LengthProfile.twitter.measure("🤌🏻").weightedLength == 4)
        #expect(LengthProfile.twitter.measure("🤝🏽").weightedLength == 4)
        #expect(LengthProfile.twitter.measure("🐻\u{200D}❄\u{FE0F}").weightedLength == 5)
        #expect(LengthProfile.twitter.measure("❤\u{FE0F}\u{200D}🔥").weightedLength == 5)
        #expect(LengthProfile.twitter.measure("🫠").weightedLength == 2, "a lone unknown emoji weighs 2 anyway")
        #expect(LengthProfile.twitter.measure(String(repeating: "🤌🏻", count: 70)).valid == true)
        #expect(LengthProfile.twitter.measure(String(repeating: "🤌🏻", count: 71)).valid == false)
    }

    @Test("every sequence of upstream's data counts 2 under twitter (one emoji of default weight)")
    func everySequenceCountsTwo() {
        #expect(Self.sequences.count == 3552)
        for sequence in Self.sequences {
            let measurement = LengthProfile.twitter.measure(string(sequence))
            #expect(measurement.weightedLength == 2, "\(sequence.map { String($0, radix: 16) })")
        }
        #expect(LengthProfile.twitter.measure("👨‍👩‍👧‍👦 🏴󠁧󠁢󠁳󠁣󠁴󠁿 🇫🇷 1️⃣ 👩🏽‍🚀").weightedLength == 2 * 5 + 4)
    }

    @Test("every sequence holds a scalar >= U+2000, so text without a UTF-8 lead byte >= 0xE2 has no emoji")
    func everySequenceHasAHighScalar() {
        #expect(Self.sequences.allSatisfy { $0.contains { $0 >= 0x2000 } })
    }
}
