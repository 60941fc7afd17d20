import ArgumentParser
import Cartable
import Foundation

/// Choosing the deputy: the options, the numbered choice, the suggestions, and what to say when none fits.
extension Write {
    // MARK: Choosing the deputy

    var query: RecipientQuery {
        RecipientQuery(
            text: to?.trimmingCharacters(in: .whitespaces), department: department.flatMap(RecipientQuery.department(named:)),
            postcode: postcode?.trimmingCharacters(in: .whitespaces))
    }

    /// The one deputy the options name, asking on a terminal when several match (or when none is named).
    func choose(in audience: CampaignAudience, supporter: SupporterID, history: SupporterHistory, display: WriteDisplay) throws -> Recipient {
        var query = self.query
        var matches = audience.choice.matches(query)
        if query.isEmpty && !suggest {
            // Asked on the terminal: a name that matches nothing is asked again rather than ending the run.
            while true {
                query.text = try askWho(audience)
                matches = audience.choice.matches(query)
                guard matches.recipients.isEmpty else { break }
                Terminal.printText(noMatchHint(matches, asked: query, audience: audience).joined(separator: ": "))
            }
        }
        if suggest {
            return try chooseSuggested(from: query.isEmpty ? audience.targets : matches.recipients, in: audience,
                                       understood: matches.interpretations, supporter: supporter, history: history, display: display)
        }
        switch matches.recipients.count {
        case 0:
            reportNoMatch(matches, asked: query, audience: audience)
            throw ExitCode(1)
        case 1:
            return matches.recipients[0]
        default:
            // A postcode spanning several constituencies, a commune several places are named after: say what narrows it.
            let heading = (matches.notes + ["\(matches.recipients.count) deputies match \(matches.interpretations.joined(separator: " and ")):"])
                .joined(separator: "\n")
            let hint = matches.notes.isEmpty
                ? "narrow it down: more of the name (--to \"first last\"), --department CODE or --postcode NNNNN"
                : "choose one with --to NAME; a commune's name narrows a postcode (--postcode NNNNN --to COMMUNE)"
            return try pickOrList(matches.recipients, heading: heading, understood: matches.interpretations, notes: matches.notes,
                                  display: display, hint: hint)
        }
    }

    /// On a terminal without --to, --department, --postcode or --suggest: the name (or place) typed when asked.
    func askWho(_ audience: CampaignAudience) throws -> String {
        Terminal.printText("\(audience.campaign.title): \(audience.targets.count) deputies to write to.")
        while true {
            guard let answer = LineInput.ask("Who do you want to write to? (a name or part of it, a department, a postcode, a commune; q to quit) ") else {
                print()
                print("Nothing sent.")
                throw ExitCode(1)
            }
            let trimmed = answer.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased() == "q" {
                print("Nothing sent.")
                throw ExitCode(1)
            }
            if !trimmed.isEmpty { return trimmed }
        }
    }

    /// `--suggest`: the least-written-to targets, at most five; the first with `--yes` when no one can be asked.
    func chooseSuggested(
        from candidates: [Recipient], in audience: CampaignAudience, understood: [String], supporter: SupporterID,
        history: SupporterHistory, display: WriteDisplay
    ) throws -> Recipient {
        let ranking = SuggestionRanking(limits: audience.campaign.sending, channel: audience.campaign.channel, supporter: supporter)
        let result = ranking.rank(candidates, loads: history.loads, writtenBySupporter: history.written, now: history.now)
        let proposed = Array(result.suggestions.prefix(5))
        guard !proposed.isEmpty else {
            var reasons: [String] = []
            if result.unreachable > 0 { reasons.append("\(result.unreachable) without a \(audience.campaign.channel.displayName) handle") }
            if result.atCap > 0 { reasons.append("\(result.atCap) at their per-recipient cap for now") }
            if result.alreadyWritten > 0 { reasons.append("\(result.alreadyWritten) you already wrote to") }
            let why = reasons.isEmpty ? "no target matches" : reasons.joined(separator: ", ")
            if format == .json {
                Terminal.printJSON(WriteChoiceJSON(error: "nothing-to-suggest", understood: understood, matches: [], hint: why))
            }
            Terminal.printError("no deputy to suggest among \(candidates.count): \(why)")
            throw ExitCode(1)
        }
        if proposed.count == 1 || (yes && !isInteractive) { return proposed[0].recipient }
        let counts = proposed.map(\.messagesSoFar)
        let heading = "The deputies who have received the fewest messages of this campaign so far:"
        return try pickOrList(proposed.map(\.recipient), heading: heading, understood: understood, display: display, counts: counts,
                              hint: "choose one with --to NAME, or add --yes to take the first")
    }

    /// On a terminal, the numbered choice; otherwise the list on standard output and exit status 2.
    func pickOrList(
        _ candidates: [Recipient], heading: String, understood: [String], notes: [String] = [], display: WriteDisplay,
        counts: [Int]? = nil, hint: String
    ) throws -> Recipient {
        if isInteractive {
            let needsHandle = via.needsHandle
            var heading = heading
            while true {
                guard let chosen = RecipientPicker(display: display).pick(candidates, heading: heading, counts: counts) else {
                    print("Nothing sent.")
                    throw ExitCode(1)
                }
                guard needsHandle, !chosen.isReachable(on: display.channel) else { return chosen }
                // On a terminal the supporter can choose again at once instead of starting over.
                print("\(chosen.name) has no \(display.channel.displayName) handle: this campaign cannot reach them there.")
                heading = "Choose another deputy (or q, then --via webhook to reach them through the organiser):"
            }
        }
        if format == .json {
            let channel = display.channel
            Terminal.printJSON(WriteChoiceJSON(
                error: "several-matches", understood: understood, notes: notes, matches: candidates.map { WriteRecipientJSON($0, on: channel) },
                hint: hint))
        } else {
            print(heading)
            print(display.numbered(candidates, counts: counts))
        }
        Terminal.printError("\(candidates.count) deputies match and no terminal is there to choose")
        Terminal.printNote("  hint: \(hint)")
        throw ExitCode(2)
    }

    func reportNoMatch(_ matches: RecipientChoice.Matches, asked query: RecipientQuery, audience: CampaignAudience) {
        let lines = noMatchHint(matches, asked: query, audience: audience)
        if format == .json {
            Terminal.printJSON(WriteChoiceJSON(error: "no-match", understood: matches.interpretations, matches: [], hint: lines[1]))
        }
        Terminal.printError(lines[0])
        Terminal.printNote("  hint: " + lines[1])
    }

    /// What matched nothing, and what to try.
    func noMatchHint(_ matches: RecipientChoice.Matches, asked query: RecipientQuery, audience: CampaignAudience) -> [String] {
        let asked = [query.text.map { "\"\($0)\"" }, department.map { "department \($0)" }, postcode.map { "postcode \($0)" }]
            .compactMap { $0 }.joined(separator: " in ")
        var hint = "try part of the name (guedj), a department (93, Seine-Saint-Denis), a postcode or a commune; `cartable recipients search` searches the whole list"
        if !matches.outsideTargets.isEmpty {
            let names = matches.outsideTargets.prefix(3).map(\.name).joined(separator: ", ")
            hint = "\(names)\(matches.outsideTargets.count > 3 ? ", …" : "") \(matches.outsideTargets.count == 1 ? "is" : "are") in the list but not among this campaign's targets"
        }
        return ["no target of \(audience.campaign.id) matches \(asked)", hint]
    }

    /// Says the deputy has no handle on the channel, where else they are, and who nearby can be reached.
    func explainUnreachable(_ recipient: Recipient, audience: CampaignAudience, display: WriteDisplay) {
        let channel = audience.campaign.channel
        let advice = UnreachableAdvice(for: recipient, on: channel, targets: audience.targets)
        Terminal.printError("\(recipient.name) has no \(channel.displayName) handle: this campaign cannot reach them on \(channel.displayName)")
        var lines: [String] = []
        if !advice.elsewhere.isEmpty {
            let places = advice.elsewhere.map { "\($0.channel.displayName) as \($0.mention)" }.joined(separator: ", ")
            lines.append("they are on \(places), which this campaign does not post on")
        }
        lines.append("another channel: --via webhook gives the message to the organiser's webhook, which needs no handle (when the organiser runs one)")
        if !advice.alternatives.isEmpty {
            lines.append("or write to another deputy this campaign reaches (same department first, then same group):")
            lines += advice.alternatives.map { "  cartable write \(campaign) --to \"\($0.name)\"   # \(display.describe($0))" }
        }
        for line in lines { Terminal.printNote("  " + line) }
    }
}
