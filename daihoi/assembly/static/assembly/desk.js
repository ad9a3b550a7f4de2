// The check-in desk: a handheld scanner types the card's token and Enter; the camera
// (BarcodeDetector, where the browser has it) and a search by name do the same.
// No external library: the desk must work on the venue's LAN without the internet.
(function () {
  "use strict";
  const desk = document.getElementById("desk");
  if (!desk) return;
  const $ = (id) => document.getElementById(id);
  const text = (id) => $(id).textContent;
  const input = $("token");
  const result = $("result");
  const recent = $("recent");

  function show(kind, message) {
    result.className = "result " + kind;
    result.textContent = message;
  }

  async function post(token, method, extra) {
    const body = new URLSearchParams({ token: token, desk: desk.dataset.desk, method: method, ...(extra || {}) });
    // A lost answer is resent as is: the server keeps one check-in per card and sitting.
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        const response = await fetch(desk.dataset.checkin, {
          method: "POST",
          headers: { "X-CSRFToken": desk.dataset.csrf },
          body: body,
          credentials: "same-origin",
        });
        const data = await response.json();
        // 503: the database was busy (a long import) and nothing was written; the same
        // scan is sent again after the pause the server asks for.
        if (response.status === 503 && attempt < 3) {
          show("again", data.message || text("msg-network"));
          const wait = Number(response.headers.get("Retry-After")) || 1;
          await new Promise((r) => setTimeout(r, 1000 * Math.min(wait, 5)));
          continue;
        }
        return data;
      } catch (err) {
        show("bad", text("msg-network"));
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      }
    }
    return { ok: false, message: text("msg-network") };
  }

  // A new check-in on top of the list, with the same "Hoàn tác" form as the server's rows.
  function addRecent(data) {
    const li = document.createElement("li");
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = (data.at || "") + " " + (data.delegate ? data.delegate.full_name : "");
    li.append(who);
    const template = $("undo-template");
    if (template && data.checkin) {
      li.dataset.checkin = data.checkin;
      const undo = template.content.cloneNode(true);
      undo.querySelector("input[name=checkin]").value = data.checkin;
      li.append(" ", undo);
    }
    recent.prepend(li);
  }

  async function checkIn(token, method, extra) {
    token = token.trim();
    if (!token) return;
    const data = await post(token, method, extra);
    show(data.ok ? (data.created ? "ok" : "again") : "bad", data.message);
    if (data.ok && data.created) addRecent(data);
    refresh();
  }

  $("scan-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const token = input.value;
    input.value = "";
    input.focus();
    checkIn(token, "scan");
  });

  async function refresh() {
    try {
      const response = await fetch(desk.dataset.quorum, { credentials: "same-origin" });
      const data = await response.json();
      $("present").textContent = data.present;
      $("summoned").textContent = data.summoned;
      $("required").textContent = data.required;
      const q = $("quorum");
      q.className = data.has_quorum ? "ok" : "no";
      q.textContent = text(data.has_quorum ? "msg-quorum-ok" : "msg-quorum-no");
    } catch (err) { /* the next poll tries again */ }
  }
  setInterval(refresh, 1000);

  // Search by name: the server folds diacritics, so "nguyen van an" finds "Nguyễn Văn An".
  // Rows belong to the search that made them. Typing disables the rows shown at once
  // (they answer an older text) until the answer to the latest text arrives; an
  // answer to an older search, arriving late, is dropped. A click sends the row's
  // delegate id and the text in the box, and the server refuses a delegate who
  // does not match it, should a stale row ever be clicked all the same.
  const nameInput = $("name");
  const found = $("found");
  let searchTimer = null;
  let searchSeq = 0; // the number of the latest search; rows carry the number of theirs

  function disableRows() {
    for (const li of found.children) {
      li.classList.add("stale");
      li.setAttribute("aria-disabled", "true");
      for (const button of li.querySelectorAll("button")) button.disabled = true;
    }
  }

  function showRows(seq, q, results) {
    found.innerHTML = "";
    for (const row of results) {
      const li = document.createElement("li");
      li.dataset.seq = seq;
      li.dataset.delegate = row.id;
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = text("msg-checkin");
      button.addEventListener("click", () => {
        // A row of an older search, or one already used: nothing is sent.
        if (button.disabled || seq !== searchSeq || nameInput.value !== q) return;
        disableRows();
        // Then the same search again: the list shows who is now checked in, and when.
        checkIn(row.token, "name", { delegate: String(row.id), q: nameInput.value })
          .then(() => nameInput.dispatchEvent(new Event("input")));
      });
      li.append(button, " " + row.full_name + " — " + row.kind + (row.unit ? ", " + row.unit : "") +
        (row.checked_in_at ? " (" + row.checked_in_at + ")" : ""));
      found.append(li);
    }
  }

  nameInput.addEventListener("input", () => {
    const seq = ++searchSeq;
    disableRows();
    clearTimeout(searchTimer);
    searchTimer = setTimeout(async () => {
      const q = nameInput.value;
      if (q.trim().length < 2) {
        if (seq === searchSeq) found.innerHTML = "";
        return;
      }
      let data;
      try {
        const response = await fetch(desk.dataset.search + "?q=" + encodeURIComponent(q) + "&seq=" + seq,
          { credentials: "same-origin" });
        data = await response.json();
      } catch (err) {
        if (seq === searchSeq) show("bad", text("msg-network"));
        return;
      }
      // A later search has started since: its answer, not this one, fills the list.
      if (seq !== searchSeq || nameInput.value !== q) return;
      showRows(seq, q, data.results || []);
    }, 200);
  });
  $("search-form").addEventListener("submit", (event) => event.preventDefault());

  // Camera: only where the browser can decode QR codes itself. Where it cannot, the
  // desk says why, so nobody looks for a button that will not come: browsers give the
  // camera only to https:// pages and to the server's own machine (localhost).
  const cameraButton = $("camera-button");
  const cameraNote = $("camera-note");
  function cameraUnavailable(messageId) {
    cameraButton.hidden = true;
    cameraNote.textContent = text(messageId);
    cameraNote.hidden = false;
  }
  if (!window.isSecureContext) {
    cameraUnavailable("msg-camera-insecure");
  } else if ("BarcodeDetector" in window && navigator.mediaDevices) {
    cameraButton.hidden = false;
    let stream = null;
    let last = "";
    let lastAt = 0;
    cameraButton.addEventListener("click", async () => {
      const video = $("camera");
      if (stream) {
        stream.getTracks().forEach((t) => t.stop());
        stream = null;
        video.hidden = true;
        return;
      }
      const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      } catch (err) {
        // Permission refused, or no camera on this machine.
        cameraUnavailable("msg-camera-refused");
        input.focus();
        return;
      }
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      const tick = async () => {
        if (!stream) return;
        try {
          const codes = await detector.detect(video);
          const now = Date.now();
          // The same card held in front of the camera is read once every few seconds.
          if (codes.length && (codes[0].rawValue !== last || now - lastAt > 3000)) {
            last = codes[0].rawValue;
            lastAt = now;
            checkIn(last, "camera");
          }
        } catch (err) { /* a frame that cannot be read */ }
        setTimeout(tick, 250);
      };
      tick();
    });
  } else {
    cameraUnavailable("msg-camera-missing");
  }
})();
