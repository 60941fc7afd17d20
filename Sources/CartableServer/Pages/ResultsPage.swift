import Cartable

/// `/c/{id}/find`: the deputies a question found, each a link to their page; or why none was found.
struct ResultsPage: Sendable {
    var language: Language
    var served: ServedCampaign
    var paths: Paths

    func body(_ answer: Finder.Answer, question: Finder.Question) -> (title: String, body: HTML) {
        let card = DeputyCard(language: language, channel: served.campaign.channel, kept: served.deputyDetails)
        var content: [HTML] = []
        let heading: String
        switch answer {
        case .matches(let matches):
            heading = language.text(.resultsHeading)
            content.append("<h1>\(heading)</h1>")
            if !matches.readings.isEmpty {
                let understood = matches.readings.map(language.text).joined(separator: ", ")
                content.append("<p class=\"understood\">\(language.text(.resultsUnderstood, understood))</p>")
            }
            // A postcode that spans several constituencies: which commune lies in which (never one seat guessed).
            for advice in matches.advice {
                content.append("<p class=\"note\">\(language.text(advice))</p>")
            }
            if matches.recipients.isEmpty {
                let asked = [question.text.map { "“\($0)”" }, question.department, question.postcode].compactMap { $0 }.joined(separator: ", ")
                content.append("<p class=\"none\">\(language.text(.noMatch, asked.isEmpty ? "…" : asked)) \(language.text(.noMatchHint))</p>")
                if !matches.outsideTargets.isEmpty {
                    let names = matches.outsideTargets.prefix(3).map(\.name).joined(separator: ", ")
                    content.append("<p class=\"outside\">\(language.text(.outsideTargets, names))</p>")
                }
            } else {
                content.append("<ul class=\"deputies\">\(matches.recipients.map { card.item($0, link: paths.deputy($0.id)) })</ul>")
            }
        case .suggestions(let result, _):
            heading = language.text(.suggestionsHeading)
            content.append("<h1>\(heading)</h1>")
            if result.suggestions.isEmpty {
                content.append("<p class=\"none\">\(language.text(.nothingToSuggest))</p>")
            } else {
                content.append("<ul class=\"deputies\">\(result.suggestions.map { card.item($0.recipient, link: paths.deputy($0.recipient.id), count: $0.messagesSoFar) })</ul>")
            }
        }
        content.append(CampaignPages(language: language).finder(served, paths: paths, question: question))
        return (heading, HTML.joined(content, separator: "\n"))
    }
}
