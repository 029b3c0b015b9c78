// Small enhancements only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen readers announce it.
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();

  // On a phone the menu folds behind one button, so a page starts with its
  // content; without JavaScript the whole menu simply shows.
  const toggle = document.querySelector(".menu-toggle");
  const menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (toggle && menu) {
    toggle.hidden = false;
    document.documentElement.classList.add("has-menu");
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("open", open);
    });
  }

  // Ask before destructive actions (forms marked data-confirm="...").
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});

// Peer groups: drag a person onto another group. The group select beside
// each person does the same from the keyboard, and is what the form sends.
document.addEventListener("DOMContentLoaded", () => {
  const board = document.querySelector(".groups-board");
  if (!board) return;
  let dragged = null;
  board.querySelectorAll(".member").forEach((item) => {
    item.addEventListener("dragstart", (event) => {
      dragged = item;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", item.dataset.member);
    });
    item.addEventListener("dragend", () => { dragged = null; });
  });
  board.querySelectorAll(".group-drop").forEach((group) => {
    group.addEventListener("dragover", (event) => { event.preventDefault(); group.classList.add("drag-over"); });
    group.addEventListener("dragleave", () => group.classList.remove("drag-over"));
    group.addEventListener("drop", (event) => {
      event.preventDefault();
      group.classList.remove("drag-over");
      if (!dragged) return;
      group.querySelector("ul").appendChild(dragged);
      const select = dragged.querySelector("select");
      if (select) select.value = group.dataset.group;
    });
  });
  // Moving with the select also moves the person on screen.
  board.querySelectorAll(".member select").forEach((select) => {
    select.addEventListener("change", () => {
      const target = board.querySelector(`.group-drop[data-group="${select.value}"] ul`);
      const item = select.closest(".member");
      if (target && item) { target.appendChild(item); select.focus(); }
    });
  });
});
