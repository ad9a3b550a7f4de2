/* Small page behaviours declared in the markup, so no template needs an inline
   handler (onclick=, onchange=) and a Content-Security-Policy of script-src 'self' holds:
   - a button with data-print prints the page;
   - a select with data-autosubmit sends its form when the choice changes;
   - a button with data-menu-toggle opens and closes the header's links on a phone. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest && event.target.closest("[data-menu-toggle]");
    if (!toggle) {
      return;
    }
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (menu) {
      menu.classList.toggle("open", open);
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
})();
