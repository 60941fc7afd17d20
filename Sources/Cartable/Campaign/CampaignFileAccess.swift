import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which files a campaign file may make Cartable read: its recipient list and its overrides file must be regular
/// files inside the campaign file's own folder (or below it), after every symbolic link is resolved, unless the user
/// allowed more folders. Never a device, a FIFO, a socket or a file of `/proc`, `/sys` or `/dev`, wherever it is.
///
/// Campaign files come from other people, and what Cartable reads it prints (hints, previews) and posts (every line
/// of a "recipient list" becomes a recipient): `recipients: /proc/self/environ` or a link to `~/.ssh/id_ed25519`
/// must not be read at all. Every command that reads a campaign goes through ``CampaignFile/load(contentsOf:displayPath:access:)``,
/// which applies this rule, so they all refuse the same files the same way.
public struct CampaignFileAccess: Sendable, Hashable {
    /// Folders the user allowed besides the campaign file's own (the CLI's `--allow-path`).
    public var allowedFolders: [URL]

    /// The campaign file's folder tree, and `allowedFolders` with theirs.
    public init(allowing allowedFolders: [URL] = []) {
        self.allowedFolders = allowedFolders
    }

    /// Why a file named by a campaign is refused.
    public enum Refusal: Error, Sendable, Hashable {
        /// Nothing is there.
        case missing
        /// The file (after resolving links, at `resolvedPath`) is outside every allowed folder.
        case outside(resolvedPath: String)
        /// The file is not a regular file: `kind` says what it is (a folder, a device, a FIFO, a socket).
        case notARegularFile(kind: String)
        /// The file is in a system pseudo-file system (`/proc`, `/sys`, `/dev`), never read from a campaign.
        case systemFile(resolvedPath: String)

        /// What is wrong, to follow "recipient file 'x' ...".
        public var reason: String {
            switch self {
            case .missing: "does not exist"
            case .outside(let resolved): "is outside the campaign file's folder (it is \(resolved))"
            case .notARegularFile(let kind): "is \(kind), not a regular file"
            case .systemFile(let resolved): "is a system file (\(resolved)), never read from a campaign"
            }
        }

        /// What to do about it, in the library's terms; `nil` when the user can only name another file.
        public var hint: String? {
            switch self {
            case .missing: "paths are relative to the campaign file's folder"
            case .outside: "keep the campaign's files in its folder, or allow the folder holding the file if you trust the campaign"
            case .notARegularFile, .systemFile: "name a CSV, JSON or YAML file"
            }
        }

        /// The step a front end offers in its own terms: for a file outside the allowed folders, allowing the folder
        /// that holds it (the CLI names its `--allow-path` option).
        public var remedy: Diagnostic.Remedy? {
            guard case .outside(let resolved) = self else { return nil }
            return .allowFolder(path: (resolved as NSString).deletingLastPathComponent)
        }
    }

    /// The file `url` resolved (symbolic links followed), when a campaign in `campaignFolder` may read it.
    public func check(_ url: URL, campaignFolder: URL) -> Result<URL, Refusal> {
        guard let resolved = Self.realPath(url.path) else { return .failure(.missing) }
        if Self.systemFolders.contains(where: { Self.isInside(resolved, $0) }) {
            return .failure(.systemFile(resolvedPath: resolved))
        }
        let roots = ([campaignFolder] + allowedFolders).compactMap { Self.realPath($0.path) }
        guard roots.contains(where: { Self.isInside(resolved, $0) }) else {
            return .failure(.outside(resolvedPath: resolved))
        }
        var status = stat()
        guard stat(resolved, &status) == 0 else { return .failure(.missing) }
        if let kind = Self.kind(of: status.st_mode) { return .failure(.notARegularFile(kind: kind)) }
        return .success(URL(fileURLWithPath: resolved))
    }

    /// Why the file at `path` cannot be read as a list (`is a FIFO (named pipe), not a regular file`), checked by
    /// every reader of recipient and overrides files, whoever named the file; `nil` for a regular file or a missing one.
    public static func irregularity(of path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0, let kind = kind(of: status.st_mode) else { return nil }
        return "is \(kind), not a regular file"
    }

    /// What a file that is not regular is, for messages; `nil` for a regular file.
    static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a folder"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }

    /// Pseudo-file systems whose "files" are the system's state, endless or blocking.
    private static let systemFolders = ["/proc", "/sys", "/dev"]

    private static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder + "/")
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
