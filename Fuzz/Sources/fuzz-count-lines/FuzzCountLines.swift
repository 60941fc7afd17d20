import Cartable
import Foundation
import FuzzSupport

/// `cartable count`'s reading of lines, as its LineReader splits them (at `\n`, a `\r` before it dropped), in both
/// modes. Properties: a plain line is read iff it is UTF-8, and gives back its bytes; a text written as a JSON string
/// (or as `{"text": ...}`) by Cartable's own JSON writer reads back as the same text; a file's first line loses a
/// byte order mark and nothing else.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    for var line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        let lineBytes = Array(line)
        lineBytes.withUnsafeBufferPointer { line in
            let plain = CountInput.text(from: line, isJSONLine: false, startsFile: false)
            let isUTF8 = String(validating: line, as: UTF8.self) != nil
            switch plain {
            case .success(let text):
                check(isUTF8 && Array(text.utf8) == lineBytes, "plain line read as \(text.debugDescription)")
                roundTrip(text)
            case .failure(let problem):
                check(!isUTF8 && problem == .invalidUTF8, "valid UTF-8 refused: \(problem)")
            }
            let json = CountInput.text(from: line, isJSONLine: true, startsFile: false)
            // At the start of a file a byte order mark is dropped, and nothing else changes; in either mode.
            let hasMark = lineBytes.starts(with: [0xEF, 0xBB, 0xBF])
            let unmarked = Array(lineBytes.dropFirst(hasMark ? 3 : 0))
            unmarked.withUnsafeBufferPointer { rest in
                for (isJSONLine, anywhere) in [(false, plain), (true, json)] {
                    let first = CountInput.text(from: line, isJSONLine: isJSONLine, startsFile: true)
                    let expected = hasMark ? CountInput.text(from: rest, isJSONLine: isJSONLine, startsFile: false) : anywhere
                    check(first == expected, "a file starting with \(lineBytes.prefix(8)) read as \(first), not \(expected)")
                }
            }
        }
    }
    return 0
}

func roundTrip(_ text: String) {
    for line in [JSONText.string(text), JSONText.object([("text", JSONText.string(text))])] {
        Array(line.utf8).withUnsafeBufferPointer { bytes in
            let read = CountInput.text(from: bytes, isJSONLine: true, startsFile: false)
            check(read == .success(text), "\(line) read back as \(read), not \(text.debugDescription)")
        }
    }
}

/// The program's entry point (SwiftPM's name for this target's `main`): hands over to libFuzzer.
@_cdecl("fuzz_count_lines_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}
