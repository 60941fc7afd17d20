/// The keys of the page's own text; each language's table (``FrenchText``, ``EnglishText``) gives every one.
/// `{1}`, `{2}` stand for the values ``Language/text(_:_:)`` puts in.
///
/// No raw value: a page looks up a few dozen phrases, and an enum with a `String` raw value is hashed through that
/// string, where this one hashes its case alone.
public enum Phrase: Sendable, Hashable, CaseIterable {
    case siteTitle, skipToContent, languageSwitch, campaignsHeading, campaignsNone, organisedBy, satchelCount
    case messagesOne, messagesOther, deputiesOne, deputiesOther
    case findHeading, findName, findNameHint, findDepartment, findPostcode, findButton, suggestButton, suggestHint
    case resultsHeading, resultsUnderstood, noMatch, noMatchHint, outsideTargets, badPostcode, badDepartment
    case suggestionsHeading, nothingToSuggest, messagesSoFar
    case constituency, noHandle, elsewhere, unreachableHint, notInCampaign
    case messageHeading, variantOf, yourText, gaugeLabel, fits, overBy, cannotPostOver, counterAnnounce
    case anotherWording, editHeading, editLabel, measureButton, mentionDropped
    case postOwnHeading, postOnX, postOnBluesky, postOnMastodon, mastodonInstanceLabel, mastodonInstanceButton, mastodonInstanceBad
    case sendThroughHeading, sendThroughButton, sendThroughOnlyWordings, sendThroughNotForEdits, iPosted
    case thanksHeading, thanksOwn, sentAt, queuedUntil, queuedNow, waitingHours, heldByCap, failedRetry, failedDead, sendingNow, cancelled
    case alreadyWrote, windowEnded, anotherDeputy, shareHeading, shareHint, backToCampaign
    case satchelHeading, satchelFilterGroup, satchelFilterDepartment, satchelAll, satchelFilterButton, satchelNotReached, satchelReached
    case satchelReceived, satchelLink
    case notFoundHeading, notFoundCampaign, notFoundDeputy, notFoundPage, forbiddenHeading, forbiddenText
    case tooManyHeading, tooManyText, tooLargeHeading, tooLargeText, badRequestHeading, serverErrorHeading, serverErrorText
}
