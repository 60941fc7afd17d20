import Foundation
import Testing
@testable import Cartable

@Suite("dry-run channel")
struct DryRunSenderTests {
    @Test("each message becomes one JSON line appended to the file, concurrent sends never interleave")
    func writesLines() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-dry-run-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sender = DryRunSender(output: .file(path: path))
        let texts = (0..<50).map { "Message \($0) : « député·e » \"citation\"\nligne ✨" }
        let deliveries = await withTaskGroup(of: Delivery.self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask {
                    await sender.send(OutgoingMessage(
                        idempotencyKey: IdempotencyKey(campaign: "c", recipient: "r\(index)", channel: .dryRun), text: text,
                        recipientHandle: index.isMultiple(of: 2) ? "h\(index)" : nil))
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(deliveries.allSatisfy { $0 == .delivered(postID: nil, postURL: nil) })
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 50)
        var seen: Set<String> = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
            let key = try #require(object["idempotencyKey"])
            let recipient = try #require(object["recipientID"])
            #expect(key == "c/organiser/\(recipient)/dry-run" && object["channel"] == "dry-run")
            let index = try #require(Int(recipient.dropFirst()))
            #expect(object["text"] == texts[index])
            #expect(object["recipientHandle"] == (index.isMultiple(of: 2) ? "h\(index)" : nil))
            seen.insert(key)
        }
        #expect(seen.count == 50)
    }

    @Test("an unwritable path is a failure, not a crash")
    func unwritable() async {
        let sender = DryRunSender(output: .file(path: "/nonexistent-dir/out.jsonl"))
        let delivery = await sender.send(OutgoingMessage(idempotencyKey: IdempotencyKey(campaign: "c", recipient: "r", channel: .dryRun), text: "t"))
        #expect(!delivery.isDelivered)
    }
}
