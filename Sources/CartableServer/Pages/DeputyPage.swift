import Cartable

/// `/c/{id}/d/{deputy}`: the deputy, the message composed for this supporter with its length gauge, another
/// wording, the edit box, the links to post it from one's own account, and sending through the campaign.
struct DeputyPage: Sendable {
    var language: Language
    var served: ServedCampaign
    var paths: Paths
    var visitor: Visitor

    /// ``body(_:turn:)``, kept by the served campaign (``DeputyPageKey``) when it is the same for every supporter who
    /// asks: the campaign's wording (not an edit), and no Mastodon instance of the visitor's own (good or bad).
    func keptBody(_ draft: MessageDraft, turn: Int) -> HTML {
        guard !draft.isEdited, visitor.mastodonInstance == nil, visitor.badInstance == nil else { return body(draft, turn: turn) }
        let key = DeputyPageKey(language: language, embed: paths.embed, deputy: draft.recipient.id, turn: turn,
                                      shown: draft.turn, text: draft.message.text)
        return served.deputyPages.value(for: key) { body(draft, turn: turn) }
    }

    /// The content: what the supporter reads between the frame's header and footer.
    func body(_ draft: MessageDraft, turn: Int) -> HTML {
        let recipient = draft.recipient
        let channel = served.campaign.channel
        let card = DeputyCard(language: language, channel: channel, kept: served.deputyDetails)
        let header: HTML = """
            <h1>\(recipient.name)</h1>
            <p class="details">\(card.details(recipient))</p>
            """
        guard !channel.needsHandle || recipient.isReachable(on: channel) else {
            return HTML.joined([header, unreachable(recipient, card: card)], separator: "\n")
        }
        let message = draft.message
        let origin: String = draft.isEdited ? language.text(.yourText)
            : language.text(.variantOf, String(draft.turn + 1), String(draft.variantCount))
        var parts: [HTML] = [header]
        parts.append("""
            <section class="message" aria-labelledby="message-heading">
            <h2 id="message-heading">\(language.text(.messageHeading)) <span class="origin" id="message-origin" data-edited="(\(language.text(.yourText)))">(\(origin))</span></h2>
            <p class="text" id="message-text" lang="\(served.campaign.language)">\(message.text)</p>
            \(LengthGauge(language: language).html(message.measurement, profile: draft.composer.profile.name))
            \(message.measurement.excess > 0 ? "<p class=\"problem\" id=\"excess\">\(language.text(.cannotPostOver, language.number(message.measurement.excess)))</p>" as HTML : nil)
            \(!draft.mentionsRecipient ? "<p class=\"warning\">\(language.text(.mentionDropped, draft.mention ?? ""))</p>" as HTML : nil)
            </section>
            """)
        parts.append(postOwn(draft, turn: turn))
        if served.sendsThroughCampaign { parts.append(sendThrough(draft, turn: turn)) }
        parts.append(changes(draft, turn: turn))
        return HTML.joined(parts, separator: "\n")
    }

    /// "Post it from your own account": the platform's post box with the text filled in.
    private func postOwn(_ draft: MessageDraft, turn: Int) -> HTML {
        let channel = served.campaign.channel
        guard channel != .webhook else { return "" }
        let message = draft.message
        var link: HTML = ""
        if message.isValid, let url = message.intentURL {
            let label: String = switch channel {
            case .twitter: language.text(.postOnX)
            case .bluesky: language.text(.postOnBluesky)
            case .mastodon: language.text(.postOnMastodon, visitor.mastodonInstance?.baseURL ?? "")
            case .webhook: ""
            }
            link = """
                <p><a class="button post" id="intent" href="\(url)" data-prefix="\(message.intentLinkPrefix ?? "")" rel="noopener noreferrer" target="_blank">\(label)</a>
                <a class="quiet" href="\(paths.thanks(draft.recipient.id))">\(language.text(.iPosted))</a></p>
                """
        }
        var instanceForm: HTML = ""
        if channel == .mastodon {
            let problem = visitor.badInstance.map { "<p class=\"problem\">\(language.text(.mastodonInstanceBad, $0))</p>" as HTML }
            instanceForm = """
                <form method="get" action="\(paths.deputy(draft.recipient.id))" class="instance">
                \(paths.embedField)<input type="hidden" name="turn" value="\(turn)">
                \(problem)
                <p><label for="instance">\(language.text(.mastodonInstanceLabel))</label>
                <input id="instance" name="instance" type="text" autocomplete="url" value="\(visitor.mastodonInstance?.baseURL ?? visitor.badInstance ?? "")">
                <button type="submit">\(language.text(.mastodonInstanceButton))</button></p>
                </form>
                """
        }
        return """
            <section class="post-own" aria-labelledby="own-heading">
            <h2 id="own-heading">\(language.text(.postOwnHeading))</h2>
            \(link)
            \(instanceForm)
            </section>
            """
    }

    /// "Send it through the campaign's account": only the campaign's wording, named by its turn; never an edit.
    private func sendThrough(_ draft: MessageDraft, turn: Int) -> HTML {
        let form: HTML = draft.isEdited || !draft.message.isValid
            ? "<p class=\"note\">\(language.text(.sendThroughNotForEdits))</p>"
            : """
                <form method="post" action="\(paths.send(draft.recipient.id))" id="send-form">
                \(paths.embedField)<input type="hidden" name="turn" value="\(turn)">
                <p><button type="submit" class="button">\(language.text(.sendThroughButton))</button></p>
                </form>
                <p class="note">\(language.text(.sendThroughOnlyWordings))</p>
                """
        return """
            <section class="send-through" aria-labelledby="through-heading">
            <h2 id="through-heading">\(language.text(.sendThroughHeading))</h2>
            \(form)
            </section>
            """
    }

    /// Another wording, and the edit box (measured again on the server when submitted, live with the script).
    private func changes(_ draft: MessageDraft, turn: Int) -> HTML {
        let another: HTML = draft.variantCount > 1 || draft.isEdited
            ? "<p><a class=\"quiet\" id=\"another\" href=\"\(paths.deputy(draft.recipient.id, turn: draft.isEdited ? turn : turn + 1))\">\(language.text(.anotherWording))</a></p>"
            : ""
        let measure = "/api/c/\(Paths.escape(served.id))/measure"
        return """
            \(another)
            <details class="edit"\(draft.isEdited ? " open" : "")>
            <summary>\(language.text(.editHeading))</summary>
            <form method="post" action="\(paths.edit(draft.recipient.id))">
            \(paths.embedField)<input type="hidden" name="turn" value="\(turn)">
            <p><label for="text">\(language.text(.editLabel))</label>
            <textarea id="text" name="text" rows="6" data-measure="\(measure)" data-announce="\(language.text(.counterAnnounce))" \
            data-over="\(language.text(.overBy))" data-fits="\(language.text(.fits))">\(draft.message.text)</textarea></p>
            <p class="live" id="live-count" aria-live="polite"></p>
            <p><button type="submit">\(language.text(.measureButton))</button></p>
            </form>
            </details>
            """
    }

    /// A deputy the campaign cannot reach on its channel: where else they are, and reachable deputies nearby.
    private func unreachable(_ recipient: Recipient, card: DeputyCard) -> HTML {
        let channel = served.campaign.channel
        let advice = UnreachableAdvice(for: recipient, on: channel, targets: served.audience.targets)
        let elsewhere = advice.elsewhere.map { "<p>\(language.text(.elsewhere, $0.channel.displayName, $0.mention))</p>" as HTML }
        let alternatives: HTML = advice.alternatives.isEmpty ? ""
            : "<p>\(language.text(.unreachableHint, channel.displayName))</p><ul class=\"deputies\">\(advice.alternatives.map { card.item($0, link: paths.deputy($0.id)) })</ul>"
        return "\(elsewhere)\n\(alternatives)"
    }
}
