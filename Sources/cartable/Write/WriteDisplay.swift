import Cartable

/// How `cartable write` shows deputies and messages to people, with colours only when asked for.
struct WriteDisplay {
    /// Whether to colour (a terminal, without `NO_COLOR`).
    var colors: Bool
    /// The campaign's channel, for handles.
    var channel: Channel

    func bold(_ text: String) -> String { colors ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func green(_ text: String) -> String { colors ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
    func red(_ text: String) -> String { colors ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { colors ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

    /// `Jérôme Guedj (SOC) — Essonne (91), constituency 6 — @JeromeGuedj`, or `— no X (Twitter) handle`.
    func describe(_ recipient: Recipient) -> String {
        let clean = { (text: String) in TerminalText.escaped(text, keepingLineBreaks: false) }
        var parts = [bold(clean(recipient.name)) + (recipient.group.map { " (\(clean($0)))" } ?? "")]
        var place: [String] = []
        if let department = recipient.department {
            place.append(clean("\(recipient.departmentName ?? Department(code: department)?.name ?? department) (\(department))"))
        }
        if let constituency = recipient.constituency { place.append("constituency \(constituency)") }
        if !place.isEmpty { parts.append(place.joined(separator: ", ")) }
        if channel.needsHandle {
            parts.append(recipient.mention(on: channel).map(clean) ?? red("no \(channel.displayName) handle"))
        }
        return parts.joined(separator: " — ")
    }

    /// The numbered list of a choice.
    func numbered(_ recipients: [Recipient], counts: [Int]? = nil) -> String {
        let width = String(recipients.count).count
        return recipients.enumerated().map { index, recipient in
            let number = String(index + 1)
            let padding = String(repeating: " ", count: width - number.count)
            let count = counts.map { "  " + dim("\($0[index]) message\($0[index] == 1 ? "" : "s") so far") } ?? ""
            return "  \(padding)\(number)) \(describe(recipient))\(count)"
        }.joined(separator: "\n")
    }

    /// The message as it will be posted, with where it comes from and its length against the limit.
    func show(_ draft: MessageDraft, profile: String) -> String {
        let message = draft.message
        var origin: String
        if draft.isEdited {
            origin = "your text"
        } else if let variant = message.variantID {
            origin = "variant \(variant)" + (draft.variantCount > 1 ? ", \(draft.turn + 1) of \(draft.variantCount)" : "")
            if message.fitting.usedFallback, let chosen = message.fitting.chosenVariantID {
                origin += ", instead of \(chosen), which does not fit"
            }
            if message.fitting.droppedOptionalParts > 0 {
                origin += ", without \(message.fitting.droppedOptionalParts) optional part\(message.fitting.droppedOptionalParts == 1 ? "" : "s")"
            }
        } else {
            origin = "no variant"
        }
        let text = message.text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + TerminalText.escaped(String($0)) }
            .joined(separator: "\n")
        var lines = ["To " + describe(draft.recipient), dim("Message (\(TerminalText.escaped(origin))):"), "", text, "", lengthLine(message, profile: profile)]
        if !draft.mentionsRecipient, let mention = draft.mention {
            lines.append(red("warning:") + " the text no longer mentions \(mention): they will not be notified")
        }
        return lines.joined(separator: "\n")
    }

    /// `112/140 characters (twitter-classic): fits`, or how many over the limit.
    func lengthLine(_ message: Message, profile: String) -> String {
        let measured = "\(message.measurement.weightedLength)/\(message.measurement.maxLength) characters (\(profile))"
        if let problem = message.problems.first {
            switch problem {
            case .tooLong:
                return measured + ": " + red("\(problem.excess) over the limit") + ", cannot be sent: shorten it by \(problem.excess)"
            case .invalid, .noTemplate, .hiddenCharacters, .onlyAddress:
                return measured + ": " + red(TerminalText.escaped(problem.description) + ", cannot be sent")
            }
        }
        return measured + ": " + green("fits")
    }
}
