import Cartable
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A generated list far larger than any shipped one, through the built binary: the streaming commands (`preview`
/// in JSON lines and CSV, `queue`) give exactly what the library gives from the whole list in memory, and a `queue`
/// killed midway leaves nothing that a second run does not complete.
@Suite("a large recipient list", .serialized, .runsOffThePool)
struct LargeBatchTests {
    /// Recipients in the generated lists (one more record repeats an id, and is rejected). 100,000 took 246 s and
    /// 111 s for these two tests in a debug build on the 2-core machine under load, so they run on lists that take
    /// about 15 s; `make bench` runs the commands over a million.
    static let comparedSize = 3_000, killedSize = 10_000

    @Test("preview --format jsonl and csv, and queue, agree message for message with the list composed in memory")
    func streamingAgreesWithMemory() async throws {
        let list = try GeneratedList(size: Self.comparedSize)
        defer { list.folder.cleanUp() }
        let expected = try list.composedInMemory()

        for format in [PreviewFormat.jsonl, .csv] {
            let preview = try CartableBinary.run(["preview", list.campaignPath, "--format", format.rawValue])
            #expect(preview.status == 1, "the repeated id is an error: \(preview.stderr.prefix(500))")
            #expect(preview.stderr.contains("duplicate id 'm-3'"), "\(preview.stderr.prefix(500))")
            let lines = preview.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let wanted = expected.rendered(format).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.count == wanted.count, "\(format): \(lines.count) lines, \(wanted.count) from memory")
            let firstDifference = lines.indices.first { $0 < wanted.count && lines[$0] != wanted[$0] }
            #expect(firstDifference == nil, "\(format): line \(firstDifference.map { $0 + 1 } ?? 0) differs: \(firstDifference.map { lines[$0] } ?? "")")
        }

        let queued = try CartableBinary.run(["queue", list.campaignPath, "--via", "dry-run", "--outbox", list.folder.outboxPath])
        #expect(queued.status == 1, "the repeated id is an error: \(queued.stderr.prefix(500))")
        #expect(queued.stdout.hasPrefix("large-2012: queued \(expected.valid.count) new messages for dry-run, 0 already queued; \(expected.unreachable) targets without a twitter handle"),
                "\(queued.stdout)")
        let rows = try await SQLiteOutbox(path: list.folder.outboxPath, access: .readWrite).allMessages().sorted { $0.id < $1.id }
        #expect(rows.count == expected.valid.count)
        // In list order, each row is the message composed in memory for the same recipient, under the dry run's key.
        let mismatch = rows.indices.first { index in
            index >= expected.valid.count || !Self.agree(rows[index], expected.valid[index])
        }
        #expect(mismatch == nil, "row \(mismatch ?? 0) differs from the message composed in memory")
    }

    /// Whether an outbox row is the dry run's entry for the message composed in memory.
    static func agree(_ row: OutboxMessage, _ message: Message) -> Bool {
        let key: String = "large-2012/organiser/" + message.recipient.id + "/dry-run"
        return row.entry.recipientID == message.recipient.id && row.entry.text == message.text
            && row.entry.variant == message.variantID && row.entry.idempotencyKey.rawValue == key
    }

    @Test("a queue killed midway leaves nothing queued, and queue run again ends with exactly the full batch")
    func killedQueueIsCompletedByTheNextRun() async throws {
        let list = try GeneratedList(size: Self.killedSize)
        defer { list.folder.cleanUp() }
        let expected = try list.composedInMemory()
        let arguments = ["queue", list.campaignPath, "--via", "dry-run", "--outbox", list.folder.outboxPath]

        let killed = try RunningCartable(arguments, environment: [:], in: list.folder, label: "killed")
        // Killed inside the batch's transaction: SQLite's writer lock (byte 120 of the WAL index) held, and still
        // held a moment later (opening the outbox takes it briefly for its migrations).
        let index = list.folder.outboxPath + "-shm"
        @Sendable func writerLockHeld() -> Bool {
            let descriptor = open(index, O_RDONLY)
            guard descriptor >= 0 else { return false }
            defer { close(descriptor) }
            var lock = flock()
            lock.l_type = Int16(F_WRLCK)
            lock.l_whence = Int16(SEEK_SET)
            lock.l_start = 120
            lock.l_len = 1
            return fcntl(descriptor, F_GETLK, &lock) == 0 && lock.l_type != Int16(F_UNLCK)
        }
        let running = killed
        let deadline = Date() + 120
        while running.process.isRunning, Date() < deadline {
            if writerLockHeld() {
                usleep(300_000)
                if writerLockHeld() { break }
            }
            usleep(2_000)
        }
        running.kill(SIGKILL)
        running.process.waitUntilExit()
        #expect(killed.process.terminationReason == .uncaughtSignal, "queue ended before it was killed: \(killed.stdout)")
        let left = try await SQLiteOutbox(path: list.folder.outboxPath, access: .readWrite).allMessages()
        #expect(left.isEmpty, "a killed queue left \(left.count) of \(expected.valid.count) messages")

        let again = try CartableBinary.run(arguments)
        #expect(again.stdout.hasPrefix("large-2012: queued \(expected.valid.count) new messages for dry-run, 0 already queued"), "\(again.stdout) \(again.stderr.prefix(500))")
        let rows = try await SQLiteOutbox(path: list.folder.outboxPath, access: .readWrite).allMessages()
        let keys = rows.map(\.entry.idempotencyKey.rawValue)
        #expect(rows.count == expected.valid.count)
        #expect(Set(keys).count == keys.count, "no message twice")
        #expect(Set(keys) == Set(expected.valid.map { "large-2012/organiser/\($0.recipient.id)/dry-run" }), "no message missing")
    }
}

/// A campaign over a generated list in a scratch folder: the 2012 campaign's templates, `size` recipients in the
/// shipped CSV columns (French names with accents, seven groups, departments with their names, one in ten without an X
/// handle), and one more record repeating an earlier id.
private struct GeneratedList {
    let folder: ScratchFolder
    let campaignPath: String
    let size: Int

    init(size: Int) throws {
        self.size = size
        folder = try ScratchFolder()
        var csv = "id,name,first_name,last_name,group,group_name,department,department_name,constituency,twitter,mastodon,bluesky,email\n"
        let firstNames = ["Jérôme", "Marie", "Laurence", "Éric", "Nathalie", "François", "Sophie", "Jean-Marc"]
        let lastNames = ["Guedj", "Abeille", "Accoyer", "Appéré", "de La Verpillière", "Dupont-Aignan", "Le Roch"]
        let groups = ["SRC", "UMP", "UDI", "ECOLO", "RRDP", "GDR", "NI"]
        let departments = [("01", "Ain"), ("13", "Bouches-du-Rhône"), ("2A", "Corse-du-Sud"), ("59", "Nord"), ("75", "Paris"), ("974", "La Réunion")]
        csv.reserveCapacity(size * 110)
        for index in 0..<size {
            let first = firstNames[index % firstNames.count], last = lastNames[(index / 3) % lastNames.count]
            let department = departments[(index / 7) % departments.count]
            let handle = index % 10 == 9 ? "" : "h\(index)x"
            csv += "m-\(index),\(first) \(last),\(first),\(last),\(groups[(index / 5) % groups.count]),,\(department.0),\(department.1),\(1 + index % 20),\(handle),,,\n"
            if index == 500 { csv += "m-3,Repeated Record,Repeated,Record,SRC,,01,Ain,1,repeated,,,\n" }
        }
        try Data(csv.utf8).write(to: folder.url.appendingPathComponent("list.csv"))
        let template = try String(contentsOfFile: RepositoryPaths.path("Campaigns/sensetwitt-2012.yml"), encoding: .utf8)
        let campaign = template
            .replacingOccurrences(of: "id: sensetwitt-2012", with: "id: large-2012")
            .replacingOccurrences(of: "Recipients/deputes-2012-07-01.csv", with: "list.csv")
        campaignPath = folder.path("large.yml")
        try Data(campaign.utf8).write(to: URL(fileURLWithPath: campaignPath))
    }

    /// The batch as the library composes it from the whole list loaded in memory (``RecipientList``).
    func composedInMemory() throws -> InMemoryBatch {
        let file = CampaignFile.load(contentsOf: URL(fileURLWithPath: campaignPath), displayPath: campaignPath)
        let campaign = try #require(file.campaign, "\(file.diagnostics)")
        let list = try #require(CampaignRecipients(loading: campaign).list)
        #expect(list.recipients.count == size)
        return InMemoryBatch(campaign: campaign, recipients: list.recipients)
    }
}

/// A batch composed from a list in memory, and its previews rendered by the library.
private struct InMemoryBatch {
    let campaign: Campaign
    let recipients: [Recipient]
    var valid: [Message] = []
    var unreachable = 0

    init(campaign: Campaign, recipients: [Recipient]) {
        self.campaign = campaign
        self.recipients = recipients
        for item in CampaignBatch(Composer(campaign: campaign), recipients: recipients) {
            switch item {
            case .unreachable: unreachable += 1
            case .message(let message) where message.isValid: valid.append(message)
            case .message: break
            }
        }
    }

    func rendered(_ format: PreviewFormat) -> String {
        var renderer = PreviewRenderer(format: format, campaign: campaign)
        var output = renderer.begin()
        let summary = PreviewRun.run(Composer(campaign: campaign), recipients: recipients) { output += renderer.add($0) }
        return output + renderer.end(summary)
    }
}
