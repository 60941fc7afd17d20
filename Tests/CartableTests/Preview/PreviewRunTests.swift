import Foundation
import Testing
@testable import Cartable

@Suite("Preview run")
struct PreviewRunTests {
    static func shown(_ composer: Composer, _ recipients: [Recipient], _ options: PreviewOptions = PreviewOptions()) -> (messages: [Message], summary: PreviewSummary) {
        var messages: [Message] = []
        let summary = PreviewRun.run(composer, recipients: recipients, options: options) { messages.append($0) }
        return (messages, summary)
    }

    @Test func theWholeBatchIsTheComposersAndTheSummaryCountsIt() throws {
        let (composer, recipients) = try PreviewFixtures.shipped("sensetwitt-2012.yml")
        let (messages, summary) = Self.shown(composer, recipients)
        let targets = composer.campaign.targets.select(from: recipients)
        #expect(messages == Array(composer.messages(for: targets)))
        #expect(summary.targets == targets.count)
        #expect(summary.messages == messages.count)
        #expect(summary.unreachable == targets.count - messages.count)
        #expect(summary.valid == messages.count && summary.problems == 0 && summary.exitCode == 0)
        #expect(summary.variantCounts.map(\.count).reduce(0, +) == messages.count)
        #expect(summary.groups.values.reduce(0, +) == messages.count)
        #expect(summary.lengths.total == messages.count)
        #expect(summary.lengths.maximum == messages.map(\.measurement.weightedLength).max())
        #expect(summary.unreachableSkipped)
    }

    @Test func filtersShowASubsetWithTheMessagesOfTheWholeBatch() throws {
        let (composer, recipients) = try PreviewFixtures.shipped("sensetwitt-2012.yml")
        let whole = Self.shown(composer, recipients).messages
        for filter in [RecipientFilter(groups: ["SRC"]), RecipientFilter(departments: ["91"]), RecipientFilter(groups: ["ecolo"], departments: ["75", "94"])] {
            let subset = Self.shown(composer, recipients, PreviewOptions(filter: filter))
            #expect(!subset.messages.isEmpty)
            #expect(subset.messages == whole.filter { filter.matchesAll($0.recipient) }, "\(filter)")
            #expect(subset.summary.messages == subset.messages.count)
        }
    }

    @Test func onlyProblemsHidesValidMessagesButTheSummaryCountsThem() throws {
        let (composer, recipients) = try PreviewFixtures.fixture("hostile.yml")
        let tooLong = try PreviewFixtures.fixture("too-long.yml")
        let problems = Self.shown(tooLong.composer, tooLong.recipients, PreviewOptions(onlyProblems: true))
        #expect(problems.messages.count == 3)
        #expect(problems.summary.exitCode == 1)
        let none = Self.shown(composer, recipients, PreviewOptions(onlyProblems: true))
        #expect(none.messages.isEmpty)
        #expect(none.summary.messages == 6 && none.summary.valid == 6 && none.summary.exitCode == 0)
    }

    @Test func limitStopsAfterThatManyMessagesShown() throws {
        let (composer, recipients) = try PreviewFixtures.shipped("ess-2026.yml")
        let whole = Self.shown(composer, recipients).messages
        let first = Self.shown(composer, recipients, PreviewOptions(limit: 5))
        #expect(first.messages == Array(whole.prefix(5)))
        #expect(first.summary.stoppedAtLimit)
        #expect(first.summary.messages == 5)
        #expect(!Self.shown(composer, recipients, PreviewOptions(limit: 10_000)).summary.stoppedAtLimit)
    }

    @Test func unreachableTargetsAreCountedAndNamed() throws {
        let (composer, recipients) = try PreviewFixtures.fixture("valid.yml")
        let (messages, summary) = Self.shown(composer, recipients)
        #expect(messages.map(\.recipient.id) == ["D1", "D4"])
        #expect(summary.unreachable == 1)
        #expect(summary.unreachableExamples.map(\.id) == ["D3"])
        #expect(!summary.unreachableSkipped)
    }

    @Test func lengthDistribution() {
        var lengths = LengthDistribution(maxLength: 140)
        for length in [10, 20, 20, 139, 140, 141, 200] { lengths.add(length) }
        #expect(lengths.minimum == 10 && lengths.maximum == 200 && lengths.median == 139)
        let histogram = lengths.histogram
        #expect(histogram.count == 11)
        #expect(histogram.first == .init(lower: 0, upper: 14, count: 1, isOverLimit: false))
        #expect(histogram[1] == .init(lower: 15, upper: 28, count: 2, isOverLimit: false))
        #expect(histogram[9] == .init(lower: 127, upper: 140, count: 2, isOverLimit: false))
        #expect(histogram[10] == .init(lower: 141, upper: 200, count: 2, isOverLimit: true))
        #expect(histogram.map(\.count).reduce(0, +) == 7)
        #expect(LengthDistribution(maxLength: 140).median == nil)
    }
}
