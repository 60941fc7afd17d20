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
        JSONText.appendString(recipient.id, to: &json)
        json += ",\"name\":"
        JSONText.appendString(recipient.name, to: &json)
        json += ",\"handle\":"
        JSONText.appendString(recipient.handle(on: message.channel), to: &json)
        json += ",\"group\":"
        JSONText.appendString(recipient.group, to: &json)
        json += ",\"department\":"
        JSONText.appendString(recipient.department, to: &json)
        json += "},\"channel\":\""
        json += message.channel.rawValue
        json += "\",\"text\":"
        JSONText.appendString(message.text, to: &json)
        json += ",\"weightedLength\":"
        json += String(message.measurement.weightedLength)
        json += ",\"maxLength\":"
        json += String(message.measurement.maxLength)
        json += message.isValid ? ",\"valid\":true" : ",\"valid\":false"
        json += ",\"variant\":"
        JSONText.appendString(message.variantID, to: &json)
        json += ",\"chosenVariant\":"
        JSONText.appendString(message.fitting.chosenVariantID, to: &json)
        json += ",\"droppedOptionalParts\":"
        json += String(message.fitting.droppedOptionalParts)
        json += ",\"problems\":["
        for (index, problem) in message.problems.enumerated() {
            if index > 0 { json += "," }
            json += "{\"code\":"
            JSONText.appendString(problem.code, to: &json)
            json += ",\"message\":"
            JSONText.appendString(problem.description, to: &json)
            json += "}"
        }
        json += "],\"intentURL\":"
        JSONText.appendString(message.intentURL, to: &json)
        json += ",\"idempotencyKey\":"
        JSONText.appendString(message.idempotencyKey.rawValue, to: &json)
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
