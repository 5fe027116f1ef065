/* Field Guide: topic filter for the field-language page. Runs on every page load,
   including Material's instant navigation (document$). Without JavaScript every entry
   shows and the filter stays hidden (fieldguide.css hides it under html.no-js). */
(function () {
  function setUpFilter(root) {
    var group = root.querySelector("[data-fg-filter]");
    if (!group || group.dataset.ready) return;
    group.dataset.ready = "1";
    var entries = Array.prototype.slice.call(root.querySelectorAll(".fg-phrase"));
    var status = group.querySelector(".fg-filter-status");
    function apply(topic) {
      var shown = 0;
      entries.forEach(function (entry) {
        var topics = (entry.getAttribute("data-topics") || "").split(" ");
        var visible = !topic || topics.indexOf(topic) !== -1;
        entry.hidden = !visible;
        if (visible) shown += 1;
      });
      group.querySelectorAll("button").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.topic === topic));
      });
      var text = topic ? shown + " of " + entries.length + " entries shown" : "All " + entries.length + " entries shown";
      if (status.textContent !== text) status.textContent = text; // the page is built with the first text
    }
    group.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-topic]");
      if (button) apply(button.dataset.topic);
    });
    apply("");
  }
  function init() { setUpFilter(document); }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* Material's search overlay has role="dialog" but no name; screen readers announce it as
   "Search" (axe-core rule aria-dialog-name, tests/test_accessibility.py). */
(function () {
  var search = document.querySelector('.md-search[role="dialog"]');
  if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
})();
