import Cartable

/// The list of campaigns (`/`) and a campaign's own page (`/c/{id}/`, and its frame `/c/{id}/embed`): title,
/// organiser, intro, the satchel so far and the finder.
struct CampaignPages: Sendable {
    var language: Language

    /// `/`: every campaign served.
    func list(_ campaigns: [ServedCampaign]) -> (title: String, body: HTML) {
        let items = campaigns.map { served in
            "<li><a href=\"/c/\(Paths.escape(served.id))/\">\(served.campaign.title)</a> <span class=\"organiser\">\(served.campaign.organiser)</span></li>" as HTML
        }
        let list: HTML = items.isEmpty ? "<p>\(language.text(.campaignsNone))</p>" : "<ul class=\"campaigns\">\(items)</ul>"
        return (language.text(.campaignsHeading), "<h1>\(language.text(.campaignsHeading))</h1>\n\(list)")
    }

    /// `/c/{id}/`: the campaign and its finder.
    func campaign(_ served: ServedCampaign, satchel: Satchel, paths: Paths) -> HTML {
        let campaign = served.campaign
        let intro = campaign.web.intro.map { intro in
            HTML.joined(intro.components(separatedBy: "\n\n").map { "<p>\($0)</p>" as HTML }, separator: "\n")
        }
        let satchelLine: HTML = paths.embed
            ? "<p class=\"satchel\">\(satchel.summary(in: language))</p>"
            : "<p class=\"satchel\">\(satchel.summary(in: language)) · <a href=\"\(paths.satchel)\">\(language.text(.satchelLink))</a></p>"
        return """
            <h1>\(campaign.title)</h1>
            <p class="organiser">\(language.text(.organisedBy, campaign.organiser))</p>
            <div class="intro" lang="\(campaign.language)">\(intro)</div>
            \(satchelLine)
            \(finder(served, paths: paths))
            """
    }

    /// The finder: a name, a department or a postcode; or a suggestion. Plain GET forms (no script needed); the
    /// script adds results as the name is typed.
    func finder(_ served: ServedCampaign, paths: Paths, question: Finder.Question? = nil) -> HTML {
        let search = "/api/c/\(Paths.escape(served.id))/deputies"
        return """
            <section class="finder" aria-labelledby="find-heading">
            <h2 id="find-heading">\(language.text(.findHeading))</h2>
            <form method="get" action="\(paths.find)" class="find" data-search="\(search)" data-deputy="/c/\(Paths.escape(served.id))/d/" data-embed="\(paths.embed ? "1" : "")">
            \(paths.embedField)
            <p><label for="q">\(language.text(.findName))</label>
            <input id="q" name="q" type="search" autocomplete="off" value="\(question?.text ?? "")" aria-describedby="q-hint">
            <span id="q-hint" class="hint">\(language.text(.findNameHint))</span></p>
            <div id="live-results" aria-live="polite"></div>
            <p><label for="department">\(language.text(.findDepartment))</label>
            <input id="department" name="department" type="text" autocomplete="off" value="\(question?.department ?? "")"></p>
            <p><label for="postcode">\(language.text(.findPostcode))</label>
            <input id="postcode" name="postcode" type="text" inputmode="numeric" autocomplete="postal-code" value="\(question?.postcode ?? "")"></p>
            <p><button type="submit">\(language.text(.findButton))</button></p>
            </form>
            <form method="get" action="\(paths.find)" class="suggest">
            \(paths.embedField)<input type="hidden" name="suggest" value="1">
            <p><button type="submit">\(language.text(.suggestButton))</button> <span class="hint">\(language.text(.suggestHint))</span></p>
            </form>
            </section>
            """
    }
}
