// Progressive enhancement: pages work without this file. With it, the part of a page marked
// data-live is re-read from the server whenever the inbox's event stream says something changed.
(function () {
  "use strict";
  var live = document.querySelector("[data-live]");
  if (!live || !window.EventSource || !window.fetch) {
    return;
  }
  var scheduled = false;

  function refresh() {
    if (scheduled) {
      return;
    }
    scheduled = true;
    // Several events of one change (message, conversation, task) come together: one re-read.
    setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html) {
            var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("[data-live]");
            if (fresh) {
              live.innerHTML = fresh.innerHTML;
            }
          }
        })
        .finally(function () {
          scheduled = false;
        });
    }, 200);
  }

  var events = new EventSource("/inbox/events");
  // A change committed between rendering this page and the stream opening has no event here:
  // re-read once the stream is open (also after every reconnect).
  events.addEventListener("open", refresh);
  ["Message.insert", "Message.update", "Conversation.update", "Task.insert", "Task.update",
   "Notification.insert", "Notification.update", "resync"].forEach(function (type) {
    events.addEventListener(type, refresh);
  });
})();
