/// One message of a batch: the text a recipient gets, measured, with where it came from and what is wrong with it.
public struct Message: Sendable, Hashable {
    /// Who it is for.
    public var recipient: Recipient
    /// Where it is posted.
    public var channel: Channel
    /// The text, mention included, exactly as it would be posted. Never truncated: a message too long stays whole
    /// and says so in ``problems``.
    public var text: String
    /// The text measured with the campaign's length profile.
    public var measurement: Measurement
    /// The variant the text was rendered from; `nil` when no variant is meant for the recipient.
    public var variantID: String?
    /// How the text was fitted to the limit.
    public var fitting: Fitting
    /// What is wrong with the message; empty when it can be sent as it is.
    public var problems: [MessageProblem]
    /// The start of the message's intent link, the encoded text to follow (see ``IntentLink``); `nil` when the message
    /// has a problem, on a webhook, or on Mastodon when no instance is known.
    public var intentLinkPrefix: String?
    /// The message's key when its platform's own sender posts it (``BuiltInChannel/platformSender(for:)``);
    /// ``IdempotencyKey/via(_:)`` gives its key on another channel.
    public var idempotencyKey: IdempotencyKey

    /// Whether the message has no problem.
    public var isValid: Bool { problems.isEmpty }

    /// A link that opens the platform's post box with the text filled in (see ``IntentLink``); `nil` when the
    /// message has a problem, on a webhook, or on Mastodon when no instance is known. Made when asked for: a batch
    /// that is only checked or queued does not need it.
    public var intentURL: String? { intentLinkPrefix.map { $0 + PercentEncoding.encode(text) } }

    /// A message with its text already measured; its problems follow from the measurement.
    public init(
        recipient: Recipient, channel: Channel, text: String, measurement: Measurement, variantID: String?,
        fitting: Fitting = Fitting(chosenVariantID: nil), problems: [MessageProblem], intentLinkPrefix: String?,
        idempotencyKey: IdempotencyKey
    ) {
        self.recipient = recipient
        self.channel = channel
        self.text = text
        self.measurement = measurement
        self.variantID = variantID
        self.fitting = fitting
        self.problems = problems
        self.intentLinkPrefix = intentLinkPrefix
        self.idempotencyKey = idempotencyKey
    }

    /// How a message came to be the text it is: the variant the rotation chose for the recipient, and what the
    /// composer did when that one did not fit.
    public struct Fitting: Sendable, Hashable {
        /// The variant the rotation chose (see ``Composer``); `nil` when no variant is meant for the recipient.
        public var chosenVariantID: String?
        /// Whether the text comes from another variant than the chosen one, because the chosen one did not fit.
        public var usedFallback = false
        /// Whether that other variant is one the campaign marks `fallback: true`.
        public var fallbackIsMarked = false
        /// How many optional parts (`{{#optional}}...{{/optional}}`) were left out to make the text fit.
        public var droppedOptionalParts = 0

        /// How `chosenVariantID` was fitted: replaced by a fallback or shortened by leaving optional parts out.
        public init(chosenVariantID: String?, usedFallback: Bool = false, fallbackIsMarked: Bool = false, droppedOptionalParts: Int = 0) {
            self.chosenVariantID = chosenVariantID
            self.usedFallback = usedFallback
            self.fallbackIsMarked = fallbackIsMarked
            self.droppedOptionalParts = droppedOptionalParts
        }

        /// Whether the text is the chosen variant, whole.
        public var isAsChosen: Bool { !usedFallback && droppedOptionalParts == 0 }
    }
}
