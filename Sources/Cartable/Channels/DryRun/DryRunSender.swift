import Foundation

/// Writes each message as one JSON line instead of posting it: to standard output or appended to a file.
/// No network. Each line has `channel`, `idempotencyKey`, `campaignID`, `recipientID`, `recipientHandle`, `variant`,
/// `language` and `text` (absent ones omitted), in that order.
public final class DryRunSender: MessageSender, @unchecked Sendable {
    /// Where the lines go.
    public enum Output: Sendable {
        /// The process's standard output.
        case standardOutput
        /// A file, created if needed, appended to otherwise.
        case file(path: String)
    }

    public var channel: ChannelDescriptor { .dryRun }
    private let output: Output
    // Lines from concurrent sends must not interleave.
    private let lock = NSLock()

    /// A dry-run sender writing to `output`.
    public init(output: Output = .standardOutput) {
        self.output = output
    }

    public func send(_ message: OutgoingMessage) async -> Delivery {
        let line = Data((Self.line(for: message) + "\n").utf8)
        return lock.withLock {
            do {
                switch output {
                case .standardOutput:
                    try FileHandle.standardOutput.write(contentsOf: line)
                case .file(let path):
                    if !FileManager.default.fileExists(atPath: path) {
                        guard FileManager.default.createFile(atPath: path, contents: nil) else {
                            return .permanentFailure(message: "dry-run: cannot create \(path)")
                        }
                    }
                    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                    defer { try? handle.close() }
                    try handle.seekToEnd()
                    try handle.write(contentsOf: line)
                }
                return .delivered(postID: nil, postURL: nil)
            } catch {
                return .permanentFailure(message: "dry-run: cannot write: \(error.localizedDescription)")
            }
        }
    }

    /// The JSON line for a message (without the newline).
    public static func line(for message: OutgoingMessage) -> String {
        JSONValue.object(dropping: [
            ("channel", .string(message.channel)),
            ("idempotencyKey", .string(message.idempotencyKey.rawValue)),
            ("campaignID", .string(message.campaignID)),
            ("recipientID", .string(message.recipientID)),
            ("recipientHandle", message.recipientHandle.map(JSONValue.string)),
            ("variant", message.variant.map(JSONValue.string)),
            ("language", message.language.map(JSONValue.string)),
            ("text", .string(message.text)),
        ]).text
    }
}

extension ChannelDescriptor {
    /// The dry run: takes any campaign's messages and posts nothing, so it reaches no one (exempt from caps, hours and
    /// the window) and has no limit.
    public static let dryRun = ChannelDescriptor(
        name: "dry-run", campaignChannel: nil, repeats: .recognisedByKey, reachesRecipient: false, defaultRateLimit: nil)
}
