import Cartable
import Foundation
import Hummingbird

/// The JSON API beside the pages (`/api/c/{id}/…`, described at `/openapi.json`): the same library calls as the
/// pages, for the page's script and for other front ends.
struct APIRoutes: Sendable {
    let site: SiteState

    func add(to router: Router<SiteRequestContext>) {
        router.get("/openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        router.get("/api/c/:campaign") { _, context in
            let served = try site.campaign(context.parameters.get("campaign"))
            let campaign = served.campaign
            let satchel = try await site.satchels.satchel(of: served)
            return JSONAnswer.response(APICampaign(
                id: campaign.id, title: campaign.title, organiser: campaign.organiser, language: campaign.language,
                channel: campaign.channel.rawValue, profile: campaign.profile.name, maxLength: campaign.profile.maxLength,
                intro: campaign.web.intro, sendThroughCampaign: served.sendsThroughCampaign, deputies: served.audience.targets.count,
                satchel: APISatchel(messages: satchel.messages, deputiesReached: satchel.reached, deputies: satchel.targets)))
        }
        router.get("/api/c/:campaign/deputies") { request, context in
            let served = try site.campaign(context.parameters.get("campaign"))
            let visitor = Visitor(request, query: FormFields(nil), served: served)
            let question = Finder.Question(FormFields(request.uri.query.map { Substring($0) }))
            guard !question.isEmpty else { throw SiteError.badRequest("give q, department, postcode or suggest=1") }
            let channel = served.campaign.channel
            let answer: APIDeputies
            switch try await Finder(served: served).answer(question, supporter: visitor.supporter, outbox: site.outbox, language: visitor.language) {
            case .matches(let matches):
                answer = APIDeputies(understood: matches.readings.map(visitor.language.text), notes: matches.advice.map(visitor.language.text), deputies: matches.recipients.map { APIDeputy($0, on: channel) },
                                     outsideTargets: matches.outsideTargets.map(\.name), suggested: false)
            case .suggestions(let result, let understood):
                answer = APIDeputies(understood: understood.map(visitor.language.text), notes: [], deputies: result.suggestions.map { APIDeputy($0.recipient, on: channel, messagesSoFar: $0.messagesSoFar) },
                                     outsideTargets: [], suggested: true)
            }
            return respond(answer, visitor: visitor)
        }
        router.get("/api/c/:campaign/d/:deputy/message") { request, context in
            let served = try site.campaign(context.parameters.get("campaign"))
            let recipient = try deputy(served, context)
            let fields = FormFields(request.uri.query.map { Substring($0) })
            let visitor = Visitor(request, query: fields, served: served)
            let turn = DeputyMessage.turn(fields["variant"])
            let draft = DeputyMessage.draft(served, for: recipient, supporter: visitor.supporter, mastodonInstance: visitor.mastodonInstance, turn: turn)
            let message = draft.message
            return respond(APIMessage(
                deputy: APIDeputy(recipient, on: served.campaign.channel), text: message.text, variant: draft.turn, variantID: message.variantID,
                variantCount: draft.variantCount, weightedLength: message.measurement.weightedLength, maxLength: message.measurement.maxLength,
                valid: message.isValid, excess: message.measurement.excess, intentURL: message.intentURL,
                sendThroughCampaign: served.sendsThroughCampaign), visitor: visitor)
        }
        router.post("/api/c/:campaign/measure") { request, context in
            let served = try site.campaign(context.parameters.get("campaign"))
            let asked = try APIMeasureRequest(json: try await body(of: request))
            try site.admit(.measure, served, request: request, context: context)
            var profile = served.campaign.profile
            if let name = asked.profile, name != profile.name {
                guard let named = LengthProfile(named: name) else {
                    throw SiteError.badRequest("unknown profile '\(name)'; profiles: \(LengthProfile.names.joined(separator: ", "))")
                }
                profile = named
            }
            let measurement = profile.measure(asked.text.trimmedOfWhitespace)
            return JSONAnswer.response(json: APIMeasurement(
                profile: profile.name, weightedLength: measurement.weightedLength, maxLength: measurement.maxLength,
                valid: measurement.valid, excess: measurement.excess).json)
        }
        router.post("/api/c/:campaign/d/:deputy/send") { request, context in
            let served = try site.campaign(context.parameters.get("campaign"))
            let recipient = try deputy(served, context)
            let visitor = Visitor(request, query: FormFields(nil), served: served)
            let asked: APISendRequest = try await decode(request)
            guard let sender = served.sender, served.campaign.web.sendThroughCampaign else {
                throw SiteError.badRequest("this campaign does not send through its account; post from your own (intentURL)")
            }
            guard asked.text == nil else {
                throw SiteError.badRequest("only the campaign's own wordings go through its account: send {\"variant\": N}, never a text")
            }
            try site.admit(.send, served, request: request, context: context)
            let draft = DeputyMessage.draft(served, for: recipient, supporter: visitor.supporter, mastodonInstance: nil, turn: max(asked.variant ?? 0, 0))
            guard draft.message.isValid else {
                throw SiteError.badRequest("the campaign's message is \(draft.message.measurement.excess) over the limit; it cannot be sent")
            }
            let language = visitor.language
            let name = recipient.name
            var result = APISendResult(outcome: "queued", text: draft.message.text, detail: "")
            switch try await CampaignSending(served: served, sender: sender, outbox: site.outbox, queue: site.queue, metrics: site.metrics).send(draft) {
            case .alreadyWritten(let earlier):
                result = APISendResult(outcome: "already-written", text: earlier.entry.text, detail: DeliveryStatus.describe(earlier, to: name, in: language),
                                       state: earlier.state.rawValue, postURL: earlier.postURL)
            case .queued(let opening):
                result.state = OutboxState.queued.rawValue
                if let opening {
                    result.notBefore = opening
                    result.detail = language.text(.waitingHours, name, language.moment(opening))
                } else {
                    result.detail = language.text(.queuedNow, name)
                }
            case .windowEnded(let reason):
                result.outcome = "window-ended"
                result.detail = language.text(.windowEnded, reason)
            }
            return respond(result, visitor: visitor)
        }
    }

    private func deputy(_ served: ServedCampaign, _ context: SiteRequestContext) throws -> Recipient {
        let id = context.parameters.get("deputy") ?? ""
        guard let recipient = served.target(id) else { throw SiteError.unknownDeputy(id) }
        return recipient
    }

    /// The request's body, refused over the site's limit.
    private func body(of request: Request) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: site.options.bodyLimit)
        } catch {
            throw SiteError.tooLarge
        }
    }

    private func decode<Value: Decodable>(_ request: Request) async throws -> Value {
        let buffer = try await body(of: request)
        do {
            return try JSONDecoder().decode(Value.self, from: Data(buffer.readableBytesView))
        } catch {
            throw SiteError.badRequest("the body must be JSON: \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "'\(key.stringValue)' is missing"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        default: "it cannot be read"
        }
    }

    private func respond(_ value: some Encodable, visitor: Visitor) -> Response {
        var response = JSONAnswer.response(value)
        visitor.setCookies(on: &response, options: site.options)
        return response
    }
}
