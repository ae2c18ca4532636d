// A payment waiting for the provider: look again every few seconds, as long as the page asks for it
// (data-refresh-after, in seconds) — the page offers to stop (WCAG 2.2.1), and without script it offers a link.
(function () {
  var waiting = document.querySelector('[data-refresh-after]');
  if (waiting) {
    var seconds = parseInt(waiting.getAttribute('data-refresh-after'), 10) || 3;
    setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }
})();
