/// A template compiled once per campaign into a flat list of steps, then run for each recipient.
///
/// Why not render the parsed tree with a general Mustache engine for every message: a batch is a million
/// renders of the same few templates, and the campaign's own values (`link`, `hashtags`, `title`,
/// `organiser`) are the same in all of them. Compiling folds those into the literal text, resolves their
/// sections once, and leaves only the recipient's fields to look up, directly on the ``Recipient`` rather than
/// through a dictionary. `cartable-bench` compares it with swift-mustache on the shipped templates, and a test
/// checks that both render every template alike.
///
/// The renderer also folds runs of spaces (left by empty fields) to one as it writes, and trims the ends,
/// as ``Campaign/tidy(_:)`` describes.
struct TemplateProgram: Sendable {
    enum Step: Sendable {
        /// Literal bytes (text, and campaign values folded in at compile time).
        case literal([UInt8])
        /// A recipient's field.
        case field(TemplateField)
        /// `{{#field}}` (or `{{^field}}` when `inverted`): go on when the field's presence says so, else jump to `end`.
        case section(TemplateField, inverted: Bool, end: Int)
        /// `{{#optional}}`: the optional part numbered `part` (in order of appearance); jump to `end` when it is left out.
        case optional(part: Int, end: Int)
    }

    private(set) var steps: [Step] = []
    /// How many optional parts the template has.
    private(set) var optionalParts = 0
    /// Literals from here on may be merged: a jump lands at this index, so nothing before it can be extended.
    private var mergeBarrier = 0

    /// Compiles `template` for `campaign`.
    init(_ template: TemplateText, campaign: Campaign) {
        let constants = Self.campaignValues(campaign)
        compile(template.nodes, constants: constants)
    }

    /// The values that are the same for every message of the campaign; absent ones are left out.
    static func campaignValues(_ campaign: Campaign) -> [String: String] {
        var values = ["title": campaign.title, "organiser": campaign.organiser]
        if let link = campaign.link { values["link"] = link }
        if !campaign.hashtags.isEmpty { values["hashtags"] = campaign.hashtags.map { "#" + $0 }.joined(separator: " ") }
        return values.filter { !$0.value.isEmpty }
    }

    private mutating func compile(_ nodes: [TemplateText.Node], constants: [String: String]) {
        for node in nodes {
            switch node {
            case .text(let text):
                appendLiteral(text)
            case .variable(let name, _):
                if let field = TemplateField(placeholder: name) {
                    steps.append(.field(field))
                } else if let value = constants[name] {
                    appendLiteral(value)
                }
            case .section(let name, let inverted, let children, _):
                if name == CampaignFile.optionalSection {
                    // `{{^optional}}` has no meaning (the campaign file refuses it); it renders nothing.
                    guard !inverted else { continue }
                    let start = steps.count
                    let part = optionalParts
                    optionalParts += 1
                    steps.append(.optional(part: part, end: 0))
                    compile(children, constants: constants)
                    steps[start] = .optional(part: part, end: steps.count)
                    mergeBarrier = steps.count
                } else if let field = TemplateField(placeholder: name) {
                    let start = steps.count
                    steps.append(.section(field, inverted: inverted, end: 0))
                    compile(children, constants: constants)
                    steps[start] = .section(field, inverted: inverted, end: steps.count)
                    mergeBarrier = steps.count
                } else if (constants[name] != nil) != inverted {
                    // A campaign value decides the section once for every message.
                    compile(children, constants: constants)
                }
            }
        }
    }

    private mutating func appendLiteral(_ text: String) {
        guard !text.isEmpty else { return }
        if steps.count > mergeBarrier, case .literal(let previous)? = steps.last {
            steps[steps.count - 1] = .literal(previous + Array(text.utf8))
        } else {
            steps.append(.literal(Array(text.utf8)))
        }
    }

    /// Renders for `recipient` into `text`, keeping the optional parts numbered below `keptOptionalParts`.
    func render(for recipient: Recipient, mention: String?, keptOptionalParts: Int, into text: inout MessageText) {
        var index = 0
        while index < steps.count {
            switch steps[index] {
            case .literal(let bytes):
                text.append(bytes)
                index += 1
            case .field(let field):
                if let value = field.value(for: recipient, mention: mention) { text.append(value) }
                index += 1
            case .section(let field, let inverted, let end):
                index = field.isPresent(for: recipient, mention: mention) != inverted ? index + 1 : end
            case .optional(let part, let end):
                index = part < keptOptionalParts ? index + 1 : end
            }
        }
    }
}
