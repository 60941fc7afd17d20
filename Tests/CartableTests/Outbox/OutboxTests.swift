import Foundation
import GRDB
import Testing
@testable import Cartable

/// The ``Outbox`` contract, run against each backend (``OutboxBackend``); then what only SQLite has.
@Suite("Outbox")
struct OutboxTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("enqueue adds new keys, counts the ones already there, and the rows survive reopening", arguments: OutboxBackend.testedHere)
    func enqueueIsIdempotent(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        let first = try temporary.outbox.enqueue(entries(5), pacing: nil, now: now)
        #expect(first == EnqueueResult(added: 5, alreadyQueued: 0))
        let second = try temporary.outbox.enqueue(entries(7), pacing: nil, now: now)
        #expect(second == EnqueueResult(added: 2, alreadyQueued: 5))
        let rows = try await temporary.reopen().allMessages()
        #expect(rows.count == 7)
        #expect(rows.allSatisfy { $0.state == .queued && $0.attempts == 0 && $0.leaseOwner == nil })
        #expect(rows[3].entry == entries(7)[3])
    }

    @Test("a supporter's history finds their own rows only, whatever ids share a prefix or hold / and %", arguments: OutboxBackend.testedHere)
    func supporterHistoryIsExact(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        func entry(_ campaign: String, _ supporter: String, _ recipient: String, _ channel: ChannelDescriptor = .webhook) -> OutboxEntry {
            OutboxEntry(campaignID: campaign, supporterID: supporter, recipientID: recipient, channel: channel, text: "\(supporter) → \(recipient)")
        }
        _ = try temporary.outbox.enqueue([
            entry("c", "s1", "r"), entry("c", "s1", "r", .dryRun), entry("c", "s1", "r/2"), entry("c", "s10", "r"),
            entry("c", "s1/r", "r"), entry("c", "s", "1/r"), entry("c2", "s1", "r"), entry("c", "s%1", "r"), entry("c/s1", "r", "r"),
        ], pacing: nil, now: now)
        let outbox = temporary.outbox
        let own = try await outbox.messages(campaignID: "c", supporterID: "s1", recipientID: "r")
        #expect(own.map(\.entry) == [entry("c", "s1", "r")], "the dry run reaches no one; other supporters, recipients and campaigns are not theirs")
        #expect(try await outbox.messages(campaignID: "c", supporterID: "s1", recipientID: "r/2").map(\.entry) == [entry("c", "s1", "r/2")])
        #expect(try await outbox.messages(campaignID: "c", supporterID: "s%1", recipientID: "r").map(\.entry) == [entry("c", "s%1", "r")])
        #expect(try await outbox.messages(campaignID: "c", supporterID: "s", recipientID: "1").isEmpty)
        #expect(try await outbox.recipientsWritten(campaignID: "c", supporterID: "s1") == ["r", "r/2"])
        #expect(try await outbox.recipientsWritten(campaignID: "c", supporterID: "s1/r") == ["r"])
        #expect(try await outbox.recipientsWritten(campaignID: "c/s1", supporterID: "r") == ["r"])
        #expect(try await outbox.recipientsWritten(campaignID: "c", supporterID: "s") == ["1/r"])
    }

    /// More rows than one statement takes (PostgreSQL sends them in batches of ``PostgresOutbox/enqueueChunk``,
    /// several in flight at once): hostile texts come back byte for byte, a key met twice keeps its first entry, keys
    /// already queued are counted, and the rows keep the order they were queued in.
    @Test("a large enqueue, many batches: hostile texts read back identical, first entry of a key kept, order kept", arguments: OutboxBackend.testedHere)
    func largeEnqueueKeepsEverything(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        let hostile = [
            "tab\there", "new\nline", "carriage\r\nreturn", #"back\slash \N \. \\"#, "'single' \"double\" `back` $1 %s",
            "\\.\n\\.\n", "emoji 👩🏽‍⚖️🇫🇷 — « guillemets » ✨", "日本語と عربي", "\u{7F}\u{1}\u{1B}[31m", "",
        ]
        let long = String(repeating: "long ✨\t\\\n", count: 30_000)
        let count = 12_345
        func entry(_ index: Int, text: String? = nil) -> OutboxEntry {
            OutboxEntry(
                campaignID: "c", supporterID: "s\(index % 97)", recipientID: "r\(index)", channel: .webhook,
                text: text ?? (index % 1_000 == 999 ? long : "\(index): \(hostile[index % hostile.count])"),
                // Empty texts too, which must read back empty, not NULL.
                recipientName: index.isMultiple(of: 3) ? nil : index % 13 == 1 ? "" : "Name\t\(index)\n",
                recipientHandle: index.isMultiple(of: 5) ? nil : index % 19 == 1 ? "" : #"h\"# + "\(index)",
                variant: index.isMultiple(of: 7) ? nil : index % 17 == 1 ? "" : "v\(index % 2)",
                language: index.isMultiple(of: 11) ? nil : "fr")
        }
        // Ten keys queued before; in the large batch, twenty keys met a second time, in another batch than their first.
        #expect(try temporary.outbox.enqueue((0..<10).map { entry($0 * 1_000) }, pacing: nil, now: now).added == 10)
        let batch = (0..<count).map { entry($0) } + (0..<20).map { entry($0 * 601, text: "second entry of a key") }
        #expect(try temporary.outbox.enqueue(batch, pacing: nil, now: now) == EnqueueResult(added: count - 10, alreadyQueued: 30))
        let rows = try await temporary.outbox.allMessages()
        #expect(rows.count == count)
        let byRecipient = Dictionary(uniqueKeysWithValues: rows.map { ($0.entry.idempotencyKey.recipient, $0.entry) })
        let mismatched = (0..<count).filter { byRecipient["r\($0)"] != entry($0) }
        #expect(mismatched.isEmpty, "rows read back different: \(mismatched.prefix(10))")
        // In the order queued: the ten queued before, then the batch's rows as they came (ids grow).
        #expect(rows.map(\.id) == rows.map(\.id).sorted())
        let positions = rows.dropFirst(10).map { Int($0.entry.idempotencyKey.recipient.dropFirst())! }
        #expect(positions == positions.sorted(), "the batch's rows in the order queued")
    }

    @Test("a claim leases due rows to one owner; another owner gets the rest, never the same row", arguments: OutboxBackend.testedHere)
    func claimsAreExclusive(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(10), pacing: nil, now: now)
        let a = try await temporary.outbox.claimDue(limit: 6, filter: ClaimFilter(), owner: .test("a"), leaseDuration: 60, now: now)
        let b = try await temporary.outbox.claimDue(limit: 6, filter: ClaimFilter(), owner: .test("b"), leaseDuration: 60, now: now)
        #expect(a.count == 6)
        #expect(b.count == 4)
        #expect(Set(a.map(\.id)).isDisjoint(with: b.map(\.id)))
        #expect(a.allSatisfy { $0.state == .sending && $0.attempts == 1 && $0.leaseExpiresAt == now + 60 })
        // B cannot record A's rows.
        let applied = try await temporary.outbox.record(
            [RecordedTransition(messageID: a[0].id, transition: .sent(postID: "1", postURL: nil, duplicate: false, detail: nil), startedAt: now)],
            owner: .test("b"), now: now)
        #expect(applied == 0)
        #expect(try await temporary.outbox.allMessages().first { $0.id == a[0].id }?.state == .sending)
    }

    @Test("rows not yet due, on other channels or in closed campaigns are not claimed; the dry run ignores closed hours", arguments: OutboxBackend.testedHere)
    func claimFilters(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(2, campaign: "open"), pacing: nil, now: now)
        _ = try temporary.outbox.enqueue(entries(2, campaign: "closed"), pacing: nil, now: now)
        _ = try temporary.outbox.enqueue(entries(2, campaign: "closed", channel: .dryRun), pacing: nil, now: now)
        _ = try temporary.outbox.enqueue(entries(2, campaign: "later", channel: .x), pacing: nil, now: now + 100)
        let filter = ClaimFilter(channels: ["webhook", "dry-run", "x"], closedCampaigns: ["closed"])
        let claimed = try await temporary.outbox.claimDue(limit: 100, filter: filter, owner: .test("a"), leaseDuration: 60, now: now)
        #expect(Set(claimed.map(\.entry.idempotencyKey.rawValue)) == Set(["open/organiser/r0/webhook", "open/organiser/r1/webhook",
                                                                  "closed/organiser/r0/dry-run", "closed/organiser/r1/dry-run"]))
        let onlyX = try await temporary.outbox.claimDue(limit: 100, filter: ClaimFilter(channels: ["x"]), owner: .test("a"), leaseDuration: 60, now: now + 100)
        #expect(onlyX.count == 2)
    }

    @Test("each transition: sent keeps the post id, a rate limit gives its attempt back, dead keeps the reason, release unclaims", arguments: OutboxBackend.testedHere)
    func transitions(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox
        _ = try outbox.enqueue(entries(4), pacing: nil, now: now)
        let rows = try await outbox.claimDue(limit: 4, filter: ClaimFilter(), owner: .test("a"), leaseDuration: 60, now: now)
        let transitions: [OutboxTransition] = [
            .sent(postID: "42", postURL: "https://example.org/42", duplicate: false, detail: nil),
            .retry(at: now + 30, error: "rate limited: 429", countsAsAttempt: false, outcome: .rateLimited),
            .dead(reason: "HTTP 422: bad text", outcome: .permanent),
            .release,
        ]
        let applied = try await outbox.record(
            zip(rows, transitions).map { RecordedTransition(messageID: $0.id, transition: $1, startedAt: now) }, owner: .test("a"), now: now + 1)
        #expect(applied == 4)
        let stored = Dictionary(uniqueKeysWithValues: try await outbox.allMessages().map { ($0.id, $0) })
        let sent = try #require(stored[rows[0].id])
        #expect(sent.state == .sent && sent.postID == "42" && sent.postURL == "https://example.org/42" && sent.sentAt == now + 1)
        let limited = try #require(stored[rows[1].id])
        #expect(limited.state == .retrying && limited.attempts == 0 && limited.nextAttemptAt == now + 30)
        let dead = try #require(stored[rows[2].id])
        #expect(dead.state == .dead && dead.lastError == "HTTP 422: bad text" && dead.attempts == 1)
        let released = try #require(stored[rows[3].id])
        #expect(released.state == .queued && released.attempts == 0 && released.leaseOwner == nil)
        #expect(try await outbox.attempts(messageID: rows[1].id).map(\.outcome) == ["rate-limited"])
        #expect(try await outbox.attempts(messageID: rows[3].id).isEmpty)
    }

    @Test("an expired lease returns the row with the same key; a dead owner's lease returns at once; attempts run out", arguments: OutboxBackend.testedHere)
    func leaseRecovery(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox
        _ = try outbox.enqueue(entries(2), pacing: nil, now: now)
        // A process id that certainly does not exist on this machine (above the kernel's pid_max).
        let gone = LeaseOwner(host: LeaseOwner.hostName, processID: 99_999_999, token: "gone")
        let alive = LeaseOwner.current()
        let first = try await outbox.claimDue(limit: 1, filter: ClaimFilter(), owner: gone, leaseDuration: 600, now: now)
        let second = try await outbox.claimDue(limit: 1, filter: ClaimFilter(), owner: alive, leaseDuration: 600, now: now)
        #expect(try await outbox.recoverExpiredLeases(now: now + 1, maxAttempts: 8, sparing: nil) == 1)
        var stored = try await outbox.allMessages()
        let recovered = try #require(stored.first { $0.id == first[0].id })
        #expect(recovered.state == .retrying && recovered.entry.idempotencyKey == first[0].entry.idempotencyKey)
        #expect(recovered.lastError?.contains("same idempotency key") == true)
        #expect(stored.first { $0.id == second[0].id }?.state == .sending)
        // The live owner's lease holds until it expires.
        #expect(try await outbox.recoverExpiredLeases(now: now + 599, maxAttempts: 8, sparing: nil) == 0)
        #expect(try await outbox.recoverExpiredLeases(now: now + 600, maxAttempts: 8, sparing: nil) == 1)
        // Claimed and lost once more with one attempt allowed: dead.
        let again = try await outbox.claimDue(limit: 1, filter: ClaimFilter(), owner: gone, leaseDuration: 1, now: now + 700)
        #expect(again.count == 1)
        #expect(try await outbox.recoverExpiredLeases(now: now + 702, maxAttempts: 2, sparing: nil) == 1)
        stored = try await outbox.allMessages()
        let dead = try #require(stored.first { $0.id == again[0].id })
        #expect(dead.state == .dead && dead.lastError?.hasPrefix("gave up after 2 attempts") == true)
        #expect(try await outbox.attempts(messageID: dead.id).map(\.outcome) == ["lease-expired", "lease-expired"])
    }

    @Test("per-recipient caps: one message per hour holds the second back until an hour after the first was sent", arguments: OutboxBackend.testedHere)
    func recipientCaps(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox
        let twoSupporters = entries(1, supporter: "alice") + entries(1, supporter: "bob") + entries(1, supporter: "alice", from: 1)
        _ = try outbox.enqueue(twoSupporters, pacing: nil, now: now)
        let filter = ClaimFilter(caps: ["c": RecipientCaps(perHour: 1, perDay: 2)])
        let first = try await outbox.claimDue(limit: 10, filter: filter, owner: .test("a"), leaseDuration: 60, now: now)
        // r0 gets one of its two messages; r1 its only one.
        #expect(first.map(\.entry.recipientID).sorted() == ["r0", "r1"])
        try await outbox.record(first.map {
            RecordedTransition(messageID: $0.id, transition: .sent(postID: nil, postURL: nil, duplicate: false, detail: nil), startedAt: now)
        }, owner: .test("a"), now: now + 10)
        #expect(try await outbox.claimDue(limit: 10, filter: filter, owner: .test("a"), leaseDuration: 60, now: now + 3000).isEmpty)
        let held = try #require(try await outbox.allMessages().first { $0.state == .queued })
        #expect(held.entry.recipientID == "r0")
        #expect(held.nextAttemptAt == now + 10 + 3600)
        let later = try await outbox.claimDue(limit: 10, filter: filter, owner: .test("a"), leaseDuration: 60, now: now + 3610)
        #expect(later.map(\.id) == [held.id])
        // The dry run is not capped.
        _ = try outbox.enqueue(entries(1, channel: .dryRun, supporter: "carol"), pacing: nil, now: now + 3610)
        #expect(try await outbox.claimDue(limit: 10, filter: filter, owner: .test("a"), leaseDuration: 60, now: now + 3611).count == 1)
    }

    @Test("a dry run sent to a recipient does not use up their caps for a real send", arguments: OutboxBackend.testedHere)
    func dryRunsDoNotUseCaps(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox
        let filter = ClaimFilter(caps: ["c": RecipientCaps(perHour: 1, perDay: 1)])
        _ = try outbox.enqueue(entries(1, channel: .dryRun), pacing: nil, now: now)
        let rehearsal = try await outbox.claimDue(limit: 10, filter: filter, owner: .test("a"), leaseDuration: 60, now: now)
        try await outbox.record(rehearsal.map {
            RecordedTransition(messageID: $0.id, transition: .sent(postID: nil, postURL: nil, duplicate: false, detail: nil), startedAt: now)
        }, owner: .test("a"), now: now + 1)
        _ = try outbox.enqueue(entries(1, channel: .webhook), pacing: nil, now: now + 2)
        let real = try await outbox.claimDue(limit: 10, filter: filter, owner: .test("a"), leaseDuration: 60, now: now + 3)
        #expect(real.map(\.entry.channel) == ["webhook"], "the dry run to r0 must not hold the real message back")
    }

    @Test("retry and cancel act on their selection only, and an empty selection on nothing", arguments: OutboxBackend.testedHere)
    func retryAndCancel(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox
        _ = try outbox.enqueue(entries(3, campaign: "a") + entries(2, campaign: "b"), pacing: nil, now: now)
        #expect(try await outbox.cancel(OutboxSelection(), now: now) == 0)
        #expect(try await outbox.cancel(OutboxSelection(campaignID: "a"), now: now) == 3)
        #expect(try await outbox.cancel(OutboxSelection(campaignID: "a"), now: now) == 0)
        #expect(try await outbox.retry(OutboxSelection(campaignID: "a", recipientID: "r1"), now: now) == 1)
        let states = Dictionary(grouping: try await outbox.allMessages(), by: \.state).mapValues(\.count)
        #expect(states == [.cancelled: 2, .queued: 3])
        let ids = try await outbox.allMessages().filter { $0.state == .cancelled }.map(\.id)
        #expect(try await outbox.retry(OutboxSelection(ids: ids), now: now) == 2)
        #expect(try await outbox.allMessages().allSatisfy { $0.state == .queued })
    }

    @Test("the report counts states, recipients reached, variants, errors and the oldest waiting row; sentCounts agrees", arguments: OutboxBackend.testedHere)
    func report(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox
        _ = try outbox.enqueue(entries(4), pacing: nil, now: now)
        let rows = try await outbox.claimDue(limit: 3, filter: ClaimFilter(), owner: .test("a"), leaseDuration: 60, now: now)
        try await outbox.record([
            RecordedTransition(messageID: rows[0].id, transition: .sent(postID: nil, postURL: nil, duplicate: false, detail: nil), startedAt: now),
            RecordedTransition(messageID: rows[1].id, transition: .dead(reason: "HTTP 400", outcome: .permanent), startedAt: now),
            RecordedTransition(messageID: rows[2].id, transition: .dead(reason: "HTTP 400", outcome: .permanent), startedAt: now),
        ], owner: .test("a"), now: now)
        let report = try await outbox.report(campaignID: nil, errorLimit: 5)
        #expect(report.states[.sent] == 1 && report.states[.dead] == 2 && report.states[.queued] == 1 && report.total == 4)
        #expect(report.recipients.filter(\.isReached).map(\.recipientID) == [rows[0].entry.recipientID])
        #expect(report.variants.map(\.variant) == ["a", "b"])
        #expect(report.variants.reduce(0) { $0 + $1.sent } == 1)
        #expect(report.errors == [OutboxReport.ErrorTally(error: "HTTP 400", count: 2, state: .dead)])
        #expect(report.oldestWaiting?.idempotencyKey == "c/organiser/r3/webhook")
        #expect(try await outbox.report(campaignID: "other", errorLimit: 5).total == 0)
        // The satchel's one query counts what the report counts.
        let delivered = Dictionary(uniqueKeysWithValues: report.recipients.filter(\.isReached).map { ($0.recipientID, $0.delivered) })
        #expect(try await outbox.sentCounts(campaignID: "c") == delivered)
        #expect(try await outbox.sentCounts(campaignID: "c") == [rows[0].entry.recipientID: 1])
        #expect(try await outbox.sentCounts(campaignID: "other").isEmpty)
    }

    @Test("the report counts states per channel, the day's supporters (not the organiser) and its sends per minute", arguments: OutboxBackend.testedHere)
    func reportDay(_ backend: OutboxBackend) async throws {
        let temporary = try await BackendOutbox(backend)
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox
        let day = OutboxDay.utcDay(containing: now)
        _ = try outbox.enqueue(entries(3, supporter: "s1"), pacing: nil, now: now)
        _ = try outbox.enqueue(entries(2, supporter: "s2", from: 3), pacing: nil, now: now)
        _ = try outbox.enqueue(entries(2, from: 5), pacing: nil, now: now)
        _ = try outbox.enqueue(entries(1, supporter: "yesterday", from: 10), pacing: nil, now: day.start - 3600)
        _ = try outbox.enqueue(entries(2, channel: .dryRun, from: 20), pacing: nil, now: now)
        let rows = try await outbox.claimDue(limit: 3, filter: ClaimFilter(channels: ["webhook"]), owner: .test("a"), leaseDuration: 600, now: now)
        #expect(rows.count == 3)
        let sent = RecordedTransition.self
        try await outbox.record(rows.prefix(2).map { sent.init(messageID: $0.id, transition: .sent(postID: nil, postURL: nil, duplicate: false, detail: nil), startedAt: now) },
                                owner: .test("a"), now: now)
        try await outbox.record([sent.init(messageID: rows[2].id, transition: .sent(postID: nil, postURL: nil, duplicate: false, detail: nil), startedAt: now + 120)],
                                owner: .test("a"), now: now + 120)
        let report = try await outbox.report(campaignID: "c", errorLimit: 5, day: day)
        #expect(report.channelStates == ["webhook": [.sent: 3, .queued: 5], "dry-run": [.queued: 2]])
        #expect(report.channels == ["webhook": 8, "dry-run": 2])
        #expect(report.day.supporters == 2)
        let minute = { (date: Date) in Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60) }
        let expected = Dictionary(grouping: try await outbox.allMessages().compactMap(\.sentAt), by: minute).mapValues(\.count)
        #expect(expected == [minute(now): 2, minute(now + 120): 1])
        #expect(report.day.sentPerMinute == expected.keys.sorted().map { OutboxDay.MinuteCount(minute: $0, sent: expected[$0, default: 0]) })
        #expect(report.day.sent == 3)
        // Another day counts none of it; another campaign nothing at all.
        let tomorrow = try await outbox.report(campaignID: "c", errorLimit: 5, day: DateInterval(start: day.end, duration: 86_400))
        #expect(tomorrow.day.supporters == 0 && tomorrow.day.sentPerMinute.isEmpty && tomorrow.total == 10)
        #expect(try await outbox.report(campaignID: "other", errorLimit: 5, day: day).channelStates.isEmpty)
    }

    @Test("a full database is an OutboxError of kind full, and nothing already queued is lost")
    func fullDatabase() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox
        _ = try outbox.enqueue(entries(10), pacing: nil, now: now)
        // SQLite's page limit makes the file "full" exactly as a full disk would.
        let pages = try await outbox.database.read { try Int.fetchOne($0, sql: "PRAGMA page_count") } ?? 0
        try await outbox.database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA max_page_count = \(pages)") }
        #expect {
            _ = try outbox.enqueue(entries(5000, from: 10), pacing: nil, now: now)
        } throws: { error in
            (error as? OutboxError)?.kind == .full && (error as? OutboxError)?.hint?.contains("still there") == true
        }
        #expect(try await outbox.allMessages().count == 10)
    }

    @Test("a file that is not SQLite is refused with a hint, not overwritten")
    func notAnOutbox() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-notdb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("outbox.sqlite").path
        let text = String(repeating: "not a database\n", count: 100)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try SQLiteOutbox(path: path)
        } throws: { error in
            (error as? OutboxError)?.kind == .notAnOutbox
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test("opening a missing outbox without create says there is none yet, in the outbox's own terms")
    func missing() {
        #expect {
            _ = try SQLiteOutbox(path: "/tmp/cartable-missing-\(UUID().uuidString)/outbox.sqlite", access: .readWrite)
        } throws: { error in
            guard let error = error as? OutboxError else { return false }
            return error.kind == .missing && error.hint?.contains("queue messages first") == true && !error.description.contains("--")
        }
    }

    @Test("the schema refuses a state outside the state machine and a lease on a row not being sent")
    func schemaChecks() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        _ = try temporary.outbox.enqueue(entries(1), pacing: nil, now: now)
        await #expect(throws: DatabaseError.self) {
            try await temporary.outbox.database.write { try $0.execute(sql: "UPDATE message SET state = 'lost'") }
        }
        await #expect(throws: DatabaseError.self) {
            try await temporary.outbox.database.write { try $0.execute(sql: "UPDATE message SET lease_owner = 'x', lease_expires_at = 1") }
        }
    }

    @Test("the claim and cap queries use their partial indexes")
    func queryPlans() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        let plans = try await temporary.outbox.database.read { db in
            [
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM message WHERE \(OutboxSchema.waiting) AND next_attempt_at <= 1 AND channel IN ('x') ORDER BY next_attempt_at, id LIMIT 5"),
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT sent_at FROM message WHERE campaign_id = 'c' AND recipient_id = 'r' AND \(OutboxSchema.paced) AND (sent_at IS NULL OR sent_at > 1)"),
            ].map { rows in rows.map { $0["detail"] as String? ?? "" }.joined(separator: "; ") }
        }
        #expect(plans[0].contains("USING INDEX message_due"), "\(plans[0])")
        #expect(plans[1].contains("USING INDEX message_pace"), "\(plans[1])")
    }

    @Test("a holder renews its own leases, and recovery never takes back the rows of the process that asks")
    func leasesRenewedAndSpared() async throws {
        let temporary = try TemporaryOutbox()
        defer { temporary.cleanUp() }
        let outbox = temporary.outbox
        _ = try outbox.enqueue(entries(3), pacing: nil, now: now)
        let me = LeaseOwner.current(), other = LeaseOwner.test("other")
        let mine = try await outbox.claimDue(limit: 2, filter: ClaimFilter(), owner: me, leaseDuration: 3, now: now)
        let theirs = try await outbox.claimDue(limit: 1, filter: ClaimFilter(), owner: other, leaseDuration: 3, now: now)
        #expect(mine.count == 2 && theirs.count == 1)
        // Two seconds later the holder renews: its rows now hold until now + 5; the other owner's do not move.
        #expect(try await outbox.renewLeases(owner: me, leaseDuration: 3, now: now + 2) == 2)
        var rows = try await outbox.allMessages()
        #expect(rows.filter { $0.leaseOwner == me.description }.allSatisfy { $0.leaseExpiresAt == now + 5 })
        #expect(rows.first { $0.leaseOwner == other.description }?.leaseExpiresAt == now + 3)
        // At now + 4 only the other owner's lease has run out.
        #expect(try await outbox.recoverExpiredLeases(now: now + 4, maxAttempts: 8, sparing: me) == 1)
        // Even expired, a process's own rows are in flight: it never takes them back itself.
        #expect(try await outbox.recoverExpiredLeases(now: now + 60, maxAttempts: 8, sparing: me) == 0)
        rows = try await outbox.allMessages()
        #expect(rows.filter { $0.state == .sending }.count == 2)
        // Anyone else does, once the lease is over.
        #expect(try await outbox.recoverExpiredLeases(now: now + 60, maxAttempts: 8, sparing: other) == 2)
    }
}
