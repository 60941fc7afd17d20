import Cartable
import Foundation

/// `/admin/c/{id}`: the organiser's dashboard, rendered on the server (it works without a script). Each live part is a
/// `<div id="live-…">` that the admin script replaces with the same part rendered again, as the events stream sends
/// it (``DashboardEvents``).
struct DashboardPage: Sendable {
    var language: Language
    var served: ServedCampaign

    /// The dashboard's address for a campaign.
    static func path(_ campaignID: String) -> String { "/admin/c/\(Paths.escape(campaignID))" }

    /// The whole page's body; `notice` is the confirmation of the action just done, if any.
    func body(_ figures: DashboardFigures, notice: String?) -> HTML {
        let live = parts(figures).map { id, html in "<div id=\"live-\(id)\" class=\"live\">\(html)</div>" as HTML }
        return """
            <h1>\(AdminPhrase.title.text(language, served.campaign.title))</h1>
            <form method="post" action="/admin/logout" class="logout"><button type="submit">\(AdminPhrase.logoutButton.text(language))</button></form>
            \(notice.map { "<p class=\"notice\" role=\"status\">\($0)</p>" as HTML })
            <p class="quiet">\(AdminPhrase.liveNote.text(language))</p>
            <div id="dashboard" data-events="\(Self.path(served.id))/events?lang=\(language.rawValue)">
            \(live)
            </div>
            """
    }

    /// The live parts by id, in page order.
    func parts(_ figures: DashboardFigures) -> [(String, HTML)] {
        [("paused", paused(figures.report)), ("states", states(figures.report)), ("satchel", satchel(figures.satchel)),
         ("today", today(figures.report.day)), ("variants", variants(figures.report)), ("accounts", accounts(figures.accounts)),
         ("errors", errors(figures.report)), ("oldest", oldest(figures.report)), ("actions", actions(figures.report)),
         ("read", "<p class=\"quiet\">\(AdminPhrase.readAt.text(language, Self.time(figures.readAt)))</p>")]
    }

    private func number(_ value: Int) -> String { language.number(value) }

    private func paused(_ report: OutboxReport) -> HTML {
        guard let paused = report.paused.first(where: { $0.campaignID == served.id }) else { return "" }
        return "<p class=\"problem\" data-paused=\"1\">\(AdminPhrase.pausedNotice.text(language, Self.time(paused.pausedAt)))</p>"
    }

    private func states(_ report: OutboxReport) -> HTML {
        let channels = report.channelStates.keys.sorted()
        let head = HTML.joined(channels.map { "<th scope=\"col\">\($0)</th>" as HTML })
        let rows = OutboxState.allCases.map { state in
            let cells = HTML.joined(channels.map { "<td>\(number(report.channelStates[$0]?[state] ?? 0))</td>" as HTML })
            return "<tr><th scope=\"row\">\(stateName(state))</th>\(cells)<td data-state=\"\(state.rawValue)\">\(number(report.states[state, default: 0]))</td></tr>" as HTML
        }
        let totals = HTML.joined(channels.map { "<td>\(number(report.channels[$0, default: 0]))</td>" as HTML })
        return """
            <h2>\(AdminPhrase.stateHeading.text(language))</h2>
            <table class="figures"><thead><tr><td></td>\(head)<th scope="col">\(AdminPhrase.total.text(language))</th></tr></thead>
            <tbody>\(rows)<tr class="sum"><th scope="row">\(AdminPhrase.total.text(language))</th>\(totals)<td data-total="1">\(number(report.total))</td></tr></tbody></table>
            """
    }

    /// A state as the page's language says it, with `status`'s own word in French (`envoyés (sent)`).
    private func stateName(_ state: OutboxState) -> String {
        guard language == .french else { return state == .sending ? "being sent" : state.rawValue }
        let french: String = switch state {
        case .queued: "en file"
        case .sending: "en cours d’envoi"
        case .sent: "envoyés"
        case .retrying: "en reprise"
        case .dead: "abandonnés"
        case .cancelled: "annulés"
        }
        return "\(french) (\(state.rawValue))"
    }

    private func satchel(_ satchel: TargetSatchel) -> HTML {
        func table(_ caption: AdminPhrase, _ shares: [TargetSatchel.Share]) -> HTML {
            let rows = shares.map { "<tr><th scope=\"row\">\($0.name)</th><td>\(number($0.reached)) / \(number($0.targets))</td></tr>" as HTML }
            return """
                <table class="figures"><caption>\(caption.text(language))</caption>\
                <thead><tr><td></td><th scope="col">\(AdminPhrase.reachedOf.text(language))</th></tr></thead><tbody>\(rows)</tbody></table>
                """
        }
        return """
            <h2>\(AdminPhrase.satchelHeading.text(language))</h2>
            <p data-reached="\(satchel.reached)">\(AdminPhrase.satchelSummary.text(language, number(satchel.reached), number(satchel.targets), number(satchel.targets - satchel.reached)))</p>
            <div class="columns">\(table(.byGroup, satchel.groups))\(table(.byDepartment, satchel.departments))</div>
            """
    }

    private func today(_ day: OutboxDay) -> HTML {
        """
        <h2>\(AdminPhrase.todayHeading.text(language))</h2>
        <p data-supporters="\(day.supporters)">\(AdminPhrase.supportersToday.text(language, number(day.supporters)))</p>
        <p data-sent-today="\(day.sent)">\(AdminPhrase.sentToday.text(language, number(day.sent)))</p>
        \(SendsChart(day: day, language: language).html)
        """
    }

    private func variants(_ report: OutboxReport) -> HTML {
        guard !report.variants.isEmpty else { return "" }
        let rows = report.variants.map { "<tr><th scope=\"row\">\($0.variant)</th><td>\(number($0.sent)) / \(number($0.total))</td></tr>" as HTML }
        return """
            <h2>\(AdminPhrase.variantsHeading.text(language))</h2>
            <table class="figures"><thead><tr><th scope="col">\(AdminPhrase.variant.text(language))</th><th scope="col">\(AdminPhrase.sentOfTotal.text(language))</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    private func accounts(_ pauses: [DashboardFigures.AccountPause]) -> HTML {
        let list: HTML = pauses.isEmpty
            ? "<p>\(AdminPhrase.accountsNone.text(language))</p>"
            : "<ul>\(pauses.map { "<li>\(AdminPhrase.accountPaused.text(language, $0.account, Self.time($0.until)))</li>" as HTML })</ul>"
        return "<h2>\(AdminPhrase.accountsHeading.text(language))</h2>\n\(list)\n<p class=\"quiet\">\(AdminPhrase.accountsNote.text(language))</p>"
    }

    private func errors(_ report: OutboxReport) -> HTML {
        let list: HTML = report.errors.isEmpty
            ? "<p>\(AdminPhrase.errorsNone.text(language))</p>"
            : "<ul class=\"errors\">\(report.errors.map { "<li><span class=\"state\">\($0.state.rawValue)</span> \(AdminPhrase.errorRow.text(language, number($0.count), $0.error))</li>" as HTML })</ul>"
        return "<h2>\(AdminPhrase.errorsHeading.text(language))</h2>\n\(list)"
    }

    private func oldest(_ report: OutboxReport) -> HTML {
        let text: String
        if let oldest = report.oldestWaiting {
            text = AdminPhrase.oldestRow.text(language, String(oldest.id), oldest.idempotencyKey,
                                              oldest.state.rawValue, Self.time(oldest.queuedAt), Self.time(oldest.nextAttemptAt))
        } else {
            text = AdminPhrase.oldestNone.text(language)
        }
        return "<h2>\(AdminPhrase.oldestHeading.text(language))</h2>\n<p>\(text)</p>"
    }

    private func actions(_ report: OutboxReport) -> HTML {
        let base = Self.path(served.id)
        let isPaused = report.paused.contains { $0.campaignID == served.id }
        func form(_ action: String, _ button: AdminPhrase, _ hint: AdminPhrase) -> HTML {
            "<form method=\"post\" action=\"\(base)/\(action)\"><button type=\"submit\" name=\"do\" value=\"\(action)\">\(button.text(language))</button> <span class=\"hint\">\(hint.text(language))</span></form>"
        }
        return """
            <h2>\(AdminPhrase.actionsHeading.text(language))</h2>
            \(form("retry", .retryButton, .retryHint))
            \(form("cancel", .cancelButton, .cancelHint))
            \(isPaused ? form("resume", .resumeButton, .resumeHint) : form("pause", .pauseButton, .pauseHint))
            """
    }

    /// A moment in UTC, `2026-11-30 14:05:09`, the same in both languages.
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}
