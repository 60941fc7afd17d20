import Foundation

/// Keeps the supporter's id in a folder (`.cartable/` under the current directory for the CLI), so that the same
/// supporter is recognised from one message to the next without giving their id each time.
public struct SupporterIDStore: Sendable {
    /// The file holding the id, one line.
    public let fileURL: URL

    /// The store in `folder`: the file `supporter-id` there.
    public init(folder: URL) {
        fileURL = folder.appendingPathComponent("supporter-id")
    }

    /// Why the id could not be read or kept.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The id file's path.
        public var path: String
        /// What went wrong, in one sentence.
        public var message: String
        /// How to fix the file or its folder. Giving the id explicitly, which avoids the file altogether, is the
        /// front end's to offer, in its own terms.
        public var hint: String

        /// `path: error: message`.
        public var description: String { "\(path): error: \(message)" }
    }

    /// The stored id, or `nil` when none is stored yet.
    /// - Throws: ``Failure`` when the file exists but cannot be read or does not hold an id.
    public func load() throws(Failure) -> SupporterID? {
        guard FileManager.default.fileExists(atPath: fileURL.path) else { return nil }
        guard let data = FileManager.default.contents(atPath: fileURL.path) else {
            throw Failure(path: fileURL.path, message: "cannot read the stored supporter id", hint: "check the file's permissions")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let id = SupporterID(text) else {
            throw Failure(path: fileURL.path, message: "the file does not hold a supporter id (\(SupporterID.rule))",
                          hint: "delete it to get a new id")
        }
        return id
    }

    /// The stored id, or a new random one stored now; `created` says which.
    /// - Throws: ``Failure`` when the file cannot be read, holds no id, or a new one cannot be written.
    public func loadOrCreate() throws(Failure) -> (id: SupporterID, created: Bool) {
        if let stored = try load() { return (stored, false) }
        let id = SupporterID.random()
        let folder = fileURL.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            // `withoutOverwriting`: when two first runs race, the one that loses reads the winner's id instead.
            try Data((id.rawValue + "\n").utf8).write(to: fileURL, options: .withoutOverwriting)
        } catch {
            if let stored = try load() { return (stored, false) }
            throw Failure(path: fileURL.path, message: "cannot store a new supporter id (\(error.localizedDescription))",
                          hint: "make \(folder.path) writable")
        }
        return (id, true)
    }
}
