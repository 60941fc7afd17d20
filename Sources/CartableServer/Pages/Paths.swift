import Cartable

/// The addresses of a campaign's pages, keeping `embed=1` when the page is shown in a frame, so every link and
/// form stays inside the frame's way.
struct Paths: Sendable {
    /// The campaign's id.
    let campaignID: String
    /// Whether the pages are shown without their chrome.
    let embed: Bool
    /// The campaign's id as a path segment, percent-encoded once for every link of the page.
    private let segment: String

    /// The paths of the campaign `campaignID`'s pages, in a frame when `embed`.
    init(campaignID: String, embed: Bool) {
        self.campaignID = campaignID
        self.embed = embed
        segment = Self.escape(campaignID)
    }

    var campaign: String { embed ? "/c/\(segment)/embed" : "/c/\(segment)/" }
    var find: String { "/c/\(segment)/find" }
    var satchel: String { "/c/\(segment)/satchel" }
    func deputy(_ id: String, turn: Int? = nil) -> String {
        let path = "/c/\(segment)/d/\(Self.escape(id))"
        // The usual link (another wording, outside a frame) without a dictionary of one field.
        guard let turn else { return with(path, [:]) }
        return embed ? with(path, ["turn": String(turn)]) : path + "?turn=" + String(turn)
    }
    func edit(_ id: String) -> String { "/c/\(segment)/d/\(Self.escape(id))/edit" }
    func send(_ id: String) -> String { "/c/\(segment)/d/\(Self.escape(id))/send" }
    func thanks(_ id: String, repeated: Bool = false) -> String {
        with("/c/\(segment)/d/\(Self.escape(id))/thanks", repeated ? ["repeat": "1"] : [:])
    }
    /// `find` with its query.
    func find(_ fields: [String: String]) -> String { with(find, fields) }

    /// `path` with `fields` and `embed=1` when embedded, in a stable order.
    func with(_ path: String, _ fields: [String: String]) -> String {
        if !embed, fields.count == 1, let (name, value) = fields.first {
            return path + "?" + name + "=" + PercentEncoding.encode(value)
        }
        var all = fields
        if embed { all["embed"] = "1" }
        guard !all.isEmpty else { return path }
        return path + "?" + all.sorted { $0.key < $1.key }.map { "\($0.key)=\(PercentEncoding.encode($0.value))" }.joined(separator: "&")
    }

    /// The hidden field that keeps a form in the frame.
    var embedField: HTML { embed ? #"<input type="hidden" name="embed" value="1">"# : "" }

    /// A path segment, percent-encoded.
    static func escape(_ segment: String) -> String { PercentEncoding.encode(segment) }
}
