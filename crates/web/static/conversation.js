// A conversation in real time: a group's channel, the facilitators' channel
// or an online drop-in chat. The page works without this script (it shows
// the messages and posts with a form); with it, messages arrive as they are
// written and each one offers reply, edit, delete, report, hide and mute as
// the server allows. On a dropped connection the page reconnects by itself
// and asks for everything after the last number it saw.
"use strict";
(() => {
  const root = document.getElementById("conversation");
  if (!root || !root.dataset.config) return;
  const config = JSON.parse(root.dataset.config);
  const t = (key) => config.text[key] || key;
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name.startsWith("on")) node[name] = value;
      else if (value !== false && value !== undefined && value !== null) node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  };

  const list = $("messages");
  const form = $("compose");
  const input = $("compose-text");
  const status = $("conversation-status");
  const messages = new Map();
  let lastSeq = config.seq;
  let oldest = config.oldest;
  let more = config.more;
  let replyTo = null;
  let socket = null;
  let retry = 500;
  let me = config.me;
  let moderator = config.moderator;
  const pending = [];

  const setStatus = (text) => { if (status) status.textContent = text; };
  const time = (ms) => new Date(ms).toLocaleString([], { dateStyle: "short", timeStyle: "short" });
  const mine = (m) => (me ? m.author.id === me : m.author.kind === "visitor");

  function send(command) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(command));
    else pending.push(command);
  }

  function actions(m) {
    const buttons = [];
    if (m.deleted || m.author.kind === "system") return buttons;
    const button = (label, onclick, action) => el("button", { type: "button", class: "link-button", onclick, "data-action": action }, label);
    if (config.channel && !(m.hidden && !moderator)) buttons.push(button(t("conversation-reply"), () => startReply(m), "reply"));
    if (mine(m)) {
      buttons.push(button(t("conversation-edit"), () => startEdit(m), "edit"));
      buttons.push(button(t("conversation-delete"), () => { if (confirm(t("conversation-delete-confirm"))) send({ type: "delete", id: m.id }); }, "delete"));
    }
    if (config.channel && !mine(m)) {
      buttons.push(button(t("conversation-report"), () => {
        const reason = prompt(t("conversation-report-reason"));
        if (reason !== null) send({ type: "report", id: m.id, reason });
      }, "report"));
    }
    if (moderator) {
      buttons.push(button(m.hidden ? t("conversation-unhide") : t("conversation-hide"), () => send({ type: m.hidden ? "unhide" : "hide", id: m.id }), "hide"));
      if (m.author.id && !mine(m)) {
        buttons.push(button(t("conversation-mute"), () => {
          const minutes = parseInt(prompt(t("conversation-mute-minutes"), "60"), 10);
          if (minutes > 0) send({ type: "mute", user: m.author.id, minutes });
        }, "mute"));
      }
    }
    return buttons;
  }

  function render(m) {
    if (m.author.kind === "system") {
      const key = m.body === "joined" ? "conversation-system-joined" : "conversation-system-closed";
      return el("li", { class: "message system", id: `message-${m.id}` }, el("p", {}, t(key).replace("{name}", m.author.name)));
    }
    const mentionsMe = me && m.mentions.includes(me);
    const head = el("p", { class: "message-head" },
      el("strong", {}, mine(m) ? `${m.author.name} (${t("conversation-you")})` : m.author.name), " ",
      el("span", { class: "muted" }, time(m.posted_at), m.edited && !m.deleted ? ` · ${t("conversation-edited")}` : ""));
    const reply = m.reply_to ? el("blockquote", { class: "message-reply" }, el("strong", {}, m.reply_to.author), " ", m.reply_to.body || "…") : null;
    let body;
    if (m.deleted) body = el("p", { class: "muted" }, t("conversation-deleted"));
    else if (m.hidden && !m.body) body = el("p", { class: "muted" }, t("conversation-hidden"));
    else body = el("p", { class: "message-body" }, m.body);
    const hiddenTag = m.hidden && m.body ? el("p", { class: "tag" }, t("conversation-hidden-for-members")) : null;
    const tools = actions(m);
    return el("li", { class: `message${mine(m) ? " mine" : ""}${mentionsMe ? " mentions-me" : ""}`, id: `message-${m.id}`, "aria-label": mentionsMe ? t("conversation-mentions-you") : null },
      head, reply, body, hiddenTag,
      tools.length ? el("p", { class: "message-actions", role: "group", "aria-label": t("conversation-actions") }, tools) : null);
  }

  // Messages stay in the order they were written, whatever order changes arrive in.
  function upsert(m) {
    if (oldest !== null && oldest !== undefined && m.posted_seq < oldest && more) return;
    messages.set(m.id, m);
    const node = render(m);
    const existing = $(`message-${m.id}`);
    if (existing) { existing.replaceWith(node); return; }
    const after = [...list.children].find((li) => {
      const other = messages.get(li.id.slice("message-".length));
      return other && other.posted_seq > m.posted_seq;
    });
    const atBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 80;
    list.insertBefore(node, after || null);
    if (atBottom && !after) node.scrollIntoView({ block: "nearest" });
  }

  function startReply(m) {
    replyTo = m;
    const box = $("replying");
    if (!box) return;
    box.hidden = false;
    box.replaceChildren(
      el("span", {}, t("conversation-replying-to").replace("{name}", m.author.name), " "),
      el("button", { type: "button", class: "link-button", onclick: stopReply }, t("conversation-cancel")));
    input.focus();
  }

  function stopReply() {
    replyTo = null;
    const box = $("replying");
    if (box) { box.hidden = true; box.replaceChildren(); }
  }

  function startEdit(m) {
    const node = $(`message-${m.id}`);
    if (!node) return;
    const area = el("textarea", { rows: 2, maxlength: 2000, "aria-label": t("conversation-edit") });
    area.value = m.body;
    const editor = el("form", { class: "message-edit", onsubmit: (event) => {
      event.preventDefault();
      send({ type: "edit", id: m.id, text: area.value });
    } }, area, el("div", { class: "actions" },
      el("button", { type: "submit" }, t("conversation-save")),
      el("button", { type: "button", class: "secondary", onclick: () => node.replaceWith(render(messages.get(m.id) || m)) }, t("conversation-cancel"))));
    node.replaceChildren(editor);
    area.focus();
  }

  function older() {
    if (!more || oldest === null || oldest === undefined) return null;
    return el("p", { class: "conversation-older" },
      el("button", { type: "button", class: "secondary", onclick: () => send({ type: "older", before: oldest }) }, t("conversation-older")));
  }

  function redrawOlder() {
    const link = root.querySelector(".conversation-older");
    if (link) link.remove();
    const button = older();
    if (button) list.before(button);
  }

  function receive(frame) {
    switch (frame.type) {
      case "hello":
        me = frame.me.id;
        moderator = frame.me.moderator;
        break;
      case "message":
        if (frame.seq > lastSeq) lastSeq = frame.seq;
        upsert(frame.message);
        if (frame.message.author.kind === "system") {
          const chatStatus = $("chat-status");
          if (chatStatus) chatStatus.textContent = t(frame.message.body === "joined" ? "conversation-system-joined" : "conversation-system-closed").replace("{name}", frame.message.author.name);
          if (frame.message.body === "closed" && form) form.hidden = true;
        }
        break;
      case "history":
        for (const m of frame.messages.slice().reverse()) {
          messages.set(m.id, m);
          list.prepend(render(m));
        }
        more = frame.more;
        if (frame.messages.length) oldest = frame.messages[0].posted_seq;
        redrawOlder();
        break;
      case "error":
        setStatus(frame.message);
        break;
      case "notice":
        setStatus(frame.message);
        break;
    }
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}${config.socket}?after=${lastSeq}`);
    socket.onmessage = (message) => receive(JSON.parse(message.data));
    socket.onopen = () => {
      retry = 500;
      setStatus(t("conversation-connected"));
      while (pending.length) socket.send(JSON.stringify(pending.shift()));
    };
    socket.onclose = () => {
      setStatus(t("conversation-reconnecting"));
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 5000);
    };
  }

  // The server drew the messages for pages without the script; draw them
  // again from the same data, with their actions.
  list.replaceChildren();
  for (const m of config.messages) upsert(m);
  redrawOlder();
  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) return;
      send({ type: "post", text, reply_to: replyTo ? replyTo.id : null });
      input.value = "";
      stopReply();
    });
    // Enter sends on a keyboard; Shift+Enter keeps a new line.
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }
  connect();
})();
