// Warn before leaving a stage with unsaved changes. Saving (any submit button
// of the stage form, including the progress-bar jumps) clears the warning.
(function () {
  "use strict";
  let dirty = false;
  document.addEventListener("input", function (event) {
    if (event.target.closest("[data-stage-form]")) { dirty = true; }
  });
  document.addEventListener("submit", function () { dirty = false; });
  document.addEventListener("htmx:afterSwap", function () { dirty = true; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
})();
