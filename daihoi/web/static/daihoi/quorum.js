/* Live quorum page: every second, the figures of the open sitting from the JSON
   endpoint named by #live's data-url; a failed fetch waits for the next second. */
(function () {
  "use strict";
  var live = document.getElementById("live");
  if (!live || !window.fetch) return;
  setInterval(async function () {
    try {
      var data = await (await fetch(live.dataset.url, { credentials: "same-origin" })).json();
      for (var key of ["present", "summoned", "required"]) {
        var el = document.getElementById(key);
        if (el) el.textContent = data[key];
      }
      if (data.sitting) {
        document.getElementById("quorum").textContent =
          document.getElementById(data.has_quorum ? "msg-ok" : "msg-no").textContent;
      }
    } catch (err) { /* next second */ }
  }, 1000);
})();
