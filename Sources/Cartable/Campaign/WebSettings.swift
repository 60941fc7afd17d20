/// What a campaign says about its supporters' web page (`cartable serve`), under the campaign file's `web:` key.
/// Every key is optional; a campaign without `web:` gets ``default``.
public struct WebSettings: Sendable, Hashable {
    /// What the campaign asks of supporters, in a paragraph or two, shown under the title. Plain text: blank lines
    /// separate paragraphs; nothing in it is read as HTML.
    public var intro: String?
    /// Whether the page offers "send it through the campaign's account" (only the campaign's own wordings).
    public var sendThroughCampaign: Bool
    /// The origins (`https://example.org`) whose pages may embed the campaign in a frame and post its forms.
    public var embedOrigins: [String]
    /// How often one client address, and its network, may send and measure.
    public var limits: RequestLimits

    /// A campaign's web settings.
    public init(intro: String? = nil, sendThroughCampaign: Bool = false, embedOrigins: [String] = [], limits: RequestLimits = .default) {
        self.intro = intro
        self.sendThroughCampaign = sendThroughCampaign
        self.embedOrigins = embedOrigins
        self.limits = limits
    }

    /// No intro, no sending through the campaign, no embedding, the default limits.
    public static let `default` = WebSettings()

    /// The per-address limits of the web page's costly requests. An IPv4 address counts alone and with its /24
    /// network; an IPv6 address counts by its /64 (one host's usual allocation) and with its /48.
    public struct RequestLimits: Sendable, Hashable {
        /// Sends through the campaign per hour from one address.
        public var sendsPerHour: Int
        /// Sends through the campaign per hour from one network.
        public var sendsPerHourPerNetwork: Int
        /// Measures (the live counter, an edit submitted) per minute from one address.
        public var measuresPerMinute: Int
        /// Measures per minute from one network.
        public var measuresPerMinutePerNetwork: Int

        /// Limits from their values.
        public init(sendsPerHour: Int, sendsPerHourPerNetwork: Int, measuresPerMinute: Int, measuresPerMinutePerNetwork: Int) {
            self.sendsPerHour = sendsPerHour
            self.sendsPerHourPerNetwork = sendsPerHourPerNetwork
            self.measuresPerMinute = measuresPerMinute
            self.measuresPerMinutePerNetwork = measuresPerMinutePerNetwork
        }

        /// 10 sends an hour per address and 60 per network; 120 measures a minute per address and 600 per network.
        public static let `default` = RequestLimits(sendsPerHour: 10, sendsPerHourPerNetwork: 60, measuresPerMinute: 120, measuresPerMinutePerNetwork: 600)
    }
}
