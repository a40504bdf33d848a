// The public portal's only script (the pages work without it):
// - a counter under every text with a limit (data-limit): "1.234 / 20.000 ký tự", marked when
//   over; the server refuses a longer text with a message, nothing is ever cut;
// - the lookup page takes the receipt code from the address after "#" (the receipt's QR code).
(function () {
  "use strict";
  function vn(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  document.querySelectorAll("[data-limit]").forEach(function (field) {
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    if (!limit) return;
    var counter = document.createElement("span");
    counter.className = "char-counter muted";
    counter.setAttribute("aria-live", "polite");
    counter.setAttribute("data-testid", "char-counter-" + field.name);
    field.insertAdjacentElement("afterend", counter);
    function update() {
      var used = field.value.length;
      var over = used > limit;
      counter.textContent = vn(used) + " / " + vn(limit) + " ký tự" +
        (over ? " — vượt " + vn(used - limit) + " ký tự, hãy rút gọn" : "");
      counter.classList.toggle("over", over);
      field.setAttribute("aria-invalid", over ? "true" : "false");
    }
    field.addEventListener("input", update);
    update();
  });
  var code = document.querySelector("input[name=code]");
  if (code && window.location.hash.length > 1 && !code.value) {
    code.value = decodeURIComponent(window.location.hash.slice(1));
    history.replaceState(null, "", window.location.pathname);
  }
})();
