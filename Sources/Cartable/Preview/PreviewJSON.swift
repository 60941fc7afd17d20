/// The JSON shapes of a preview: one object per message, and the summary.
public enum PreviewJSON {
    /// One message as a one-line JSON object: `recipient` (id, name, handle, group, department), `channel`,
    /// `text`, `weightedLength`, `maxLength`, `valid`, `variant`, `chosenVariant`, `droppedOptionalParts`,
    /// `problems` (each `{code, message}`), `intentURL`, `idempotencyKey`.
    public static func message(_ message: Message) -> String {
        var bytes: [UInt8] = []
        append(message, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``message(_:)``'s object to `json`, as UTF-8: a preview writes one per message of batches of millions,
    /// straight into its output buffer.
    public static func append(_ message: Message, to json: inout [UInt8]) {
        func add(_ literal: String) { json.append(contentsOf: literal.utf8) }
        func add(_ text: String?, after literal: String) {
            add(literal)
            JSONText.appendString(text, to: &json)
        }
        let recipient = message.recipient
        json.reserveCapacity(json.count + message.text.utf8.count * 4 + 400)
        add(recipient.id, after: "{\"recipient\":{\"id\":")
        add(recipient.name, after: ",\"name\":")
        add(recipient.handle(on: message.channel), after: ",\"handle\":")
        add(recipient.group, after: ",\"group\":")
        add(recipient.department, after: ",\"department\":")
        add("},\"channel\":\"")
        add(message.channel.rawValue)
        add(message.text, after: "\",\"text\":")
        add(",\"weightedLength\":")
        add(String(message.measurement.weightedLength))
        add(",\"maxLength\":")
        add(String(message.measurement.maxLength))
        add(message.isValid ? ",\"valid\":true" : ",\"valid\":false")
        add(message.variantID, after: ",\"variant\":")
        add(message.fitting.chosenVariantID, after: ",\"chosenVariant\":")
        add(",\"droppedOptionalParts\":")
        add(String(message.fitting.droppedOptionalParts))
        add(",\"problems\":[")
        for (index, problem) in message.problems.enumerated() {
            add(problem.code, after: index > 0 ? ",{\"code\":" : "{\"code\":")
            add(problem.description, after: ",\"message\":")
            add("}")
        }
        // The link and the key are written in pieces, without making their texts: the encoded text needs no escaping.
        if let prefix = message.intentLinkPrefix {
            add("],\"intentURL\":\"")
            JSONText.appendEscaped(prefix, to: &json)
            PercentEncoding.append(message.text, to: &json)
            add("\",\"idempotencyKey\":\"")
        } else {
            add("],\"intentURL\":null,\"idempotencyKey\":\"")
        }
        message.idempotencyKey.writeRawValue { JSONText.appendEscaped($0, to: &json) }
        add("\"}")
    }

    /// The summary as a JSON object.
    public static func summary(_ summary: PreviewSummary) -> String {
        func counts(_ pairs: [(String, Int)]) -> String {
            JSONText.object(pairs.map { ($0.0, String($0.1)) })
        }
        let lengths = summary.lengths
        let histogram = JSONText.array(lengths.histogram.map { bucket in
            JSONText.object([
                ("from", String(bucket.lower)), ("to", String(bucket.upper)), ("count", String(bucket.count)),
                ("overLimit", JSONText.bool(bucket.isOverLimit)),
            ])
        })
        return JSONText.object([
            ("campaign", JSONText.string(summary.campaignID)),
            ("channel", JSONText.string(summary.channel.rawValue)),
            ("profile", JSONText.string(summary.profile)),
            ("maxLength", String(lengths.maxLength)),
            ("targets", String(summary.targets)),
            ("messages", String(summary.messages)),
            ("valid", String(summary.valid)),
            ("reached", String(summary.reached)),
            ("problems", String(summary.problems)),
            ("tooLong", String(summary.tooLong)),
            ("invalid", String(summary.invalid)),
            ("withoutVariant", String(summary.withoutVariant)),
            ("fitted", String(summary.fitted)),
            ("unreachable", String(summary.unreachable)),
            ("unreachableSkipped", JSONText.bool(summary.unreachableSkipped)),
            ("unreachableExamples", JSONText.array(summary.unreachableExamples.map {
                JSONText.object([("id", JSONText.string($0.id)), ("name", JSONText.string($0.name))])
            })),
            ("stoppedAtLimit", JSONText.bool(summary.stoppedAtLimit)),
            ("variants", counts(summary.variantCounts.map { ($0.id, $0.count) })),
            ("groups", counts(summary.groups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
            ("departments", counts(summary.departments.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })),
            ("lengths", JSONText.object([
                ("min", lengths.minimum.map(String.init) ?? "null"),
                ("median", lengths.median.map(String.init) ?? "null"),
                ("max", lengths.maximum.map(String.init) ?? "null"),
                ("histogram", histogram),
            ])),
        ])
    }
}
