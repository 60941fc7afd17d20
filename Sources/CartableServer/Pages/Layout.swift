/// The frame of every page: one column, the language switch, the skip link, our stylesheet and our one script
/// (no inline script or style, no outside request). Embedded pages drop the header and footer.
struct Layout: Sendable {
    /// The page's language.
    var language: Language
    /// The same page in the other language (`?lang=`).
    var switchURL: String
    /// Whether to leave the chrome out (shown in an organiser's frame).
    var embed: Bool = false
    /// The campaign's home, for the header's link.
    var home: (title: String, path: String)?

    /// The whole document.
    func page(title: String, _ body: HTML) -> HTML {
        let header: HTML = embed ? "" : """
            <header class="site"><a class="skip" href="#content">\(language.text(.skipToContent))</a>\
            \(home.map { home in "<a class=\"home\" href=\"\(home.path)\">\(home.title)</a>" as HTML })\
            <a class="lang" href="\(switchURL)" hreflang="\(language.other.rawValue)" lang="\(language.other.rawValue)">\(language.text(.languageSwitch))</a></header>
            """
        return """
            <!doctype html>
            <html lang="\(language.rawValue)"\(embed ? " class=\"embed\"" as HTML : "")>
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <link rel="stylesheet" href="/assets/cartable.css">
            <link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
            <script src="/assets/cartable.js" defer></script>
            </head>
            <body>
            \(header)
            <main id="content">
            \(body)
            </main>
            </body>
            </html>
            """
    }
}
