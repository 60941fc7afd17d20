import Cartable
import Foundation

/// Issue 2's figures: posts measured per second on one core, by the library and by `cartable count`.
enum LengthBenchmark {
    static func run(cartableBinary: String, scratchDirectory: URL) throws {
        print("Length engine (one core, release build; rates per CPU-second of the measuring thread)")
        let postCount = 200_000
        for (label, withURL) in [("short French posts with one URL", true), ("short French posts, no URL", false)] {
            let posts = FrenchPostCorpus.make(count: postCount, withURL: withURL)
            for profile in [LengthProfile.twitterClassic, .twitter, .mastodon(), .bluesky] {
                var checksum = 0
                // One warm-up pass, then the best of three, so a noisy neighbour does not decide the figure.
                for post in posts.prefix(10_000) { checksum &+= profile.measure(post).weightedLength }
                var best = Double.infinity
                for _ in 0..<3 {
                    best = min(best, Stopwatch.cpuSeconds {
                        for post in posts { checksum &+= profile.measure(post).weightedLength }
                    })
                }
                report("\(profile.name), \(label)", "\(formatted(Double(postCount) / best)) posts/s  (checksum \(checksum % 1000))")
            }
        }

        let lineCount = 1_000_000
        let input = scratchDirectory.appendingPathComponent("count-input.txt")
        try writeLines(FrenchPostCorpus.make(count: 100_000, withURL: true), repeatedTo: lineCount, to: input)
        let outcome = try ChildProcess.run(cartableBinary, ["count", input.path])
        // Status 1 only says that some posts are over 140; every line was measured.
        guard outcome.status <= 1 else {
            print("  cartable count exited with status \(outcome.status)")
            return
        }
        report(
            "cartable count, \(formatted(Double(lineCount))) lines end to end",
            "\(formatted(Double(lineCount) / outcome.cpuSeconds)) lines/CPU-s (\(formatted(Double(lineCount) / outcome.seconds)) lines/s wall), peak \(String(format: "%.1f", outcome.peakMemoryMiB)) MiB"
        )
    }

    /// Writes `lineCount` lines cycling through `corpus`, in blocks, so the benchmark's own memory stays small.
    private static func writeLines(_ corpus: [String], repeatedTo lineCount: Int, to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let file = try FileHandle(forWritingTo: url)
        defer { try? file.close() }
        var block = ""
        for index in 0..<lineCount {
            block += corpus[index % corpus.count]
            block += "\n"
            if block.utf8.count > 1 << 20 {
                try file.write(contentsOf: Data(block.utf8))
                block = ""
            }
        }
        try file.write(contentsOf: Data(block.utf8))
    }
}
