import Cartable
import Foundation
import FuzzSupport

/// Every profile, with the Mastodon limit at its default, tiny and odd.
let profiles: [LengthProfile] = LengthProfile.names.compactMap(LengthProfile.init(named:)) + [.mastodon(limit: 1), .mastodon(limit: 11)]
/// The profiles that count the NFC form (twitter-text normalizes first); Mastodon and Bluesky count what is sent.
let normalizingProfiles: Set<String> = ["twitter-classic", "twitter", "twitter-v2"]

/// The length engine on arbitrary UTF-8 (invalid bytes become U+FFFD), every profile. Properties: the ranges stay
/// inside the text (inclusive UTF-16 indices, -1 when empty), the valid range never passes the display range, a valid
/// text fits and is valid to its end, and for twitter-text profiles the NFC form measures the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let end = text.utf16.count - 1
    for profile in profiles {
        let measurement = profile.measure(text)
        let label = "\(profile.name) \(measurement) for \(text.debugDescription)"
        // twitter-text's parseTweet returns its empty result (0, invalid, no range) for a text Java's `trim()` empties:
        // one made only of characters up to U+0020. The twitter-text profiles do the same (Fuzz/Findings, docs/fuzzing.md).
        let trimsToNothing = !text.isEmpty && text.unicodeScalars.allSatisfy({ $0.value <= 0x20 })
        if trimsToNothing && normalizingProfiles.contains(profile.name) {
            check(measurement.weightedLength == 0 && !measurement.valid && measurement.displayRangeEnd == -1
                  && measurement.validRangeEnd == -1, "not twitter-text's empty result: \(label)")
        }
        if !trimsToNothing {
            check(measurement.displayRangeEnd == end, "display range end is not the text's last index: \(label)")
            check(measurement.displayRangeStart == (text.isEmpty ? -1 : 0), "display range start: \(label)")
            check(measurement.validRangeStart == (text.isEmpty ? -1 : 0), "valid range start: \(label)")
        }
        check(measurement.validRangeEnd >= -1 && measurement.validRangeEnd <= end, "valid range passes the end of the text: \(label)")
        check(measurement.weightedLength >= 0, "negative length: \(label)")
        check(measurement.maxLength == profile.maxLength, "max length: \(label)")
        if measurement.valid {
            check(measurement.weightedLength <= measurement.maxLength, "valid but over the limit: \(label)")
            check(measurement.validRangeEnd == end, "valid but the valid range stops early: \(label)")
        }
        if normalizingProfiles.contains(profile.name) {
            let normalized = profile.measure(text.precomposedStringWithCanonicalMapping)
            check(normalized.weightedLength == measurement.weightedLength && normalized.valid == measurement.valid,
                  "the NFC form measures \(normalized): \(label)")
        }
    }
    return 0
}

/// The program's entry point (SwiftPM's name for this target's `main`): hands over to libFuzzer.
@_cdecl("fuzz_length_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}
