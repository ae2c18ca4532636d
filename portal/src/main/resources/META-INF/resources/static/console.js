// The alert list, live: alert-service's changes arrive through the portal's relay (/console/alerts/stream, an
// EventSource); on each, the rows are fetched again as the server renders them. Without this script the page works
// as it is, just not live. No inline script anywhere (CSP: script-src 'self').
(function () {
  'use strict';
  var rows = document.getElementById('alert-rows');
  var status = document.getElementById('live-status');
  if (!rows || !status || !window.EventSource || !window.fetch) {
    return;
  }
  var waiting = null;

  function say(attribute) {
    var time = new Date().toLocaleTimeString(document.documentElement.lang || undefined);
    status.textContent = status.getAttribute(attribute) + ' ' + time;
  }

  // Replace the rows, but never under the person's hands: while they type in a row's form, wait.
  function refresh() {
    waiting = null;
    var active = document.activeElement;
    if (active && rows.contains(active) && active.tagName === 'INPUT' && active.value) {
      waiting = setTimeout(refresh, 2000);
      return;
    }
    fetch(rows.getAttribute('data-rows'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (answer) {
        if (!answer.ok) {
          throw new Error(String(answer.status));
        }
        return answer.text();
      })
      .then(function (html) {
        rows.innerHTML = html;
        say('data-live');
      })
      .catch(function () {
        say('data-stale');
      });
  }

  var changes = new EventSource(rows.getAttribute('data-stream'));
  changes.onopen = function () {
    say('data-live');
  };
  changes.onmessage = function () {
    if (waiting === null) {
      waiting = setTimeout(refresh, 250);
    }
  };
  changes.onerror = function () {
    say('data-lost');
  };
  window.addEventListener('pagehide', function () {
    changes.close();
  });
}());
