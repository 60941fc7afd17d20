import ArgumentParser
import Cartable
import Foundation

/// Delivering the message: the link, or the outbox and the sender at once; and what a repeated send says.
extension Write {
    /// The sender `--via` names, its settings checked; `nil` for a link. Exits 2 when a setting is missing.
    func makeSender(for destination: WriteDestination) throws -> (any MessageSender)? {
        guard case .sender(let channel) = destination else { return nil }
        // The dry run's JSON line goes to standard error: standard output is write's own.
        let senderSet = try senderOptions.senders(for: [channel], dryRunOutput: .file(path: "/dev/stderr"))
        if let unavailable = senderSet.unavailable.first {
            Terminal.printError("\(unavailable.problem) (see docs/channels.md)")
            throw ExitCode(2)
        }
        return senderSet.senders.first
    }

    /// The outbox: created for a send; for a link only read, when there is one already.
    func openOutbox(creating: Bool) throws -> (any Outbox)? {
        guard creating || outboxOptions.mayExist else { return nil }
        do {
            return try outboxOptions.open(creating ? .createIfMissing : .readOnly)
        } catch let failure as OutboxFailure {
            throw failure.report()
        }
    }

    /// The message this supporter already wrote to the deputy in this campaign, if any (see
    /// ``SupporterHistory/earlierMessage(_:via:in:)``).
    func earlierMessage(_ draft: MessageDraft, via destination: WriteDestination, in outbox: any Outbox) async throws -> OutboxMessage? {
        do {
            return try await SupporterHistory.earlierMessage(draft.message, via: destination, in: outbox)
        } catch {
            throw OutboxFailure(error, path: outbox.location, doing: "reading the outbox").report()
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
            output.idempotencyKey = earlier.entry.idempotencyKey.rawValue
            output.postURL = earlier.postURL
            output.state = earlier.state.rawValue
            output.detail = what
            if earlier.state == .queued || earlier.state == .retrying { output.notBefore = Self.iso8601(earlier.nextAttemptAt) }
            Terminal.printJSON(output)
            return
        }
        print("You already wrote to \(display.bold(TerminalText.escaped(name))) in this campaign: \(TerminalText.escaped(what)).")
        print("One supporter, one message per deputy: nothing more was sent. Another deputy: cartable write \(campaign) --suggest")
    }

    /// On a terminal, before the review: the deputy is at their cap, so a message sent now would wait.
    func capNote(for recipient: Recipient, limits: SendingLimits, destination: WriteDestination, history: SupporterHistory) -> String? {
        guard case .sender(let channel) = destination, channel.reachesRecipient,
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
    /// deputy's cap hold it (``SendNow``); prints the post's URL, or why it waits or failed. Exit status 1 when it failed.
    func send(_ draft: MessageDraft, through sender: any MessageSender, outbox: any Outbox, supporter: SupporterID, display: WriteDisplay) async throws {
        let campaign = draft.composer.campaign
        let via = sender.channel.name
        let destination = WriteDestination.sender(sender.channel)
        let sendNow = SendNow(outbox: outbox, sender: sender, owner: Self.owner, leaseDuration: senderOptions.timeout * 2 + 30)
        let result: SendNow.Result
        do {
            result = try await sendNow.send(draft.message, of: campaign) {
                // Said when the request leaves, since the answer may take a while.
                if format == .text { Terminal.printText("Sending to \(draft.recipient.name) via \(via)…") }
            }
        } catch {
            throw OutboxFailure(error).report()
        }
        var output = WriteJSON(outcome: "queued", draft: draft, supporter: supporter, via: destination)
        output.idempotencyKey = result.entry.idempotencyKey.rawValue
        if let unrecorded = result.unrecorded {
            // The platform answered but the outcome could not be written: the row's lease expires and a later
            // `send` retries it with the same key, which the platform recognises (or X reports as a duplicate).
            Terminal.printError("the answer could not be recorded in \(outbox.location): \(unrecorded.message)")
        }
        let limits = campaign.sending
        switch result.outcome {
        case .windowEnded(let reason):
            finish(&output, outcome: "window-ended", detail: reason, line: "Not sent: \(reason).")
            throw ExitCode(1)
        case .alreadyQueued(let earlier):
            reportAlreadyWritten(earlier, draft: draft, supporter: supporter, via: destination, display: display)
        case .campaignPaused:
            finish(&output, outcome: "queued", detail: "the campaign is paused",
                   line: "Queued: the campaign \(campaign.id) is paused; your message waits in the outbox and goes once it is resumed "
                       + "(`cartable resume \(campaign.id)`, then `cartable send`; outbox \(outbox.location)).")
        case .waitingForHours(let opening):
            output.notBefore = Self.iso8601(opening)
            finish(&output, outcome: "queued", detail: "outside the campaign's sending hours",
                   line: "Queued: the campaign sends from \(when(opening)); `cartable send` posts it then (outbox \(outbox.location)).")
        case .heldByCap(let until):
            output.notBefore = Self.iso8601(until)
            finish(&output, outcome: "queued", detail: "the deputy's per-recipient cap",
                   line: "Queued: \(draft.recipient.name) has received the messages this campaign allows for now "
                       + "(\(limits.perRecipientPerHour) per hour, \(limits.perRecipientPerDay) per day); "
                       + "yours goes from \(when(until)) with `cartable send` (outbox \(outbox.location)).")
        case .vanished:
            Terminal.printError("the message vanished from the outbox \(outbox.location) before it could be sent")
            throw ExitCode(1)
        case .sent(_, let postURL, let duplicate):
            output.postURL = postURL
            let place = postURL.map { ": \($0)" } ?? " (the platform gave no link to the post)"
            finish(&output, outcome: "sent", detail: duplicate ? "the platform already had it" : nil,
                   line: (duplicate ? "Already on \(via)" : "Sent to \(draft.recipient.name) via \(via)") + place)
        case .willRetry(_, let at, let error):
            output.notBefore = Self.iso8601(at)
            finish(&output, outcome: "failed", detail: error,
                   line: "Not sent yet: \(error). It stays queued and is retried from \(when(at)) by `cartable send` (outbox \(outbox.location)).")
            throw ExitCode(1)
        case .failed(let row, let reason):
            finish(&output, outcome: "failed", detail: reason,
                   line: "Not sent: \(reason). Fix the cause, then `cartable retry --id \(row.id)` and `cartable send`.")
            throw ExitCode(1)
        case .released:
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
            Terminal.printText(line)
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
