import Cartable

/// `/c/{id}/d/{deputy}/thanks`: what became of the message (sent through the campaign), or thanks for posting
/// it; another deputy to write to; the campaign's link to share.
struct ThanksPage: Sendable {
    var language: Language
    var served: ServedCampaign
    var paths: Paths
    /// The campaign page's public address, to share.
    var shareURL: String

    func body(for recipient: Recipient, earlier: OutboxMessage?, repeated: Bool, next: Recipient?) -> HTML {
        var parts: [HTML] = ["<h1>\(language.text(.thanksHeading))</h1>"]
        if repeated { parts.append("<p class=\"repeat\">\(language.text(.alreadyWrote, recipient.name))</p>") }
        if let earlier {
            parts.append("<p class=\"status\" id=\"status\">\(DeliveryStatus.describe(earlier, to: recipient.name, in: language))</p>")
            if let postURL = earlier.postURL, earlier.state == .sent, postURL.hasPrefix("https://") {
                parts.append("<p><a href=\"\(postURL)\" rel=\"noopener noreferrer\">\(postURL)</a></p>")
            }
        } else {
            parts.append("<p>\(language.text(.thanksOwn, recipient.name))</p>")
        }
        if let next {
            let link: HTML = "<a href=\"\(paths.deputy(next.id))\">\(next.name)</a>"
            parts.append("<p class=\"next\">\(HTML(trusted: HTMLText.escaped(language.text(.anotherDeputy, "\u{0}")).replacingOccurrences(of: "\u{0}", with: link.markup)))</p>")
        }
        parts.append("""
            <section class="share" aria-labelledby="share-heading">
            <h2 id="share-heading">\(language.text(.shareHeading))</h2>
            <p>\(language.text(.shareHint)) <a href="\(shareURL)">\(shareURL)</a></p>
            </section>
            <p><a href="\(paths.campaign)">\(language.text(.backToCampaign))</a></p>
            """)
        return HTML.joined(parts, separator: "\n")
    }
}
