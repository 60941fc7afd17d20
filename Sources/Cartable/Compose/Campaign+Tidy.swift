extension Campaign {
    /// A rendered body as it is sent: runs of spaces (left by empty placeholders) folded to one, and the ends
    /// trimmed of white space and line breaks; line breaks inside are kept, as some channels show them.
    public static func tidy(_ body: String) -> String {
        var text = MessageText()
        text.reset(prefix: "")
        text.append(body)
        return text.finish()
    }
}
