extension CampaignLint {
    /// What the targets' criteria are checked against, gathered while the list streams by: the groups, departments
    /// and constituencies the list has (a few hundred values, whatever its length) and which of the ids the criteria
    /// name it has, rather than the list itself.
    final class ListFacts {
        /// The recipient file, as the user named it.
        let path: String
        /// Recipients seen.
        private(set) var count = 0
        /// The list's groups, as written.
        private(set) var groups = Set<String>()
        /// The list's department codes.
        private(set) var departments = Set<String>()
        /// The list's constituencies, as ``Recipient/constituencyKey``.
        private(set) var constituencies = Set<String>()
        /// Of the ids the criteria name, those the list has.
        private(set) var foundIDs = Set<String>()
        private let wantedIDs: Set<String>

        /// Facts about the list at `path`, looking out for the ids `campaign`'s criteria name.
        init(path: String, campaign: Campaign) {
            self.path = path
            var wanted = Set(campaign.targets.include.ids).union(campaign.targets.exclude.ids)
            for variant in campaign.templates { wanted.formUnion(variant.segment?.ids ?? []) }
            wantedIDs = wanted
        }

        /// Notes one recipient of the list.
        func observe(_ recipient: Recipient) {
            count += 1
            if let group = recipient.group { groups.insert(group) }
            if let department = recipient.department { departments.insert(department) }
            if let constituency = recipient.constituencyKey { constituencies.insert(constituency) }
            if wantedIDs.contains(recipient.id) { foundIDs.insert(recipient.id) }
        }
    }
}
