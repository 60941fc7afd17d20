import Foundation
import Yams

/// The `web:` key: the supporters' page (see docs/serve.md).
extension CampaignReader {
    /// The keys `web:` may have.
    static let webKeys = ["intro", "send_through_campaign", "embed_origins", "limits"]

    mutating func readWeb(_ node: Node) -> WebSettings? {
        guard let entries = yaml.mapping(node, "web", allowed: Self.webKeys) else { return nil }
        var web = WebSettings.default
        // An empty intro is refused by `string` itself.
        if let value = entries["intro"], let intro = yaml.string(value, "web.intro") {
            web.intro = intro.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let value = entries["send_through_campaign"] {
            web.sendThroughCampaign = yaml.boolean(value, "web.send_through_campaign") ?? false
        }
        if let value = entries["embed_origins"], let origins = yaml.strings(value, "web.embed_origins") {
            for origin in origins {
                if let normalized = Self.origin(origin) {
                    web.embedOrigins.append(normalized)
                } else {
                    yaml.error(at: value, "'\(origin)' is not an origin", hint: "write the scheme and host of the embedding site, without a path: https://example.org")
                }
            }
        }
        if let value = entries["limits"] {
            let keys = ["sends_per_hour", "sends_per_hour_per_network", "measures_per_minute", "measures_per_minute_per_network"]
            guard let limits = yaml.mapping(value, "web.limits", allowed: keys) else { return web }
            var read = web.limits
            if let node = limits["sends_per_hour"] { read.sendsPerHour = yaml.integer(node, "web.limits.sends_per_hour", in: 1...100_000) ?? read.sendsPerHour }
            if let node = limits["sends_per_hour_per_network"] {
                read.sendsPerHourPerNetwork = yaml.integer(node, "web.limits.sends_per_hour_per_network", in: 1...1_000_000) ?? read.sendsPerHourPerNetwork
            }
            if let node = limits["measures_per_minute"] {
                read.measuresPerMinute = yaml.integer(node, "web.limits.measures_per_minute", in: 1...100_000) ?? read.measuresPerMinute
            }
            if let node = limits["measures_per_minute_per_network"] {
                read.measuresPerMinutePerNetwork = yaml.integer(node, "web.limits.measures_per_minute_per_network", in: 1...1_000_000)
                    ?? read.measuresPerMinutePerNetwork
            }
            if read.sendsPerHourPerNetwork < read.sendsPerHour {
                yaml.warning(at: value, "a network may send fewer times (\(read.sendsPerHourPerNetwork)) than one of its addresses (\(read.sendsPerHour))",
                             hint: "the network's limit applies first; raise sends_per_hour_per_network")
            }
            if read.measuresPerMinutePerNetwork < read.measuresPerMinute {
                yaml.warning(at: value, "a network may measure fewer times (\(read.measuresPerMinutePerNetwork)) than one of its addresses (\(read.measuresPerMinute))",
                             hint: "the network's limit applies first; raise measures_per_minute_per_network")
            }
            web.limits = read
        }
        return web
    }

    /// `https://example.org` (lower-cased, without a trailing `/`) when `written` is an http or https origin
    /// without path, query or fragment; `nil` otherwise.
    static func origin(_ written: String) -> String? {
        var text = written.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("/") { text.removeLast() }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty,
              components.path.isEmpty, components.query == nil, components.fragment == nil,
              components.user == nil, components.password == nil else { return nil }
        return text.lowercased()
    }
}
