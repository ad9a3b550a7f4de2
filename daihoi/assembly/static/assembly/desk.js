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

  async function post(token, method) {
    const body = new URLSearchParams({ token: token, desk: desk.dataset.desk, method: method });
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
        return data;
      } catch (err) {
        show("bad", text("msg-network"));
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      }
    }
    return { ok: false, message: text("msg-network") };
  }

  async function checkIn(token, method) {
    token = token.trim();
    if (!token) return;
    const data = await post(token, method);
    show(data.ok ? (data.created ? "ok" : "again") : "bad", data.message);
    if (data.ok && data.created) {
      const li = document.createElement("li");
      li.textContent = (data.at || "") + " " + (data.delegate ? data.delegate.full_name : "");
      recent.prepend(li);
    }
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
  let searchTimer = null;
  $("name").addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(async () => {
      const q = $("name").value;
      const found = $("found");
      found.innerHTML = "";
      if (q.trim().length < 2) return;
      const response = await fetch(desk.dataset.search + "?q=" + encodeURIComponent(q), { credentials: "same-origin" });
      const data = await response.json();
      for (const row of data.results || []) {
        const li = document.createElement("li");
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = text("msg-checkin");
        button.addEventListener("click", () => checkIn(row.token, "name"));
        li.append(button, " " + row.full_name + " — " + row.kind + (row.unit ? ", " + row.unit : "") +
          (row.checked_in_at ? " (" + row.checked_in_at + ")" : ""));
        found.append(li);
      }
    }, 200);
  });

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
