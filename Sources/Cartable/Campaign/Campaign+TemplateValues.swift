extension Campaign {
    /// The values templates can use for `recipient`, by placeholder name: its fields (with `handle` as the
    /// channel's mention) and the campaign's (`link`, `hashtags` as `#a #b`, `title`, `organiser`). Fields without a
    /// value are left out.
    ///
    /// The composer does not look values up this way (it compiles templates, see ``Composer``); this is the
    /// reference it is checked against, and what a general Mustache engine would be given.
    public func templateValues(for recipient: Recipient) -> [String: String] {
        var values: [String: String] = [
            "name": recipient.name,
            "title": title,
            "organiser": organiser,
        ]
        if !hashtags.isEmpty { values["hashtags"] = hashtags.map { "#" + $0 }.joined(separator: " ") }
        values["first_name"] = recipient.firstName
        values["last_name"] = recipient.lastName
        values["handle"] = recipient.mention(on: channel)
        values["group"] = recipient.group
        values["group_name"] = recipient.groupName
        values["department"] = recipient.department
        values["department_name"] = recipient.departmentName
        values["constituency"] = recipient.constituency.map(String.init)
        values["link"] = link
        return values.filter { !$0.value.isEmpty }
    }

    /// The variants meant for `recipient`: those whose segment matches it, or, when none does, those without a
    /// segment ("the rest").
    public func variants(for recipient: Recipient) -> [TemplateVariant] {
        let segmented = templates.filter { $0.segment?.matchesAll(recipient) ?? false }
        return segmented.isEmpty ? templates.filter { $0.segment == nil } : segmented
    }
}
