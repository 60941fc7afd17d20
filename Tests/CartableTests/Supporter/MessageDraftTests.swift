import Foundation
import Testing
@testable import Cartable

@Suite("Message draft")
struct MessageDraftTests {
    static func draft(for id: String, supporter: String = "marie") throws -> MessageDraft {
        let audience = try SupporterFixtures.audience()
        let recipient = try #require(audience.targets.first { $0.id == id })
        return MessageDraft(campaign: audience.campaign, recipient: recipient, targets: audience.targets,
                            supporter: try SupporterFixtures.supporter(supporter))
    }

    @Test func theDraftIsAComposedMessageKeyedToTheSupporter() throws {
        let draft = try Self.draft(for: "W1")
        #expect(draft.message.isValid)
        #expect(draft.message.text.hasPrefix(".@JeromeGuedj "))
        #expect(draft.message.idempotencyKey == IdempotencyKey(campaign: "write-test", supporter: "marie", recipient: "W1", channel: .x))
        #expect(draft.variantCount == 3)
        #expect(!draft.isEdited && draft.mentionsRecipient)
        let again = try Self.draft(for: "W1")
        #expect(again.message.text == draft.message.text, "the same supporter sees the same message")
    }

    @Test func batchRanksWorkedOutOnceAreEachTargetsOwn() throws {
        let audience = try SupporterFixtures.audience()
        let composer = Composer(campaign: audience.campaign)
        let ranks = MessageDraft.batchRanks(among: audience.targets, composer: composer)
        #expect(ranks.count == Set(audience.targets.map(\.id)).count)
        for target in audience.targets {
            #expect(ranks[target.id] == MessageDraft.batchRank(of: target, among: audience.targets, composer: composer))
            let supporter = try SupporterFixtures.supporter("marie")
            let walked = MessageDraft(composer: composer, recipient: target, targets: audience.targets, supporter: supporter)
            let given = MessageDraft(composer: composer, recipient: target, batchRank: ranks[target.id] ?? -1, supporter: supporter)
            #expect(walked.message == given.message)
        }
    }

    @Test func aRememberingComposerGivesEverySupporterWhatAFreshOneWould() throws {
        let audience = try SupporterFixtures.audience()
        let fresh = Composer(campaign: audience.campaign)
        let remembering = fresh.remembering()
        let instance = try #require(MastodonInstance("mastodon.social"))
        // Marie twice: her second drafts come from what was kept for Paul, with her own key.
        for name in ["marie", "paul", "marie"] {
            let supporter = try SupporterFixtures.supporter(name)
            for target in audience.targets {
                for mastodon in [nil, instance] {
                    var kept = MessageDraft(composer: remembering, recipient: target, targets: audience.targets, supporter: supporter,
                                            mastodonInstance: mastodon)
                    var made = MessageDraft(composer: fresh, recipient: target, targets: audience.targets, supporter: supporter,
                                            mastodonInstance: mastodon)
                    #expect(kept.message == made.message)
                    #expect(kept.message.idempotencyKey.supporter == name)
                    for _ in 0..<kept.variantCount {
                        kept.nextVariant()
                        made.nextVariant()
                        #expect(kept.message == made.message)
                    }
                }
            }
        }
    }

    @Test func aMentionIsFoundAsWrittenOrInAnotherCase() throws {
        #expect(MessageDraft.containsAsWritten("@JeromeGuedj", in: ".@JeromeGuedj hello"))
        #expect(MessageDraft.containsAsWritten("@JeromeGuedj", in: "hello @JeromeGuedj"))
        #expect(!MessageDraft.containsAsWritten("@JeromeGuedj", in: "hello @jeromeguedj"))
        #expect(!MessageDraft.containsAsWritten("@JeromeGuedj", in: "hello @JeromeGued"))
        #expect(!MessageDraft.containsAsWritten("@JeromeGuedj", in: "é@JeromeGuedj\u{301}"), "not inside a larger character")
        var draft = try Self.draft(for: "W1")
        draft.edit("Bonjour @JEROMEGUEDJ, lisez ceci")
        #expect(draft.mentionsRecipient, "another case still mentions them")
        draft.edit("Bonjour, lisez ceci")
        #expect(!draft.mentionsRecipient)
    }

    @Test func supportersWritingToOneDeputyGetEveryWording() throws {
        let variants = try Set((0..<30).map { try Self.draft(for: "W1", supporter: "supporter\($0)").message.variantID })
        #expect(variants == ["cartable", "rentree", "livre"])
    }

    @Test func nextGoesRoundEveryVariantAndBack() throws {
        var draft = try Self.draft(for: "W2")
        let first = draft.message
        var seen = [first.variantID]
        for _ in 1..<draft.variantCount {
            draft.nextVariant()
            #expect(draft.message.isValid)
            #expect(draft.message.idempotencyKey == first.idempotencyKey, "another wording, the same message slot")
            seen.append(draft.message.variantID)
        }
        #expect(Set(seen).count == 3)
        draft.nextVariant()
        #expect(draft.message.text == first.text)
        #expect(draft.turn == 0)
    }

    @Test func anEditIsMeasuredAgainAndOverTheLimitCannotBeSent() throws {
        var draft = try Self.draft(for: "W1")
        let limit = draft.composer.profile.measure("").maxLength
        let fitting = ".@JeromeGuedj Mon propre texte, court, avec un lien https://example.org/cartable"
        draft.edit("  " + fitting + "\n")
        #expect(draft.isEdited)
        #expect(draft.message.text == fitting, "trimmed")
        #expect(draft.message.isValid)
        #expect(IntentLink.text(in: try #require(draft.message.intentURL)) == fitting)

        let long = ".@JeromeGuedj " + String(repeating: "trop long ", count: 20)
        draft.edit(long)
        let measured = draft.composer.profile.measure(long.trimmingCharacters(in: .whitespaces))
        #expect(measured.weightedLength > limit)
        #expect(draft.message.problems == [.tooLong(weightedLength: measured.weightedLength, maxLength: limit)])
        #expect(draft.message.problems.first?.excess == measured.weightedLength - limit)
        #expect(draft.message.intentURL == nil, "no link for a message that cannot be posted")

        draft.edit("Sans la mention, personne n'est prévenu")
        #expect(draft.message.isValid && !draft.mentionsRecipient)

        draft.nextVariant()
        #expect(!draft.isEdited && draft.mentionsRecipient, "another variant drops the edit")
    }

    @Test func anEmptyEditIsInvalidNotTooLong() throws {
        var draft = try Self.draft(for: "W1")
        draft.edit("   ")
        #expect(draft.message.problems == [.invalid])
    }
}
