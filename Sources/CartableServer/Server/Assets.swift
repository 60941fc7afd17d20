/// The page's static files, `cartable.css`, `cartable.js` and `icon.svg`, compiled into the binary (``Stylesheet``,
/// ``Script``, ``Icon``) and served from `/assets/`.
public struct Assets: Sendable {
    /// The stylesheet.
    let stylesheet: String
    /// The script: the live counter, search as you type, and the frame's height for the parent page.
    let script: String
    /// The icon (SVG).
    let icon: String

    /// The files built into the module.
    public static let builtIn = Assets(stylesheet: Stylesheet.text, script: Script.text, icon: Icon.text)
}
