/// Why a channel cannot be set up from the settings. Names variables and files, never their secret values.
public enum ChannelConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Required variables are not set for this channel.
    case missingVariables(channel: String, names: [String])
    /// A variable holds an unusable URL; `problem` says why (the URL itself may hold a secret, so it is not repeated).
    case invalidURL(variable: String, problem: String)
    /// A variable holds a value outside the allowed set.
    case invalidValue(variable: String, allowed: [String])
    /// The settings file is readable or writable by group or others.
    case unsafePermissions(path: String, mode: String)
    /// The settings file is a symbolic link to `target`, which group or others may read or write.
    case unsafeLinkTarget(path: String, target: String, mode: String)
    /// The settings file could not be read or has a malformed line.
    case unreadableFile(path: String, problem: String)
    /// No built-in channel has this name.
    case unknownChannel(String)

    public var description: String {
        switch self {
        case .missingVariables(let channel, let names):
            "the \(channel) channel needs \(names.joined(separator: ", ")) (set in the environment or the settings file)"
        case .invalidURL(let variable, let problem):
            "\(variable) \(problem)"
        case .invalidValue(let variable, let allowed):
            "\(variable) must be one of \(allowed.joined(separator: ", "))"
        case .unsafePermissions(let path, let mode):
            "\(path): error: settings file holds secrets but has mode \(mode); run `chmod 600 \(path)`"
        case .unsafeLinkTarget(let path, let target, let mode):
            "\(path): error: settings file is a link to \(target), which holds secrets but has mode \(mode); run `chmod 600 \(target)`"
        case .unreadableFile(let path, let problem):
            "\(path): error: \(problem)"
        case .unknownChannel(let name):
            "unknown channel '\(name)'; choose one of \(BuiltInChannel.descriptors.map(\.name).joined(separator: ", "))"
        }
    }
}
