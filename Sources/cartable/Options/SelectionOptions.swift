import ArgumentParser
import Cartable

/// Which rows `retry` and `cancel` act on.
struct SelectionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Messages of this campaign.", valueName: "id"))
    var campaign: String?

    @Option(name: .long, help: ArgumentHelp("Messages to this recipient.", valueName: "id"))
    var recipient: String?

    @Option(name: .long, help: ArgumentHelp("Messages on this channel.", valueName: "channel"))
    var via: ChannelDescriptor?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("These messages (the # numbers status and send print).", valueName: "id"))
    var id: [Int64] = []

    @Flag(name: .long, help: "Every message (in the states the command acts on).")
    var all = false

    var selection: OutboxSelection {
        OutboxSelection(campaignID: campaign, recipientID: recipient, channel: via?.name, ids: id, all: all)
    }

    func validate() throws {
        if selection.isEmpty {
            throw ValidationError("say which messages: --campaign, --recipient, --via, --id or --all")
        }
    }
}
