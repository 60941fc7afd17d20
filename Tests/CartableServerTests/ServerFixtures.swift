import Cartable
import CartableCurl
import CartableServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import LoopbackHTTPServer
import Testing

/// A campaign written to a temporary folder, its outbox there, and a loopback webhook receiver for the sends
/// "through the campaign": what every route test serves.
final class ServerFixture: @unchecked Sendable {
    let folder: URL
    let receiver: LoopbackHTTPServer

    /// The deputies: Jérôme Guedj (91), three in Seine-Saint-Denis (one without an X handle, on Mastodon), one
    /// alone in Lozère, one left out of the targets (NI), and hostile names.
    static let deputies = #"""
        id,name,group,department,constituency,twitter,mastodon
        W1,Jérôme Guedj,SOC,91,6,JeromeGuedj,
        W2,Marie Martin,SOC,93,1,mariemartin,
        W3,Paul Martin,DR,93,2,paulmartin,
        W4,Anne Martin-Sanscompte,ECOS,93,3,,anne@piaille.fr
        W5,Lucie Causse,DEM,48,1,luciecausse,
        W6,Noé Inscrit,NI,75,1,noeinscrit,
        H1,<script>alert(1)</script>,"""><img src=x onerror=alert(2)>",75,2,scripty,
        H2,Tom & Jerry 'Quote',SOC,75,3,tomjerry,

        """#

    /// The campaign file, with `web:` as given.
    static func campaign(web: String) -> String {
        """
        id: serve-test
        title: Écrire à son député & <b>vite</b>
        organiser: Cartable "tests"
        language: fr
        link: https://example.org/cartable
        channel: twitter
        profile: twitter
        recipients: deputies.csv
        targets:
          all: true
          exclude:
            groups: [NI]
        templates:
          - id: cartable
            text: "Pour votre cartable de rentrée, nos propositions : {{link}}"
          - id: rentree
            text: "À la rentrée, {{name}}, pensez à l'économie sociale : {{link}}"
        sending:
          per_recipient: {per_hour: 5, per_day: 10}
          hours: {from: "00:00", to: "24:00", time_zone: UTC}
        \(web)
        """
    }

    /// The default `web:` key: sending through the campaign, an intro, one embedding site.
    static let web = """
        web:
          intro: "Demandez à votre député de lire nos propositions <script>x</script>."
          send_through_campaign: true
          embed_origins: [https://partner.example]
        """

    init(web: String = ServerFixture.web) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartable-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.deputies.write(to: folder.appendingPathComponent("deputies.csv"), atomically: true, encoding: .utf8)
        try Self.campaign(web: web).write(to: folder.appendingPathComponent("campaign.yml"), atomically: true, encoding: .utf8)
        let ledger = Ledger()
        receiver = try LoopbackHTTPServer { request in
            ledger.record(request.bodyText)
            return .respond(.json(201, #"{"id":"\#(ledger.count)"}"#))
        }
        self.ledger = ledger
    }

    private let ledger: Ledger

    /// What the receiver was sent, in order.
    var received: [String] { ledger.all }

    /// What the receiver was sent, once it holds at least `count` bodies or `seconds` passed: the site answers a send
    /// once it is queued, and its sender posts it afterwards.
    func waitForReceived(_ count: Int, seconds: Double = 30) async -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while ledger.count < count, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return ledger.all
    }

    deinit {
        receiver.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// The campaign as the server loads it.
    func audience() throws -> CampaignAudience {
        let file = CampaignFile.load(contentsOf: folder.appendingPathComponent("campaign.yml"))
        let campaign = try #require(file.campaign, "\(file.diagnostics)")
        return try #require(CampaignAudience.load(campaign).audience)
    }

    /// The outbox file.
    var outboxPath: String { folder.appendingPathComponent("outbox.sqlite").path }

    /// A real webhook sender over libcurl, posting to the loopback receiver.
    func webhookSender() throws -> any MessageSender {
        let settings = ChannelSettings(environment: ["CARTABLE_WEBHOOK_URL": receiver.baseURL + "/hook"])
        return try BuiltInChannel.makeSender(for: .webhook, settings: settings, transport: CurlTransport())
    }

    /// The site over this folder's campaign and outbox.
    func site(options: SiteOptions = SiteOptions()) throws -> SupportersSite {
        let outbox = try SQLiteOutbox(path: outboxPath)
        // The access log at info would print a line per request of every test; errors still show.
        var logger = Logger(label: "cartable.serve.tests")
        logger.logLevel = .warning
        return SupportersSite(campaigns: [ServedCampaign(audience: try audience(), sender: try webhookSender())], outbox: outbox,
                                  options: options, logger: logger)
    }

    /// Runs `body` against the site on a real loopback server (HummingbirdTesting's live client).
    func test<Value>(options: SiteOptions = SiteOptions(), _ body: @Sendable (any TestClientProtocol) async throws -> Value) async throws -> Value {
        let app = try site(options: options).application(host: "127.0.0.1", port: 0)
        return try await app.test(.live, body)
    }

    private final class Ledger: @unchecked Sendable {
        private let lock = NSLock()
        private var bodies: [String] = []
        func record(_ body: String) { lock.withLock { bodies.append(body) } }
        var count: Int { lock.withLock { bodies.count } }
        var all: [String] { lock.withLock { bodies } }
    }
}

/// `make()` again every 50 ms until `done` holds of its value or `seconds` passed; the last value.
func eventually<Value>(seconds: Double = 30, _ make: () async throws -> Value, until done: (Value) -> Bool) async throws -> Value {
    let deadline = Date().addingTimeInterval(seconds)
    var value = try await make()
    while !done(value), Date() < deadline {
        try await Task.sleep(for: .milliseconds(50))
        value = try await make()
    }
    return value
}

/// Requests as a browser on the site sends them.
enum Browser {
    /// The site's own origin as the live client reaches it (`Host: localhost`).
    static let origin = "http://localhost"

    /// Headers of a form post from `origin` (none: no `Origin` header), with the supporter's cookie.
    static func formHeaders(origin: String? = Browser.origin, cookie: String? = nil) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let origin { headers[.origin] = origin }
        if let cookie { headers[.cookie] = cookie }
        return headers
    }

    /// Headers of a JSON call from `origin`.
    static func jsonHeaders(origin: String? = Browser.origin, cookie: String? = nil) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let origin { headers[.origin] = origin }
        if let cookie { headers[.cookie] = cookie }
        return headers
    }

    /// `name=value` of the supporter cookie a response set.
    static func supporterCookie(_ response: TestResponse) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix("cartable_supporter=") }.map { String($0.prefix { $0 != ";" }) }
    }

    /// A form body.
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: PercentEncoding.formBody(fields.map { (name: $0.0, value: $0.1) }))
    }

    /// The body as text.
    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    /// The body as a JSON object.
    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }
}
