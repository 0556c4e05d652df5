/*
 * The explorer /utforsk/ (issue 4). The page already lists every case, grouped by county; this
 * script shows the filter form and filters that list in place.
 *
 * - Data: each list item carries its facet values as data attributes (data-program, data-fylke,
 *   data-fokus, data-kriterium, data-partner, data-status: space-separated ids) and its partners' names
 *   (data-tekst); the free text also matches the labels of its values, read from the form.
 * - Within a facet the choices are alternatives (OR); between facets all must hold (AND). The
 *   count next to a choice is how many cases it would show, given the other facets and the text.
 * - State lives in the query string (?fylke=vestland&status=aktiv&sok=korps): a filtered list can
 *   be shared, and back/forward restore it. No cookies, no storage.
 * - The status line (role="status") announces the number of cases after every change.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-ks-utforsk]");
  if (!root) return;
  var form = root.querySelector("[data-ks-utforsk-skjema]");
  var statusLine = root.querySelector("[data-ks-utforsk-status]");
  var emptyNote = root.querySelector("[data-ks-utforsk-tom]");
  var resetButton = root.querySelector("[data-ks-utforsk-nullstill]");
  var textField = form.querySelector('input[type="search"]');
  var TEXT_KEY = textField.name;

  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"]'));
  var keys = [];
  boxes.forEach(function (box) { if (keys.indexOf(box.name) === -1) keys.push(box.name); });

  // --- Free text: a light Norwegian stemmer, the same on both sides, then substring match -------
  // Strips definite/plural/genitive endings (kulturskolene -> kulturskol, korpset -> korp), so a
  // word typed in any inflected form finds the others; substring matching also finds compounds.
  var SUFFIXES = ["hetene", "hetens", "heten", "heter", "endes", "edes", "enes", "ende", "ande",
    "ene", "ens", "ers", "ets", "ane", "het", "ne", "en", "er", "et", "ar", "as", "es", "a", "e", "s"];

  function stem(word) {
    var changed = true;
    while (changed) {
      changed = false;
      for (var i = 0; i < SUFFIXES.length; i++) {
        var s = SUFFIXES[i];
        if (word.length - s.length >= 3 && word.slice(-s.length) === s) {
          word = word.slice(0, -s.length);
          changed = true;
          break;
        }
      }
    }
    // ungdommene -> ungdomm -> ungdom: a doubled final consonant is written single in the base form
    if (word.length > 3 && word[word.length - 1] === word[word.length - 2] && !/[aeiouyæøå]/.test(word[word.length - 1])) {
      word = word.slice(0, -1);
    }
    return word;
  }

  function words(text) {
    return text.toLocaleLowerCase("nb").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function haystack(text) {
    return " " + words(text).map(stem).join(" ") + " ";
  }

  // --- The cases, read once from the list ---------------------------------------------------
  // Free text covers what the item shows, its partners (data-tekst) and the labels of all its facet
  // values (county, criteria, partner types), taken from the form so the page holds them once.
  // The text index is built the first time someone types (at 2,000 cases it costs more than
  // everything else the page does on load).
  var labels = {};
  var countOf = {}; // "key value" -> the count span in the checkbox's label
  boxes.forEach(function (box) {
    var label = form.querySelector('label[for="' + box.id + '"]');
    var count = label.querySelector("[data-ks-antall]");
    countOf[box.name + " " + box.value] = count;
    labels[box.name + " " + box.value] = label.textContent.replace(count ? count.textContent : "", "");
  });
  var groups = Array.prototype.slice.call(root.querySelectorAll("[data-ks-gruppe]")).map(function (el) {
    return { el: el, count: el.querySelector("[data-ks-gruppe-antall]"), shown: -1, hidden: el.hidden };
  });
  var items = [];
  groups.forEach(function (group, g) {
    Array.prototype.forEach.call(group.el.querySelectorAll("li[data-tekst]"), function (li) {
      var values = {};
      keys.forEach(function (key) { values[key] = (li.dataset[key] || "").split(" ").filter(Boolean); });
      items.push({ li: li, values: values, text: null, group: g, hidden: li.hidden });
    });
  });
  var total = items.length;

  function textOf(item) {
    if (item.text === null) {
      var parts = [item.li.textContent, item.li.dataset.tekst];
      keys.forEach(function (key) {
        item.values[key].forEach(function (v) { parts.push(labels[key + " " + v] || ""); });
      });
      item.text = haystack(parts.join(" "));
    }
    return item.text;
  }

  // --- State <-> form <-> URL ---------------------------------------------------------------
  function readForm() {
    var state = { text: textField.value, selected: {} };
    keys.forEach(function (key) { state.selected[key] = []; });
    boxes.forEach(function (box) { if (box.checked) state.selected[box.name].push(box.value); });
    return state;
  }

  function writeForm(params) {
    boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) !== -1; });
    textField.value = params.get(TEXT_KEY) || "";
  }

  function toQuery(state) {
    var params = new URLSearchParams();
    keys.forEach(function (key) {
      state.selected[key].forEach(function (value) { params.append(key, value); });
    });
    if (state.text.trim()) params.set(TEXT_KEY, state.text.trim());
    var query = params.toString();
    return query ? "?" + query : location.pathname;
  }

  // --- Filtering ----------------------------------------------------------------------------
  function matchesText(item, terms) {
    if (!terms.length) return true;
    var text = textOf(item);
    return terms.every(function (term) { return text.indexOf(term) !== -1; });
  }

  function matchesFacet(item, key, chosen) {
    if (!chosen.length) return true;
    return item.values[key].some(function (v) { return chosen.indexOf(v) !== -1; });
  }

  function statusText(shown, state) {
    var filtered = state.text.trim() || keys.some(function (k) { return state.selected[k].length; });
    if (!filtered) return "Alle " + total + " casene vises.";
    if (shown === 0) return "Ingen av de " + total + " casene passer valgene.";
    return shown + " av " + total + " caser passer valgene.";
  }

  function setText(el, text) {
    if (el && el.textContent !== text) el.textContent = text;
  }

  // One pass over the cases. A case is shown when the text and every facet match. The count next
  // to a choice is how many cases it would show given the other facets and the text: a case adds
  // to the counts of all its values when everything matches, and to the values of the one facet
  // that fails when only that one does. The page is written to only where something changed.
  function apply() {
    var state = readForm();
    var terms = words(state.text).map(stem);
    var counts = {};
    Object.keys(countOf).forEach(function (k) { counts[k] = 0; });
    var perGroup = groups.map(function () { return 0; });
    var shown = 0;
    items.forEach(function (item) {
      var ok = matchesText(item, terms);
      var failed = [];
      if (ok) {
        for (var i = 0; i < keys.length && failed.length < 2; i++) {
          if (!matchesFacet(item, keys[i], state.selected[keys[i]])) failed.push(keys[i]);
        }
        (failed.length === 0 ? keys : failed.length === 1 ? failed : []).forEach(function (key) {
          item.values[key].forEach(function (v) { counts[key + " " + v] += 1; });
        });
      }
      var visible = ok && failed.length === 0;
      if (item.hidden === visible) {
        item.hidden = !visible;
        item.li.hidden = !visible;
      }
      if (visible) {
        shown += 1;
        perGroup[item.group] += 1;
      }
    });
    groups.forEach(function (group, g) {
      var n = perGroup[g];
      if (group.hidden !== (n === 0)) {
        group.hidden = n === 0;
        group.el.hidden = group.hidden;
      }
      if (group.shown !== n) {
        group.shown = n;
        setText(group.count, "(" + n + ")");
      }
    });
    Object.keys(countOf).forEach(function (k) { setText(countOf[k], "(" + counts[k] + ")"); });
    emptyNote.hidden = shown !== 0;
    setText(statusLine, statusText(shown, state));
    return state;
  }

  function applyAndRemember(replace) {
    var url = toQuery(apply());
    if (url === (location.search || location.pathname)) return;
    if (replace) history.replaceState(null, "", url);
    else history.pushState(null, "", url);
  }

  form.addEventListener("change", function (event) {
    if (event.target.type === "checkbox") applyAndRemember(false);
  });
  // Typing refines the current entry; each checkbox change is a step back/forward can return to.
  textField.addEventListener("input", function () { applyAndRemember(true); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  resetButton.addEventListener("click", function () {
    writeForm(new URLSearchParams());
    applyAndRemember(false);
  });
  window.addEventListener("popstate", function () {
    writeForm(new URLSearchParams(location.search));
    apply();
  });

  // On load the page already shows every case with the right counts; filter only if the address
  // asks for it (?fylke=vestland).
  var initial = new URLSearchParams(location.search);
  writeForm(initial);
  var filtered = textField.value.trim() !== "" || boxes.some(function (box) { return box.checked; });
  if (filtered) apply();
  else setText(statusLine, statusText(total, readForm()));
  form.hidden = false;
  root.classList.add("ks-utforsk--aktiv");
})();
