// Site search, part 5 of 5 (see 1-indeks.js): the dialog in the header: the field, the status line, the
// results, the filter, «Mente du …?», keys and the address (?sokeord=).

var PAUSE_MS = 300;
var PREPARE_MS = 200;
var EXCERPT_WORDS = 24;
var MIN_TYPED = 2; // letters typed before the dialog searches while one types (Enter searches any)
var PART_WORD = 4; // the least letters of each part offered as a search of its own (dialog text only)

function startDialog() {
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
  var early = null;
  var prepared = null; // {raw, answer: Promise} started PREPARE_MS into a pause

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

  // «Mente du …?» with a link that runs the corrected search.
  function didYouMean(fixed) { return searchLink("Mente du ", fixed, "?"); }

  // A sentence with a link that runs another search (lead + link + tail).
  function searchLink(lead, fixed, tail) {
    var span = el("span", "ks-sok__mente");
    span.appendChild(document.createTextNode(lead));
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
    span.appendChild(a);
    span.appendChild(document.createTextNode(tail));
    return span;
  }

  // What the results stand for when a word was found only by its start («avslutnings…»), and the
  // «Mente du …?» link; null when there is nothing to say.
  function aboutResults(answer) {
    var by = answer.words.filter(function (w) { return w.start; });
    if (!by.length && !answer.suggestion) return null;
    var span = el("span", "");
    if (by.length) {
      span.appendChild(document.createTextNode(by.map(function (w) {
        return "Ingen side har «" + w.word + "»; treffene har ord som begynner på «" + w.start + "».";
      }).join(" ") + (answer.suggestion ? " " : "")));
    }
    if (answer.suggestion) span.appendChild(didYouMean(answer.suggestion));
    return span;
  }

  // Why nothing was found, and «Mente du …?» when a likelier word exists.
  function explain(answer) {
    var ws = answer.words;
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
    if (answer.suggestion) p.appendChild(didYouMean(answer.suggestion));
    // A compound whose parts are on the site, but not together: the parts as words of their own (words
    // only: not «kon ert» from «konsert»).
    var whole = function (w) {
      return w.parts && w.parts.every(function (x) { return Array.from(x).length >= PART_WORD; });
    };
    var split = ws.some(whole) ? ws.map(function (w) {
      return whole(w) ? w.parts.join(" ") : w.word;
    }).join(" ") : null;
    if (split && split !== answer.suggestion) {
      if (answer.suggestion) p.appendChild(document.createTextNode(" "));
      p.appendChild(searchLink("Søk etter delene hver for seg: ", split, "."));
    }
    if (ws.every(function (w) { return w.place; })) nearest(answer, p);
    return p;
  }

  // A municipality the site has no page about («Drammen»): the page of its county, which shows the
  // cases nearest it (sok/steder.json, fetched only then).
  function nearest(answer, p) {
    var gen = generation, key = answer.words.map(function (w) { return w.word; }).join(" ");
    getJSON("steder.json").then(function (places) {
      var place = places[key];
      if (!place || gen !== generation) return;
      var a = el("a", "", "siden for " + place[2]);
      a.href = new URL(place[1], root).href;
      p.appendChild(document.createTextNode(" Ingen side handler om " + place[0] + " ennå; se kommunene nærmest på "));
      p.appendChild(a);
      p.appendChild(document.createTextNode("."));
    }, function () { /* the note is extra: without it the status line still says there were no results */ });
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
    var marked = function (word) {
      var w = word.normalize("NFC").toLowerCase();
      return highlight.has(w) || current.prefixes.some(function (p) { return w.slice(0, p.length) === p; });
    };
    var hit = tokens.findIndex(function (t) { return marked(t[2]); });
    var from = Math.max(0, (hit === -1 ? 0 : hit) - 8);
    var to = Math.min(tokens.length, from + EXCERPT_WORDS);
    var p = el("p", "ks-sok__utdrag");
    if (!tokens.length) return p;
    var pos = tokens[from][0];
    if (from > 0) p.appendChild(document.createTextNode("… "));
    for (var i = from; i < to; i++) {
      var t = tokens[i];
      p.appendChild(document.createTextNode(text.slice(pos, t[0])));
      if (marked(t[2])) p.appendChild(el("mark", "", t[2]));
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

  // The next results; the first page replaces the old list in one step (no jump while typing).
  function showMore(gen, focusFirstNew, extra, keepFilters) {
    var slice = visible().slice(current.shown, current.shown + PAGE_SIZE);
    return Promise.all(slice.map(function (r) { return page(r.id); })).then(function (docs) {
      if (gen !== generation) return;
      var first = null, items = docs.map(resultItem);
      if (current.shown === 0) {
        list.replaceChildren.apply(list, items);
        if (!keepFilters) filters();
      } else {
        items.forEach(function (li) { list.appendChild(li); });
      }
      items.forEach(function (li) { if (!first) first = li.querySelector("a"); });
      current.shown += docs.length;
      more.hidden = current.shown >= visible().length;
      list.removeAttribute("aria-busy");
      announce(extra);
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
        showMore(generation, false, null, true); // focus stays on the button; the status line says the new count
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

  // The search for raw from the index (cached: the pause prepares it, run() finishes it).
  function prepare(raw) {
    if (!prepared || prepared.raw !== raw) prepared = { raw: raw, answer: draft(raw) };
    return prepared.answer;
  }

  function run(raw) {
    clearTimeout(timer);
    clearTimeout(early);
    var term = raw.trim();
    if (!words(term).length) { clear(); return Promise.resolve(); }
    var gen = (generation += 1);
    list.setAttribute("aria-busy", "true");
    return Promise.all([manifest(), prepare(raw).then(function (a) { return a.refine(); })]).then(function (both) {
      if (gen !== generation) return;
      var answer = both[1];
      answer.query = term;
      var highlight = new Set(), prefixes = [];
      answer.words.forEach(function (w) {
        w.forms.forEach(function (f) { highlight.add(f); });
        if (w.prefix) prefixes.push(w.prefix);
      });
      answer.synonymForms.forEach(function (f) { highlight.add(f); });
      current = { term: term, answer: answer, labels: both[0].etiketter, kind: "", shown: 0, highlight: highlight,
                  prefixes: prefixes };
      if (answer.results.length) return showMore(gen, false, aboutResults(answer));
      list.replaceChildren();
      filters();
      more.hidden = true;
      list.removeAttribute("aria-busy");
      announce(explain(answer));
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
    clearTimeout(early);
    var raw = field.value;
    // One letter typed finds nothing worth reading aloud in the status line: wait for the next.
    if (Array.from(words(raw).join("")).length < MIN_TYPED) { clear(); return; }
    early = setTimeout(function () { prepare(raw); }, PREPARE_MS);
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
}

startDialog();
