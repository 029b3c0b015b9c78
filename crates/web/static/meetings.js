// A meeting's live pages (icebreaker, World Café): they ask the server
// every few seconds whether anything changed and reload when it did, unless
// the person is writing (then a button offers the latest). Timers count
// down on their own, warn gently near the end and never stop anyone.
(() => {
  const page = document.getElementById("live-page");
  if (!page) return;
  let typing = false;
  // Once the person is going elsewhere, never pull them back to this page.
  let leaving = false;
  window.addEventListener("beforeunload", () => { leaving = true; });
  window.addEventListener("pagehide", () => { leaving = true; });
  page.addEventListener("input", () => { typing = true; });
  page.addEventListener("submit", () => { typing = false; });
  let offered = false;
  const offer = () => {
    if (offered) return;
    offered = true;
    const note = document.createElement("p");
    note.className = "flash live-changed";
    note.setAttribute("role", "status");
    note.textContent = page.dataset.changedText + " ";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "secondary";
    button.textContent = page.dataset.showText;
    button.addEventListener("click", () => window.location.replace(window.location.pathname));
    note.appendChild(button);
    page.prepend(note);
  };
  const check = async () => {
    try {
      const response = await fetch(page.dataset.stateUrl, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (response.ok) {
        const state = await response.json();
        if (leaving) return;
        if (state.version !== page.dataset.version) {
          const active = document.activeElement;
          const writing = active && ["TEXTAREA", "INPUT", "SELECT"].includes(active.tagName);
          // Reload without the one-time confirmation in the address.
          if (typing || writing) offer(); else window.location.replace(window.location.pathname);
          return;
        }
      }
    } catch (_) { /* offline for a moment: try again */ }
    window.setTimeout(check, 3000);
  };
  window.setTimeout(check, 3000);

  const skew = (el) => Number(el.dataset.serverNow) - Date.now();
  document.querySelectorAll("[data-ends-at]").forEach((el) => {
    const offset = skew(el);
    const left = el.querySelector(".timer-left");
    const note = el.querySelector(".timer-note");
    const tick = () => {
      const ms = Number(el.dataset.endsAt) - (Date.now() + offset);
      const seconds = Math.max(0, Math.ceil(ms / 1000));
      left.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
      const phase = ms <= 0 ? "over" : ms <= Number(el.dataset.warningMs) ? "nearly-done" : "speaking";
      el.classList.remove("speaking", "nearly-done", "over");
      el.classList.add(phase);
      note.textContent = phase === "over" ? el.dataset.overText : phase === "nearly-done" ? el.dataset.nearlyText : "";
    };
    tick();
    window.setInterval(tick, 500);
  });
})();
