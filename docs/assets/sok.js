/*
 * Site search (issue 4): a modal dialog in the header over Pagefind's JS API.
 *
 * - Pagefind (pagefind/pagefind.js, written by macros/site/search.py after the build) stems Norwegian,
 *   so «kulturskolene» finds «kulturskole». It fetches only the index chunks a query needs.
 * - Every URL is computed from this script's own address (assets/sok.js -> the site root), so the
 *   site works under a sub-path. No third-party requests, no cookies, no storage.
 * - The dialog is a native <dialog> opened with showModal(): focus stays inside it, Esc closes
 *   it and focus returns to the search button. The status line (role="status") announces the
 *   number of results; arrow keys move between the field and the result links.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("../", script && script.src ? script.src : document.baseURI);
  var PAGE_SIZE = 10;

  var button = document.querySelector("[data-ks-sok-apne]");
  var dialog = document.querySelector("[data-ks-sok]");
  if (!button || !dialog || typeof dialog.showModal !== "function") return;

  var form = dialog.querySelector("[data-ks-sok-skjema]");
  var field = dialog.querySelector("[data-ks-sok-felt]");
  var status = dialog.querySelector("[data-ks-sok-status]");
  var list = dialog.querySelector("[data-ks-sok-treff]");
  var more = dialog.querySelector("[data-ks-sok-flere]");
  var closeButton = dialog.querySelector("[data-ks-sok-lukk]");

  var pagefind = null; // Promise of the initialised Pagefind module
  var generation = 0; // the newest query; answers to older ones are dropped
  var current = null; // {term, results, shown}

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        // Result URLs are root-relative from Pagefind; prefix them with the site's own path.
        // noWorker: searching a few thousand pages takes milliseconds on the main thread, and
        // it saves fetching pagefind-worker.js (41 KB) before the first answer.
        return pf.options({ baseUrl: root.pathname, excerptLength: 24, noWorker: true }).then(function () {
          return pf.init();
        }).then(function () { return pf; });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  function say(text) {
    status.textContent = text;
  }

  function countText(n, term) {
    if (n === 0) return "Ingen treff for «" + term + "». Prøv et annet ord, eller færre ord.";
    return n + " treff for «" + term + "».";
  }

  function announce() {
    var n = current.results.length;
    var text = countText(n, current.term);
    if (n > current.shown) text += " Viser " + current.shown + ".";
    say(text);
  }

  // Pagefind marks the hits in an excerpt with <mark> and escapes < and > in the text around them.
  // The excerpt is turned into text nodes and <mark> elements, never assigned as HTML; decode()
  // only resolves character references (DOMParser documents are inert: nothing loads or runs).
  function decode(text) {
    var doc = new DOMParser().parseFromString("<!doctype html><body>" + text, "text/html");
    return doc.body.textContent || "";
  }

  function appendExcerpt(el, excerpt) {
    var parts = String(excerpt || "").split(/(<mark>|<\/mark>)/);
    var marked = false;
    parts.forEach(function (part) {
      if (part === "<mark>") { marked = true; return; }
      if (part === "</mark>") { marked = false; return; }
      if (!part) return;
      var text = decode(part);
      if (marked) {
        var m = document.createElement("mark");
        m.textContent = text;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(text));
      }
    });
  }

  function resultItem(data) {
    var li = document.createElement("li");
    li.className = "ks-sok__rad";
    var a = document.createElement("a");
    a.className = "ks-sok__lenke";
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url; // plain text from Pagefind
    var p = document.createElement("p");
    p.className = "ks-sok__utdrag";
    appendExcerpt(p, data.excerpt);
    li.appendChild(a);
    li.appendChild(p);
    return li;
  }

  function showMore(gen, focusFirstNew) {
    var slice = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (pages) {
      if (gen !== generation) return;
      var first = null;
      pages.forEach(function (data) {
        var li = resultItem(data);
        list.appendChild(li);
        if (!first) first = li.querySelector("a");
      });
      current.shown += pages.length;
      more.hidden = current.shown >= current.results.length;
      list.removeAttribute("aria-busy");
      announce();
      if (focusFirstNew && first) first.focus();
    });
  }

  function clear() {
    generation += 1;
    current = null;
    list.replaceChildren();
    more.hidden = true;
    say("");
  }

  function run(raw) {
    var term = raw.trim();
    if (!term) { clear(); return Promise.resolve(); }
    var gen = (generation += 1);
    list.setAttribute("aria-busy", "true");
    return loadPagefind().then(function (pf) {
      return pf.search(term);
    }).then(function (search) {
      if (gen !== generation || !search) return;
      current = { term: term, results: search.results, shown: 0 };
      list.replaceChildren();
      return showMore(gen, false);
    }).catch(function () {
      if (gen !== generation) return;
      list.removeAttribute("aria-busy");
      say("Søket er ikke tilgjengelig akkurat nå. Prøv å laste siden på nytt.");
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    field.focus();
    field.select();
    loadPagefind().catch(function () {});
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  button.hidden = false;
  button.addEventListener("click", open);
  closeButton.addEventListener("click", close);
  dialog.addEventListener("close", function () { button.focus(); });
  // A click on the backdrop lands on the <dialog> itself (its content fills the box).
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) close();
  });
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      // Also when the field has text (a search field would otherwise only clear itself).
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var items = links();
    if (!items.length) return;
    var at = items.indexOf(document.activeElement);
    if (event.target === field) {
      if (event.key === "ArrowDown") { event.preventDefault(); items[0].focus(); }
      return;
    }
    if (at === -1) return;
    event.preventDefault();
    if (event.key === "ArrowDown") items[Math.min(at + 1, items.length - 1)].focus();
    else if (at === 0) field.focus();
    else items[at - 1].focus();
  });
  field.addEventListener("input", function () { run(field.value); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(field.value);
  });
  more.addEventListener("click", function () {
    if (current) showMore(generation, true);
  });
})();
