import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file a command writes (`preview -o`, `recipients import -o`): every command that writes a file goes through it.
///
/// The output is refused when it is one of the command's inputs (the same file, by device and inode, whatever path or
/// link names it): writing it would destroy what is being read. A regular file is written to a temporary file in the
/// same folder, renamed over the target only by ``commit()``: a run that fails or is interrupted leaves the old file
/// whole. A device or a FIFO (`/dev/stdout`, a named pipe) is written directly, since it cannot be replaced.
final class OutputFile {
    /// The file as the user named it.
    let path: String
    /// Where the bytes go until ``commit()``; `nil` when writing to a device or FIFO directly.
    private let temporaryPath: String?
    /// The file the temporary one replaces (links resolved, so a link keeps pointing at the new contents).
    private let targetPath: String
    /// The descriptor to write to.
    let descriptor: Int32
    private var finished = false

    /// Why an output file cannot be written; `message` says what to do.
    struct Refusal: Error {
        let message: String
    }

    /// Opens `path` for writing, refusing it when it is one of `inputs` (each a path and what it is, e.g.
    /// `("deputes.csv", "the campaign's recipient file")`).
    init(_ path: String, inputs: [(path: String, role: String)]) throws(Refusal) {
        self.path = path
        var output = stat()
        let exists = stat(path, &output) == 0
        if exists {
            for input in inputs {
                var status = stat()
                if stat(input.path, &status) == 0, status.st_dev == output.st_dev, status.st_ino == output.st_ino {
                    throw Refusal(message: "\(path) is \(input.role) (\(input.path)); writing there would destroy it: choose another output file")
                }
            }
        }
        if exists, output.st_mode & S_IFMT == S_IFDIR {
            throw Refusal(message: "\(path) is a folder; name a file to write")
        }
        if exists, output.st_mode & S_IFMT != S_IFREG {
            // A device or a FIFO is written in place: it cannot be replaced, and truncating it means nothing.
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { throw Refusal(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
            self.descriptor = descriptor
            temporaryPath = nil
            targetPath = path
            return
        }
        let target = exists ? (Self.realPath(path) ?? path) : path
        let folder = (target as NSString).deletingLastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) + "/." + (target as NSString).lastPathComponent + ".cartable-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Refusal(message: "cannot write \(path): \(String(cString: strerror(errno)))") }
        // The new file keeps the old one's permissions; a new file gets the usual 0644 less the umask.
        let mode = exists ? output.st_mode & 0o7777 : 0o666 & ~Self.umaskValue
        fchmod(descriptor, mode)
        self.descriptor = descriptor
        temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        targetPath = target
    }

    /// Syncs and closes the file, then renames it over the target: the new contents appear whole, or not at all.
    /// `writeFailure`, the `errno` of a write that failed, leaves the target as it was.
    func commit(after writeFailure: Int32? = nil) throws(Refusal) {
        finished = true
        guard let temporaryPath else {
            close(descriptor)
            return
        }
        let synced = writeFailure == nil && fsync(descriptor) == 0
        let failure = writeFailure ?? errno
        close(descriptor)
        guard synced, rename(temporaryPath, targetPath) == 0 else {
            let reason = String(cString: strerror(synced ? errno : failure))
            unlink(temporaryPath)
            throw Refusal(message: "cannot write \(path): \(reason)")
        }
    }

    deinit {
        // Not committed: the run failed; the old file (if any) stays as it was.
        if !finished {
            close(descriptor)
            if let temporaryPath { unlink(temporaryPath) }
        }
    }

    private static var umaskValue: mode_t {
        let current = umask(0o022)
        umask(current)
        return current
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
