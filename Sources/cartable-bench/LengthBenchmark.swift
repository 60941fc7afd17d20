import Cartable
import Foundation

/// Issue 2's figures: posts measured per second on one core, by the library and by `cartable count`.
enum LengthBenchmark {
    static func run(cartableBinary: String, scratchDirectory: URL) throws {
        print("Length engine (one core, release build)")
        let postCount = 200_000
        for (label, withURL) in [("short French posts with one URL", true), ("short French posts, no URL", false)] {
            let posts = FrenchPostCorpus.make(count: postCount, withURL: withURL)
            for profile in [LengthProfile.twitterClassic, .twitter, .mastodon(), .bluesky] {
                var checksum = 0
                // One warm-up pass, then the best of three, so a noisy neighbour does not decide the figure.
                for post in posts.prefix(10_000) { checksum &+= profile.measure(post).weightedLength }
                var best = Double.infinity
                for _ in 0..<3 {
                    best = min(best, Stopwatch.seconds {
                        for post in posts { checksum &+= profile.measure(post).weightedLength }
                    })
                }
                report("\(profile.name), \(label)", "\(formatted(Double(postCount) / best)) posts/s  (checksum \(checksum % 1000))")
            }
        }

        let lineCount = 1_000_000
        let input = scratchDirectory.appendingPathComponent("count-input.txt")
        let corpus = FrenchPostCorpus.make(count: 100_000, withURL: true)
        var text = ""
        text.reserveCapacity(lineCount * 130)
        for index in 0..<lineCount { text += corpus[index % corpus.count] + "\n" }
        try text.write(to: input, atomically: false, encoding: .utf8)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: cartableBinary)
        process.arguments = ["count", input.path]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let seconds = try Stopwatch.seconds {
            try process.run()
            process.waitUntilExit()
        }
        guard process.terminationStatus == 0 else {
            print("  cartable count exited with status \(process.terminationStatus)")
            return
        }
        report("cartable count, \(formatted(Double(lineCount))) lines end to end", "\(formatted(Double(lineCount) / seconds)) lines/s, peak \(String(format: "%.1f", Stopwatch.peakMemoryOfChildren)) MiB")
    }
}
