/* Ask before a write that cannot be taken back: a submit button or form with
   data-confirm="…" asks that question in the page's <dialog id="confirm-dialog">,
   and the form is sent only when the person confirms. The confirm button repeats the
   action's own label (what will happen), the other one goes back and changes nothing.
   A file, not an inline script, so a Content-Security-Policy of script-src 'self' holds;
   browsers without <dialog> fall back to window.confirm. */
(function () {
  "use strict";

  function questionOf(form, button) {
    return (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
  }

  function ask(dialog, question, label, done) {
    dialog.querySelector("[data-question]").textContent = question;
    var ok = dialog.querySelector("button[value=ok]");
    ok.textContent = label || ok.getAttribute("data-default");
    dialog.returnValue = "";
    dialog.addEventListener("close", function onClose() {
      dialog.removeEventListener("close", onClose);
      done(dialog.returnValue === "ok");
    });
    dialog.showModal();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter || form.querySelector("[data-confirm]");
    var question = questionOf(form, button);
    if (!question) {
      return;
    }
    if (form.getAttribute("data-confirmed") === "1") {
      form.removeAttribute("data-confirmed");
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    var dialog = document.getElementById("confirm-dialog");
    if (!dialog || typeof dialog.showModal !== "function") {
      if (window.confirm(question)) {
        form.setAttribute("data-confirmed", "1");
        form.requestSubmit(event.submitter || undefined);
      }
      return;
    }
    var label = button && button.getAttribute("data-confirm-label");
    if (!label && button && button.tagName === "BUTTON") {
      label = button.textContent.trim();
    }
    ask(dialog, question, label, function (confirmed) {
      if (confirmed) {
        form.setAttribute("data-confirmed", "1");
        form.requestSubmit(event.submitter || undefined);
      } else if (button && typeof button.focus === "function") {
        button.focus();
      }
    });
  }, true);
})();
