#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes for the rare messages printed outside a command's own output.
enum FileHandleOutput {
    static func standardError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// A line another program waits for on standard output (`serve`'s `listening on`): written at once, not buffered.
    static func standardOutput(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBufferPointer { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
    }
}
