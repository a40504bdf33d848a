// Searchable multi-select: each <select multiple data-searchable> (core.widgets.
// SearchableSelectMultiple) becomes a Tom Select box where the officer types part of a name
// ("VKS", "cong an") and picks. Without JavaScript the plain select stays and still submits.
(function () {
  "use strict";

  // The same folding as the server's search (core/text.py): marks stripped, đ→d, lower case.
  function fold(text) {
    return String(text || "")
      .normalize("NFC").replace(/đ/g, "d").replace(/Đ/g, "D")
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\s+/g, " ").trim().toLowerCase();
  }

  function words(folded) {
    return folded.split(/[^a-z0-9]+/).filter(Boolean);
  }

  // "Công an tỉnh" → " cong an tinh cat ": each name's words, then its initials.
  function haystack(option) {
    var names = [fold(option.text), fold(option.search || "")];
    var out = " ";
    names.forEach(function (name) {
      var w = words(name);
      out += w.join(" ") + " " + w.map(function (x) { return x[0]; }).join("") + " ";
    });
    return out;
  }

  // Every word typed must begin a word of the name ("cong an" → "Công an tỉnh", not "Ban Tiếp
  // công dân"); "vks" also matches the initials of "Viện Kiểm sát".
  function score(search) {
    var typed = words(fold(search));
    return function (option) {
      if (!typed.length) return 1;
      var text = option.$haystack || (option.$haystack = haystack(option));
      for (var i = 0; i < typed.length; i++) {
        if (text.indexOf(" " + typed[i]) === -1) return 0;
      }
      return 1;
    };
  }

  function enhance(select) {
    if (select.tomselect) return;
    // A page restored from htmx's history cache carries the old box: drop it, build anew.
    var stale = select.nextElementSibling;
    if (stale && stale.classList.contains("ts-wrapper")) stale.remove();
    select.classList.remove("tomselected", "ts-hidden-accessible");
    var box = new window.TomSelect(select, {
      plugins: { remove_button: { title: "Bỏ chọn" } },
      maxOptions: null,
      hideSelected: true,
      closeAfterSelect: false,
      placeholder: select.dataset.placeholder || "",
      searchField: [],
      score: score,
      sortField: [{ field: "$order" }],
      render: {
        no_results: function () { return '<div class="no-results">Không tìm thấy.</div>'; },
      },
      onItemAdd: function () { this.setTextboxValue(""); this.refreshOptions(false); },
    });
    // Help text and errors stay linked to what the officer types in.
    var described = select.getAttribute("aria-describedby");
    if (described) box.control_input.setAttribute("aria-describedby", described);
    if (select.getAttribute("aria-invalid")) box.control_input.setAttribute("aria-invalid", "true");
  }

  function enhanceAll(root) {
    if (!window.TomSelect || !root.querySelectorAll) return;
    root.querySelectorAll("select[multiple][data-searchable]").forEach(enhance);
  }

  document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  document.addEventListener("htmx:load", function (event) { enhanceAll(event.detail.elt); });
})();
