import Testing
@testable import Cartable

@Suite("Write destination")
struct WriteDestinationTests {
    @Test func namesAreIntentAndTheBuiltInChannels() {
        #expect(WriteDestination(named: "intent") == .intent)
        #expect(WriteDestination(named: "X") == .sender(.x))
        #expect(WriteDestination(named: "dry-run") == .sender(.dryRun))
        #expect(WriteDestination(named: "twitter") == nil, "the sender is x; twitter is a campaign channel")
        #expect(WriteDestination.names == ["intent", "dry-run", "webhook", "mastodon", "x", "bluesky"])
        #expect(WriteDestination.names.allSatisfy { WriteDestination(named: $0)?.description == $0 })
    }

    @Test func aPlatformPostsOnlyItsOwnCampaignsMessages() throws {
        for channel in Channel.allCases {
            #expect(WriteDestination.sender(.dryRun).accepts(channel))
            #expect(WriteDestination.sender(.webhook).accepts(channel))
            #expect(WriteDestination.intent.accepts(channel) == (channel != .webhook))
            let own = BuiltInChannel.platformSender(for: channel)
            #expect(WriteDestination.sender(own).accepts(channel))
            for other in [ChannelDescriptor.x, .mastodon, .bluesky] where other != own {
                #expect(!WriteDestination.sender(other).accepts(channel), "\(other) for a \(channel) campaign")
            }
        }
        #expect(!WriteDestination.sender(.webhook).needsHandle && WriteDestination.intent.needsHandle)
        #expect(WriteDestination.sender(.x).needsHandle && !ChannelDescriptor.dryRun.reachesRecipient)
    }
}
