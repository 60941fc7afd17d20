extension HTMLReport {
    /// The page's style: cards in a grid, a gauge under each text, green / amber / red as the length nears and
    /// passes the limit.
    static let style = """
        :root{--ok:#1a7f37;--near:#b7791f;--bad:#c62828;--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#f6f8fa}
        *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
        header.top,section,nav,footer,details{max-width:1200px;margin:0 auto;padding:0 16px}
        header.top{padding-top:20px}h1{margin:0 0 4px;font-size:24px}h2{font-size:17px;margin:22px 0 10px}
        .sub,.none,footer{color:var(--muted)}footer{padding:24px 16px}
        .tiles{display:flex;flex-wrap:wrap;gap:10px;margin-top:14px}
        .tile{background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:150px}
        .tile b{display:block;font-size:26px}.tile span{color:var(--muted);font-size:13px}
        .tile.ok b{color:var(--ok)}.tile.bad b{color:var(--bad)}
        .charts{display:flex;flex-wrap:wrap;gap:16px}.chart{background:#fff;border:1px solid var(--line);border-radius:8px;padding:0 14px 10px;flex:1 1 260px}
        .chart table{border-collapse:collapse;width:100%}.chart td{border-top:1px solid var(--line);padding:3px 4px}.chart td+td{text-align:right}
        .histogram{display:flex;align-items:flex-end;gap:4px;height:150px;padding-top:18px}
        .bar{flex:1;display:flex;flex-direction:column;justify-content:flex-end;align-items:center;height:100%;position:relative;font-size:11px}
        .bar i{display:block;width:100%;background:var(--ok);min-height:1px;border-radius:3px 3px 0 0}.bar.over i{background:var(--bad)}
        .bar span{position:absolute;top:0}.bar small{color:var(--muted);white-space:nowrap;font-size:10px}
        .filters{display:flex;flex-wrap:wrap;gap:16px;align-items:center;margin-top:18px;padding-top:10px;padding-bottom:10px;position:sticky;top:0;background:var(--bg);border-bottom:1px solid var(--line);z-index:1}
        select{font:inherit;padding:2px 4px}output{color:var(--muted);margin-left:auto}
        section#problems,section#messages{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:12px}
        section#problems h2,section#messages h2,section#problems .none{grid-column:1/-1}
        .card{background:#fff;border:1px solid var(--line);border-radius:12px;padding:12px 14px;display:flex;flex-direction:column;gap:8px}
        .card[hidden]{display:none}.card.problem{border-color:var(--bad);box-shadow:0 0 0 1px var(--bad) inset}
        .card header{display:flex;flex-wrap:wrap;gap:2px 8px;align-items:baseline}.name{font-weight:600;overflow-wrap:anywhere}.handle,.meta,.id{color:var(--muted);font-size:13px}.meta{width:100%}
        .text{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}.text.empty{color:var(--muted)}
        .gauge{height:6px;background:#eaeef2;border-radius:3px;overflow:hidden}.gauge i{display:block;height:100%;background:var(--ok)}
        .gauge.near i{background:var(--near)}.gauge.over i{background:var(--bad)}
        .foot{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center;font-size:13px;color:var(--muted)}
        .variant{background:#eaeef2;border-radius:10px;padding:0 8px}.fitted{font-style:italic}
        .post{margin-left:auto;background:var(--ink);color:#fff;text-decoration:none;border-radius:14px;padding:3px 12px;font-weight:600}
        .problems{margin:0;padding-left:18px;color:var(--bad);font-size:14px}
        details.unreachable{margin-top:18px}details ul{columns:3 220px}
        """

    /// The page's script: the filters (also set from the address: `?group=SOC&department=91&problems=1`). It reads
    /// the cards' `data-` attributes and hides what does not match; it never writes data into the page, so nothing
    /// from the data can run as code.
    static let script = """
        (function () {
          var group = document.getElementById('f-group'), department = document.getElementById('f-department');
          var problems = document.getElementById('f-problems'), count = document.getElementById('f-count');
          var cards = Array.prototype.slice.call(document.querySelectorAll('article.card'));
          function apply() {
            var shown = 0;
            cards.forEach(function (card) {
              var show = (!group.value || card.dataset.group === group.value)
                && (!department.value || card.dataset.department === department.value)
                && (!problems.checked || card.dataset.problem === '1');
              card.hidden = !show;
              if (show) { shown += 1; }
            });
            count.textContent = shown + ' of ' + cards.length + ' messages shown';
          }
          // A shared link can open the report filtered: report.html?group=SOC&department=91&problems=1
          var query = new URLSearchParams(window.location.search);
          if (query.get('group')) { group.value = query.get('group'); }
          if (query.get('department')) { department.value = query.get('department'); }
          problems.checked = query.get('problems') === '1';
          group.addEventListener('change', apply);
          department.addEventListener('change', apply);
          problems.addEventListener('change', apply);
          apply();
          document.body.setAttribute('data-js', 'ready');
        })();
        """
}
