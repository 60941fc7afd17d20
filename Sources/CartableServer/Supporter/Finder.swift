import Cartable
import Foundation

/// The finder's question: a name, a department, a postcode, or a request for a suggestion; answered through the
/// library's ``RecipientChoice`` and ``SuggestionRanking``, exactly as `cartable write` answers `--to`,
/// `--department`, `--postcode` and `--suggest`.
struct Finder: Sendable {
    /// What was asked.
    struct Question: Sendable {
        var text: String?
        var department: String?
        var postcode: String?
        var suggest: Bool

        /// The question in a query (`q`, `department`, `postcode`, `suggest`).
        init(_ fields: FormFields) {
            text = fields["q"]
            department = fields["department"]
            postcode = fields["postcode"]
            suggest = fields["suggest"].map { $0 != "0" && $0 != "false" } ?? false
        }

        var isEmpty: Bool { text == nil && department == nil && postcode == nil && !suggest }
    }

    /// What the finder answers.
    enum Answer: Sendable {
        /// The targets that match (none, one or several), with how the question was understood.
        case matches(RecipientChoice.Matches)
        /// Up to five suggested targets, fewest messages first; empty with the reason counts when none can be.
        case suggestions(SuggestionRanking.Result, understood: [SearchReading])
    }

    let served: ServedCampaign

    /// Answers `question` for `supporter`; throws ``SiteError/badRequest(_:)`` for a postcode or department that
    /// is not one.
    func answer(_ question: Question, supporter: SupporterID, outbox: any Outbox, language: Language) async throws -> Answer {
        var department: Department?
        if let written = question.department {
            guard let found = RecipientQuery.department(named: written) else { throw SiteError.badRequest(language.text(.badDepartment, written)) }
            department = found
        }
        if let postcode = question.postcode, !ConstituencyFinder.lookUp(postcode: postcode).leadsSomewhere {
            throw SiteError.badRequest(language.text(.badPostcode, postcode))
        }
        let query = RecipientQuery(text: question.text, department: department, postcode: question.postcode)
        // Kept by query: a search reads every target's names, places and groups, and supporters look up the same few
        // names and postcodes again and again. A query of one letter matches hundreds, and stays a search.
        let matches = served.searches.value(for: query, keepingIf: { $0.recipients.count + $0.outsideTargets.count <= Self.largestAnswerKept }) {
            served.audience.choice.matches(query)
        }
        guard question.suggest else { return .matches(matches) }
        let campaign = served.campaign
        let history = try await SupporterHistory.read(outbox, campaignID: campaign.id, supporterID: supporter)
        let ranking = SuggestionRanking(limits: campaign.sending, channel: campaign.channel, supporter: supporter)
        var result = ranking.rank(query.isEmpty ? served.audience.targets : matches.recipients,
                                  loads: history.loads, writtenBySupporter: history.written, now: history.now)
        result.suggestions = Array(result.suggestions.prefix(Self.suggestions))
        return .suggestions(result, understood: matches.readings)
    }

    /// The most deputies (targets and others) an answer kept for the next same query may hold.
    static let largestAnswerKept = 64

    /// How many deputies a suggestion proposes, as `write --suggest` does.
    static let suggestions = 5
}
