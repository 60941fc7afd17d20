/// The JSON shapes of a preview: one object per message, and the summary.
public enum PreviewJSON {
    /// One message as a one-line JSON object: `recipient` (id, name, handle, group, department), `channel`,
    /// `text`, `weightedLength`, `maxLength`, `valid`, `variant`, `chosenVariant`, `droppedOptionalParts`,
    /// `problems` (each `{code, message}`), `intentURL`, `idempotencyKey`.
    public static func message(_ message: Message) -> String {
        // Appended into one string: this runs once per message of batches of millions.
        let recipient = message.recipient
        var json = "{\"recipient\":{\"id\":"
        json.reserveCapacity(message.text.utf8.count * 4 + 400)
        json += JSONText.string(recipient.id)
        json += ",\"name\":" + JSONText.string(recipient.name)
        json += ",\"handle\":" + JSONText.string(recipient.handle(on: message.channel))
        json += ",\"group\":" + JSONText.string(recipient.group)
        json += ",\"department\":" + JSONText.string(recipient.department)
        json += "},\"channel\":\"" + message.channel.rawValue
        json += "\",\"text\":" + JSONText.string(message.text)
        json += ",\"weightedLength\":" + String(message.measurement.weightedLength)
        json += ",\"maxLength\":" + String(message.measurement.maxLength)
        json += message.isValid ? ",\"valid\":true" : ",\"valid\":false"
        json += ",\"variant\":" + JSONText.string(message.variantID)
        json += ",\"chosenVariant\":" + JSONText.string(message.fitting.chosenVariantID)
        json += ",\"droppedOptionalParts\":" + String(message.fitting.droppedOptionalParts)
        json += ",\"problems\":["
        for (index, problem) in message.problems.enumerated() {
            if index > 0 { json += "," }
            json += "{\"code\":" + JSONText.string(problem.code) + ",\"message\":" + JSONText.string(problem.description) + "}"
        }
        json += "],\"intentURL\":" + JSONText.string(message.intentURL)
        json += ",\"idempotencyKey\":" + JSONText.string(message.idempotencyKey.rawValue)
        json += "}"
        return json
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
