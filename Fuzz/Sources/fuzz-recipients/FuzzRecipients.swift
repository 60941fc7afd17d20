import Cartable
import Foundation
import FuzzSupport

/// The recipient readers on arbitrary bytes: encoding detection, then CSV or JSON (the first byte chooses).
/// Properties: UTF-8 (after an optional byte order mark) is kept as it is, anything else is read as Windows-1252 with
/// one character per byte; a list read from CSV, written back with `csvText()` and read again has the same recipients.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let asJSON = input.byte() & 1 == 1
    let bytes = input.rest()

    let decoded = DecodedText(decoding: Data(bytes))
    let content = decoded.hadByteOrderMark ? Array(bytes.dropFirst(3)) : bytes
    check(decoded.hadByteOrderMark == bytes.starts(with: [0xEF, 0xBB, 0xBF]), "byte order mark")
    if let utf8 = String(validating: content, as: UTF8.self) {
        check(decoded.encoding == .utf8 && decoded.text == utf8 && Array(decoded.text.utf8) == content, "UTF-8 not kept as it is")
    } else {
        check(decoded.encoding == .windows1252 && decoded.text.unicodeScalars.count == content.count,
              "Windows-1252: \(decoded.text.unicodeScalars.count) characters for \(content.count) bytes")
    }

    if asJSON {
        _ = try? RecipientList.load(json: Data(bytes), path: "fuzz.json")
        return 0
    }
    let list = RecipientList.load(csv: Data(bytes), path: "fuzz.csv")
    let again = RecipientList.load(csv: Data(list.csvText().utf8), path: "again.csv")
    check(again.recipients == list.recipients,
          "CSV round trip changed the recipients:\n\(list.recipients)\n\(again.recipients)\n\(again.diagnostics)")
    return 0
}

/// The program's entry point (SwiftPM's name for this target's `main`): hands over to libFuzzer.
@_cdecl("fuzz_recipients_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}
