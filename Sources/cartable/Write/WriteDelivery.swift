import ArgumentParser
import Cartable
import CartableCurl
import Foundation

/// Delivering the message: the link, or the outbox and the sender at once; and what a repeated send says.
extension Write {
    /// The sender `--via` names, its settings checked; `nil` for a link. Exits 2 when a setting is missing.
    func makeSender(for destination: WriteDestination) throws -> (any MessageSender)? {
        guard case .sender(let channel) = destination else { return nil }
        do {
            let channelSettings = try settings.map { try ChannelSettings.load(settingsFile: $0) } ?? ChannelSettings()
            var configuration = CurlTransport.Configuration()
            configuration.requestTimeout = .milliseconds(Int(timeout * 1000))
            // The dry run's JSON line goes to standard error: standard output is write's own.
            return try channel.makeSender(settings: channelSettings, transport: CurlTransport(configuration: configuration),
                                          dryRunOutput: .file(path: "/dev/stderr"))
        } catch {
            Terminal.printError("\(error) (see docs/channels.md)")
            throw ExitCode(2)
        }
    }

    /// The outbox: created for a send; for a link only read, when there is one already.
    func openOutbox(creating: Bool) throws -> SQLiteOutbox? {
        guard creating || FileManager.default.fileExists(atPath: outboxOptions.path) else { return nil }
        do {
            return try outboxOptions.open(create: creating)
        } catch let failure as OutboxFailure {
            throw failure.report()
        }
    }

    /// The message this supporter already wrote to the deputy in this campaign (a sent one first), if any: any
    /// channel but the dry run, or, for the dry run, its own earlier dry run.
    func earlierMessage(_ draft: MessageDraft, via destination: WriteDestination, in outbox: SQLiteOutbox) async throws -> OutboxMessage? {
        let key = OutboxEntry(draft.message, campaign: draft.composer.campaign, via: destination.description).idempotencyKey
        do {
            if destination == .sender(.dryRun) { return try await outbox.message(idempotencyKey: key) }
            let earlier = try await outbox.messages(
                campaignID: draft.composer.campaign.id, supporterID: draft.composer.supporter, recipientID: draft.recipient.id)
            return earlier.last { $0.state == .sent } ?? earlier.last
        } catch {
            throw OutboxFailure(error, path: outbox.path, doing: "reading the outbox").report()
        }
    }

    /// One supporter, one message per deputy: says what became of the earlier one, and that nothing more was sent.
    func reportAlreadyWritten(_ earlier: OutboxMessage, draft: MessageDraft, supporter: SupporterID, via destination: WriteDestination, display: WriteDisplay) {
        let name = draft.recipient.name
        let channel = earlier.entry.channel
        var what: String
        switch earlier.state {
        case .sent:
            what = "your message was sent via \(channel) at \(when(earlier.sentAt ?? earlier.updatedAt))" + (earlier.postURL.map { ": \($0)" } ?? "")
        case .queued, .retrying:
            what = "your message is queued via \(channel) and goes from \(when(earlier.nextAttemptAt)) with `cartable send`"
                + (earlier.lastError.map { " (last attempt: \($0))" } ?? "")
        case .sending:
            what = "your message is being sent via \(channel)"
        case .dead:
            what = "your message via \(channel) could not be sent (\(earlier.lastError ?? "no reason recorded")); `cartable retry --id \(earlier.id)` queues it again"
        case .cancelled:
            what = "your message via \(channel) was cancelled; `cartable retry --id \(earlier.id)` queues it again"
        }
        if format == .json {
            var output = WriteJSON(outcome: "already-written", draft: draft, supporter: supporter, via: destination)
            output.text = earlier.entry.text
            output.idempotencyKey = earlier.entry.idempotencyKey
            output.postURL = earlier.postURL
            output.state = earlier.state.rawValue
            output.detail = what
            if earlier.state == .queued || earlier.state == .retrying { output.notBefore = Self.iso8601(earlier.nextAttemptAt) }
            Terminal.printJSON(output)
            return
        }
        print("You already wrote to \(display.bold(name)) in this campaign: \(what).")
        print("One supporter, one message per deputy: nothing more was sent. Another deputy: cartable write \(campaign) --suggest")
    }

    /// On a terminal, before the review: the deputy is at their cap, so a message sent now would wait.
    func capNote(for recipient: Recipient, limits: SendingLimits, destination: WriteDestination, history: SupporterHistory) -> String? {
        guard case .sender(let channel) = destination, channel != .dryRun,
              let until = history.loads[recipient.id]?.capFreesAt(limits, now: history.now) else { return nil }
        return "Note: \(recipient.name) has received the messages this campaign allows for now; yours will wait in the outbox until \(when(until))."
    }

    /// `--via intent`: the link that opens the platform's post box with the message.
    func giveLink(_ draft: MessageDraft, supporter: SupporterID) {
        let link = draft.message.intentURL
        if format == .json {
            var output = WriteJSON(outcome: "link", draft: draft, supporter: supporter, via: .intent)
            output.intentURL = link
            Terminal.printJSON(output)
            return
        }
        print()
        print("Post it from your own account (the link opens \(draft.message.channel.displayName) with the message filled in):")
        print(link ?? "")
    }

    /// `--via CHANNEL`: queues the message in the outbox, then sends it at once unless the campaign's hours or the
    /// deputy's cap hold it; prints the post's URL, or why it waits or failed. Exit status 1 when it failed.
    func send(_ draft: MessageDraft, through sender: any MessageSender, outbox: SQLiteOutbox, supporter: SupporterID, display: WriteDisplay) async throws {
        let campaign = draft.composer.campaign
        let via = sender.channel
        let entry = OutboxEntry(draft.message, campaign: campaign, via: via)
        var output = WriteJSON(outcome: "queued", draft: draft, supporter: supporter, via: .sender(BuiltInChannel(rawValue: via) ?? .dryRun))
        output.idempotencyKey = entry.idempotencyKey
        let now = Date()
        let schedule = via == BuiltInChannel.dryRun.rawValue ? .open : SendingSchedule(campaign.sending).status(at: now)
        if case .ended(let reason) = schedule {
            finish(&output, outcome: "window-ended", detail: reason, line: "Not sent: \(reason).")
            throw ExitCode(1)
        }

        let claim: SQLiteOutbox.SingleClaim
        do {
            let added = try outbox.enqueue([entry], pacing: CampaignPacing(campaignID: campaign.id, limits: campaign.sending), now: now)
            if added.alreadyQueued > 0, let earlier = try await outbox.message(idempotencyKey: entry.idempotencyKey) {
                // Another run of the same supporter got there between the check and now.
                reportAlreadyWritten(earlier, draft: draft, supporter: supporter, via: .sender(BuiltInChannel(rawValue: via) ?? .dryRun), display: display)
                return
            }
            if case .closedUntil(let opening) = schedule {
                output.notBefore = Self.iso8601(opening)
                finish(&output, outcome: "queued", detail: "outside the campaign's sending hours",
                       line: "Queued: the campaign sends from \(when(opening)); `cartable send` posts it then (outbox \(outbox.path)).")
                return
            }
            claim = try await outbox.claim(
                idempotencyKey: entry.idempotencyKey,
                caps: RecipientCaps(perHour: campaign.sending.perRecipientPerHour, perDay: campaign.sending.perRecipientPerDay),
                owner: Self.owner, leaseDuration: timeout * 2 + 30, now: now)
        } catch {
            throw OutboxFailure(error, path: outbox.path, doing: "queueing the message").report()
        }

        let row: OutboxMessage
        switch claim {
        case .claimed(let claimed):
            row = claimed
        case .heldByCap(let until):
            output.notBefore = Self.iso8601(until)
            finish(&output, outcome: "queued", detail: "the deputy's per-recipient cap",
                   line: "Queued: \(draft.recipient.name) has received the messages this campaign allows for now "
                       + "(\(campaign.sending.perRecipientPerHour) per hour, \(campaign.sending.perRecipientPerDay) per day); "
                       + "yours goes from \(when(until)) with `cartable send` (outbox \(outbox.path)).")
            return
        case .notClaimable(let existing):
            reportAlreadyWritten(existing, draft: draft, supporter: supporter, via: .sender(BuiltInChannel(rawValue: via) ?? .dryRun), display: display)
            return
        case .missing:
            Terminal.printError("the message vanished from the outbox \(outbox.path) before it could be sent")
            throw ExitCode(1)
        }

        if format == .text { print("Sending to \(draft.recipient.name) via \(via)…") }
        let startedAt = Date()
        let delivery = await sender.send(row.outgoing)
        let transition = DeliveryDecision.transition(for: delivery, of: row, policy: RetryPolicy(), accountResumesAt: nil, now: Date())
        do {
            try await outbox.record([RecordedTransition(messageID: row.id, transition: transition, startedAt: startedAt)], owner: Self.owner, now: Date())
        } catch {
            // The platform answered but the outcome could not be written: the row's lease expires and a later
            // `send` retries it with the same key, which the platform recognises (or X reports as a duplicate).
            Terminal.printError("the answer could not be recorded in \(outbox.path): \(error)")
        }
        switch transition {
        case .sent(_, let postURL, let duplicate, _):
            output.postURL = postURL
            let place = postURL.map { ": \($0)" } ?? " (the platform gave no link to the post)"
            finish(&output, outcome: "sent", detail: duplicate ? "the platform already had it" : nil,
                   line: (duplicate ? "Already on \(via)" : "Sent to \(draft.recipient.name) via \(via)") + place)
        case .retry(let at, let error, _, _):
            output.notBefore = Self.iso8601(at)
            finish(&output, outcome: "failed", detail: error,
                   line: "Not sent yet: \(error). It stays queued and is retried from \(when(at)) by `cartable send` (outbox \(outbox.path)).")
            throw ExitCode(1)
        case .dead(let reason, _):
            finish(&output, outcome: "failed", detail: reason,
                   line: "Not sent: \(reason). Fix the cause, then `cartable retry --id \(row.id)` and `cartable send`.")
            throw ExitCode(1)
        case .release:
            finish(&output, outcome: "queued", detail: nil, line: "Queued; `cartable send` posts it.")
        }
    }

    /// Prints the outcome: the JSON object, or its line of text.
    private func finish(_ output: inout WriteJSON, outcome: String, detail: String?, line: String) {
        output.outcome = outcome
        output.detail = detail
        if format == .json {
            Terminal.printJSON(output)
        } else {
            print(line)
        }
    }

    /// This process, as the lease holder of the message it sends.
    private static let owner = LeaseOwner.current()

    /// A moment for people: `14:05` today, else `2026-04-02 14:05`, local time.
    func when(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.dateFormat = Calendar.current.isDate(date, inSameDayAs: Date()) ? "HH:mm" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    static func iso8601(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
