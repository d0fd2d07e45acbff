// coverguide serve: reloads this page after each build, and manages the
// error overlay. Served only by `coverguide serve`; never part of a build.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me && me.getAttribute("data-build");
  var overlay = document.getElementById("coverguide-serve-errors");
  if (overlay) {
    var opener = document.activeElement;
    overlay.focus();
    var hide = function () {
      overlay.hidden = true;
      if (opener && opener.focus) opener.focus();
    };
    var button = document.getElementById("coverguide-serve-hide");
    if (button) button.addEventListener("click", hide);
    overlay.addEventListener("keydown", function (e) {
      if (e.key === "Escape") hide();
    });
  }
  if (!window.EventSource) return;
  var source = new EventSource("/__coverguide/events");
  source.addEventListener("build", function (e) {
    // Another build than the one this page came from: load its result.
    if (e.data !== build) {
      source.close();
      window.location.reload();
    }
  });
})();
