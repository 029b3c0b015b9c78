// The live room. Everything shown comes from the server's frames: a hello with
// the state, then numbered changes. On a dropped connection the page
// reconnects by itself and asks for what it missed after the last number seen.
//
// Parts of the page that people type into or keep focus on (the chat form,
// the reflection, the feedback form, the facilitator's message) are built
// once and kept: a frame arriving never takes away a draft, the caret or a
// phone's keyboard. The step card is rebuilt only when the step changes.
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
  let stepShown = null;
  const pending = [];
  const names = new Map();
  const chat = [];
  const alerts = [];
  const broadcasts = [];
  const reflections = new Map(config.reflections);
  let visiting = null;
  let speakers = [];
  const voted = new Set();
  let proposal = null;
  let feedbackGiven = config.feedback_given;
  // Where this participant sits for the event (their group, or another one
  // for now), who of it is here, and for the hosts who is where.
  let seat = null;
  let seatVideo = null;
  let here = [];
  let room = [];

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/events/${config.event}/live/socket?after=${lastSeq}`);
    socket.onmessage = (message) => receive(JSON.parse(message.data));
    socket.onopen = () => {
      retry = 500;
      setStatus(t("live-connected"));
      // What was asked for while the line was down goes now, in order.
      while (pending.length && socket.readyState === WebSocket.OPEN) socket.send(pending.shift());
    };
    socket.onclose = () => {
      setStatus(t("live-reconnecting"));
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  }

  // Never drops a command: while reconnecting, it waits for the line.
  // Once a call is urgent the hosts see who on call was told and the site's
  // escalation checklist, right above the calls.
  function escalationBox() {
    if (!alerts.some((a) => a.urgentBy)) return [];
    const path = config.escalation;
    if (!path) return el("div", { class: "crisis-box", id: "escalation" }, el("p", {}, t("live-urgent-no-path")));
    return el("div", { class: "crisis-box", id: "escalation" },
      el("p", {}, path.on_call ? t("live-urgent-told").replace("{name}", path.on_call) : t("live-urgent-no-on-call")),
      path.checklist.length ? [el("h4", {}, t("live-urgent-checklist")), el("ol", {}, path.checklist.map((line) => el("li", {}, line)))] : []);
  }

  function send(command) {
    const text = JSON.stringify(command);
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(text);
    else pending.push(text);
  }

  function setStatus(text) { $("live-status").textContent = text; }

  function receive(frame) {
    if (frame.type === "hello") {
      me = frame.me;
      state = frame.state;
      helloSeq = frame.seq;
      clockOffset = frame.now - Date.now();
      if (me.facilitator) visiting = me.group;
      root.dataset.ready = "yes";
      render();
      return;
    }
    if (frame.type === "error") {
      setStatus(frame.message);
      return;
    }
    if (frame.type === "seat") {
      const before = seat ? seat.id : null;
      seat = frame.group;
      seatVideo = frame.video;
      if (me) me.group = seat ? seat.id : null;
      // A participant's page knows only their own group.
      const home = config.groups[0] || null;
      if (seat && seat.id !== before) {
        if (!home || home.id !== seat.id) setStatus(t("live-seated").replace("{name}", seat.name));
        else if (before) setStatus(t("live-seated-home").replace("{name}", seat.name));
      }
      render();
      return;
    }
    if (frame.type === "presence") { here = frame.people; render(); return; }
    if (frame.type === "room-presence") { room = frame.places; render(); return; }
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
        if (me && !me.facilitator && change.user === me.user) showSupport(live);
        if (me && me.facilitator) alerts.push({ user: change.user, name: change.name, note: change.note, at, urgentBy: null });
        break;
      case "support-escalated":
        for (const a of alerts) if (a.user === change.user) a.urgentBy = change.by;
        break;
      case "chat-posted": chat.push({ group: change.group, name: change.name, text: change.text, at }); break;
      case "excerpt-shared": chat.push({ group: change.group, name: change.name, text: change.text, at, excerpt: true }); break;
      case "reacted": if (live) flashReaction(change.emoji); break;
      case "speakers-chosen": speakers = change.speakers; break;
      case "voted": if (me && change.user === me.user) voted.add(change.step); break;
      case "poll-counted": state.polls = Object.assign({}, state.polls, { [change.step]: change.counts }); break;
      case "visited":
        if (me && !me.facilitator && change.group && change.group === me.group) broadcasts.push({ from: change.name, text: t("live-facilitator-joined"), at });
        break;
    }
  }

  const step = () => config.steps[state.step];
  const active = () => state.status === "running" || state.status === "paused";
  const remaining = () => state.ends_at !== null && state.ends_at !== undefined
    ? Math.max(0, state.ends_at - (Date.now() + clockOffset))
    : state.remaining_ms;
  const clock = (ms) => {
    const seconds = Math.ceil(ms / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  };
  const time = (at) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  const groupName = (id) => (seat && seat.id === id ? seat.name : (config.groups.find((g) => g.id === id) || {}).name) || "";
  const presentIn = (id) => (room.find((p) => p.group === id) || { people: [] }).people;

  // Rebuilds a part of the page when what it shows has changed (an open list
  // or a pressed button is left alone otherwise), keeping keyboard focus on
  // the control that had it.
  function rebuild(container, ...children) {
    const next = document.createElement("div");
    next.append(...children.flat());
    if (next.innerHTML === container.innerHTML) return;
    const focused = document.activeElement;
    const key = focused && focused !== container && container.contains(focused) ? focused.dataset.key : null;
    container.replaceChildren(...next.childNodes);
    if (key) {
      const again = container.querySelector(`[data-key="${key}"]`);
      if (again && !again.disabled) again.focus();
    }
  }

  function render() {
    renderStep();
    renderReflection();
    renderChat();
    renderSide();
    if (me && me.facilitator) renderConsole();
    tick();
  }

  function renderStep() {
    const card = $("step");
    const last = broadcasts[broadcasts.length - 1];
    // Rebuilt only when what it shows changes: never under someone's hands.
    const shown = JSON.stringify([state.status, state.step, speakers, broadcasts.length, feedbackGiven, (state.polls || {})[state.step], voted.has(state.step)]);
    if (shown === card.dataset.shown) return;
    const moved = stepShown !== null && stepShown !== `${state.status}:${state.step}`;
    stepShown = `${state.status}:${state.step}`;
    card.dataset.shown = shown;
    if (state.status === "not-started") { card.replaceChildren(el("p", {}, t("live-not-started"))); return; }
    if (state.status === "ended") {
      const thanks = feedbackGiven ? el("p", {}, t("live-feedback-thanks")) : [];
      card.replaceChildren(el("h2", {}, t("live-ended")), me && !me.facilitator && !feedbackGiven ? feedbackForm() : thanks);
      if (moved) setStatus(t("live-ended"));
      return;
    }
    const current = step();
    const position = t("live-step-of").replace("{step}", state.step + 1).replace("{steps}", config.steps.length);
    card.replaceChildren(
      el("p", { class: "muted step-position" }, `${position} · ${current.kind_label}`),
      el("h2", {}, current.title),
      el("p", {}, current.instructions),
      current.video_url ? el("p", {}, el("a", { href: current.video_url, target: "_blank", rel: "noopener" }, t("live-video"))) : [],
      current.prompts.length ? el("div", {}, el("h3", {}, t("live-prompts")), el("ul", {}, current.prompts.map((p) => el("li", {}, p)))) : [],
      current.kind === "poll" ? poll(current) : [],
      current.kind === "debrief" && speakers.length ? el("div", { class: "notice speakers-chosen" }, el("p", {}, el("strong", {}, t("live-speakers-chosen"))), el("ol", {}, speakers.map((sp) => el("li", {}, sp.name, sp.group ? ` · ${sp.group}` : "")))) : [],
      last ? el("p", { class: "notice" }, `${t("live-message-from").replace("{name}", last.from)} ${last.text}`) : [],
    );
    // The card is not a live region (the countdown would be read out every
    // second); the status line says where the event has moved.
    if (moved) setStatus(`${position}: ${current.title}`);
  }

  // A poll: each person votes once; everyone sees the running count.
  function poll(current) {
    const counts = (state.polls || {})[state.step] || current.options.map(() => 0);
    const canVote = me && !me.facilitator && !voted.has(state.step);
    return el("div", { class: "poll" },
      voted.has(state.step) ? el("p", { role: "status" }, t("live-poll-voted")) : [],
      el("ul", { class: "list-plain" }, current.options.map((option, i) => el("li", {},
        canVote ? el("button", { type: "button", class: "secondary", onclick: () => send({ type: "vote", option: i }) }, `${t("live-poll-vote")}: ${option}`) : el("span", {}, option),
        " ", el("strong", {}, String(counts[i] || 0))))));
  }

  function feedbackForm() {
    const choice = (n) => el("label", { class: "checkbox rating-choice" }, el("input", { type: "radio", name: "rating", value: n, required: true }), ` ${n}`);
    return el("form", { method: "post", action: `/events/${config.event}/feedback`, class: "stacked", id: "feedback" },
      el("input", { type: "hidden", name: "csrf", value: config.csrf }),
      el("h3", {}, t("live-feedback")),
      el("fieldset", {}, el("legend", {}, t("live-feedback-rating")), el("div", { class: "rating" }, [1, 2, 3, 4, 5].map(choice))),
      el("div", { class: "field" }, el("label", { for: "feedback-helped" }, t("live-feedback-helped")), el("textarea", { id: "feedback-helped", name: "helped", rows: 3, maxlength: 2000 })),
      el("div", { class: "field" }, el("label", { for: "feedback-change" }, t("live-feedback-change")), el("textarea", { id: "feedback-change", name: "change", rows: 3, maxlength: 2000 })),
      el("button", { type: "submit" }, t("live-feedback-send")));
  }

  async function proposeSpeakers() {
    const response = await fetch(`/events/${config.event}/speakers`, { credentials: "same-origin" });
    if (response.ok) { proposal = await response.json(); render(); focusFirst(".speaker-choice"); }
    else setStatus(t("live-refused-failed"));
  }

  async function announceSpeakers() {
    const body = new URLSearchParams({ csrf: config.csrf });
    document.querySelectorAll(".speaker-choice").forEach((select) => body.append("speaker", select.value));
    const response = await fetch(`/events/${config.event}/speakers`, { method: "POST", body, credentials: "same-origin" });
    if (!response.ok) setStatus(await response.text());
    else { proposal = null; render(); }
  }

  function focusFirst(selector) {
    const node = document.querySelector(selector);
    if (node) node.focus();
  }

  function speakerPicker() {
    if (!proposal) return el("button", { type: "button", "data-key": "propose", onclick: proposeSpeakers }, t("live-speakers-propose"));
    const picks = proposal.proposal;
    return el("div", { class: "speakers" },
      picks.map((chosen, i) => {
        const id = `speaker-${i}`;
        return el("div", { class: "field" },
          el("label", { for: id }, t("live-speaker-n").replace("{step}", i + 1)),
          el("select", { id, "data-key": id, class: "speaker-choice", onchange: (event) => { picks[i] = event.target.value; } }, proposal.groups.map((g) => el("optgroup", { label: g.name },
            g.members.map((m) => el("option", { value: m.user, selected: m.user === chosen },
              `${m.name}${m.volunteer ? ` (${t("live-volunteer")})` : ""}${m.spoken ? ` · ${t("live-spoken")} ×${m.spoken}` : ""}`))))));
      }),
      el("button", { type: "button", "data-key": "announce", onclick: announceSpeakers }, t("live-speakers-announce")));
  }

  function tick() {
    const node = $("countdown");
    if (!node) return;
    const left = active() ? remaining() : null;
    if (left === null || left === undefined) { node.textContent = ""; node.className = "countdown"; return; }
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
    const current = active() ? step() : null;
    if (!current || current.kind !== "reflection" || !me || me.facilitator) { section.hidden = true; return; }
    if (!section.hidden && section.dataset.step === String(state.step)) return; // keep the caret where it is
    section.hidden = false;
    section.dataset.step = String(state.step);
    const saved = el("p", { class: "muted", role: "status", id: "reflection-status" });
    const area = el("textarea", { id: "reflection-text", rows: 8, maxlength: 20000 });
    area.value = reflections.get(state.step) || "";
    let timer = null;
    const stepNumber = state.step;
    const save = async () => {
      const text = area.value;
      const body = new URLSearchParams({ csrf: config.csrf, step: stepNumber, text });
      try {
        const response = await fetch(`/events/${config.event}/reflection`, { method: "POST", body, credentials: "same-origin" });
        if (!response.ok) throw new Error(String(response.status));
        reflections.set(stepNumber, text);
        // Only the newest text says "saved": typing on since then is still to save.
        if (area.value === text) saved.textContent = t("live-reflection-saved");
      } catch (_) {
        saved.textContent = t("live-refused-failed");
        clearTimeout(timer);
        timer = setTimeout(save, 3000);
      }
    };
    area.oninput = () => {
      saved.textContent = t("live-reflection-saving");
      clearTimeout(timer);
      timer = setTimeout(save, 700);
    };
    // Sharing is a separate, deliberate act: a few lines the writer picks
    // (the selected text, if any), sent to their group and nobody else.
    const excerpt = el("textarea", { id: "excerpt-text", rows: 3, maxlength: 2000 });
    const shared = el("p", { class: "muted", role: "status", id: "excerpt-status" });
    const share = me.group ? el("details", { id: "excerpt", ontoggle: (event) => {
      if (!event.target.open || excerpt.value) return;
      excerpt.value = area.value.substring(area.selectionStart, area.selectionEnd).trim();
    } },
      el("summary", {}, t("live-excerpt-open")),
      el("p", { class: "muted small" }, t("live-excerpt-hint")),
      el("form", { onsubmit: (event) => {
        event.preventDefault();
        const text = excerpt.value.trim();
        if (!text) return;
        send({ type: "share-excerpt", text });
        excerpt.value = "";
        shared.textContent = t("live-excerpt-shared");
      } },
        el("label", { for: "excerpt-text" }, t("live-excerpt-label")), excerpt,
        el("button", { type: "submit" }, t("live-excerpt-share"))),
      shared) : [];
    section.replaceChildren(el("h2", {}, el("label", { for: "reflection-text" }, t("live-reflection"))), area, saved, share);
  }

  function inGroups() {
    const current = step();
    return active() && current && (current.kind === "dialogue" || current.kind === "world-cafe");
  }

  // The chat's form is built once; only its heading and its messages change.
  function chatParts() {
    const section = $("chat");
    if (section.dataset.built) return section;
    section.dataset.built = "yes";
    const input = el("input", { id: "chat-text", type: "text", autocomplete: "off", maxlength: 2000, enterkeyhint: "send" });
    section.replaceChildren(
      el("h2", { id: "chat-heading" }, t("live-chat")),
      el("p", { class: "muted", id: "chat-where" }),
      el("ol", { class: "chat-log", id: "chat-log", tabindex: 0, "aria-labelledby": "chat-heading" }),
      el("form", { class: "chat-form", id: "chat-form", onsubmit: (event) => {
        event.preventDefault();
        const text = input.value.trim();
        if (text) { send({ type: "chat", text }); input.value = ""; }
      } },
        el("label", { for: "chat-text", class: "visually-hidden" }, t("live-chat")), input, el("button", { type: "submit" }, t("live-chat-send"))),
    );
    return section;
  }

  function renderChat() {
    chatParts();
    const grouped = inGroups();
    const host = me && me.facilitator;
    // A participant sees their group's messages in group steps and everyone's
    // otherwise; a facilitator sees the group they visit, or every group's.
    const group = host ? visiting : me && me.group;
    const shown = chat.filter((m) => !grouped ? m.group === null : host && !visiting ? m.group !== null : m.group === group);
    let where;
    if (!grouped) where = t("live-chat-everyone");
    else if (host) where = visiting ? groupName(visiting) : t("live-groups");
    else where = group ? `${t("live-chat-group")}${groupName(group) ? `: ${groupName(group)}` : ""}` : t("live-no-group");
    $("chat-where").textContent = where;
    // A facilitator who visits no group would write to nobody during group work.
    $("chat-form").hidden = !!(grouped && ((host && !visiting) || (!host && !group)));
    const log = $("chat-log");
    const atBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    const items = shown.slice(-100).map((m) => el("li", {},
      host && grouped && !visiting && m.group ? el("span", { class: "tag" }, groupName(m.group)) : [],
      el("strong", {}, m.name), " ",
      m.excerpt ? [el("span", { class: "muted small" }, `${t("live-excerpt-from")} `), el("q", { class: "excerpt" }, m.text)] : m.text,
      " ", el("span", { class: "muted small" }, time(m.at))));
    const fresh = JSON.stringify(shown.slice(-100).map((m) => [m.at, m.name, m.text]));
    if (log.dataset.shown !== fresh) {
      log.dataset.shown = fresh;
      log.replaceChildren(...items);
      if (atBottom) log.scrollTop = log.scrollHeight;
    }
  }

  function renderSide() {
    const side = $("side");
    const mine = me && state.hands.includes(me.user);
    rebuild(side,
      me && !me.facilitator && state.status !== "ended"
        ? el("button", { type: "button", id: "hand", "data-key": "hand", class: mine ? "secondary" : "", "aria-pressed": mine ? "true" : "false", onclick: () => send(mine ? { type: "lower-hand", user: null } : { type: "raise-hand" }) }, mine ? t("live-lower-hand") : t("live-raise-hand"))
        : [],
      // The facilitators' queue, with its buttons, is in their console.
      me && me.facilitator ? [] : [
        el("h2", {}, t("live-hands")),
        state.hands.length ? el("ol", { id: "hands" }, state.hands.map((u) => el("li", {}, names.get(u) || "…"))) : el("p", { class: "muted" }, t("live-hands-none")),
      ],
      el("h2", {}, t("live-reactions")),
      el("div", { class: "reactions" }, [["👏", "live-react-applause"], ["❤️", "live-react-love"], ["🙏", "live-react-thanks"], ["😊", "live-react-smile"], ["💡", "live-react-idea"]].map(([emoji, key]) =>
        el("button", { type: "button", class: "secondary", "data-key": `react-${emoji}`, "aria-label": t(key), title: t(key), onclick: () => send({ type: "react", emoji }) }, emoji))),
      el("p", { id: "reaction", class: "reaction", "aria-hidden": "true" }),
      me && !me.facilitator && seat ? el("div", { id: "my-group" }, el("h2", {}, seat.name),
        seatVideo
          ? el("p", {}, el("a", { class: "button", href: seatVideo, target: "_blank", rel: "noopener" }, t("live-video-call")))
          : inGroups() ? el("p", { class: "muted" }, t("live-text-only")) : [],
        el("h3", {}, t("live-here-now")),
        el("ul", { id: "here-now" }, here.map((p) => el("li", {}, p.name, p.guest ? el("span", { class: "muted small" }, ` · ${t("live-guest")}`) : [])))) : [],
    );
  }

  function flashReaction(emoji) {
    const node = $("reaction");
    if (node) { node.textContent = emoji; setTimeout(() => { node.textContent = ""; }, 1500); }
  }

  // The console's message form is built once; the rest follows the room.
  function consoleParts() {
    const panel = $("console");
    if (panel.dataset.built) return;
    panel.dataset.built = "yes";
    const message = el("input", { id: "broadcast-text", type: "text", maxlength: 2000 });
    panel.replaceChildren(
      el("h2", {}, t("live-console")),
      el("div", { id: "console-controls" }),
      el("form", { class: "chat-form", onsubmit: (event) => { event.preventDefault(); const text = message.value.trim(); if (text) { send({ type: "broadcast", text }); message.value = ""; } } },
        el("label", { for: "broadcast-text" }, t("live-broadcast")), message, el("button", { type: "submit" }, t("live-broadcast-send"))),
      el("div", { id: "console-room" }),
    );
  }

  function renderConsole() {
    if (!$("console")) return;
    consoleParts();
    const button = (label, command, attrs = {}) => el("button", { type: "button", onclick: () => send(command), ...attrs }, label);
    const running = state.status === "running";
    const controls = state.status === "not-started"
      ? [button(t("live-start"), { type: "start" }, { "data-key": "start" })]
      : state.status === "ended" ? [] : [
        button(t("live-previous"), { type: "previous" }, { class: "secondary", disabled: state.step === 0, "data-key": "previous" }),
        button(t("live-next"), { type: "next" }, { disabled: state.step >= config.steps.length - 1, "data-key": "next" }),
        running ? button(t("live-pause"), { type: "pause" }, { class: "secondary", "data-key": "pause" }) : button(t("live-resume"), { type: "resume" }, { class: "secondary", "data-key": "pause" }),
        button(t("live-more-time"), { type: "adjust-timer", seconds: 60 }, { class: "secondary", "data-key": "more" }),
        button(t("live-less-time"), { type: "adjust-timer", seconds: -60 }, { class: "secondary", "data-key": "less" }),
        el("button", { type: "button", class: "danger", "data-key": "end", onclick: () => { if (confirm(t("live-end-confirm"))) send({ type: "end" }); } }, t("live-end")),
      ];
    rebuild($("console-controls"), el("div", { class: "actions console-actions" }, controls));
    const visit = (group) => { visiting = group; send({ type: "visit", group }); render(); };
    rebuild($("console-room"),
      step() && step().kind === "debrief" && active() ? el("div", {}, el("h3", {}, t("live-speakers")), speakerPicker()) : [],
      el("h3", {}, t("live-alerts")),
      escalationBox(),
      alerts.length ? el("ul", { class: "alerts", id: "alerts" }, alerts.map((a) => el("li", { class: "alert" }, el("strong", {}, a.name), ` ${t("live-support-alert")} `, a.note || "", " ", el("span", { class: "small" }, time(a.at)), " ",
        a.urgentBy
          ? el("span", { class: "tag crisis" }, t("live-urgent-by").replace("{name}", a.urgentBy))
          : el("button", { type: "button", class: "link-button", "data-key": `urgent-${a.user}`, onclick: () => { if (confirm(t("live-mark-urgent-confirm"))) send({ type: "mark-urgent", user: a.user }); } }, t("live-mark-urgent"))))) : el("p", { class: "muted" }, t("live-alerts-none")),
      el("h3", {}, t("live-hands")),
      state.hands.length ? el("ol", { class: "hand-queue", id: "hand-queue" }, state.hands.map((u) => el("li", {}, names.get(u) || "…", " ", el("button", { type: "button", class: "link-button", "data-key": `lower-${u}`, onclick: () => send({ type: "lower-hand", user: u }) }, t("live-lower-for"))))) : el("p", { class: "muted" }, t("live-hands-none")),
      el("h3", {}, t("live-groups")),
      el("div", { class: "cards" }, config.groups.map((g) => {
        const present = presentIn(g.id);
        return el("div", { class: "card group-overview", "data-group": g.id },
          el("h4", {}, g.name, visiting === g.id ? ` · ${t("live-visiting")}` : ""),
          el("p", { class: "small here-now" }, `${t("live-here-now")} (${present.length}): `,
            present.length ? present.map((p) => p.guest ? `${p.name} (${t("live-from-another-group")})` : p.name).join(", ") : el("span", { class: "muted" }, t("live-nobody-here"))),
          el("p", { class: "muted small" }, g.members.join(", ")),
          g.video ? el("p", { class: "small" }, el("a", { href: g.video, target: "_blank", rel: "noopener" }, t("live-video-call"))) : [],
          el("p", { class: "small" }, `${t("live-chat")}: `, el("span", { class: "chat-count" }, String(chat.filter((m) => m.group === g.id).length))),
          visiting === g.id
            ? el("button", { type: "button", class: "secondary", "data-key": `visit-${g.id}`, onclick: () => visit(null) }, t("live-leave-visit"))
            : el("button", { type: "button", class: "secondary", "data-key": `visit-${g.id}`, onclick: () => visit(g.id) }, t("live-visit")),
        );
      })),
      unplaced().length ? el("p", { class: "small", id: "unplaced" }, `${t("live-no-group-place")}: `, unplaced().map((p) => p.name).join(", ")) : [],
    );
    renderMove();
  }

  // Who is present, everywhere, for the move form.
  const everyonePresent = () => room.flatMap((p) => p.people.map((person) => ({ ...person, group: p.group })));
  const unplaced = () => (room.find((p) => p.group === null) || { people: [] }).people;

  // One form moves anyone present to any group: it stays usable with
  // thousands of people, and its choices survive the room's updates.
  function renderMove() {
    const panel = $("console");
    let form = $("move-form");
    if (!form) {
      const who = el("select", { id: "move-who" });
      const to = el("select", { id: "move-to" }, config.groups.map((g) => el("option", { value: g.id }, g.name)));
      form = el("form", { id: "move-form", class: "move-form", onsubmit: (event) => {
        event.preventDefault();
        if (who.value && to.value) send({ type: "move", user: who.value, group: to.value });
      } },
        el("h3", {}, t("live-move")),
        el("div", { class: "field" }, el("label", { for: "move-who" }, t("live-move-who")), who),
        el("div", { class: "field" }, el("label", { for: "move-to" }, t("live-move-to")), to),
        el("button", { type: "submit", class: "secondary" }, t("live-move-send")));
      panel.append(form);
    }
    // With one group (a support group meeting as itself) there is nowhere to move anyone.
    form.hidden = config.groups.length < 2;
    const who = $("move-who");
    const people = everyonePresent();
    const shown = JSON.stringify(people.map((p) => [p.user, p.name, p.group]));
    if (who.dataset.shown === shown) return;
    who.dataset.shown = shown;
    const chosen = who.value;
    who.replaceChildren(...people.map((p) => el("option", { value: p.user, selected: p.user === chosen }, p.group ? `${p.name} · ${groupName(p.group)}` : p.name)));
  }

  function showSupport(focus) {
    const panel = $("support-panel");
    panel.hidden = false;
    panel.replaceChildren(
      el("p", {}, el("strong", {}, t("live-support-sent"))),
      el("h2", {}, t("live-services")),
      el("ul", { class: "services" }, config.services.map((s) => el("li", {}, el("strong", {}, s.name), s.crisis ? " ☎" : "", el("br"),
        /^[+0-9 ()-]+$/.test(s.contact) ? el("a", { href: `tel:${s.contact.replace(/[^+0-9]/g, "")}` }, s.contact) : s.contact,
        s.hours ? ` · ${s.hours}` : ""))),
      el("p", {}, el("a", { href: "/help", target: "_blank", rel: "noopener" }, t("live-services"))),
    );
    if (focus) panel.focus();
  }

  const support = $("need-support");
  if (support) support.onclick = () => { send({ type: "need-support", note: null }); showSupport(true); };
  render();
  connect();
})();
