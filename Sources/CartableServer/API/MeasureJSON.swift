import Cartable
import Hummingbird

/// The measure call's body and answer read and written by hand (``JSONObjectFields``, ``JSONText``) rather than by
/// `JSONDecoder` and `JSONEncoder`, whose machinery cost more than the measuring: the page's script calls it as the
/// supporter types. The same JSON as the coders' (keys sorted, slashes not escaped) and the same refusals.
extension APIMeasureRequest {
    /// The request in `body`; a refusal that says what is wrong otherwise.
    init(json body: ByteBuffer) throws(SiteError) {
        let read = body.withUnsafeReadableBytes { raw in
            JSONObjectFields.read(["text", "profile"], fromUTF8: raw.bindMemory(to: UInt8.self))
        }
        let fields: [String: JSONObjectFields.Value]
        switch read {
        case .success(let values): fields = values
        case .failure(.notAnObject): throw SiteError.badRequest(#"the body must be JSON: an object, {"text": "…"}"#)
        case .failure(.malformedJSON): throw SiteError.badRequest("the body must be JSON: it cannot be read")
        }
        switch fields["text"] {
        case .string(let text): self.text = text
        case nil: throw SiteError.badRequest("the body must be JSON: 'text' is missing")
        case .null, .other: throw SiteError.badRequest("the body must be JSON: 'text' has the wrong type")
        }
        switch fields["profile"] {
        case .string(let profile): self.profile = profile
        case nil, .null: profile = nil
        case .other: throw SiteError.badRequest("the body must be JSON: 'profile' has the wrong type")
        }
    }
}

extension APIMeasurement {
    /// `{"excess":…,"maxLength":…,"profile":"…","valid":…,"weightedLength":…}`, as `JSONAnswer` would encode it.
    var json: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(96 + profile.utf8.count)
        bytes.append(contentsOf: #"{"excess":"#.utf8)
        bytes.append(contentsOf: String(excess).utf8)
        bytes.append(contentsOf: #","maxLength":"#.utf8)
        bytes.append(contentsOf: String(maxLength).utf8)
        bytes.append(contentsOf: #","profile":"#.utf8)
        JSONText.appendString(profile, to: &bytes)
        bytes.append(contentsOf: #","valid":"#.utf8)
        bytes.append(contentsOf: (valid ? "true" : "false").utf8)
        bytes.append(contentsOf: #","weightedLength":"#.utf8)
        bytes.append(contentsOf: String(weightedLength).utf8)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}
