/* Field Guide: copy a link to any item or heading, or a one-line citation for notes.
   The build marks each anchor with data-fg-url (its absolute address, from site_url)
   and data-fg-cite (its title); this script adds two buttons to each. Runs on every
   page load, including Material's instant navigation (document$). */
(function () {
  "use strict";

  var DONE_MS = 2000;

  function liveRegion() {
    var region = document.getElementById("fg-copy-status");
    if (!region) {
      region = document.createElement("div");
      region.id = "fg-copy-status";
      region.className = "fg-copy-status";
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      document.body.appendChild(region);
    }
    return region;
  }

  function announce(message) {
    var region = liveRegion();
    region.textContent = "";
    // A fresh text node after a tick makes screen readers repeat an identical message.
    window.setTimeout(function () {
      region.textContent = message;
      region.classList.add("fg-copy-status--shown");
      window.clearTimeout(region._fgTimer);
      region._fgTimer = window.setTimeout(function () {
        region.classList.remove("fg-copy-status--shown");
      }, DONE_MS + 1500);
    }, 30);
  }

  function copyWithSelection(text) {
    // For pages opened from disk (file://), where the clipboard API is unavailable.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    document.body.appendChild(area);
    var focused = document.activeElement;
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } finally {
      document.body.removeChild(area);
      if (focused && focused.focus) focused.focus();
    }
    return ok;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () {
        if (!copyWithSelection(text)) throw new Error("copy refused");
      });
    }
    return new Promise(function (resolve, reject) {
      if (copyWithSelection(text)) resolve();
      else reject(new Error("copy refused"));
    });
  }

  function button(kind, id, label) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "fg-copy-button fg-copy-" + kind;
    b.setAttribute("data-fg-copy", kind);
    b.setAttribute("aria-label", (kind === "link" ? "Copy link to " : "Copy citation for ") + id);
    b.title = kind === "link" ? "Copy a link to " + id : "Copy a one-line citation of " + id;
    b.textContent = label;
    return b;
  }

  function hostFor(el) {
    // Where the buttons go: in a heading, after its permalink; next to the item's ID chip;
    // in a table row, in its first cell; otherwise at the end of the item.
    if (/^H[1-6]$/.test(el.tagName)) return { parent: el, before: null };
    var chips = el.querySelectorAll(".fg-id");
    for (var i = 0; i < chips.length; i++) {
      if (chips[i].textContent.trim() === el.id) return { parent: chips[i].parentNode, before: chips[i].nextSibling };
    }
    if (el.tagName === "TR" && el.cells.length) return { parent: el.cells[0], before: null };
    var caption = el.querySelector("figcaption");
    return { parent: caption || el, before: null };
  }

  function addControls(root) {
    var anchors = root.querySelectorAll("[data-fg-url]");
    for (var i = 0; i < anchors.length; i++) {
      var el = anchors[i];
      if (el.getAttribute("data-fg-ready")) continue;
      el.setAttribute("data-fg-ready", "1");
      var group = document.createElement("span");
      group.className = "fg-copy";
      if (/^H[1-6]$/.test(el.tagName) && !/^(?:(?:CD|TR|FL|AN|SC|SRC|CT)-|G\d|decision-diagram)/.test(el.id)) {
        group.className += " fg-copy--quiet"; // a plain heading: shown on hover and focus, like its permalink
      }
      group.setAttribute("data-fg-for", el.id);
      group.appendChild(button("link", el.id, "Link"));
      group.appendChild(button("cite", el.id, "Citation"));
      var host = hostFor(el);
      host.parent.insertBefore(group, host.before);
    }
  }

  function onClick(event) {
    var b = event.target.closest ? event.target.closest("button[data-fg-copy]") : null;
    if (!b) return;
    var group = b.parentNode;
    var el = document.getElementById(group.getAttribute("data-fg-for"));
    if (!el) return;
    var id = el.id;
    var url = el.getAttribute("data-fg-url");
    var kind = b.getAttribute("data-fg-copy");
    var text = kind === "link" ? url : id + " · " + el.getAttribute("data-fg-cite") + " · " + url;
    var label = b.textContent;
    copy(text).then(function () {
      b.textContent = "Copied";
      b.classList.add("fg-copy-button--done");
      announce((kind === "link" ? "Link to " : "Citation for ") + id + " copied");
      window.setTimeout(function () {
        b.textContent = label;
        b.classList.remove("fg-copy-button--done");
      }, DONE_MS);
    }, function () {
      announce("Could not copy. The link is " + url);
    });
  }

  function init() {
    addControls(document);
    if (!document.documentElement.getAttribute("data-fg-copy-ready")) {
      document.documentElement.setAttribute("data-fg-copy-ready", "1");
      document.addEventListener("click", onClick);
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
