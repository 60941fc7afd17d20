// admin.css, kept in Swift source like cartable.css. Edit it here, as the CSS it is.

/// The dashboard's stylesheet, served at `/assets/admin.css`, on top of the site's own.
enum AdminStylesheet {
    static let text = #"""
/* Cartable's organiser's dashboard: wider than the supporters' column, tables of figures, the sends chart. */
body.admin main, body.admin header.site { max-width: 64em; }
table.figures { border-collapse: collapse; margin: 0.5rem 0 1rem; font-variant-numeric: tabular-nums; }
table.figures th, table.figures td { padding: 0.3rem 0.8rem; border-bottom: 1px solid var(--line); text-align: right; }
table.figures th[scope=row] { text-align: left; font-weight: 600; }
table.figures caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
table.figures tr.sum { font-weight: 600; }
.columns { display: flex; flex-wrap: wrap; gap: 2rem; align-items: flex-start; }
svg.sends { width: 100%; max-width: 48rem; height: auto; color: var(--accent); }
svg.sends .bars { stroke: currentColor; stroke-width: 1; fill: none; }
svg.sends .axis, svg.sends .tick { stroke: var(--quiet); stroke-width: 1; }
svg.sends text { fill: var(--quiet); font-size: 11px; }
.notice { font-weight: 600; color: var(--ok); }
form.logout { float: right; }
#live-actions form { margin: 0.5rem 0; }
ul.errors .state { color: var(--quiet); }
"""#
}
