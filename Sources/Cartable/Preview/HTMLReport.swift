/// The HTML shape of a preview: one self-contained page (inline style and script, no external asset, a
/// Content-Security-Policy that forbids loading any) to open in a browser and share.
///
/// It shows the summary, a histogram of lengths, per-variant and per-group counts, filters by group and
/// department (and "problems only"), then each message as a post card with its length gauge and a "Post it"
/// link, the problems first. Every value from the data is escaped (``HTMLText``).
public struct HTMLReport: Sendable {
    private let campaign: Campaign
    private var problems: [Message] = []
    private var valid: [Message] = []

    /// An empty report for `campaign`.
    public init(campaign: Campaign) {
        self.campaign = campaign
    }

    /// Adds a message (the report keeps the batch: problems are shown first).
    public mutating func add(_ message: Message) {
        if message.isValid { valid.append(message) } else { problems.append(message) }
    }

    /// The whole page, messages and summary, as one self-contained HTML document (styles and script inline);
    /// `validLeftOut` valid messages were not added (see ``PreviewRenderer/validMessagesShown``).
    public func render(_ summary: PreviewSummary, validLeftOut: Int = 0) -> String {
        var html = """
            <!doctype html>
            <html lang="\(e(campaign.language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
            <title>\(e(campaign.title)) — preview</title>
            <style>\(Self.style)</style>
            </head>
            <body data-js="off">
            <header class="top">
            <h1>\(e(campaign.title))</h1>
            <p class="sub">\(e(campaign.id)) · \(e(campaign.organiser)) · \(e(summary.channel.displayName)), counted as \(e(summary.profile)) (limit \(summary.lengths.maxLength))</p>
            </header>

            """
        html += tiles(summary)
        html += charts(summary)
        html += filters(summary)
        html += "<section id=\"problems\"><h2>Problems (\(problems.count))</h2>\n"
        html += problems.isEmpty ? "<p class=\"none\">No problem: every message fits.</p>\n" : problems.map(card).joined()
        html += "</section>\n<section id=\"messages\"><h2>Messages ready to post (\(valid.count + validLeftOut))</h2>\n"
        html += valid.map(card).joined()
        if validLeftOut > 0 { html += "<p class=\"none\">\(e(PreviewRenderer.leftOutNote(validLeftOut)))</p>\n" }
        html += "</section>\n"
        if summary.unreachable > 0 {
            html += "<details class=\"unreachable\"><summary>\(summary.unreachable) target\(summary.unreachable == 1 ? "" : "s") without a \(e(summary.channel.rawValue)) handle"
            html += summary.unreachableSkipped ? " (left out by skip_unreachable)" : ""
            html += "</summary><ul>"
            html += summary.unreachableExamples.map { "<li>\(e($0.name)) <span class=\"id\">\(e($0.id))</span></li>" }.joined()
            if summary.unreachable > summary.unreachableExamples.count { html += "<li>…</li>" }
            html += "</ul></details>\n"
        }
        if summary.stoppedAtLimit { html += "<p class=\"none\">Stopped after the number of messages asked for: the rest of the batch was not looked at.</p>\n" }
        html += "<footer>Made by Cartable as a preview. Nothing was sent.</footer>\n<script>\(Self.script)</script>\n</body>\n</html>\n"
        return html
    }

    private func e(_ text: String) -> String { HTMLText.escaped(text) }

    private func tiles(_ summary: PreviewSummary) -> String {
        let items: [(String, String, String)] = [
            ("\(summary.messages)", "messages", ""),
            ("\(summary.reached)", "reach their recipient", "ok"),
            ("\(summary.problems)", "with a problem", summary.problems > 0 ? "bad" : ""),
            ("\(summary.unreachable)", "targets unreachable", ""),
            ("\(summary.fitted)", "fitted (another variant or shortened)", ""),
        ]
        return "<section class=\"tiles\">" + items.map { value, label, kind in
            "<div class=\"tile \(kind)\"><b>\(value)</b><span>\(label)</span></div>"
        }.joined() + "</section>\n"
    }

    private func charts(_ summary: PreviewSummary) -> String {
        let histogram = summary.lengths.histogram
        let largest = max(1, histogram.map(\.count).max() ?? 1)
        var html = "<section class=\"charts\"><div class=\"chart\"><h2>Lengths</h2><div class=\"histogram\">"
        for bucket in histogram {
            let height = bucket.count * 100 / largest
            let label = bucket.isOverLimit ? "&gt;\(summary.lengths.maxLength)" : "\(bucket.lower)–\(bucket.upper)"
            html += "<div class=\"bar\(bucket.isOverLimit ? " over" : "")\" title=\"\(label): \(bucket.count)\"><i style=\"height:\(height)%\"></i><span>\(bucket.count)</span><small>\(label)</small></div>"
        }
        html += "</div>"
        if let minimum = summary.lengths.minimum, let median = summary.lengths.median, let maximum = summary.lengths.maximum {
            html += "<p>min \(minimum) · median \(median) · max \(maximum) · limit \(summary.lengths.maxLength)</p>"
        }
        html += "</div>"
        html += table("Variants", summary.variantCounts.map { (e($0.id), $0.count) })
        html += table("Groups", summary.groups.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { ($0.key.isEmpty ? "<i>none</i>" : e($0.key), $0.value) })
        return html + "</section>\n"
    }

    /// A two-column count table; `rows` are already escaped.
    private func table(_ title: String, _ rows: [(String, Int)]) -> String {
        "<div class=\"chart\"><h2>\(title)</h2><table>" + rows.map { "<tr><td>\($0.0)</td><td>\($0.1)</td></tr>" }.joined() + "</table></div>"
    }

    private func filters(_ summary: PreviewSummary) -> String {
        let groups = summary.groups.keys.filter { !$0.isEmpty }.sorted()
        let departments = summary.departments.keys.filter { !$0.isEmpty }.sorted { Self.departmentOrder($0) < Self.departmentOrder($1) }
        var html = "<nav class=\"filters\"><label>Group <select id=\"f-group\"><option value=\"\">all</option>"
        html += groups.map { "<option value=\"\(e($0))\">\(e($0)) (\(summary.groups[$0] ?? 0))</option>" }.joined()
        html += "</select></label><label>Department <select id=\"f-department\"><option value=\"\">all</option>"
        html += departments.map { code in
            let name = summary.departmentNames[code].map { " " + $0 } ?? ""
            return "<option value=\"\(e(code))\">\(e(code))\(e(name)) (\(summary.departments[code] ?? 0))</option>"
        }.joined()
        html += "</select></label><label><input type=\"checkbox\" id=\"f-problems\"> problems only</label>"
        html += "<output id=\"f-count\">\(summary.messages) messages</output></nav>\n"
        return html
    }

    /// Departments in the usual order: 01…95, 2A, 2B among them, then overseas.
    private static func departmentOrder(_ code: String) -> String {
        let padded = code == "2A" ? "020A" : code == "2B" ? "020B" : String(repeating: "0", count: max(0, 3 - code.count)) + code + " "
        return padded
    }

    private func card(_ message: Message) -> String {
        let recipient = message.recipient
        let measurement = message.measurement
        let width = min(100, measurement.weightedLength * 100 / max(1, measurement.maxLength))
        let level = !message.isValid ? "over" : measurement.permillage > 900 ? "near" : "ok"
        var html = "<article class=\"card\(message.isValid ? "" : " problem")\" data-group=\"\(e(recipient.group ?? ""))\" data-department=\"\(e(recipient.department ?? ""))\" data-problem=\"\(message.isValid ? "0" : "1")\">"
        html += "<header><span class=\"name\">\(e(recipient.name))</span>"
        if let handle = recipient.mention(on: message.channel) { html += " <span class=\"handle\">\(e(handle))</span>" }
        let place = [recipient.group, recipient.departmentName.map { name in recipient.department.map { "\(name) (\($0))" } ?? name } ?? recipient.department]
            .compactMap { $0 }
        if !place.isEmpty { html += "<span class=\"meta\">\(e(place.joined(separator: " · ")))</span>" }
        html += "</header>"
        html += message.text.isEmpty ? "<p class=\"text empty\">(no text)</p>" : "<p class=\"text\">\(e(message.text))</p>"
        html += "<div class=\"gauge \(level)\"><i style=\"width:\(width)%\"></i></div>"
        html += "<div class=\"foot\"><span class=\"length\">\(measurement.weightedLength)/\(measurement.maxLength)</span>"
        html += "<span class=\"variant\">\(e(message.variantID ?? "no variant"))</span>"
        if !message.fitting.isAsChosen, let chosen = message.fitting.chosenVariantID {
            var how: [String] = []
            if message.fitting.usedFallback { how.append("instead of \(chosen)") }
            if message.fitting.droppedOptionalParts > 0 { how.append("\(message.fitting.droppedOptionalParts) optional part(s) left out") }
            html += "<span class=\"fitted\">\(e(how.joined(separator: ", ")))</span>"
        }
        if let link = message.intentURL {
            html += "<a class=\"post\" href=\"\(e(link))\" target=\"_blank\" rel=\"noopener noreferrer\">Post it</a>"
        } else if message.isValid && message.channel == .mastodon {
            html += "<span class=\"hint\">set CARTABLE_MASTODON_URL for a post link</span>"
        }
        html += "</div>"
        if !message.problems.isEmpty {
            html += "<ul class=\"problems\">" + message.problems.map { "<li>\(e($0.description))</li>" }.joined() + "</ul>"
        }
        return html + "</article>\n"
    }
}
