/*
 * Site search (issues 4 and 10): a modal dialog in the header over the site's own index (sok/).
 *
 * - The index is written by macros/site/search.py after the build, with macros/site/lexicon.py:
 *   every word form on the site, and every other form of those words in bokmål and nynorsk, points to
 *   its base words (keys); each key lists the pages that use it, with a score. So «lærerne» finds
 *   «lærer», «skulane» finds «skolene», and a query is looked up with the same lexicon that filed
 *   the pages. This script only reads files: sok/indeks.json once, one or two vocabulary chunks per
 *   word, and one small file per result shown.
 * - Searching waits for a pause in typing (PAUSE_MS); Enter searches at once.
 * - Every URL is computed from this script's own address (assets/sok.js -> the site root), so the
 *   site works under a sub-path. No third-party requests, no cookies, no storage.
 * - The dialog is a native <dialog> opened with showModal(): focus stays inside it, Esc closes it
 *   and focus returns to the search button. The status line (role="status") announces the number
 *   of results, the filter, and «Mente du …?»; arrow keys move between the field and the results.
 * - window.KulturskoleSok.sok(query) is the same search without the dialog (the tests use it).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("../", script && script.src ? script.src : document.baseURI);
  var base = new URL("sok/", root);
  var PAGE_SIZE = 10;
  var PAUSE_MS = 300;
  var MIN_TYPO = 5; // «Mente du …?» for words of at least this many letters
  var EXCERPT_WORDS = 24;
  var WORD = /[\p{L}\p{N}]+/gu; // as macros/site/lexicon.py WORD

  // --- the index ---------------------------------------------------------------------------------
  var files = {};

  function getJSON(path) {
    if (!files[path]) {
      files[path] = fetch(new URL(path, base).href, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  }

  function manifest() { return getJSON("indeks.json"); }

  function words(text) {
    return String(text).normalize("NFC").toLowerCase().match(WORD) || [];
  }

  function chunkFile(m, name) {
    var lo = 0, hi = m.grenser.length; // the number of chunk boundaries <= name
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (m.grenser[mid] <= name) lo = mid + 1; else hi = mid;
    }
    return "d/" + Math.max(0, lo - 1) + ".json";
  }

  function decodePostings(m, text) {
    var out = new Map();
    var page = 0, i = 0, a = m.alfabet;
    while (i < text.length) {
      var n = 0, shift = 0, v;
      do {
        v = a.indexOf(text[i++]);
        n += (v & 31) * Math.pow(2, shift);
        shift += 5;
      } while (v & 32);
      page += n;
      out.set(page, Math.exp(a.indexOf(text[i++]) / m.skala) - 1);
    }
    return out;
  }

  function lookupKey(m, key) {
    return getJSON(chunkFile(m, key)).then(function (chunk) {
      var entry = chunk.k[key];
      return entry ? { pages: decodePostings(m, entry[0]), forms: entry[1] ? entry[1].split(" ") : [] }
        : { pages: new Map(), forms: [] };
    });
  }

  // One query word: the pages of any of its keys (best score), and the forms to mark in excerpts.
  function lookupWord(m, word) {
    return getJSON(chunkFile(m, word)).then(function (chunk) {
      var keys = chunk.f[word] ? chunk.f[word].split(" ") : [];
      return Promise.all(keys.map(function (k) { return lookupKey(m, k); }));
    }).then(function (entries) {
      var pages = new Map(), forms = [word];
      entries.forEach(function (e) {
        e.pages.forEach(function (s, p) { if (!(pages.get(p) >= s)) pages.set(p, s); });
        forms = forms.concat(e.forms);
      });
      return { word: word, pages: pages, forms: forms };
    });
  }

  // The search: every word must match (in any of its forms); the scores of the words add up.
  function search(query) {
    var ws = words(query).filter(function (w, i, all) { return all.indexOf(w) === i; });
    return manifest().then(function (m) {
      return Promise.all(ws.map(function (w) { return lookupWord(m, w); })).then(function (perWord) {
        var results = [];
        if (perWord.length) {
          perWord[0].pages.forEach(function (s, p) {
            var total = s;
            for (var i = 1; i < perWord.length; i++) {
              var t = perWord[i].pages.get(p);
              if (t === undefined) return;
              total += t;
            }
            results.push({ id: p, score: total, kind: m.typer[p] });
          });
        }
        results.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
        return {
          query: query, results: results,
          words: perWord.map(function (w) { return { word: w.word, count: w.pages.size, forms: w.forms }; })
        };
      });
    });
  }

  function page(id) { return getJSON("s/" + id + ".json"); }

  // At most one edit apart (insert, delete, replace, or swap two neighbours)?
  function oneEdit(a, b) {
    if (a === b || Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // «Mente du …?»: the most used word on the site that is one edit from word, or null.
  function suggest(word) {
    if (Array.from(word).length < MIN_TYPO) return Promise.resolve(null);
    return manifest().then(function (m) {
      var n = word.length;
      var lengths = [n, n - 1, n + 1].filter(function (l) { return m.ordlengder.indexOf(l) !== -1; });
      return Promise.all(lengths.map(function (l) { return getJSON("ord/" + l + ".json"); })).then(function (lists) {
        var best = null;
        lists.forEach(function (list) {
          for (var i = 0; i < list.length && (best === null || i < best.rank); i++) {
            if (oneEdit(word, list[i])) { best = { word: list[i], rank: i }; break; }
          }
        });
        return best && best.word;
      });
    });
  }

  window.KulturskoleSok = { sok: search, side: page, forslag: suggest, ord: words, indeks: manifest };

  // --- the dialog ----------------------------------------------------------------------------------
  var button = document.querySelector("[data-ks-sok-apne]");
  var dialog = document.querySelector("[data-ks-sok]");
  if (!button || !dialog || typeof dialog.showModal !== "function") return;

  var form = dialog.querySelector("[data-ks-sok-skjema]");
  var field = dialog.querySelector("[data-ks-sok-felt]");
  var status = dialog.querySelector("[data-ks-sok-status]");
  var filterBar = dialog.querySelector("[data-ks-sok-filter]");
  var list = dialog.querySelector("[data-ks-sok-treff]");
  var more = dialog.querySelector("[data-ks-sok-flere]");
  var closeButton = dialog.querySelector("[data-ks-sok-lukk]");

  var generation = 0; // the newest query; answers to older ones are dropped
  var current = null; // {term, answer, labels, kind, shown, highlight}
  var timer = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function visible() {
    if (!current.kind) return current.answer.results;
    return current.answer.results.filter(function (r) { return r.kind === current.kind; });
  }

  function countText() {
    var all = current.answer.results.length, n = visible().length, term = current.term;
    if (all === 0) return "Ingen treff for «" + term + "».";
    var text = (all === 1 ? "1 treff" : all + " treff") + " for «" + term + "».";
    if (current.kind) {
      text = n + " av " + all + " treff for «" + term + "» er " + current.labels[current.kind][1].toLowerCase() + ".";
    }
    if (n > current.shown) text += " Viser " + current.shown + ".";
    return text;
  }

  // Why nothing was found, and «Mente du …?» with a link that runs the corrected search.
  function explain(ws, suggestions) {
    var p = el("p", "ks-sok__forklaring");
    var missing = ws.filter(function (w) { return w.count === 0; });
    if (ws.length > 1 && missing.length) {
      p.appendChild(document.createTextNode(missing.map(function (w) { return "«" + w.word + "»"; }).join(", ")
        + " finnes ikke på nettstedet. "));
    } else if (ws.length > 1) {
      p.appendChild(document.createTextNode("Ingen side har alle ordene. Prøv færre ord. "));
    } else {
      p.appendChild(document.createTextNode("Prøv et annet ord, eller færre ord. "));
    }
    var fixed = ws.map(function (w) { return suggestions[w.word] || w.word; }).join(" ");
    // Only when every word that found nothing has a suggestion: otherwise the link finds nothing either.
    if (missing.length && missing.every(function (w) { return suggestions[w.word]; })) {
      p.appendChild(document.createTextNode("Mente du "));
      var a = el("a", "ks-sok__forslag", fixed);
      var url = new URL(location.href);
      url.searchParams.set("sokeord", fixed);
      url.hash = "";
      a.href = url.href;
      a.addEventListener("click", function (event) {
        event.preventDefault();
        field.value = fixed;
        field.focus();
        run(fixed);
      });
      p.appendChild(a);
      p.appendChild(document.createTextNode("?"));
    }
    return p;
  }

  function say(text, extra) {
    status.replaceChildren(el("span", "", extra ? text + " " : text));
    if (extra) status.appendChild(extra);
  }

  function announce(extra) { say(countText(), extra); }

  // The excerpt: about EXCERPT_WORDS words around the first word of the query, the query's words marked.
  function excerpt(text, highlight) {
    var tokens = [], m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) tokens.push([m.index, m.index + m[0].length, m[0]]);
    var hit = tokens.findIndex(function (t) { return highlight.has(t[2].normalize("NFC").toLowerCase()); });
    var from = Math.max(0, (hit === -1 ? 0 : hit) - 8);
    var to = Math.min(tokens.length, from + EXCERPT_WORDS);
    var p = el("p", "ks-sok__utdrag");
    if (!tokens.length) return p;
    var pos = tokens[from][0];
    if (from > 0) p.appendChild(document.createTextNode("… "));
    for (var i = from; i < to; i++) {
      var t = tokens[i];
      p.appendChild(document.createTextNode(text.slice(pos, t[0])));
      if (highlight.has(t[2].normalize("NFC").toLowerCase())) p.appendChild(el("mark", "", t[2]));
      else p.appendChild(document.createTextNode(t[2]));
      pos = t[1];
    }
    var end = to < tokens.length ? tokens[to][0] : text.length;
    p.appendChild(document.createTextNode(text.slice(pos, end).replace(/\s+$/, "") + (to < tokens.length ? " …" : "")));
    return p;
  }

  function resultItem(doc) {
    var li = el("li", "ks-sok__rad");
    var a = el("a", "ks-sok__lenke", doc.t);
    a.href = new URL(doc.u, root).href;
    var about = [current.labels[doc.k] ? current.labels[doc.k][0] : "Side"];
    if (doc.f) about.push(doc.f);
    if (doc.p) about.push(doc.p);
    li.appendChild(a);
    li.appendChild(el("p", "ks-sok__type", about.join(" · ")));
    li.appendChild(excerpt(doc.x || "", current.highlight));
    return li;
  }

  function showMore(gen, focusFirstNew) {
    var slice = visible().slice(current.shown, current.shown + PAGE_SIZE);
    return Promise.all(slice.map(function (r) { return page(r.id); })).then(function (docs) {
      if (gen !== generation) return;
      var first = null;
      docs.forEach(function (doc) {
        var li = resultItem(doc);
        list.appendChild(li);
        if (!first) first = li.querySelector("a");
      });
      current.shown += docs.length;
      more.hidden = current.shown >= visible().length;
      list.removeAttribute("aria-busy");
      announce();
      if (focusFirstNew && first) first.focus();
    });
  }

  function filters() {
    filterBar.replaceChildren();
    var counts = {};
    current.answer.results.forEach(function (r) { counts[r.kind] = (counts[r.kind] || 0) + 1; });
    var kinds = Object.keys(current.labels).filter(function (k) { return counts[k]; });
    filterBar.hidden = kinds.length < 2;
    if (filterBar.hidden) return;
    var options = [["", "Alle", current.answer.results.length]].concat(kinds.map(function (k) {
      return [k, current.labels[k][1], counts[k]];
    }));
    options.forEach(function (o) {
      var b = el("button", "ks-sok__valg", o[1] + " (" + o[2] + ")");
      b.type = "button";
      b.setAttribute("aria-pressed", String(o[0] === current.kind));
      b.addEventListener("click", function () {
        current.kind = o[0];
        filterBar.querySelectorAll("button").forEach(function (x) { x.setAttribute("aria-pressed", String(x === b)); });
        current.shown = 0;
        list.replaceChildren();
        showMore(generation, false); // focus stays on the button; the status line says the new count
      });
      filterBar.appendChild(b);
    });
  }

  function clear() {
    generation += 1;
    current = null;
    list.replaceChildren();
    filterBar.replaceChildren();
    filterBar.hidden = true;
    more.hidden = true;
    say("");
  }

  function run(raw) {
    clearTimeout(timer);
    var term = raw.trim();
    if (!words(term).length) { clear(); return Promise.resolve(); }
    var gen = (generation += 1);
    list.setAttribute("aria-busy", "true");
    return Promise.all([manifest(), search(term)]).then(function (both) {
      if (gen !== generation) return;
      var answer = both[1];
      var highlight = new Set();
      answer.words.forEach(function (w) { w.forms.forEach(function (f) { highlight.add(f); }); });
      current = { term: term, answer: answer, labels: both[0].etiketter, kind: "", shown: 0, highlight: highlight };
      list.replaceChildren();
      filters();
      if (answer.results.length) return showMore(gen, false);
      more.hidden = true;
      list.removeAttribute("aria-busy");
      var misses = answer.words.filter(function (w) { return w.count === 0; });
      var pool = misses.length ? misses : answer.words;
      return Promise.all(pool.map(function (w) { return w.count === 0 ? suggest(w.word) : null; })).then(function (fixes) {
        if (gen !== generation) return;
        var suggestions = {};
        pool.forEach(function (w, i) { if (fixes[i]) suggestions[w.word] = fixes[i]; });
        announce(explain(answer.words, suggestions));
      });
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
    manifest().catch(function () {});
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
  field.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(field.value); }, PAUSE_MS);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    run(field.value);
  });
  more.addEventListener("click", function () {
    if (current) showMore(generation, true);
  });
  // A link to «?sokeord=ord» («Mente du …?» opened in a new tab) opens the dialog with that search.
  // (Not «sok»: the explorer /utforsk/ keeps its own free text there.)
  var asked = new URLSearchParams(location.search).get("sokeord");
  if (asked) {
    open();
    field.value = asked;
    run(asked);
  }
})();
