// admin.js, kept in Swift source like cartable.js. Edit it here, as the JavaScript it is.

/// The dashboard's one script, served at `/assets/admin.js`: listens to the events stream and puts each live part
/// of the page in place as the server rendered it again. Loaded with `defer`; the page works without it (reload).
enum AdminScript {
    static let text = #"""
// Cartable's organiser's dashboard: live figures over Server-Sent Events. No framework, no outside request.
(function () {
  "use strict";
  var root = document.getElementById("dashboard");
  if (!root || !window.EventSource) { return; }
  var shown = {};
  var source = new EventSource(root.dataset.events);
  source.addEventListener("figures", function (event) {
    var data;
    try { data = JSON.parse(event.data); } catch (error) { return; }
    Object.keys(data.parts).forEach(function (id) {
      var part = document.getElementById("live-" + id);
      if (!part || shown[id] === data.parts[id]) { return; }
      // The parts are this server's own markup, every value escaped there; they hold no script.
      if (shown[id] !== undefined || part.innerHTML.trim() !== data.parts[id].trim()) { part.innerHTML = data.parts[id]; }
      shown[id] = data.parts[id];
    });
    root.dataset.total = String(data.figures.report.total);
    root.dataset.updated = data.figures.readAt;
  });
})();
"""#
}
