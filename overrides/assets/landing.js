/* Field Guide: land on the item a link names. Opens the collapsed block or the tab that
   holds it, scrolls it below the sticky header and highlights it. An anchor that has
   moved is followed to its new address, from the map the build writes into the page
   (#fg-moved); one that was retired shows why and where to go instead. */
(function () {
  "use strict";

  var landed = null;

  function movedMap() {
    var node = document.getElementById("fg-moved");
    if (!node) return {};
    try {
      return JSON.parse(node.textContent);
    } catch (error) {
      console.error("Field Guide: the moved-anchor map on this page is not valid JSON", error);
      return {};
    }
  }

  function reveal(el) {
    // Open every collapsed <details> and select every inactive tab around the element.
    for (var node = el; node && node !== document.body; node = node.parentElement) {
      if (node.tagName === "DETAILS" && !node.open) node.open = true;
      if (node.classList && node.classList.contains("tabbed-block")) {
        var content = node.parentElement;
        var set = content && content.parentElement;
        if (set && set.classList.contains("tabbed-set")) {
          var index = Array.prototype.indexOf.call(content.children, node);
          var inputs = set.querySelectorAll(":scope > input");
          var input = inputs[index];
          if (input && !input.checked) {
            input.checked = true;
            input.dispatchEvent(new Event("change", { bubbles: true }));
          }
        }
      }
    }
  }

  function targetsOf(el) {
    // A heading that opens an entry (a phrase, a gate, a scenario) highlights the entry;
    // an analogy's heading highlights its callout too.
    if (/^H[1-6]$/.test(el.tagName) && el.parentElement) {
      var entry = el.parentElement;
      if (entry.matches(".fg-phrase, .fg-gate, .fg-scenario") && entry.firstElementChild === el) return [entry];
      var next = el.nextElementSibling;
      if (next && next.classList.contains("fg-analogy")) return [el, next];
    }
    return [el];
  }

  function notice(id, entry) {
    var old = document.getElementById("fg-retired-notice");
    if (old) old.parentNode.removeChild(old);
    var box = document.createElement("div");
    box.id = "fg-retired-notice";
    box.className = "admonition warning fg-retired";
    box.setAttribute("role", "note");
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = id + " was retired";
    var text = document.createElement("p");
    text.textContent = entry.retired + " The nearest item is ";
    var link = document.createElement("a");
    link.href = entry.nearest;
    link.textContent = entry.nearestLabel;
    text.appendChild(link);
    text.appendChild(document.createTextNode("."));
    box.appendChild(title);
    box.appendChild(text);
    var article = document.querySelector("article.md-content__inner") || document.body;
    var h1 = article.querySelector("h1");
    article.insertBefore(box, h1 ? h1.nextSibling : article.firstChild);
    box.scrollIntoView({ block: "start" });
  }

  function land() {
    var id = "";
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) {
      var entry = movedMap()[id];
      if (entry && entry.to) {
        if (entry.to.charAt(0) === "#") {
          history.replaceState(history.state, "", entry.to);
          land();
        } else {
          location.replace(entry.to);
        }
      } else if (entry && entry.retired) {
        notice(id, entry);
      }
      return;
    }
    reveal(el);
    if (landed) landed.forEach(function (node) { node.classList.remove("fg-landed"); });
    landed = targetsOf(el);
    landed.forEach(function (node) { node.classList.add("fg-landed"); });
    // After Material and the browser have done their own scrolling.
    window.requestAnimationFrame(function () {
      el.scrollIntoView({ block: "start" });
    });
  }

  window.addEventListener("hashchange", land);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      landed = null;
      land();
    });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", land);
  } else {
    land();
  }
})();
