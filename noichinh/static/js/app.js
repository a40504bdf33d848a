// Confirmation before anything destructive: <form data-confirm="…"> or <button data-confirm="…">.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var submitter = event.submitter;
  var message = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
    return;
  }
  // <form data-once>: a second click while the first is on its way sends nothing more.
  if (form.hasAttribute("data-once")) {
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
  }
});

// The menu is open by default (usable without JavaScript); fold it away on phone screens.
document.addEventListener("DOMContentLoaded", function () {
  var menu = document.querySelector("details.menu");
  if (menu && window.matchMedia("(max-width: 899px)").matches) {
    menu.open = false;
  }
});

// The menu's groups: one open at a time; a click elsewhere or Escape closes it.
document.addEventListener("toggle", function (event) {
  var opened = event.target;
  if (!opened.matches || !opened.matches(".nav-group details, details.nav-group") || !opened.open) return;
  document.querySelectorAll(".nav-group details[open], details.nav-group[open]").forEach(function (d) {
    if (d !== opened) d.open = false;
  });
}, true);
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest(".nav-group")) return;
  document.querySelectorAll(".nav-group details[open], details.nav-group[open]").forEach(function (d) { d.open = false; });
});
document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape") return;
  document.querySelectorAll(".nav-group details[open], details.nav-group[open]").forEach(function (d) {
    d.open = false;
    d.querySelector("summary").focus();
  });
});
