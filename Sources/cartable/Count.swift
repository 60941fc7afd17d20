import ArgumentParser
import Cartable
import Foundation

/// `cartable count`: measure texts the way a platform counts them, one JSON object per line.
struct Count: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure texts the way a platform counts them.",
        discussion: """
            Reads one text per line from each FILE (or standard input when none is given, or for "-") and \
            prints one JSON object per input line: weightedLength, valid, permillage, displayRangeEnd, \
            validRangeEnd. With --jsonl each input line is a JSON string or an object with a "text" field, \
            so texts may contain newlines.

            A line that cannot be read (invalid UTF-8, malformed JSON, longer than 1 MiB) gets \
            {"line":N,"error":"..."} on standard output and "FILE:N: error: ..." on standard error; the other \
            lines are still measured. A line longer than 1 MiB is reported as soon as it passes that length and \
            skipped to its end, so memory stays flat on any input.

            Exit status: 0 every text fits, 1 some text is invalid (too long, empty, invalid character), \
            2 some input could not be read.

            Profiles: \(LengthProfile.names.joined(separator: ", ")) (mastodon:N for an instance limit of N).
            """
    )

    @Option(name: .shortAndLong, help: "How to count: twitter-classic (140, the default), twitter, twitter-v2, mastodon[:N], bluesky.")
    var profile: String = LengthProfile.twitterClassic.name

    @Flag(help: "Each line is a JSON string or an object with a \"text\" field.")
    var jsonl = false

    @Argument(help: "Files to read, one text per line; standard input when none.")
    var files: [String] = []

    func validate() throws {
        guard LengthProfile(named: profile) != nil else {
            throw ValidationError("unknown profile '\(profile)'; use one of: \(LengthProfile.names.joined(separator: ", ")), mastodon:N")
        }
    }

    func run() throws {
        let lengthProfile = LengthProfile(named: profile) ?? .twitterClassic
        var output = BufferedOutput(descriptor: STDOUT_FILENO)
        var errors = BufferedOutput(descriptor: STDERR_FILENO, flushThreshold: 0)
        var sawUnreadable = false
        var sawInvalid = false

        for path in files.isEmpty ? ["-"] : files {
            let name = path == "-" ? "<stdin>" : path
            let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
            guard descriptor >= 0 else {
                errors.write("\(name): error: cannot open: \(String(cString: strerror(errno)))\n")
                sawUnreadable = true
                continue
            }
            defer { if descriptor != STDIN_FILENO { close(descriptor) } }

            var reader = LineReader(descriptor: descriptor)
            var lineNumber = 0
            do {
                try reader.forEachLine { line in
                    lineNumber += 1
                    let read: Result<String, CountInput.Problem> = line.map {
                        CountInput.text(from: $0, isJSONLine: jsonl, startsFile: lineNumber == 1)
                    } ?? .failure(.tooLong(maximum: LineReader.defaultMaximumLineLength))
                    switch read {
                    case .success(let text):
                        let measurement = lengthProfile.measure(text)
                        if !measurement.valid { sawInvalid = true }
                        output.write(JSONText.object([
                            ("weightedLength", String(measurement.weightedLength)),
                            ("valid", JSONText.bool(measurement.valid)),
                            ("permillage", String(measurement.permillage)),
                            ("displayRangeEnd", String(measurement.displayRangeEnd)),
                            ("validRangeEnd", String(measurement.validRangeEnd)),
                        ]) + "\n")
                    case .failure(let problem):
                        sawUnreadable = true
                        output.write(JSONText.object([
                            ("line", String(lineNumber)), ("error", JSONText.string(problem.description)),
                        ]) + "\n")
                        errors.write("\(name):\(lineNumber): error: \(problem.description)\n")
                    }
                }
            } catch {
                sawUnreadable = true
                errors.write("\(name): error: cannot read: \(error)\n")
            }
        }
        output.flush()
        if sawUnreadable { throw ExitCode(2) }
        if sawInvalid { throw ExitCode(1) }
    }
}
