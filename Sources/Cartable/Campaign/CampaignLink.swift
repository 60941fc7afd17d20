import Foundation

/// The check of a campaign's `link:`: an absolute http(s) URL that twitter-text reads whole as one link (so no space,
/// a real host with a dot and valid labels, no character a URL cannot hold), without user name or password, and
/// without control or bidirectional characters (which would make it show otherwise than it leads).
enum CampaignLink {
    /// Why `value` is not a usable link, or `nil` when it is.
    static func problem(_ value: String) -> String? {
        if value.unicodeScalars.contains(where: { TerminalText.needsEscape($0, keepingLineBreaks: false) }) {
            return "holds a control or bidirectional character"
        }
        let lowered = value.lowercased()
        guard lowered.hasPrefix("http://") || lowered.hasPrefix("https://") else { return "must start with http:// or https://" }
        if let components = URLComponents(string: value), components.user != nil || components.password != nil {
            return "must not hold a user name or password"
        }
        guard URLExtractor.extractURLs(from: value).map(\.url) == [value] else {
            return "is not one whole web address (a space, a host without a dot, or a character a link cannot hold)"
        }
        return nil
    }
}
