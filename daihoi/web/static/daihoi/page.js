/* Small page behaviours declared in the markup, so no template needs an inline
   handler (onclick=, onchange=) and a Content-Security-Policy of script-src 'self' holds:
   - a button with data-print prints the page;
   - a select with data-autosubmit sends its form when the choice changes;
   - a button with data-menu-toggle opens and closes the header's links on a phone;
   - a table that scrolls sideways (site.css, on a phone) gets a stop in the Tab order,
     so a keyboard user can reach it and scroll it with the arrow keys. */
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
  function markScrollingTables() {
    var tables = document.querySelectorAll("table.grid");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.setAttribute("data-scroll-stop", "");
      } else if (!scrolls && table.hasAttribute("data-scroll-stop")) {
        table.removeAttribute("tabindex");
        table.removeAttribute("data-scroll-stop");
      }
    }
  }
  // This script is deferred: the stylesheet has applied and the tables are laid out.
  markScrollingTables();
  window.addEventListener("resize", markScrollingTables);
  document.addEventListener("htmx:afterSettle", markScrollingTables);
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
})();
