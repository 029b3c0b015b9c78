// Small enhancements only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Move focus to the error summary so screen readers announce it.
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();

  // Ask before destructive actions (forms marked data-confirm="...").
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
});
