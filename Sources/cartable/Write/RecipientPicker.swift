import Cartable
import Foundation

/// The numbered choice on a terminal: the supporter types a number, or a few more letters to narrow the list.
struct RecipientPicker {
    var display: WriteDisplay

    /// The deputy chosen among `candidates` (two or more), or `nil` when the supporter quits (q, Ctrl-D).
    func pick(_ candidates: [Recipient], heading: String, counts: [Int]? = nil) -> Recipient? {
        var shown = candidates
        var shownCounts = counts
        print(heading)
        print(display.numbered(shown, counts: shownCounts))
        while true {
            guard let answer = LineInput.ask("Which one? (1-\(shown.count), or more of the name; q to quit) ") else {
                print()
                return nil
            }
            let trimmed = answer.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if trimmed.lowercased() == "q" { return nil }
            if let number = Int(trimmed) {
                guard (1...shown.count).contains(number) else {
                    print("Type a number from 1 to \(shown.count).")
                    continue
                }
                return shown[number - 1]
            }
            let narrowed = RecipientSearch(recipients: shown).search(trimmed).recipients
            switch narrowed.count {
            case 0:
                print("None of these matches \"\(trimmed)\"; type a number from 1 to \(shown.count).")
            case 1:
                return narrowed[0]
            default:
                let ids = narrowed.map(\.id)
                shownCounts = shownCounts.map { all in ids.compactMap { id in shown.firstIndex { $0.id == id }.map { all[$0] } } }
                shown = narrowed
                print(display.numbered(shown, counts: shownCounts))
            }
        }
    }
}
