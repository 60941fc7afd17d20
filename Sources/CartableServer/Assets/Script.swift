// cartable.js, kept in Swift source so that the binary is whole wherever it is installed (a resource bundle would
// have to sit next to it). Edit it here, as the CSS/JS it is.

/// The page's one script, served at `/assets/cartable.js`: the live counter, search as you type, and the frame's
/// height for the parent page. Loaded with `defer`; the page works without it.
enum Script {
    static let text = #"""
// Cartable's supporters' page: what the page does better with a script. Everything works without it (links and
// forms); this only makes it faster. No framework, no outside request: it talks to this server's JSON API.
(function () {
  "use strict";

  function debounce(wait, action) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(action, wait);
    };
  }

  function fill(template, values) {
    return template.replace(/\{(\d)\}/g, function (_, index) { return values[Number(index) - 1]; });
  }

  // Search as you type: the deputies whose name matches, as links to their pages.
  function finder(form) {
    var input = form.querySelector("input[name=q]");
    var list = document.getElementById("live-results");
    if (!input || !list) { return; }
    var asked = "";
    var search = debounce(250, function () {
      var text = input.value.trim();
      if (text === asked) { return; }
      asked = text;
      if (text.length < 2) { list.textContent = ""; return; }
      fetch(form.dataset.search + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) {
          if (!answer || text !== asked) { return; }
          list.textContent = "";
          var ul = document.createElement("ul");
          ul.className = "deputies";
          answer.deputies.slice(0, 12).forEach(function (deputy) {
            var li = document.createElement("li");
            var a = document.createElement("a");
            a.href = form.dataset.deputy + encodeURIComponent(deputy.id) + (form.dataset.embed ? "?embed=1" : "");
            a.textContent = deputy.name;
            li.appendChild(a);
            var details = [deputy.group, deputy.departmentName].filter(Boolean).join(" · ");
            if (details) { li.appendChild(document.createTextNode(" " + details)); }
            ul.appendChild(li);
          });
          list.appendChild(ul);
        })
        .catch(function () { /* the form still works */ });
    });
    input.addEventListener("input", search);
  }

  // The live counter: each pause in typing asks the server to measure the text (the same length engine as
  // everywhere), then updates the gauge, announces the count, and keeps the post link to the text shown.
  function editor(area) {
    var original = area.value.trim();
    var count = document.getElementById("count");
    var verdict = document.getElementById("verdict");
    var gauge = document.getElementById("gauge");
    var live = document.getElementById("live-count");
    var intent = document.getElementById("intent");
    var sendForm = document.getElementById("send-form");
    var shown = document.getElementById("message-text");
    // "(wording 2 of 3)" while the text is the campaign's, "(your text)" once edited.
    var origin = document.getElementById("message-origin");
    var originLabel = origin ? origin.textContent : "";
    var measure = debounce(400, function () {
      var text = area.value.trim();
      fetch(area.dataset.measure, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text: text })
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (m) {
          if (!m) { return; }
          var meter = gauge.querySelector("meter");
          count.textContent = m.weightedLength + "/" + m.maxLength;
          verdict.textContent = m.excess > 0 ? fill(area.dataset.over, [String(m.excess)]) : area.dataset.fits;
          if (meter) { meter.value = Math.min(m.weightedLength, m.maxLength); }
          gauge.className = "gauge " + (m.excess > 0 ? "over" : m.weightedLength * 10 >= m.maxLength * 9 ? "near" : "ok");
          live.textContent = fill(area.dataset.announce, [String(m.weightedLength), String(m.maxLength)]) +
            (m.excess > 0 ? " — " + verdict.textContent : "");
          if (shown) { shown.textContent = text; }
          if (origin) { origin.textContent = text === original ? originLabel : origin.dataset.edited; }
          if (intent) {
            if (m.valid) {
              intent.href = intent.dataset.prefix + encodeURIComponent(text);
              intent.removeAttribute("aria-disabled");
              intent.classList.remove("disabled");
            } else {
              intent.removeAttribute("href");
              intent.setAttribute("aria-disabled", "true");
              intent.classList.add("disabled");
            }
          }
          // Only the campaign's own wordings go through its account.
          if (sendForm) { sendForm.hidden = text !== original; }
        })
        .catch(function () { /* the form's button still measures on the server */ });
    });
    area.addEventListener("input", measure);
  }

  // In an organiser's frame: tell the parent page how tall the content is, so the frame fits it.
  function frame() {
    if (!document.documentElement.classList.contains("embed") || window.parent === window) { return; }
    var post = function () {
      window.parent.postMessage({ type: "cartable:height", height: document.documentElement.scrollHeight }, "*");
    };
    post();
    if (window.ResizeObserver) { new ResizeObserver(post).observe(document.body); }
    window.addEventListener("load", post);
  }

  document.querySelectorAll("form.find[data-search]").forEach(finder);
  document.querySelectorAll("textarea[data-measure]").forEach(editor);
  frame();
})();
"""#
}
