import Foundation
import Testing

/// The Prometheus text format read by the reference parser, the PyPI `prometheus-client`'s
/// `text_string_to_metric_families` (run with `python3`, or `CARTABLE_TEST_PYTHON`; `make test-deps` installs it):
/// what a real Prometheus-side reader makes of a `/metrics` page, not what our own code thinks it wrote.
enum PrometheusTextParser {
    /// One sample: a name (`cartable_deliveries_total`, `…_bucket`), its labels and its value.
    struct Sample: Sendable, Hashable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    static let python = ProcessInfo.processInfo.environment["CARTABLE_TEST_PYTHON"] ?? "python3"

    /// Whether the parser can run here (else its tests are skipped, and CI fails: `CI=true` runs them regardless).
    static let isAvailable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        return (try? run(["-c", "import prometheus_client.parser"], input: "").status) == 0
    }()

    private static let script = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        out = []
        for family in text_string_to_metric_families(sys.stdin.read()):
            for sample in family.samples:
                out.append({"family": family.name, "type": family.type, "name": sample.name, "labels": sample.labels, "value": sample.value})
        print(json.dumps(out))
        """

    /// Every sample of `text`; a page the parser refuses is a failed test, with the parser's words.
    static func samples(_ text: String) throws -> [Sample] {
        let result = try run(["-c", script], input: text)
        guard result.status == 0 else {
            Issue.record("the Prometheus parser refused the page: \(result.stderr)\n\(text)")
            throw CancellationError()
        }
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        return try objects.map { object in
            Sample(name: try #require(object["name"] as? String), labels: try #require(object["labels"] as? [String: String]),
                   value: try #require((object["value"] as? NSNumber)?.doubleValue))
        }
    }

    private static func run(_ arguments: [String], input: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python] + arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Output is read on its own threads while the input is written: a large page must not block both pipes.
        nonisolated(unsafe) var out = Data(), err = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { out = stdout.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { err = stderr.fileHandleForReading.readDataToEndOfFile() }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

extension [PrometheusTextParser.Sample] {
    /// The sum of the samples named `name` whose labels include `labels` (0 when none).
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double {
        filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }.map(\.value).reduce(0, +)
    }
}
