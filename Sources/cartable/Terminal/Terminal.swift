import Cartable
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the CLI writes to the terminal: colours only on a TTY and never when `NO_COLOR` is set.
enum Terminal {
    /// Whether standard error gets colours.
    static var colorsOnStandardError: Bool { colors(onStandardOutput: false) }

    /// Whether standard output (or error) gets colours: only a terminal, and never with `NO_COLOR` set.
    static func colors(onStandardOutput: Bool) -> Bool {
        ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(onStandardOutput ? STDOUT_FILENO : STDERR_FILENO) == 1
    }

    /// Prints diagnostics on standard error, compiler style, each remedy offered as the CLI's command or option.
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        let colors = colorsOnStandardError
        for diagnostic in diagnostics {
            printToStandardError(diagnostic.withCommandHint.rendered(colors: colors))
        }
    }

    /// Prints `cartable: error: message` on standard error, the message through ``TerminalText`` (it may quote a
    /// file or a platform's answer).
    static func printError(_ message: String) {
        let message = TerminalText.escaped(message)
        printToStandardError(colorsOnStandardError ? "cartable: \u{1B}[1;31merror:\u{1B}[0m \(message)" : "cartable: error: \(message)")
    }

    /// Prints a note on standard error (summaries that are not the command's output), through ``TerminalText``.
    static func printNote(_ message: String) {
        printToStandardError(TerminalText.escaped(message))
    }

    /// Prints text that is the command's output on standard output, through ``TerminalText`` (for text holding no
    /// colour of the CLI's own).
    static func printText(_ text: String) {
        print(TerminalText.escaped(text))
    }

    static func printToStandardError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints a value as pretty JSON, on standard output or standard error.
    static func printJSON<Value: Encodable>(_ value: Value, toStandardError: Bool = false) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let text = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        if toStandardError { printToStandardError(text) } else { print(text) }
    }
}
