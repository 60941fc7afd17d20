import Foundation

/// A message a campaign would send to one recipient with one of its variants, before any length fitting: what
/// `lint` measures. (The composer picks one variant per recipient; lint checks them all, so any pick fits.)
public struct DraftMessage: Sendable, Hashable {
    /// Who it is for.
    public var recipient: Recipient
    /// Which variant it was rendered from.
    public var variantID: String
    /// The text, mention included.
    public var text: String
}

extension Campaign {
    /// The values templates can use for `recipient`: its fields (with `handle` as the channel's mention) and the
    /// campaign's (`link`, `hashtags` as `#a #b`, `title`, `organiser`).
    public func templateValues(for recipient: Recipient) -> [String: String] {
        var values: [String: String] = [
            "name": recipient.name,
            "title": title,
            "organiser": organiser,
            "hashtags": hashtags.map { "#" + $0 }.joined(separator: " "),
        ]
        values["first_name"] = recipient.firstName
        values["last_name"] = recipient.lastName
        values["handle"] = recipient.mention(on: channel)
        values["group"] = recipient.group
        values["group_name"] = recipient.groupName
        values["department"] = recipient.department
        values["department_name"] = recipient.departmentName
        values["constituency"] = recipient.constituency.map(String.init)
        values["link"] = link
        return values
    }

    /// The variants meant for `recipient`: those whose segment matches it, or, when none does, those without a
    /// segment ("the rest").
    public func variants(for recipient: Recipient) -> [TemplateVariant] {
        let segmented = templates.filter { $0.segment?.matchesAll(recipient) ?? false }
        return segmented.isEmpty ? templates.filter { $0.segment == nil } : segmented
    }

    /// The message `variant` gives for `recipient`: the address prefix, then the rendered text with runs of spaces
    /// (left by empty placeholders) folded to one and the ends trimmed.
    public func draft(_ variant: TemplateVariant, for recipient: Recipient) -> DraftMessage {
        let body = Self.tidy(variant.text.render(templateValues(for: recipient)))
        let text = addressing.prefix(mention: recipient.mention(on: channel)) + body
        return DraftMessage(recipient: recipient, variantID: variant.id, text: text)
    }

    /// Folds runs of spaces to one and trims each end; keeps line breaks, which some channels show.
    static func tidy(_ text: String) -> String {
        var result = ""
        var previousWasSpace = false
        for character in text {
            if character == " " {
                if !previousWasSpace { result.append(character) }
                previousWasSpace = true
            } else {
                previousWasSpace = false
                result.append(character)
            }
        }
        return result.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
