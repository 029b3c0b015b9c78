// The recovery story editor saves as the writer types. Without this script
// the form still posts as usual; with it, a draft is posted a moment after
// typing stops, and the page says whether it was saved.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form) return;
  var area = form.querySelector("textarea");
  var status = form.querySelector("[data-autosave-status]");
  var last = area.value;
  var timer = null;

  function say(text) {
    if (status) status.textContent = text;
  }

  function save() {
    timer = null;
    var text = area.value;
    if (text === last) return;
    var body = new URLSearchParams(new FormData(form));
    body.set("autosave", "1");
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        if (response.ok) {
          last = text;
          say(form.dataset.saved);
        } else {
          say(form.dataset.failed);
        }
      })
      .catch(function () {
        say(form.dataset.failed);
      });
  }

  area.addEventListener("input", function () {
    say(form.dataset.saving);
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 1200);
  });
  form.addEventListener("submit", function () {
    if (timer) clearTimeout(timer);
  });
})();
