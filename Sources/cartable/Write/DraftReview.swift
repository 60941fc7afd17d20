import Cartable
import Foundation

/// The review on a terminal: the message with its length, then send it, see the next variant, edit it, or quit.
struct DraftReview {
    var display: WriteDisplay
    var profile: String
    /// What confirming does, for the prompt: `get the link`, `send it`.
    var confirmation: String

    /// Lets the supporter settle on a message; `true` once they confirm a message that can be sent, `false` when
    /// they quit (q, Ctrl-D).
    func run(_ draft: inout MessageDraft) -> Bool {
        print(display.show(draft, profile: profile))
        while true {
            let canSend = draft.message.isValid
            let next = draft.variantCount > 1 ? "[n] next variant  " : ""
            let prompt = (canSend ? "[y] \(confirmation)  " : "") + next + "[e] edit  [q] quit > "
            guard let answer = LineInput.ask(prompt) else {
                print()
                return false
            }
            switch answer.trimmingCharacters(in: .whitespaces).lowercased() {
            case "y", "yes":
                if canSend { return true }
                print(notSendable(draft))
            case "n":
                guard draft.variantCount > 1 else {
                    print("The campaign has only one variant for this deputy; [e] to write your own.")
                    continue
                }
                draft.nextVariant()
                print()
                print(display.show(draft, profile: profile))
            case "e":
                guard let edited = editedText(of: draft.message.text) else { continue }
                draft.edit(edited)
                print()
                print(display.show(draft, profile: profile))
            case "q":
                return false
            default:
                continue
            }
        }
    }

    /// Why confirming did nothing, and what to do instead.
    private func notSendable(_ draft: MessageDraft) -> String {
        let problem = draft.message.problems.first
        let way = draft.variantCount > 1 ? "[e] to edit it or [n] for another variant" : "[e] to edit it"
        if let problem, problem.excess > 0 {
            return display.red("Not sent:") + " \(problem.excess) over the limit (\(draft.message.measurement.weightedLength)/\(draft.message.measurement.maxLength)); \(way)."
        }
        return display.red("Not sent:") + " \(problem?.description ?? "not a valid post"); \(way)."
    }

    /// The new text from the supporter's editor, or typed on one line; `nil` to keep the current one.
    private func editedText(of text: String) -> String? {
        if let editor = LineInput.editorCommand {
            guard let edited = LineInput.edit(text, with: editor) else {
                print("The editor (\(editor)) failed; the text is unchanged.")
                return nil
            }
            return edited.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : edited
        }
        print("Type the new text on one line (an empty line keeps the current text; set EDITOR to use your editor):")
        guard let line = LineInput.ask("> "), !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return line
    }
}
