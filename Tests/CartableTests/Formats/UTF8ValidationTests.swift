@testable import Cartable
import Testing

/// `UTF8Validation` must agree with the standard library's validation on every input: the CSV reader trusts it to
/// decide which records are read as UTF-8 and which as Windows-1252.
@Suite struct UTF8ValidationTests {
    private func agrees(_ bytes: [UInt8]) -> Bool {
        let ours = bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
        return ours == (String(validating: bytes, as: UTF8.self) != nil)
    }

    @Test func everySequenceOfOneAndTwoBytes() {
        var disagreements: [[UInt8]] = []
        for first in 0...255 {
            if !agrees([UInt8(first)]) { disagreements.append([UInt8(first)]) }
            for second in 0...255 where !agrees([UInt8(first), UInt8(second)]) {
                disagreements.append([UInt8(first), UInt8(second)])
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    /// Every three-byte sequence with a lead of E0 to F4 (the leads whose second byte has ranges of its own), and
    /// every fourth byte after the four-byte leads' valid three-byte starts at the range edges.
    @Test func everyThreeByteSequenceAndFourByteEdges() {
        var disagreements: [[UInt8]] = []
        for lead in 0xE0...0xF4 {
            for second in 0...255 {
                for third in 0...255 where !agrees([UInt8(lead), UInt8(second), UInt8(third)]) {
                    disagreements.append([UInt8(lead), UInt8(second), UInt8(third)])
                }
            }
        }
        for lead in 0xF0...0xF7 {
            for second in [0x7F, 0x80, 0x8F, 0x90, 0xBF, 0xC0] {
                for fourth in 0...255 where !agrees([UInt8(lead), UInt8(second), 0x80, UInt8(fourth)]) {
                    disagreements.append([UInt8(lead), UInt8(second), 0x80, UInt8(fourth)])
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }

    /// The eight-bytes-at-a-time path: an invalid or multi-byte sequence at every offset of ASCII runs.
    @Test func sequencesAtEveryOffsetOfASCIIRuns() {
        let inserts: [[UInt8]] = [[0xC3, 0xA9], [0xE2, 0x80, 0x99], [0xF0, 0x9F, 0x98, 0x80], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x80]]
        var disagreements: [[UInt8]] = []
        for length in 0..<24 {
            for offset in 0...length {
                for insert in inserts {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes.insert(contentsOf: insert, at: offset)
                    if !agrees(bytes) { disagreements.append(bytes) }
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(3))")
        #expect(UTF8Validation.isValid(UnsafeBufferPointer(start: nil, count: 0)))
    }
}
