import Foundation
import Yams

/// Reads the YAML of a campaign file key by key, collecting problems.
struct CampaignReader {
    var yaml: YAMLReader
    let text: String
    let folder: URL
    let displayFolder: String
    let access: CampaignFileAccess
    var isUnreadable = false

    init(path: String, text: String, folder: URL, displayFolder: String, access: CampaignFileAccess) {
        yaml = YAMLReader(path: path)
        self.text = text
        self.folder = folder
        self.displayFolder = displayFolder
        self.access = access
    }

    var path: String { yaml.path }

    mutating func read() -> Campaign? {
        guard let root = yaml.compose(text) else {
            isUnreadable = true
            return nil
        }
        guard let top = yaml.mapping(root, "the campaign file", allowed: CampaignFile.topLevelKeys) else {
            isUnreadable = true
            return nil
        }
        let fileLocation = SourceLocation(file: path, line: 1, column: 1)
        func required(_ key: String, _ hint: String) -> Node? {
            if let node = top[key] { return node }
            // A typo of this key was already reported with the right spelling; a second error would only repeat it.
            if top.typos[key] != nil { return nil }
            let at = top.keyNode(key)
            yaml.append(Diagnostic(
                .error, file: path, line: at?.mark?.line ?? 1, column: at?.mark?.column ?? 1,
                message: at == nil ? "missing required key '\(key)'" : "'\(key)' has no value", hint: hint))
            return nil
        }

        var id: String?, title: String?, organiser: String?, language: String?
        if let node = required("id", "add e.g. `id: my-campaign` (letters, digits and dashes)") { id = identifier(node, "id") }
        if let node = required("title", "add `title: ...`, the campaign's name for people") { title = yaml.string(node, "title") }
        if let node = required("organiser", "add `organiser: ...`, who runs the campaign") { organiser = yaml.string(node, "organiser") }
        if let node = required("language", "add `language: fr` (ISO 639-1 code)") { language = languageCode(node) }
        var link: String?
        if let node = top["link"] { link = readLink(node) }
        var hashtags: [String] = []
        if let node = top["hashtags"] { hashtags = readHashtags(node) ?? [] }
        var channel: Channel? = .twitter
        if let node = top["channel"] { channel = readChannel(node) }
        var profile: LengthProfile? = .twitterClassic
        if let node = top["profile"] {
            profile = readProfile(node)
            if let channel, let profile { checkProfile(profile, fits: channel, at: node) }
        } else if let channel, channel != .twitter, channel != .webhook {
            yaml.error(at: top.keyNode("channel"), "a \(channel.rawValue) campaign needs a length profile; the default, twitter-classic, counts as X did in 2012",
                       hint: "add `profile: \(channel.rawValue)`")
        }
        var recipients: RecipientSource?
        if let node = required("recipients", "add `recipients: path/to/list.csv` (relative to this file)") { recipients = readRecipients(node) }
        var targets: TargetSelector? = .everyone
        if let node = top["targets"] { targets = readTargets(node) }
        var addressing: Addressing? = Addressing.defaultFor(channel ?? .twitter)
        if let node = top["address"] { addressing = readAddressing(node, channel: channel ?? .twitter) }
        var templates: [TemplateVariant]?
        if let node = required("templates", "add `templates:` with at least one `- text: ...`") {
            templates = readTemplates(node, addressing: addressing ?? .none, channel: channel ?? .twitter)
        }
        var seed: Int? = 0
        if let node = top["seed"] { seed = yaml.integer(node, "seed", in: 0...Int(Int32.max)) }
        var sending: SendingLimits? = .default
        if let node = top["sending"] { sending = readSending(node) }
        var web: WebSettings? = .default
        if let node = top["web"] { web = readWeb(node) }

        guard let id, let title, let organiser, let language, let channel, let profile, let recipients, let targets,
              let addressing, let templates, let seed, let sending, let web else { return nil }
        return Campaign(
            id: id, title: title, organiser: organiser, language: language, link: link, hashtags: hashtags,
            channel: channel, profile: profile, recipients: recipients, targets: targets,
            addressing: addressing, templates: templates, seed: seed, sending: sending, web: web,
            locations: .init(
                file: fileLocation, targets: yaml.location(of: top.keyNode("targets")),
                recipients: recipients.location, templates: yaml.location(of: top.keyNode("templates")))
        )
    }

    // MARK: Identity

    mutating func identifier(_ node: Node, _ what: String) -> String? {
        guard let value = yaml.string(node, what) else { return nil }
        guard value.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }) else {
            yaml.error(at: node, "\(what) '\(value)' may only have letters, digits, '-' and '_'")
            return nil
        }
        return value
    }

    mutating func languageCode(_ node: Node) -> String? {
        guard let value = yaml.string(node, "language") else { return nil }
        guard value.count == 2, value.allSatisfy({ $0.isASCII && $0.isLowercase }) else {
            yaml.error(at: node, "language must be a two-letter ISO 639-1 code, found '\(value)'", hint: "e.g. fr, en, de")
            return nil
        }
        return value
    }

    mutating func readLink(_ node: Node) -> String? {
        guard let value = yaml.string(node, "link") else { return nil }
        if let problem = CampaignLink.problem(value) {
            yaml.error(at: node, "link \(problem), found '\(value)'", hint: "write an absolute web address, e.g. https://example.org/cause")
            return nil
        }
        return value
    }

    mutating func readHashtags(_ node: Node) -> [String]? {
        guard let values = yaml.strings(node, "hashtags") else { return nil }
        var tags: [String] = []
        for value in values {
            let tag = value.hasPrefix("#") ? String(value.dropFirst()) : value
            if !HashtagExtractor.isHashtag(tag) {
                yaml.error(
                    at: node, "'\(value)' is not a hashtag: letters, digits and '_', at least one letter, nothing invisible",
                    hint: "write hashtags as X reads them, without spaces, e.g. ESS, #ESS or Loi2026")
            } else {
                tags.append(tag)
            }
        }
        return tags
    }

    // MARK: Channel and profile

    mutating func readChannel(_ node: Node) -> Channel? {
        guard let value = yaml.string(node, "channel") else { return nil }
        guard let channel = Channel(rawValue: value) else {
            let names = Channel.allCases.map(\.rawValue)
            let suggestion = YAMLReader.closest(to: value, in: names).map { "did you mean '\($0)'? " } ?? ""
            yaml.error(at: node, "unknown channel '\(value)'", hint: "\(suggestion)channels: \(names.joined(separator: ", "))")
            return nil
        }
        return channel
    }

    /// The profile the `profile` key names, with its limit; `nil` (and an error at the name) when it names none
    /// that exists.
    mutating func readProfile(_ node: Node) -> LengthProfile? {
        var name: String?
        var limit: Int?
        var nameNode = node
        if case .mapping = node {
            guard let entries = yaml.mapping(node, "profile", allowed: ["name", "limit"]) else { return nil }
            if let value = entries["name"] { nameNode = value; name = yaml.string(value, "profile name") }
            else { yaml.error(at: node, "profile needs a name", hint: "e.g. profile: {name: mastodon, limit: 1000}") }
            if let value = entries["limit"] { limit = yaml.integer(value, "profile limit", in: 1...100_000) }
        } else {
            name = yaml.string(node, "profile")
        }
        guard let name else { return nil }
        guard CampaignFile.profileNames.contains(name) else {
            let suggestion = YAMLReader.closest(to: name, in: CampaignFile.profileNames).map { "did you mean '\($0)'? " } ?? ""
            yaml.error(at: nameNode, "unknown length profile '\(name)'", hint: "\(suggestion)profiles: \(CampaignFile.profileNames.joined(separator: ", "))")
            return nil
        }
        if let limit {
            guard name == "mastodon" else {
                yaml.error(at: node, "only the mastodon profile takes a limit (instances choose their own); \(name) has a fixed one")
                return nil
            }
            return .mastodon(limit: limit)
        }
        return LengthProfile(named: name)
    }

    mutating func checkProfile(_ profile: LengthProfile, fits channel: Channel, at node: Node) {
        let expected: [Channel: [String]] = [
            .twitter: ["twitter-classic", "twitter", "twitter-v2"], .mastodon: ["mastodon"], .bluesky: ["bluesky"],
        ]
        if let profiles = expected[channel], !profiles.contains(profile.name) {
            yaml.warning(at: node, "the \(profile.name) profile does not count the way \(channel.displayName) does",
                         hint: "for \(channel.rawValue) use \(profiles.joined(separator: " or "))")
        }
    }

    // MARK: Recipients

    mutating func readRecipients(_ node: Node) -> RecipientSource? {
        var fileNode = node
        var mapping = ColumnMapping.cartable
        var overrides: (String, Node)?
        if case .mapping = node {
            guard let entries = yaml.mapping(node, "recipients", allowed: ["file", "preset", "columns", "overrides"]) else { return nil }
            guard let file = entries["file"] else {
                yaml.error(at: node, "recipients needs a file", hint: "e.g. recipients: {file: Recipients/deputes-2024.csv}")
                return nil
            }
            fileNode = file
            if entries["preset"] != nil && entries["columns"] != nil {
                yaml.error(at: entries.keyNode("columns"), "give either a preset or columns, not both")
            }
            if let preset = entries["preset"], let name = yaml.string(preset, "preset") {
                if let found = ColumnMapping(preset: name) {
                    mapping = found
                } else {
                    let names = ColumnMapping.presets.map(\.name)
                    let suggestion = YAMLReader.closest(to: name, in: names).map { "did you mean '\($0)'? " } ?? ""
                    yaml.error(at: preset, "unknown column preset '\(name)'", hint: "\(suggestion)presets: \(names.joined(separator: ", ")); or map columns with `columns:`")
                }
            }
            if let columns = entries["columns"], let fields = yaml.mapping(columns, "columns", allowed: RecipientField.allCases.map(\.rawValue)) {
                var mapped: [RecipientField: String] = [:]
                for (key, _, value) in fields.entries {
                    if let field = RecipientField(rawValue: key), let column = yaml.string(value, "the column of \(key)") { mapped[field] = column }
                }
                mapping = ColumnMapping(columns: mapped)
            }
            if let value = entries["overrides"], let file = yaml.string(value, "overrides") { overrides = (file, value) }
        }
        guard let file = yaml.string(fileNode, "the recipient file") else { return nil }
        let location = yaml.location(of: fileNode)
        let url = readableFile(file, at: fileNode, what: "recipient file", lookedFor: true)
        var source = RecipientSource(file: file, url: url, displayPath: display(file), mapping: mapping, location: location)
        if let (overridesFile, overridesNode) = overrides {
            source.overrides = readableFile(overridesFile, at: overridesNode, what: "overrides file", lookedFor: false)
            source.overridesDisplayPath = display(overridesFile)
        }
        return source
    }

    /// `file` resolved against the campaign's folder and checked by ``CampaignFileAccess`` (an error at `node` when
    /// it is refused): the resolved file, or the unresolved one when refused, never read since the campaign has an error.
    mutating func readableFile(_ file: String, at node: Node, what: String, lookedFor: Bool) -> URL {
        let url = URL(fileURLWithPath: file, relativeTo: folder).standardizedFileURL
        switch access.check(url, campaignFolder: folder) {
        case .success(let resolved):
            return resolved
        case .failure(let refusal):
            let lookedFor = lookedFor && refusal == .missing ? " (looked for \(display(file)))" : ""
            yaml.error(at: node, "\(what) '\(file)' \(refusal.reason)\(lookedFor)", hint: refusal.hint, remedy: refusal.remedy)
            return url
        }
    }

    func display(_ file: String) -> String {
        if file.hasPrefix("/") || displayFolder.isEmpty { return file }
        return ((displayFolder as NSString).appendingPathComponent(file) as NSString).standardizingPath
    }

    // MARK: Targets

    mutating func readTargets(_ node: Node) -> TargetSelector? {
        if case .scalar(let scalar) = node {
            if scalar.string == "all" { return .everyone }
            yaml.error(at: node, "targets must be 'all' or a mapping of criteria, found \(YAMLReader.describe(node))",
                       hint: "e.g. targets: {groups: [SOC, ECOS], exclude: {ids: [PA1567]}}")
            return nil
        }
        let kinds = ["groups", "departments", "constituencies", "ids"]
        guard let entries = yaml.mapping(node, "targets", allowed: ["all"] + kinds + ["exclude", "skip_unreachable"]) else { return nil }
        var all = false
        if let value = entries["all"] { all = yaml.boolean(value, "targets.all") ?? false }
        var skipUnreachable = false
        if let value = entries["skip_unreachable"] {
            skipUnreachable = yaml.boolean(value, "targets.skip_unreachable") ?? false
        }
        guard let include = readFilter(entries, "targets") else { return nil }
        var exclude = RecipientFilter()
        if let value = entries["exclude"] {
            guard let excluded = yaml.mapping(value, "targets.exclude", allowed: kinds),
                  let filter = readFilter(excluded, "targets.exclude") else { return nil }
            exclude = filter
        }
        if !all && include.isEmpty {
            yaml.error(at: node, "targets selects no one: give criteria, or `all: true`",
                       hint: "e.g. targets: {groups: [SOC]} or targets: all")
            return nil
        }
        if all && !include.isEmpty {
            yaml.warning(at: entries.keyNode("all"), "with `all: true` the other criteria select nothing more; only `exclude` narrows")
        }
        return TargetSelector(all: all, include: include, exclude: exclude, skipUnreachable: skipUnreachable)
    }

    mutating func readFilter(_ entries: YAMLMapping, _ what: String) -> RecipientFilter? {
        var filter = RecipientFilter()
        var ok = true
        if let node = entries["groups"] { filter.groups = yaml.strings(node, "\(what).groups") ?? [] }
        if let node = entries["ids"] { filter.ids = yaml.strings(node, "\(what).ids") ?? [] }
        if let node = entries["departments"], let values = yaml.strings(node, "\(what).departments") {
            for value in values {
                if let code = Department.normalizedCode(value) { filter.departments.append(code) }
                else {
                    ok = false
                    yaml.error(at: node, "'\(value)' is not a department code", hint: "codes are 01 to 95, 2A, 2B, 971 to 988, and 99 for the French abroad; quote them: \"01\"")
                }
            }
        }
        if let node = entries["constituencies"], let values = yaml.strings(node, "\(what).constituencies") {
            for value in values {
                if let key = RecipientFilter.normalizedConstituency(value) { filter.constituencies.append(key) }
                else {
                    ok = false
                    yaml.error(at: node, "'\(value)' is not a constituency", hint: "write DEPARTMENT-NUMBER, e.g. 91-6 or 2A-1")
                }
            }
        }
        return ok ? filter : nil
    }

    // MARK: Addressing and templates

    mutating func readAddressing(_ node: Node, channel: Channel) -> Addressing? {
        guard let value = yaml.string(node, "address") else { return nil }
        guard let addressing = Addressing(rawValue: value) else {
            let names = Addressing.allCases.map(\.rawValue)
            yaml.error(at: node, "unknown address form '\(value)'", hint: "forms: \(names.joined(separator: ", ")) (dot-mention writes .@handle first)")
            return nil
        }
        if channel.needsHandle && addressing == .none {
            yaml.error(at: node, "a \(channel.rawValue) campaign must mention its recipients", hint: "use dot-mention, mention or inline")
            return nil
        }
        if !channel.needsHandle && addressing != .none {
            yaml.warning(at: node, "the webhook channel has no handles to mention; '\(value)' does nothing")
        }
        return addressing
    }

    mutating func readTemplates(_ node: Node, addressing: Addressing, channel: Channel) -> [TemplateVariant]? {
        guard let elements = yaml.sequence(node, "templates") else { return nil }
        if elements.isEmpty {
            yaml.error(at: node, "templates is empty", hint: "add at least one `- text: ...`")
            return nil
        }
        var variants: [TemplateVariant] = []
        var ids = Set<String>()
        var failed = false
        for (index, element) in elements.enumerated() {
            var textNode = element
            var id = "v\(index + 1)"
            var segment: RecipientFilter?
            var isFallback = false
            if case .mapping = element {
                guard let entries = yaml.mapping(element, "template \(index + 1)", allowed: ["id", "text", "when", "fallback"]) else { failed = true; continue }
                guard let text = entries["text"] else {
                    yaml.error(at: element, "template \(index + 1) has no text", hint: "add `text: ...`")
                    failed = true
                    continue
                }
                textNode = text
                if let value = entries["id"], let given = identifier(value, "template id") { id = given }
                if let value = entries["fallback"] { isFallback = yaml.boolean(value, "fallback") ?? false }
                if let value = entries["when"] {
                    let kinds = ["groups", "departments", "constituencies", "ids"]
                    if let when = yaml.mapping(value, "when", allowed: kinds), let filter = readFilter(when, "when") {
                        if filter.isEmpty { yaml.error(at: value, "`when` gives no criterion") }
                        segment = filter
                    } else {
                        failed = true
                    }
                }
            }
            guard let text = yaml.string(textNode, "the text of template \(index + 1)") else { failed = true; continue }
            if !ids.insert(id).inserted {
                yaml.error(at: element, "duplicate template id '\(id)'", hint: "each variant needs its own id")
            }
            let template = TemplateText(text)
            checkTemplate(template, at: textNode, id: id, addressing: addressing, channel: channel)
            variants.append(TemplateVariant(
                id: id, text: template, segment: segment, isFallback: isFallback,
                location: yaml.location(of: textNode) ?? SourceLocation(file: path, line: 1, column: 1)))
        }
        return failed ? nil : variants
    }

    mutating func checkTemplate(_ template: TemplateText, at node: Node, id: String, addressing: Addressing, channel: Channel) {
        var occurrences: [String: Int] = [:]
        func locate(_ tag: String) -> (line: Int?, column: Int?) {
            let count = occurrences[tag, default: 0]
            occurrences[tag] = count + 1
            if let found = SourceText.find(tag, occurrence: count, in: text, from: node.mark) { return (found.line, found.column) }
            return (node.mark?.line, node.mark?.column)
        }
        for problem in template.problems {
            let at = locate(problem.tag)
            yaml.append(Diagnostic(.error, file: path, line: at.line, column: at.column, message: "template '\(id)': \(problem.message)"))
        }
        for offset in template.usesOtherThanSection(CampaignFile.optionalSection) {
            let tag = template.tag(at: offset)
            let at = locate(tag)
            yaml.append(Diagnostic(
                .error, file: path, line: at.line, column: at.column,
                message: "template '\(id)': '\(tag)' can only open a part that may be left out",
                hint: "write {{#optional}}...{{/optional}} around the words the message can do without"))
        }
        for (name, offset) in template.fields where !CampaignFile.placeholders.contains(name) && name != CampaignFile.optionalSection {
            let tag = template.tag(at: offset)
            let at = locate(tag)
            let suggestion = YAMLReader.closest(to: name, in: CampaignFile.placeholders).map { "did you mean '{{\($0)}}'? " } ?? ""
            yaml.append(Diagnostic(
                .error, file: path, line: at.line, column: at.column,
                message: "template '\(id)': unknown placeholder '\(tag)'",
                hint: "\(suggestion)placeholders: \(CampaignFile.placeholders.joined(separator: ", "))"))
        }
        if addressing == .inline && !template.alwaysRenders("handle") {
            yaml.error(at: node, "template '\(id)' never mentions its recipient: with `address: inline` it must contain {{handle}} outside any section",
                       hint: "or use `address: dot-mention` to put .@handle first")
        }
        if (addressing == .dotMention || addressing == .mention) && template.fields.contains(where: { $0.name == "handle" }) {
            yaml.warning(at: node, "template '\(id)' uses {{handle}} but `address: \(addressing.rawValue)` already puts the mention first",
                         hint: "remove {{handle}} or use `address: inline`")
        }
    }

    // MARK: Sending

    mutating func readSending(_ node: Node) -> SendingLimits? {
        guard let entries = yaml.mapping(node, "sending", allowed: ["per_recipient", "hours", "window"]) else { return nil }
        var limits = SendingLimits.default
        if let value = entries["per_recipient"], let caps = yaml.mapping(value, "sending.per_recipient", allowed: ["per_hour", "per_day"]) {
            if let hour = caps["per_hour"] { limits.perRecipientPerHour = yaml.integer(hour, "per_hour", in: 1...1000) ?? limits.perRecipientPerHour }
            if let day = caps["per_day"] { limits.perRecipientPerDay = yaml.integer(day, "per_day", in: 1...10_000) ?? limits.perRecipientPerDay }
            if caps["per_day"] == nil { limits.perRecipientPerDay = max(limits.perRecipientPerDay, limits.perRecipientPerHour) }
            if limits.perRecipientPerHour > limits.perRecipientPerDay {
                yaml.error(at: value, "per_hour (\(limits.perRecipientPerHour)) is more than per_day (\(limits.perRecipientPerDay))")
            }
        }
        if let value = entries["hours"], let hours = yaml.mapping(value, "sending.hours", allowed: ["from", "to", "time_zone"]) {
            if let from = hours["from"] { limits.from = timeOfDay(from, "hours.from") ?? limits.from }
            if let to = hours["to"] { limits.to = timeOfDay(to, "hours.to") ?? limits.to }
            if let zone = hours["time_zone"], let name = yaml.string(zone, "time_zone") {
                if TimeZone(identifier: name) == nil {
                    yaml.error(at: zone, "unknown time zone '\(name)'", hint: "use an IANA name such as Europe/Paris or America/Cayenne")
                } else {
                    limits.timeZone = name
                }
            }
            if limits.from == limits.to {
                yaml.error(at: value, "sending hours from \(limits.from) to \(limits.to) leave no time to send")
            }
        }
        if let value = entries["window"], let window = yaml.mapping(value, "sending.window", allowed: ["start", "end"]) {
            if let start = window["start"] { limits.windowStart = moment(start, "window.start") }
            if let end = window["end"] { limits.windowEnd = moment(end, "window.end") }
            if let start = limits.windowStart, let end = limits.windowEnd, end < start {
                yaml.error(at: window["end"], "the window ends (\(end)) before it starts (\(start))")
            }
        }
        return limits
    }

    mutating func timeOfDay(_ node: Node, _ what: String) -> String? {
        guard let value = yaml.string(node, what) else { return nil }
        let parts = value.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...24).contains(hour), (0...59).contains(minute), hour < 24 || minute == 0 else {
            yaml.error(at: node, "\(what) must be a time of day HH:MM, found '\(value)'", hint: "quote it: \"09:00\"")
            return nil
        }
        return String(format: "%02d:%02d", hour, minute)
    }

    /// A date `YYYY-MM-DD` or a moment `YYYY-MM-DDTHH:MM`, kept as written (ISO text sorts in time order).
    mutating func moment(_ node: Node, _ what: String) -> String? {
        guard let value = yaml.string(node, what) else { return nil }
        let parts = value.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let dateOK = parts.first.map(SeatedOnDate.isDate) ?? false
        let timeOK = parts.count == 1 || (parts[1].count == 5 && parts[1].split(separator: ":").map(\.count) == [2, 2])
        guard dateOK, timeOK else {
            yaml.error(at: node, "\(what) must be a date YYYY-MM-DD or YYYY-MM-DDTHH:MM, found '\(value)'")
            return nil
        }
        return value
    }
}
