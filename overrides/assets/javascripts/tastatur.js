// Keyboard access where the theme lacks it.
// 1. The navigation drawer on narrow screens: the theme opens it with a <label> for a hidden
//    checkbox, which a keyboard cannot reach; here the label becomes a button that Enter and Space
//    operate, tells screen readers whether the menu is open, and Escape closes the menu again.
// 2. Tables of hand-written pages scroll sideways in a box the theme adds; the box gets a focus
//    stop and a name, so keyboard users can scroll it too (WCAG 2.1.1).
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector('label.md-header__button[for="__drawer"]');
  if (!toggle || !button) return;
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-controls", "da-navigation");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (drawer) drawer.id = "da-navigation";

  function sync() {
    button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    button.setAttribute("aria-label", toggle.checked ? "Navigation schließen" : "Navigation öffnen");
  }

  function set(open) {
    if (toggle.checked !== open) toggle.click();
    sync();
    if (open) {
      var first = drawer && drawer.querySelector("a[href], input, label[tabindex]");
      if (first) first.focus();
    } else {
      button.focus();
    }
  }

  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      set(!toggle.checked);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) set(false);
  });
  toggle.addEventListener("change", sync);
  sync();
})();

(function () {
  "use strict";
  function label() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", "Tabelle, seitlich verschiebbar");
    });
  }
  // the theme wraps tables once its script has run; document$ reports each (re)rendered page
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(label);
  else document.addEventListener("DOMContentLoaded", label);
})();
