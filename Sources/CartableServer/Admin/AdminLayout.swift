/// The frame of the dashboard's pages: the site's stylesheet and the dashboard's own, the dashboard's one script
/// (no inline script or style), the skip link and the language switch (`?lang=`).
struct AdminLayout: Sendable {
    var language: Language

    /// The whole document.
    func page(title: String, _ body: HTML) -> HTML {
        """
        <!doctype html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title)</title>
        <link rel="stylesheet" href="/assets/cartable.css">
        <link rel="stylesheet" href="/assets/admin.css">
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
        <script src="/assets/admin.js" defer></script>
        </head>
        <body class="admin">
        <header class="site"><a class="skip" href="#content">\(language.text(.skipToContent))</a>\
        <a class="lang" href="?lang=\(language.other.rawValue)" hreflang="\(language.other.rawValue)" lang="\(language.other.rawValue)">\(language.text(.languageSwitch))</a></header>
        <main id="content">
        \(body)
        </main>
        </body>
        </html>
        """
    }
}
