import Foundation
import Testing
@testable import Cartable

@Suite("Composer")
struct ComposerTests {
    static let threeVariants = """
          - id: a
            text: "Premier texte pour {{name}} {{link}}"
          - id: b
            text: "Deuxième texte pour {{name}} {{link}}"
          - id: c
            text: "Troisième texte pour {{name}} {{link}}"
        """

    @Test func variantChoiceIsDeterministic() throws {
        let campaign = try ComposeFixtures.campaign(templates: Self.threeVariants)
        let targets = ComposeFixtures.recipients(50)
        let first = Composer(campaign: campaign).messages(for: targets).map { [$0.variantID ?? "", $0.text] }
        let second = Composer(campaign: campaign).messages(for: targets).map { [$0.variantID ?? "", $0.text] }
        #expect(first == second)
        // A recipient's message depends on its rank among the targets of its set, not on anything else.
        let composer = Composer(campaign: campaign)
        #expect(composer.message(for: targets[7], rank: 7).text == first[7][1])
    }

    @Test func variantsAreSpreadEvenlyAndNeighboursDiffer() throws {
        let campaign = try ComposeFixtures.campaign(templates: Self.threeVariants)
        for count in [1, 2, 3, 10, 100, 577] {
            let messages = Array(Composer(campaign: campaign).messages(for: ComposeFixtures.recipients(count)))
            let tally = Dictionary(grouping: messages, by: { $0.variantID ?? "" }).mapValues(\.count)
            let counts = ["a", "b", "c"].map { tally[$0, default: 0] }
            #expect(counts.reduce(0, +) == count)
            #expect((counts.max() ?? 0) - (counts.min() ?? 0) <= 1, "\(count) recipients: \(counts)")
            for (previous, next) in zip(messages, messages.dropFirst()) {
                #expect(previous.variantID != next.variantID, "neighbours \(previous.recipient.id), \(next.recipient.id)")
            }
        }
    }

    @Test func eachSegmentHasItsOwnRotationAndTheShippedCampaignsSpreadEvenly() throws {
        for name in ["sensetwitt-2012.yml", "ess-2026.yml"] {
            let (campaign, targets) = try ComposeFixtures.shipped(name)
            let composer = Composer(campaign: campaign)
            let messages = Array(composer.messages(for: targets))
            #expect(messages.allSatisfy { $0.isValid }, "\(name)")
            var bySet: [VariantSet: [String: Int]] = [:]
            for message in messages {
                bySet[composer.variantSet(for: message.recipient), default: [:]][message.variantID ?? "", default: 0] += 1
            }
            for (set, tally) in bySet {
                let counts = set.indices.map { tally[campaign.templates[$0].id, default: 0] }
                #expect((counts.max() ?? 0) - (counts.min() ?? 0) <= 1, "\(name): \(tally)")
            }
        }
    }

    @Test func theSeedReshufflesButKeepsTheSpread() throws {
        let targets = ComposeFixtures.recipients(30)
        let seeds = try [0, 1, 2, 3].map { seed in
            let campaign = try ComposeFixtures.campaign(templates: Self.threeVariants, extra: "seed: \(seed)")
            return Composer(campaign: campaign).messages(for: targets).map { $0.variantID ?? "" }
        }
        #expect(Set(seeds.map { $0.first ?? "" }).count > 1, "some seed starts the rotation elsewhere")
        #expect(VariantRotation.stableHash("sensetwitt-2012\u{0}0") == VariantRotation.stableHash("sensetwitt-2012\u{0}0"))
        #expect(VariantRotation.stableHash("a") == 0xAF63_DC4C_8601_EC8C, "FNV-1a, the same on every machine")
    }

    @Test func aVariantThatDoesNotFitGivesWayToTheShortestOtherThatFits() throws {
        let campaign = try ComposeFixtures.campaign(templates: """
              - id: long
                text: "{{name}}, ce message est bien trop long pour tenir dans cent quarante caractères une fois la mention et le nom ajoutés : {{link}}"
              - id: medium
                text: "{{name}}, ce message moyen tient dans la limite : {{link}} {{hashtags}}"
              - id: short
                text: "{{name}} : {{link}}"
            """)
        let composer = Composer(campaign: campaign)
        let longName = Recipient(id: "x", name: "Abdelkader Longnameson-Delacroix", twitter: "Abcdefghijklmno")
        let ranks = (0..<3).map { composer.message(for: longName, rank: $0) }
        let fromLong = try #require(ranks.first { $0.fitting.chosenVariantID == "long" })
        #expect(fromLong.isValid)
        #expect(fromLong.variantID == "short", "shortest first among the others")
        #expect(fromLong.fitting.usedFallback && !fromLong.fitting.fallbackIsMarked)
        #expect(ranks.filter { $0.fitting.chosenVariantID != "long" }.allSatisfy { $0.fitting.isAsChosen })
    }

    @Test func markedFallbacksStayOutOfTheRotationAndAreTriedFirst() throws {
        let campaign = try ComposeFixtures.campaign(templates: """
              - id: long-one
                text: "{{name}}, ce message est bien trop long pour tenir dans cent quarante caractères une fois la mention et le nom ajoutés : {{link}}"
              - id: long-two
                text: "{{name}}, ce message-ci est également trop long pour tenir dans cent quarante caractères avec la mention et le nom : {{link}}"
              - id: tiny
                text: "{{name}} {{link}}"
              - id: rescue
                fallback: true
                text: "{{name}}, nos propositions : {{link}}"
            """)
        let composer = Composer(campaign: campaign)
        let ordinary = ComposeFixtures.recipients(9).map { Recipient(id: $0.id, name: "A", twitter: "a") }
        let chosen = Set(Composer(campaign: campaign).messages(for: ordinary).compactMap(\.fitting.chosenVariantID))
        #expect(chosen == ["long-one", "long-two", "tiny"], "a fallback is never chosen first")
        let longName = Recipient(id: "x", name: "Abdelkader Longnameson-Delacroix", twitter: "Abcdefghijklmno")
        let message = composer.message(for: longName, rank: 0)
        if message.fitting.chosenVariantID != "tiny" {
            #expect(message.variantID == "rescue", "the marked fallback before the shorter 'tiny'")
            #expect(message.fitting.fallbackIsMarked)
        }
    }

    @Test func optionalPartsAreLeftOutLastFirstOnlyWhenNothingElseFits() throws {
        let campaign = try ComposeFixtures.campaign(templates: """
              - id: only
                text: "Bonjour {{name}}, l'entrepreneuriat social crée des emplois : {{link}}{{#optional}} {{hashtags}}{{/optional}}{{#optional}} Merci de votre lecture attentive !{{/optional}}"
            """)
        let composer = Composer(campaign: campaign)
        let short = composer.message(for: Recipient(id: "s", name: "Al", twitter: "al"), rank: 0)
        #expect(short.text == ".@al Bonjour Al, l'entrepreneuriat social crée des emplois : https://example.org/cause #ESS #Test Merci de votre lecture attentive !")
        #expect(short.fitting.isAsChosen)
        let long = composer.message(for: Recipient(id: "l", name: "Abdelkader Longnameson-Delacroix", twitter: "Abcdefghijklmno"), rank: 0)
        #expect(long.isValid)
        #expect(long.fitting.droppedOptionalParts == 1)
        #expect(long.text.hasSuffix("https://example.org/cause #ESS #Test"), "the last part goes first: \(long.text)")
    }

    @Test func whenNothingFitsTheMessageIsReportedWholeWithTheShortestTextTried() throws {
        let campaign = try ComposeFixtures.campaign(templates: """
              - id: long
                text: "{{name}}, ce message est bien trop long pour tenir dans cent quarante caractères une fois la mention et le nom ajoutés, vraiment : {{link}}"
              - id: longer
                text: "{{name}}, ce message est encore plus long et ne tiendra jamais dans cent quarante caractères une fois la mention et le nom ajoutés : {{link}} {{hashtags}}"
            """)
        let composer = Composer(campaign: campaign)
        let recipient = Recipient(id: "x", name: "Abdelkader Longnameson-Delacroix", twitter: "Abcdefghijklmno")
        for rank in 0..<2 {
            let message = composer.message(for: recipient, rank: rank)
            #expect(!message.isValid)
            #expect(message.variantID == "long", "the shortest attempt is reported")
            let expected = ".@Abcdefghijklmno Abdelkader Longnameson-Delacroix, ce message est bien trop long pour tenir dans cent quarante caractères une fois la mention et le nom ajoutés, vraiment : https://example.org/cause"
            #expect(message.text == expected, "never truncated")
            let length = message.measurement.weightedLength
            #expect(message.problems == [.tooLong(weightedLength: length, maxLength: 140)])
            #expect(message.problems.first?.excess == length - 140)
            #expect(message.problems.first?.description == "too long: \(length)/140, \(length - 140) over the limit")
            #expect(message.intentURL == nil, "no post link for a message that cannot be posted")
        }
    }

    @Test func recipientsNoVariantIsMeantForGetAProblemNotAText() throws {
        let campaign = try ComposeFixtures.campaign(templates: """
              - when: {groups: [SOC]}
                text: "Bonjour {{name}}"
            """)
        let message = Composer(campaign: campaign).message(for: Recipient(id: "x", name: "X", twitter: "x", group: "DR"), rank: 0)
        #expect(message.problems == [.noTemplate])
        #expect(message.variantID == nil)
        #expect(message.text.isEmpty)
    }

    @Test func messagesCarryChannelMeasurementKeyAndLink() throws {
        let campaign = try ComposeFixtures.campaign(templates: Self.threeVariants)
        let recipient = Recipient(id: "PA/1%", name: "Jérôme Guedj", twitter: "JeromeGuedj", group: "SOC")
        let message = Composer(campaign: campaign).message(for: recipient, rank: 0)
        #expect(message.channel == .twitter)
        #expect(message.measurement == LengthProfile.twitterClassic.measure(message.text))
        #expect(message.idempotencyKey.rawValue == "compose-test/organiser/PA%2F1%25/x", "keyed to the platform's own sender")
        #expect(message.intentURL.flatMap(IntentLink.text(in:)) == message.text)
        let supporter = Composer(campaign: campaign, supporter: "ana").message(for: recipient, rank: 0)
        #expect(supporter.idempotencyKey == IdempotencyKey(campaign: "compose-test", supporter: "ana", recipient: "PA/1%", channel: .x))
        #expect(supporter.idempotencyKey.via(.dryRun).rawValue == "compose-test/ana/PA%2F1%25/dry-run")
    }

    @Test func unreachableTargetsAreSkippedAndDoNotTakeARank() throws {
        let campaign = try ComposeFixtures.campaign(templates: Self.threeVariants)
        var targets = ComposeFixtures.recipients(6)
        let all = Composer(campaign: campaign).messages(for: targets).map(\.variantID)
        targets.insert(Recipient(id: "none", name: "Sans Compte", group: "SOC"), at: 2)
        let withUnreachable = Composer(campaign: campaign).messages(for: targets).map(\.variantID)
        #expect(withUnreachable == all)
    }

    @Test func runsOfSpacesAreFoldedTheEndsTrimmedAndNothingIsInserted() throws {
        let campaign = try ComposeFixtures.campaign(templates: """
              - text: "  Bonjour {{first_name}} {{last_name}} {{group}},\\n\\nnos   idées : {{link}}  "
            """)
        let composer = Composer(campaign: campaign)
        let text = composer.text(ofVariant: "v1", for: Recipient(id: "x", name: "X", firstName: "Ana", twitter: "x"))
        #expect(text == ".@x Bonjour Ana ,\n\nnos idées : https://example.org/cause")
        #expect(Campaign.tidy(" \u{A0}a  b\u{2009}\n ") == "a b", "Unicode white space at the ends is trimmed")
        #expect(Campaign.tidy("a\u{A0}\u{A0}b") == "a\u{A0}\u{A0}b", "only plain spaces are folded, nothing is inserted")
    }
}
