/* Ask before a write that cannot be taken back: a submit button or form with
   data-confirm="…" asks that question first, and the form is sent only on "OK".
   A file, not an inline script, so a Content-Security-Policy of script-src 'self' holds. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter || form.querySelector("[data-confirm]");
    var question =
      (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
