import Foundation
import Testing

@Suite("cartable count", .runsOffThePool)
struct CountCommandTests {
    struct Line: Decodable {
        var weightedLength: Int?
        var valid: Bool?
        var permillage: Int?
        var displayRangeEnd: Int?
        var validRangeEnd: Int?
        var line: Int?
        var error: String?
    }

    func lines(_ output: String) throws -> [Line] {
        try output.split(separator: "\n").map { try JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
    }

    @Test("one JSON object per input line, with the twitter-classic profile by default")
    func measuresEachLine() throws {
        let input = "Bonjour\n" + String(repeating: "é", count: 141) + "\r\nLisez http://mouves.org/livre-blanc-des-entrepreneurs-sociaux\n"
        let result = try CartableBinary.run(["count"], stdin: input)
        let output = try lines(result.stdout)
        #expect(output.count == 3)
        #expect(output[0].weightedLength == 7 && output[0].valid == true && output[0].permillage == 50)
        #expect(output[1].weightedLength == 141 && output[1].valid == false && output[1].validRangeEnd == 139)
        #expect(output[2].weightedLength == 6 + 23)
        #expect(result.status == 1, "a text over the limit is a problem found")
    }

    @Test("--profile chooses how to count")
    func profiles() throws {
        let text = String(repeating: "é", count: 200) + "\n"
        let classic = try lines(CartableBinary.run(["count"], stdin: text).stdout)
        let x = try lines(CartableBinary.run(["count", "--profile", "twitter"], stdin: text).stdout)
        let mastodon = try lines(CartableBinary.run(["count", "--profile", "mastodon:150"], stdin: text).stdout)
        #expect(classic.first?.valid == false)
        #expect(x.first?.valid == true && x.first?.weightedLength == 200)
        #expect(mastodon.first?.valid == false && mastodon.first?.validRangeEnd == 149)
    }

    @Test("--jsonl takes JSON strings or objects with text, so texts may hold newlines")
    func jsonLines() throws {
        let input = #""ligne un\nligne deux""# + "\n" + #"{"text":"€5 l’unité","id":7}"# + "\n"
        let result = try CartableBinary.run(["count", "--jsonl"], stdin: input)
        let output = try lines(result.stdout)
        #expect(result.status == 0)
        #expect(output.map(\.weightedLength) == [19, 10])
    }

    @Test("--jsonl keeps a U+FEFF that starts a string: inside JSON it is text, which twitter-text counts as invalid")
    func jsonLinesKeepALeadingZeroWidthNoBreakSpace() throws {
        // Raw bytes EF BB BF right after the opening quote, then the same character escaped, in the middle, in an object.
        let input = "\"\u{FEFF}abc\"\n" + #""\uFEFFabc""# + "\n\"a\u{FEFF}bc\"\n" + "{\"text\":\"\u{FEFF}abc\"}\n"
        let result = try CartableBinary.run(["count", "--jsonl"], stdin: input)
        let output = try lines(result.stdout)
        #expect(output.map(\.weightedLength) == [4, 4, 4, 4])
        #expect(output.map(\.valid) == [false, false, false, false])
        #expect(output.map(\.validRangeEnd) == [-1, -1, 0, -1])
        #expect(result.status == 1)
    }

    @Test("a byte order mark is dropped at the start of the input only, with or without --jsonl")
    func byteOrderMarkStartsTheInputOnly() throws {
        let json = try lines(CartableBinary.run(["count", "--jsonl"], stdin: "\u{FEFF}\"abc\"\n\"\u{FEFF}abc\"\n").stdout)
        #expect(json.map(\.weightedLength) == [3, 4])
        #expect(json.map(\.valid) == [true, false])
        let plain = try lines(CartableBinary.run(["count"], stdin: "\u{FEFF}abc\n\u{FEFF}abc\n").stdout)
        #expect(plain.map(\.weightedLength) == [3, 4])
        #expect(plain.map(\.valid) == [true, false])
    }

    @Test("bad lines get a clear error naming the line; the other lines are still measured; exit 2")
    func badInput() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-count-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("textes.txt")
        var bytes = Data("premier\n".utf8)
        bytes.append(contentsOf: [0x63, 0x61, 0x66, 0xE9, 0x0A])  // "café" in Windows-1252: invalid UTF-8
        bytes.append(Data("troisième\n".utf8))
        try bytes.write(to: file)

        let result = try CartableBinary.run(["count", file.path])
        let output = try lines(result.stdout)
        #expect(result.status == 2)
        #expect(output.count == 3)
        #expect(output[0].weightedLength == 7)
        #expect(output[1].line == 2 && output[1].error?.contains("UTF-8") == true)
        #expect(output[2].weightedLength == 9)
        #expect(result.stderr.contains("\(file.path):2: error: invalid UTF-8"))

        let json = try CartableBinary.run(["count", "--jsonl"], stdin: "{\"text\": 3}\n[\n\"ok\"\n")
        let jsonOutput = try lines(json.stdout)
        #expect(json.status == 2)
        #expect(jsonOutput.map(\.line) == [1, 2, nil])
        #expect(json.stderr.contains("<stdin>:1: error:") && json.stderr.contains("<stdin>:2: error: malformed JSON"))
    }

    @Test("a line over 1 MiB from standard input gets a per-line error; the lines around it are measured (issue 17, item 15)")
    func aLineOverTheMaximumIsAnErrorOfItsOwn() throws {
        let input = "avant\n" + String(repeating: "x", count: 3 << 20) + "\naprès\n"
        let start = Date()
        let result = try CartableBinary.run(["count"], stdin: input)
        let output = try lines(result.stdout)
        #expect(result.status == 2)
        #expect(output.count == 3)
        #expect(output[0].weightedLength == 5)
        #expect(output[1].line == 2 && output[1].error?.contains("longer than 1024 KiB") == true)
        #expect(output[2].weightedLength == 5)
        #expect(result.stderr.contains("<stdin>:2: error: the line is longer than 1024 KiB"))
        #expect(Date().timeIntervalSince(start) < 60)
    }

    @Test("count /dev/zero reads in flat memory: the endless line is reported at once and skipped (issue 17, item 15)")
    func anEndlessLineKeepsMemoryFlat() throws {
        let folder = try ScratchFolder()
        defer { folder.cleanUp() }
        let run = try RunningCartable(["count", "/dev/zero"], environment: [:], in: folder, label: "zero")
        defer { run.kill(); run.process.waitUntilExit() }
        // The endless line is reported as soon as it passes 1 MiB (the old reader never reported it, and grew).
        let deadline = Date() + 60
        while !run.stderr.contains("/dev/zero:1: error:"), Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(run.stderr.contains("/dev/zero:1: error: the line is longer than 1024 KiB"), "\(run.stderr)")
        // Then it reads on, as wc would, long enough for the old reader to have held hundreds of MiB.
        Thread.sleep(forTimeInterval: 3)
        #expect(run.process.isRunning)
        let status = try String(contentsOfFile: "/proc/\(run.process.processIdentifier)/status", encoding: .utf8)
        let resident = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { Int($0.split(whereSeparator: { $0 == " " || $0 == "\t" })[1]) } ?? .max
        #expect(resident < 100 * 1024, "peak resident \(resident) KiB")
    }

    @Test("a missing file or an unknown profile is exit 2 with a message saying what to do")
    func usageErrors() throws {
        let missing = try CartableBinary.run(["count", "/nonexistent/textes.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("/nonexistent/textes.txt: error: cannot open"))
        let profile = try CartableBinary.run(["count", "--profile", "myspace"], stdin: "x\n")
        #expect(profile.status == 2)
        #expect(profile.stderr.contains("unknown profile 'myspace'"))
    }
}
