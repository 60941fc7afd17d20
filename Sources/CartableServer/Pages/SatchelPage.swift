import Cartable

/// `/c/{id}/satchel`: every target with the messages received so far, those not reached yet first; filtered by
/// group and department with a plain GET form.
struct SatchelPage: Sendable {
    var language: Language
    var served: ServedCampaign
    var paths: Paths

    func body(_ satchel: Satchel, group: String?, department: String?) -> HTML {
        let targets = served.audience.targets
        let card = DeputyCard(language: language, channel: served.campaign.channel, kept: served.deputyDetails)
        let shown = targets.filter { recipient in
            (group == nil || recipient.group == group) && (department == nil || recipient.department == department)
        }
        let notReached = shown.filter { satchel.received[$0.id] == nil }
        let reached = shown.filter { satchel.received[$0.id] != nil }.sorted { satchel.received[$0.id, default: 0] > satchel.received[$1.id, default: 0] }
        func options(_ values: [String], selected: String?) -> HTML {
            let all: HTML = "<option value=\"\">\(language.text(.satchelAll))</option>"
            return HTML.joined([all] + values.map { "<option value=\"\($0)\"\($0 == selected ? " selected" : "")>\($0)</option>" as HTML })
        }
        let groups = Set(targets.compactMap(\.group)).sorted()
        let departments = Set(targets.compactMap(\.department)).sorted()
        func list(_ recipients: [Recipient]) -> HTML {
            let items = recipients.map { recipient in
                let count = satchel.received[recipient.id, default: 0]
                return """
                    <li><a href="\(paths.deputy(recipient.id))">\(recipient.name)</a> <span class="details">\(card.details(recipient))</span> \
                    <span class="count">\(language.text(.satchelReceived, language.count(count, one: .messagesOne, other: .messagesOther)))</span></li>
                    """ as HTML
            }
            return "<ul class=\"deputies\">\(items)</ul>"
        }
        return """
            <h1>\(language.text(.satchelHeading))</h1>
            <p class="satchel">\(satchel.summary(in: language))</p>
            <form method="get" action="\(paths.satchel)" class="filters">
            \(paths.embedField)
            <p><label for="group">\(language.text(.satchelFilterGroup))</label> <select id="group" name="group">\(options(groups, selected: group))</select>
            <label for="dep">\(language.text(.satchelFilterDepartment))</label> <select id="dep" name="department">\(options(departments, selected: department))</select>
            <button type="submit">\(language.text(.satchelFilterButton))</button></p>
            </form>
            <h2>\(language.text(.satchelNotReached)) (\(language.number(notReached.count)))</h2>
            \(list(notReached))
            <h2>\(language.text(.satchelReached)) (\(language.number(reached.count)))</h2>
            \(list(reached))
            <p><a href="\(paths.campaign)">\(language.text(.backToCampaign))</a></p>
            """
    }
}
