import Cartable
import Foundation
import FuzzSupport
import HTTPTypes

let endpoint = try! HTTPEndpoint(string: "https://platform.example")
let created = HTTPTransportResponse(head: HTTPResponse(status: .created), body: Data(#"{"id":"1"}"#.utf8))
let instance = MastodonInstance("mastodon.social")

/// The request builders on arbitrary text, as round trips: percent-encoding decodes back to the text and uses only
/// unreserved characters and `%XX`; every intent link gives back the text; a form body's field decodes to the text;
/// the webhook, Mastodon and X senders put exactly the text in their bodies; Bluesky's facets are byte ranges inside
/// the text, on character boundaries, in order and not overlapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)

    let encoded = PercentEncoding.encode(text)
    check(PercentEncoding.decode(encoded) == text, "percent-encoding of \(text.debugDescription) decodes to \(String(describing: PercentEncoding.decode(encoded)))")
    check(encoded.utf8.allSatisfy { $0 < 0x80 && ($0 == UInt8(ascii: "%") || isUnreserved($0)) }, "\(encoded) has a reserved character")
    for channel in [Channel.twitter, .bluesky, .mastodon] {
        let link = IntentLink.url(posting: text, on: channel, mastodonInstance: instance)
        check(link.flatMap(IntentLink.text(in:)) == text, "the \(channel) link \(String(describing: link)) does not give back the text")
    }
    let form = PercentEncoding.formBody([(name: "status", value: text), (name: "visibility", value: "public")])
    let status = form.split(separator: "&").first { $0.hasPrefix("status=") }.map { String($0.dropFirst("status=".count)) }
    check(status.flatMap(PercentEncoding.decode) == text, "form body \(form)")

    let message = OutgoingMessage(
        idempotencyKey: IdempotencyKey(campaign: "fuzz", supporter: "s", recipient: "r", channelName: "fuzz"), text: text, language: "fr")
    checkBody(of: { WebhookSender(settings: WebhookSettings(endpoint: endpoint, secret: Secret("k")), transport: $0, now: { Date() }) },
              message) { textField(in: $0) }
    checkBody(of: { XSender(
        settings: XSettings(api: endpoint, credentials: OAuth1Credentials(
            consumerKey: Secret("a"), consumerSecret: Secret("b"), token: Secret("c"), tokenSecret: Secret("d"))),
        transport: $0, now: { Date() }) }, message) { textField(in: $0) }
    checkBody(of: { MastodonSender(settings: MastodonSettings(instance: endpoint, accessToken: Secret("t")), transport: $0, now: { Date() }) },
              message) { body in
        String(decoding: body, as: UTF8.self).split(separator: "&").first { $0.hasPrefix("status=") }
            .flatMap { PercentEncoding.decode(String($0.dropFirst("status=".count))) }
    }

    let utf8 = Array(text.utf8)
    var previousEnd = 0
    let mentions = BlueskyFacets.mentions(in: text)
    for mention in mentions {
        let range = mention.byteRange
        check(range.lowerBound >= 0 && range.upperBound <= utf8.count && isBoundary(utf8, range.lowerBound) && isBoundary(utf8, range.upperBound),
              "mention \(mention) outside the text or splitting a character")
        check(String(decoding: utf8[range], as: UTF8.self).lowercased() == "@" + mention.handle, "mention \(mention) is not its bytes")
    }
    let resolved = Dictionary(mentions.map { ($0.handle, "did:plc:fuzz") }, uniquingKeysWith: { first, _ in first })
    for facet in BlueskyFacets.facets(for: text, resolvedDIDs: resolved) {
        let range = facet.byteRange
        check(range.lowerBound >= previousEnd && range.upperBound <= utf8.count && !range.isEmpty,
              "facet \(range) in \(utf8.count) bytes after \(previousEnd)")
        check(isBoundary(utf8, range.lowerBound) && isBoundary(utf8, range.upperBound), "facet \(range) splits a character")
        previousEnd = range.upperBound
    }
    return 0
}

/// Sends `message` through the sender made with a recording transport and checks that `extract` finds the text in
/// the one request's body.
func checkBody(of makeSender: (ScriptedTransport) -> any MessageSender, _ message: OutgoingMessage, extract: (Data) -> String?) {
    let transport = ScriptedTransport(answers: [created])
    let sender = makeSender(transport)
    _ = runBlocking { await sender.send(message) }
    let body = transport.requests.last?.body ?? Data()
    check(extract(body) == message.text, "\(sender.channel.name) body \(String(decoding: body, as: UTF8.self)) for \(message.text.debugDescription)")
}

/// The `text` field of a JSON body. Read with `JSONDecoder`, not `JSONSerialization`: on Linux the latter drops a
/// U+FEFF that starts a string or follows an escape (it goes through `NSString`, which takes it for a byte order mark).
func textField(in body: Data) -> String? {
    struct Body: Decodable { var text: String }
    return try? JSONDecoder().decode(Body.self, from: body).text
}

func isUnreserved(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-._~".utf8.contains(byte)
}

/// Whether a byte offset is at the start of a UTF-8 character (or the end).
func isBoundary(_ utf8: [UInt8], _ offset: Int) -> Bool {
    offset == utf8.count || utf8[offset] & 0xC0 != 0x80
}

/// The program's entry point (SwiftPM's name for this target's `main`): hands over to libFuzzer.
@_cdecl("fuzz_requests_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}
