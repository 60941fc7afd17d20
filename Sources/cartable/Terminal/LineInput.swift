import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Questions asked on the terminal, answered one line at a time (the terminal's own line editing: backspace,
/// Ctrl-U). Only used when both standard input and standard output are a terminal.
enum LineInput {
    /// Whether someone is there to answer: standard input and standard output are both a terminal.
    static var isInteractive: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }

    /// Prints `prompt` (no line break) and reads the answer without its line break; `nil` at end of input (Ctrl-D).
    static func ask(_ prompt: String) -> String? {
        print(prompt, terminator: "")
        // nil flushes every output stream: the prompt has no line break to flush it.
        fflush(nil)
        return readLine(strippingNewline: true)
    }

    /// The editor the supporter chose (`VISUAL`, else `EDITOR`), if any.
    static var editorCommand: String? {
        let environment = ProcessInfo.processInfo.environment
        for name in ["VISUAL", "EDITOR"] {
            if let command = environment[name]?.trimmingCharacters(in: .whitespaces), !command.isEmpty { return command }
        }
        return nil
    }

    /// Opens `text` in the editor `command` on the terminal and returns the saved text, or `nil` when the editor
    /// failed (non-zero exit) or the file could not be read back.
    static func edit(_ text: String, with command: String) -> String? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-message-\(getpid()).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try Data((text + "\n").utf8).write(to: file, options: .atomic)
        } catch {
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The command may hold arguments (`code --wait`); the file goes as one more, quoted by the shell.
        process.arguments = ["-c", command + " \"$1\"", "sh", file.path]
        do {
            try process.run()
        } catch {
            return nil
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
