// The live room. Everything shown comes from the server's frames: a hello with
// the state, then numbered changes. On a dropped connection the page
// reconnects by itself and asks for what it missed after the last number seen.
"use strict";
(() => {
  const root = document.getElementById("live");
  if (!root) return;
  const config = JSON.parse(root.dataset.config);
  const t = (key) => config.text[key] || key;
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name.startsWith("on")) node[name] = value;
      else if (value !== false && value !== undefined && value !== null) node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat()) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  };

  let socket = null;
  let me = null;
  let state = { status: "not-started", step: 0, ends_at: null, remaining_ms: null, hands: [] };
  let helloSeq = 0;
  let lastSeq = 0;
  let clockOffset = 0;
  let retry = 500;
  let warned = -1;
  const names = new Map();
  const chat = [];
  const alerts = [];
  const broadcasts = [];
  const reflections = new Map(config.reflections);
  let visiting = null;
  let speakers = [];
  let proposal = null;

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/events/${config.event}/live/socket?after=${lastSeq}`);
    socket.onmessage = (message) => receive(JSON.parse(message.data));
    socket.onopen = () => { retry = 500; setStatus(t("live-connected")); };
    socket.onclose = () => {
      setStatus(t("live-reconnecting"));
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  }

  function send(command) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(command));
  }

  function setStatus(text) { $("live-status").textContent = text; }

  function receive(frame) {
    if (frame.type === "hello") {
      me = frame.me;
      state = frame.state;
      helloSeq = frame.seq;
      clockOffset = frame.now - Date.now();
      if (me.facilitator) visiting = me.group;
      render();
      return;
    }
    if (frame.type === "error") {
      setStatus(frame.message);
      return;
    }
    if (frame.seq <= lastSeq) return; // already seen: never shown twice
    lastSeq = frame.seq;
    apply(frame.change, frame.seq > helloSeq, frame.at);
    render();
  }

  // `live` is false for history the hello's state already includes.
  function apply(change, live, at) {
    switch (change.type) {
      case "step-started":
        if (live) Object.assign(state, { status: "running", step: change.step, ends_at: change.ends_at, remaining_ms: null });
        warned = -1;
        break;
      case "paused": if (live) Object.assign(state, { status: "paused", ends_at: null, remaining_ms: change.remaining_ms }); break;
      case "resumed": if (live) Object.assign(state, { status: "running", ends_at: change.ends_at, remaining_ms: null }); break;
      case "timer-adjusted": if (live) Object.assign(state, { ends_at: change.ends_at, remaining_ms: change.remaining_ms }); warned = -1; break;
      case "ended": if (live) Object.assign(state, { status: "ended", ends_at: null, remaining_ms: null, hands: [] }); break;
      case "hand-raised":
        names.set(change.user, change.name);
        if (live && !state.hands.includes(change.user)) state.hands.push(change.user);
        break;
      case "hand-lowered": if (live) state.hands = state.hands.filter((u) => u !== change.user); break;
      case "broadcast": broadcasts.push({ from: change.from, text: change.text, at }); break;
      case "support-requested":
        if (me && change.user === me.user) showSupport();
        if (me && me.facilitator) alerts.push({ name: change.name, note: change.note, at });
        break;
      case "chat-posted": chat.push({ group: change.group, name: change.name, text: change.text, at }); break;
      case "reacted": if (live) flashReaction(change.emoji); break;
      case "speakers-chosen": speakers = change.speakers; break;
      case "visited":
        if (me && !me.facilitator && change.group && change.group === me.group) broadcasts.push({ from: change.name, text: t("live-facilitator-joined"), at });
        break;
    }
  }

  const step = () => config.steps[state.step];
  const remaining = () => state.ends_at !== null && state.ends_at !== undefined
    ? Math.max(0, state.ends_at - (Date.now() + clockOffset))
    : state.remaining_ms;
  const clock = (ms) => {
    const seconds = Math.ceil(ms / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  };
  const time = (at) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

  function render() {
    renderStep();
    renderReflection();
    renderChat();
    renderSide();
    if (me && me.facilitator) renderConsole();
  }

  function renderStep() {
    const card = $("step");
    if (state.status === "not-started") { card.replaceChildren(el("p", {}, t("live-not-started"))); return; }
    if (state.status === "ended") { card.replaceChildren(el("h2", {}, t("live-ended")), me && !me.facilitator && !config.feedback_given ? feedbackForm() : []); return; }
    const current = step();
    const position = t("live-step-of").replace("{step}", state.step + 1).replace("{steps}", config.steps.length);
    card.replaceChildren(
      el("p", { class: "muted" }, `${position} · ${current.kind_label}`),
      el("h2", {}, current.title),
      el("p", {}, current.instructions),
      current.video_url ? el("p", {}, el("a", { href: current.video_url, target: "_blank", rel: "noopener" }, t("live-video"))) : [],
      current.prompts.length ? el("div", {}, el("h3", {}, t("live-prompts")), el("ul", {}, current.prompts.map((p) => el("li", {}, p)))) : [],
      el("p", { id: "countdown", class: "countdown", role: "timer" }),
      current.kind === "debrief" && speakers.length ? el("div", { class: "notice" }, el("p", {}, el("strong", {}, t("live-speakers-chosen"))), el("ol", {}, speakers.map((sp) => el("li", {}, sp.name, sp.group ? ` · ${sp.group}` : "")))) : [],
      broadcasts.length ? el("p", { class: "notice", role: "status" }, `${t("live-message-from").replace("{name}", broadcasts[broadcasts.length - 1].from)} ${broadcasts[broadcasts.length - 1].text}`) : [],
    );
    tick();
  }

  function feedbackForm() {
    const choice = (n) => el("label", { class: "checkbox" }, el("input", { type: "radio", name: "rating", value: n, required: true }), ` ${n}`);
    return el("form", { method: "post", action: `/events/${config.event}/feedback`, class: "stacked", id: "feedback" },
      el("input", { type: "hidden", name: "csrf", value: config.csrf }),
      el("h3", {}, t("live-feedback")),
      el("fieldset", {}, el("legend", {}, t("live-feedback-rating")), el("div", { class: "rating" }, [1, 2, 3, 4, 5].map(choice))),
      el("label", { for: "feedback-helped" }, t("live-feedback-helped")), el("textarea", { id: "feedback-helped", name: "helped", rows: 3 }),
      el("label", { for: "feedback-change" }, t("live-feedback-change")), el("textarea", { id: "feedback-change", name: "change", rows: 3 }),
      el("button", { type: "submit" }, t("live-feedback-send")));
  }

  async function proposeSpeakers() {
    const response = await fetch(`/events/${config.event}/speakers`, { credentials: "same-origin" });
    if (response.ok) { proposal = await response.json(); render(); }
  }

  async function announceSpeakers() {
    const body = new URLSearchParams({ csrf: config.csrf });
    document.querySelectorAll(".speaker-choice").forEach((select) => body.append("speaker", select.value));
    const response = await fetch(`/events/${config.event}/speakers`, { method: "POST", body, credentials: "same-origin" });
    if (!response.ok) setStatus(await response.text());
    else proposal = null;
  }

  function speakerPicker() {
    if (!proposal) return el("button", { type: "button", onclick: proposeSpeakers }, t("live-speakers-propose"));
    const picks = proposal.proposal;
    return el("div", { class: "speakers" },
      picks.map((chosen, i) => {
        const id = `speaker-${i}`;
        return el("div", { class: "field" },
          el("label", { for: id }, t("live-speaker-n").replace("{step}", i + 1)),
          el("select", { id, class: "speaker-choice", onchange: (event) => { picks[i] = event.target.value; } }, proposal.groups.map((g) => el("optgroup", { label: g.name },
            g.members.map((m) => el("option", { value: m.user, selected: m.user === chosen },
              `${m.name}${m.volunteer ? ` (${t("live-volunteer")})` : ""}${m.spoken ? ` · ${t("live-spoken")} ×${m.spoken}` : ""}`))))));
      }),
      el("button", { type: "button", onclick: announceSpeakers }, t("live-speakers-announce")));
  }

  function tick() {
    const node = $("countdown");
    if (!node) return;
    const left = remaining();
    if (left === null || left === undefined) { node.textContent = ""; return; }
    if (state.status === "paused") { node.textContent = `${t("live-paused")} · ${clock(left)}`; node.className = "countdown"; return; }
    if (left === 0) { node.textContent = t("live-time-up"); node.className = "countdown done"; return; }
    node.textContent = `${t("live-time-left")} ${clock(left)}`;
    const warning = left <= 60000;
    node.className = warning ? "countdown warning" : "countdown";
    if (warning && warned !== state.step) { warned = state.step; setStatus(t("live-one-minute")); }
  }
  setInterval(tick, 250);

  function renderReflection() {
    const section = $("reflection");
    const current = state.status === "running" || state.status === "paused" ? step() : null;
    if (!current || current.kind !== "reflection" || (me && me.facilitator)) { section.hidden = true; return; }
    if (!section.hidden && section.dataset.step === String(state.step)) return; // keep the caret where it is
    section.hidden = false;
    section.dataset.step = String(state.step);
    const saved = el("p", { class: "muted", role: "status" });
    const area = el("textarea", { id: "reflection-text", rows: 8 });
    area.value = reflections.get(state.step) || "";
    let timer = null;
    const stepNumber = state.step;
    area.oninput = () => {
      saved.textContent = t("live-reflection-saving");
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const body = new URLSearchParams({ csrf: config.csrf, step: stepNumber, text: area.value });
        const response = await fetch(`/events/${config.event}/reflection`, { method: "POST", body, credentials: "same-origin" });
        if (response.ok) { reflections.set(stepNumber, area.value); saved.textContent = t("live-reflection-saved"); }
      }, 700);
    };
    section.replaceChildren(el("h2", {}, t("live-reflection")), el("label", { for: "reflection-text", class: "visually-hidden" }, t("live-reflection")), area, saved);
  }

  function inGroups() {
    const current = step();
    return (state.status === "running" || state.status === "paused") && current && (current.kind === "dialogue" || current.kind === "world-cafe");
  }

  function renderChat() {
    const section = $("chat");
    const group = me && me.facilitator ? visiting : me && me.group;
    const grouped = inGroups();
    const shown = chat.filter((m) => grouped ? (me.facilitator ? true : m.group === group) : m.group === null);
    const input = el("input", { id: "chat-text", type: "text", autocomplete: "off", maxlength: 2000 });
    const previous = $("chat-text");
    const draft = previous ? previous.value : "";
    const hadFocus = previous && document.activeElement === previous;
    input.value = draft;
    const heading = grouped ? (group ? t("live-chat-group") : t("live-no-group")) : t("live-chat-everyone");
    section.replaceChildren(
      el("h2", { id: "chat-heading" }, t("live-chat")),
      el("p", { class: "muted" }, heading),
      el("ol", { class: "chat-log", "aria-live": "polite" }, shown.slice(-100).map((m) => el("li", {}, el("strong", {}, m.name), " ", m.text, " ", el("span", { class: "muted small" }, time(m.at))))),
      el("form", { class: "chat-form", onsubmit: (event) => { event.preventDefault(); const text = $("chat-text").value.trim(); if (text) { send({ type: "chat", text }); $("chat-text").value = ""; } } },
        el("label", { for: "chat-text", class: "visually-hidden" }, t("live-chat")), input, el("button", { type: "submit" }, t("live-chat-send"))),
    );
    if (hadFocus) input.focus();
  }

  function renderSide() {
    const side = $("side");
    const mine = me && state.hands.includes(me.user);
    const myGroup = me && me.group ? config.groups.find((g) => g.id === me.group) : null;
    side.replaceChildren(
      me && !me.facilitator ? el("button", { type: "button", class: mine ? "secondary" : "", onclick: () => send(mine ? { type: "lower-hand", user: null } : { type: "raise-hand" }) }, mine ? t("live-lower-hand") : t("live-raise-hand")) : [],
      el("h2", {}, t("live-hands")),
      state.hands.length ? el("ol", {}, state.hands.map((u) => el("li", {}, names.get(u) || "…"))) : el("p", { class: "muted" }, t("live-hands-none")),
      el("h2", {}, t("live-reactions")),
      el("div", { class: "reactions" }, ["👏", "❤️", "🙏", "😊", "💡"].map((emoji) => el("button", { type: "button", class: "secondary", onclick: () => send({ type: "react", emoji }) }, emoji))),
      el("p", { id: "reaction", class: "reaction", "aria-hidden": "true" }),
      myGroup ? el("div", {}, el("h2", {}, myGroup.name), el("ul", {}, myGroup.members.map((m) => el("li", {}, m)))) : [],
    );
  }

  function flashReaction(emoji) {
    const node = $("reaction");
    if (node) { node.textContent = emoji; setTimeout(() => { node.textContent = ""; }, 1500); }
  }

  function renderConsole() {
    const console = $("console");
    if (!console) return;
    const button = (label, command, attrs = {}) => el("button", { type: "button", onclick: () => send(command), ...attrs }, label);
    const running = state.status === "running";
    const controls = state.status === "not-started"
      ? [button(t("live-start"), { type: "start" })]
      : state.status === "ended" ? [] : [
        button(t("live-previous"), { type: "previous" }, { class: "secondary", disabled: state.step === 0 }),
        button(t("live-next"), { type: "next" }, { disabled: state.step >= config.steps.length - 1 }),
        running ? button(t("live-pause"), { type: "pause" }, { class: "secondary" }) : button(t("live-resume"), { type: "resume" }, { class: "secondary" }),
        button(t("live-more-time"), { type: "adjust-timer", seconds: 60 }, { class: "secondary" }),
        button(t("live-less-time"), { type: "adjust-timer", seconds: -60 }, { class: "secondary" }),
        el("button", { type: "button", class: "danger", onclick: () => { if (confirm(t("live-end-confirm"))) send({ type: "end" }); } }, t("live-end")),
      ];
    const message = el("input", { id: "broadcast-text", type: "text", maxlength: 2000 });
    console.replaceChildren(
      el("h2", {}, config.text["live-console"] || "Console"),
      el("div", { class: "actions" }, controls),
      el("form", { class: "chat-form", onsubmit: (event) => { event.preventDefault(); const text = message.value.trim(); if (text) { send({ type: "broadcast", text }); message.value = ""; } } },
        el("label", { for: "broadcast-text" }, t("live-broadcast")), message, el("button", { type: "submit" }, t("live-broadcast-send"))),
      step() && step().kind === "debrief" && state.status !== "ended" ? el("div", {}, el("h3", {}, t("live-speakers")), speakerPicker()) : [],
      el("h3", {}, t("live-alerts")),
      alerts.length ? el("ul", { class: "alerts" }, alerts.map((a) => el("li", { class: "alert" }, el("strong", {}, a.name), ` ${t("live-support-alert")} `, a.note || "", " ", el("span", { class: "muted small" }, time(a.at))))) : el("p", { class: "muted" }, t("live-alerts-none")),
      el("h3", {}, t("live-hands")),
      state.hands.length ? el("ol", {}, state.hands.map((u) => el("li", {}, names.get(u) || "…", " ", el("button", { type: "button", class: "link-button", onclick: () => send({ type: "lower-hand", user: u }) }, t("live-lower-for"))))) : el("p", { class: "muted" }, t("live-hands-none")),
      el("h3", {}, t("live-groups")),
      el("div", { class: "cards" }, config.groups.map((g) => el("div", { class: "card" },
        el("h4", {}, g.name, visiting === g.id ? ` · ${t("live-visiting")}` : ""),
        el("p", { class: "muted small" }, g.members.join(", ")),
        el("p", { class: "muted small" }, `${chat.filter((m) => m.group === g.id).length} ✉`),
        visiting === g.id
          ? el("button", { type: "button", class: "secondary", onclick: () => { visiting = null; send({ type: "visit", group: null }); render(); } }, t("live-leave-visit"))
          : el("button", { type: "button", class: "secondary", onclick: () => { visiting = g.id; send({ type: "visit", group: g.id }); render(); } }, t("live-visit")),
      ))),
    );
  }

  function showSupport() {
    const panel = $("support-panel");
    panel.hidden = false;
    panel.replaceChildren(
      el("p", {}, el("strong", {}, t("live-support-sent"))),
      el("h2", {}, t("live-services")),
      el("ul", {}, config.services.map((s) => el("li", {}, el("strong", {}, s.name), s.crisis ? " ☎" : "", el("br"), s.contact, s.hours ? ` · ${s.hours}` : ""))),
      el("p", {}, el("a", { href: "/help" }, t("live-services"))),
    );
    panel.focus();
  }

  $("need-support").onclick = () => { send({ type: "need-support", note: null }); showSupport(); };
  render();
  connect();
})();
