import Cartable
import Foundation
import FuzzSupport

/// Recipient paths resolve here; nothing exists there, so the loader never reads a real file.
let folder = URL(fileURLWithPath: "/nonexistent/cartable-fuzz")

/// The campaign YAML loader on arbitrary text. Properties: a campaign comes back iff no diagnostic is an error, and
/// every diagnostic points inside the text (line 1 to the line count, column from 1).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let file = CampaignFile.parse(yaml: text, path: "fuzz.yml", folder: folder, displayFolder: "")
    check((file.campaign != nil) == !file.diagnostics.containsErrors, "campaign \(file.campaign != nil) with \(file.diagnostics)")
    // YAML (libyaml) breaks lines at CR, LF, CRLF, NEL, LS and PS, as Swift's isNewline characters do.
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
    for diagnostic in file.diagnostics {
        if let line = diagnostic.line {
            check(line >= 1 && line <= lines + 1, "diagnostic at line \(line) of \(lines): \(diagnostic)")
        }
        if let column = diagnostic.column {
            check(column >= 1, "diagnostic at column \(column): \(diagnostic)")
        }
    }
    return 0
}

/// The program's entry point (SwiftPM's name for this target's `main`): hands over to libFuzzer.
@_cdecl("fuzz_campaign_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzz(data ?? UnsafePointer(bitPattern: 1)!, size) }
}
