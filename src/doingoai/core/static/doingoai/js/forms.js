/* Behaviour of the long forms (the import's upload and preview), enabled by attributes:
 *
 * - data-busy="message": while the server works, the message is shown and no button can
 *   be pressed again (a second press would send the same import twice);
 * - data-omit-unchanged: inputs still equal to their data-initial value are left out of
 *   the submission (the server takes a missing field as "as proposed"; a plan of
 *   thousands of rows would otherwise exceed the server's limit on fields);
 * - a checkbox named "…_skip" greys out its table row.
 */
(function () {
  "use strict";

  function restore(form) {
    form.querySelectorAll("[data-omitted]").forEach(function (el) {
      el.disabled = false;
      el.removeAttribute("data-omitted");
    });
    form.querySelectorAll("button[data-was-enabled]").forEach(function (el) {
      el.disabled = false;
      el.removeAttribute("data-was-enabled");
    });
    form.removeAttribute("aria-busy");
    var note = form.querySelector(".busy-note");
    if (note) { note.hidden = true; }
  }

  document.querySelectorAll("form[data-busy], form[data-omit-unchanged]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.getAttribute("aria-busy") === "true") {
        event.preventDefault();  // already sent: wait for the answer
        return;
      }
      var cancel = event.submitter && event.submitter.hasAttribute("data-cancel");
      if (form.hasAttribute("data-omit-unchanged") && !cancel) {
        form.querySelectorAll("[data-initial]").forEach(function (el) {
          if (!el.disabled && (el.value || "").trim() === (el.getAttribute("data-initial") || "").trim()) {
            el.disabled = true;
            el.setAttribute("data-omitted", "");
          }
        });
      }
      if (form.hasAttribute("data-busy")) {
        form.setAttribute("aria-busy", "true");
        var note = form.querySelector(".busy-note");
        if (note) {
          note.textContent = (event.submitter && event.submitter.getAttribute("data-busy-text")) ||
            form.getAttribute("data-busy");
          note.hidden = false;
        }
        // after the browser has taken the pressed button's value into the submission
        window.setTimeout(function () {
          form.querySelectorAll("button").forEach(function (el) {
            if (!el.disabled) { el.disabled = true; el.setAttribute("data-was-enabled", ""); }
          });
        }, 0);
      }
    });
  });

  // Back to a page left by a submission: everything usable again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-busy], form[data-omit-unchanged]").forEach(restore);
  });

  document.querySelectorAll("input[type=checkbox][name$='_skip']").forEach(function (box) {
    var row = box.closest("tr");
    if (!row) { return; }
    var mark = function () { row.classList.toggle("row-skipped", box.checked); };
    box.addEventListener("change", mark);
    mark();
  });
})();
