// cartable.css, kept in Swift source so that the binary is whole wherever it is installed (a resource bundle would
// have to sit next to it). Edit it here, as the CSS/JS it is.

/// The page's stylesheet, served at `/assets/cartable.css`.
enum Stylesheet {
    static let text = #"""
/* Cartable's supporters' page: one column, mobile first, system fonts, AA contrast, dark mode. */
:root {
  --ink: #1b1b1f; --paper: #ffffff; --quiet: #50505a; --line: #d6d6de; --accent: #1d4ed8; --accent-ink: #ffffff;
  --ok: #166534; --near: #92400e; --over: #b91c1c; --card: #f5f5f8;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root { --ink: #ececf1; --paper: #16161a; --quiet: #b4b4c0; --line: #3a3a44; --accent: #93b4ff; --accent-ink: #0d1020;
          --ok: #4ade80; --near: #fbbf24; --over: #fca5a5; --card: #202027; }
}
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 100%; line-height: 1.5;
       color: var(--ink); background: var(--paper); }
body { margin: 0; }
main { max-width: 40em; margin: 0 auto; padding: 1rem; }
html.embed main { padding: 0.5rem; }
header.site { display: flex; gap: 1rem; justify-content: space-between; align-items: center; flex-wrap: wrap;
              max-width: 40em; margin: 0 auto; padding: 0.5rem 1rem; border-bottom: 1px solid var(--line); }
.skip { position: absolute; left: -999px; }
.skip:focus { position: static; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, textarea:focus, select:focus, summary:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
label { display: block; font-weight: 600; }
input, textarea, select, button { font: inherit; color: inherit; }
input, textarea, select { width: 100%; padding: 0.6rem; border: 1px solid var(--quiet); border-radius: 6px; background: var(--paper); }
select { width: auto; }
textarea { min-height: 8rem; }
button, .button { display: inline-block; min-height: 44px; padding: 0.6rem 1.1rem; border: 0; border-radius: 6px;
                  background: var(--accent); color: var(--accent-ink); text-decoration: none; cursor: pointer; }
.button.disabled { opacity: 0.5; pointer-events: none; }
.quiet { color: var(--quiet); }
.hint, .organiser, .details, .count, .origin, .note { color: var(--quiet); }
ul.deputies, ul.campaigns { list-style: none; padding: 0; }
ul.deputies li, ul.campaigns li { padding: 0.6rem 0; border-bottom: 1px solid var(--line); }
ul.deputies a, ul.campaigns a { font-weight: 600; display: inline-block; min-height: 44px; padding-top: 0.6rem; }
.details span + span::before { content: " · "; }
.handle { font-weight: 600; color: var(--ink); }
.handle.none { color: var(--over); font-weight: normal; }
.message .text { font-size: 1.25rem; background: var(--card); padding: 1rem; border-radius: 8px; white-space: pre-wrap;
                 overflow-wrap: anywhere; }
.gauge { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
.gauge meter { flex: 1 1 8rem; height: 0.8rem; }
.gauge.ok .verdict { color: var(--ok); }
.gauge.near .verdict { color: var(--near); }
.gauge.over .verdict, .problem { color: var(--over); font-weight: 600; }
.gauge.ok meter::-webkit-meter-optimum-value { background: var(--ok); }
.gauge.near meter::-webkit-meter-optimum-value, .gauge.near meter::-webkit-meter-suboptimum-value { background: var(--near); }
.gauge.over meter::-webkit-meter-optimum-value, .gauge.over meter::-webkit-meter-suboptimum-value,
.gauge.over meter::-webkit-meter-even-less-good-value { background: var(--over); }
.gauge.ok meter::-moz-meter-bar { background: var(--ok); }
.gauge.near meter::-moz-meter-bar { background: var(--near); }
.gauge.over meter::-moz-meter-bar { background: var(--over); }
.warning { color: var(--near); }
details.edit summary { min-height: 44px; padding-top: 0.6rem; cursor: pointer; color: var(--accent); }
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
"""#
}
