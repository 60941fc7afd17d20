import Foundation
import Testing

/// A command run in a real pseudo-terminal, driven as a person would: answers typed, the screen read back.
///
/// The terminal is made by util-linux `script` (part of every Debian and Ubuntu system, package bsdutils): the
/// program sees a TTY on standard input and output, with the terminal's line editing and echo, while the test writes
/// keystrokes to `script`'s input and reads the terminal's output from a file. Unlike a tmux server, `script` is an
/// ordinary child process that ends with the program, so nothing outlives the test.
final class TerminalSession {
    private let process = Process()
    private let input = Pipe()
    private let outputURL: URL

    /// Where `script` lives (Linux only: BSD's `script` takes other options).
    static let scriptPath = "/usr/bin/script"

    /// Whether a pseudo-terminal can be made here.
    static let isAvailable: Bool = {
        #if os(Linux)
        FileManager.default.isExecutableFile(atPath: scriptPath)
        #else
        false
        #endif
    }()

    /// Starts `arguments` (the program first) in `directory` with `environment`, on a terminal 200 columns wide,
    /// without `EDITOR`, `VISUAL` or `NO_COLOR` (colours on, as a supporter's terminal has them).
    init(_ arguments: [String], in directory: URL, environment: [String: String]) throws {
        outputURL = directory.appendingPathComponent("terminal-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let command = "stty cols 200 rows 80; exec " + arguments.map(Self.quote).joined(separator: " ")
        process.executableURL = URL(fileURLWithPath: Self.scriptPath)
        // -q: no "Script started" lines; -f: flush at once; -e: exit with the program's status; /dev/null: no typescript.
        process.arguments = ["-q", "-f", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for name in ["EDITOR", "VISUAL", "NO_COLOR"] { env[name] = nil }
        env["TERM"] = "xterm-256color"
        env["SHELL"] = "/bin/sh"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Types `text` and presses Enter.
    func type(_ text: String) {
        input.fileHandleForWriting.write(Data((text + "\r").utf8))
    }

    /// Everything the terminal showed so far, as plain text: colours and carriage returns removed.
    func screen() -> String {
        let raw = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        return raw.replacingOccurrences(of: "\u{1B}\\[[0-9;?]*[A-Za-z]", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\r", with: "")
    }

    /// Waits until the screen shows `text` `occurrences` times (or more), at most `timeout` seconds; returns the screen.
    @discardableResult
    func waitFor(_ text: String, occurrences: Int = 1, timeout: TimeInterval = 20) throws -> String {
        let deadline = Date() + timeout
        var last = ""
        while Date() < deadline {
            last = screen()
            if last.components(separatedBy: text).count - 1 >= occurrences { return last }
            if !process.isRunning, last == screen() { break }
            usleep(50_000)
        }
        Issue.record("the terminal never showed \(text.debugDescription) (\(occurrences)×); it shows:\n\(last)")
        throw TerminalSessionError.notShown(text)
    }

    /// Waits for the program to exit (at most `timeout` seconds, then kills it) and returns its status.
    func exitStatus(timeout: TimeInterval = 20) -> Int32 {
        let deadline = Date() + timeout
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// Ends the session: closes the keyboard, and stops the program if it still runs.
    func close() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// `text` in single quotes for `sh`.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

enum TerminalSessionError: Error {
    case notShown(String)
}
