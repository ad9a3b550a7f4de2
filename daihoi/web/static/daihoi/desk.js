/* Counting desk: Enter sends the line without leaving the page; focus stays in the input.
   Each line gets an idempotency key made here; a line resent after a lost answer keeps
   its key, so the server records it once. Without JS the form posts as usual. */
(function () {
  "use strict";
  var form = document.getElementById("desk-form");
  if (!form || !window.fetch || !window.FormData) return;
  var input = form.elements.line;
  var status = document.getElementById("desk-status");
  var count = document.getElementById("desk-count");
  var recent = document.getElementById("desk-recent");
  var pending = null; // {text, key}: sent, not yet acknowledged
  var busy = false;

  function newKey() {
    // crypto.randomUUID needs a secure context; a hall network often serves plain http.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function show(kind, lines) {
    status.textContent = "";
    var box = document.createElement(kind === "ok" ? "p" : "div");
    if (kind === "ok") {
      box.className = "ok";
      box.textContent = lines[0];
    } else {
      box.className = "errors";
      box.setAttribute("role", "alert");
      var list = document.createElement("ul");
      lines.forEach(function (line) {
        var item = document.createElement("li");
        item.textContent = line;
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    status.appendChild(box);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    // A correction or an "unreadable" mark is another request than the plain line.
    var marks = ["correction", "unreadable"].map(function (name) {
      return form.elements[name] && form.elements[name].checked ? name : "";
    }).join(",");
    if (!pending || pending.text !== text || pending.marks !== marks) {
      pending = { text: text, marks: marks, key: newKey() };
    }
    var body = new FormData(form);
    body.set("line", text);
    body.set("key", pending.key);
    busy = true;
    form.setAttribute("aria-busy", "true");
    fetch(form.getAttribute("action") || window.location.href, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (data) {
        if (data.ok) {
          pending = null;
          // The typist may already be keying the next paper; keep that.
          if (input.value.trim() === text) input.value = "";
          ["correction", "unreadable"].forEach(function (name) {
            if (form.elements[name]) form.elements[name].checked = false;
          });
          show("ok", [data.message]);
        } else {
          show("error", data.errors);
          if (input.value.trim() === text) input.select();
        }
        count.textContent = data.keyed;
        recent.innerHTML = data.recent;
      })
      .catch(function (error) {
        show("error", [form.dataset.resend + " (" + error.message + ")"]);
      })
      .then(function () {
        busy = false;
        form.removeAttribute("aria-busy");
        input.focus();
      });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      input.value = "";
      pending = null;
      input.focus();
    }
  });
})();
