/* Warn before leaving a page with unsaved edits: a form with data-unsaved="…" remembers
   that one of its fields changed (or, with data-pending, that it came back unsaved), and the browser asks before the page is left, unless
   the form itself is being sent. A file, not an inline script, so a
   Content-Security-Policy of script-src 'self' holds. Browsers show their own wording;
   the attribute's text is for those that still show the page's. */
(function () {
  "use strict";
  // A form sent back with errors still holds edits that were not saved.
  var dirty = document.querySelector("form[data-unsaved][data-pending]");
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-unsaved")) {
      dirty = form;
    }
  });
  document.addEventListener("submit", function (event) {
    if (event.target === dirty) {
      dirty = null;
    }
  });
  window.addEventListener("beforeunload", function (event) {
    if (!dirty) {
      return undefined;
    }
    var message = dirty.getAttribute("data-unsaved");
    event.preventDefault();
    event.returnValue = message;
    return message;
  });
})();
