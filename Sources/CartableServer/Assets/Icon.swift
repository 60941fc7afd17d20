// The page's icon (a satchel), kept in Swift source like the stylesheet and the script.

/// The page's icon, served at `/assets/icon.svg` and named by every page's `<link rel="icon">` (without it, browsers
/// ask for `/favicon.ico` and log the 404 as an error).
enum Icon {
    static let text = #"""
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="4" y="10" width="24" height="18" rx="3" fill="#7c3aed"/><path d="M11 10V7a2 2 0 0 1 2-2h6a2 2 0 0 1 2 2v3" fill="none" stroke="#7c3aed" stroke-width="2.5"/><rect x="4" y="15" width="24" height="3" fill="#5b21b6"/></svg>
"""#
}
