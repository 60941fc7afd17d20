import ArgumentParser
import Cartable

/// `--via CHANNEL`: a built-in channel by name, parsed once; a wrong name is refused with the list of valid ones.
extension ChannelDescriptor: ExpressibleByArgument {
    public init?(argument: String) {
        guard let channel = try? BuiltInChannel.descriptor(named: argument) else { return nil }
        self = channel
    }

    public static var allValueStrings: [String] { BuiltInChannel.descriptors.map(\.name) }
}

/// `write --via`: `intent` or a built-in channel.
extension WriteDestination: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(named: argument)
    }

    public static var allValueStrings: [String] { WriteDestination.names }
}
