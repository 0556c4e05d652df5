/*
 * Site search (issues 4 and 10): a modal dialog in the header over the site's own index (sok/).
 *
 * - The index is written by macros/site/search.py after the build, with macros/site/lexicon.py:
 *   every word form on the site, and every other form of those words in bokmål and nynorsk, points to
 *   its base words (keys); each key lists the pages that use it, with a score. So «lærerne» finds
 *   «lærer», «skulane» finds «skolene», and a query is looked up with the same lexicon that filed
 *   the pages. This script only reads files: sok/indeks.json once, one or two vocabulary chunks per
 *   word, and one small file per result shown.
 * - Results show after a pause in typing (PAUSE_MS); Enter searches at once. Halfway through the pause
 *   (PREPARE_MS) the search of the index starts, so results show as the pause ends; typing on drops it
 *   (the result lines are fetched only once the pause has passed).
 * - Every URL is computed from this script's own address (assets/sok.js -> the site root), so the
 *   site works under a sub-path. No third-party requests, no cookies, no storage.
 * - The dialog is a native <dialog> opened with showModal(): focus stays inside it, Esc closes it
 *   and focus returns to the search button. The status line (role="status") announces the number
 *   of results, the filter, and «Mente du …?»; arrow keys move between the field and the results.
 * - window.KulturskoleSok.sok(query) is the same search without the dialog (the tests use it).
 *
 * The script is served as one file, assets/sok.js, made of the parts in this folder in name order inside
 * one function (macros/site/scripts.py): 1-indeks.js (the index files and lookups), 2-regler.js (the rules
 * shared with Python), 3-ord.js (what one query word finds), 4-rangering.js (pages ranked for a query, and
 * window.KulturskoleSok), 5-dialog.js (the dialog).
 */

var script = document.currentScript;
var root = new URL("../", script && script.src ? script.src : document.baseURI);
var base = new URL("sok/", root);
var WORD = /[\p{L}\p{N}]+/gu; // as macros/site/lexicon.py WORD

// --- the index ---------------------------------------------------------------------------------
// Every rule and weight below comes from sok/indeks.json («regler», «rangering», «ordbok»), written
// by macros/site/search_text.py, search_rank.py and search_write.py: Python and this script apply the
// same ones, and tests/browser/test_search_rules.py checks that both give the same answers.
var files = {};

function getJSON(path) {
  if (!files[path]) {
    files[path] = fetch(new URL(path, base).href, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return path.slice(-4) === ".bin" ? r.arrayBuffer().then(function (b) { return new Uint8Array(b); }) : r.json();
    });
    files[path].catch(function () { delete files[path]; });
  }
  return files[path];
}

function manifest() { return getJSON("indeks.json"); }

function words(text) {
  return String(text).normalize("NFC").toLowerCase().match(WORD) || [];
}

// --- lookups --------------------------------------------------------------------------------------
function chunkIndex(m, name) {
  var lo = 0, hi = m.grenser.length; // the number of chunk boundaries <= name
  while (lo < hi) {
    var mid = (lo + hi) >> 1;
    if (m.grenser[mid] <= name) lo = mid + 1; else hi = mid;
  }
  return Math.max(0, lo - 1);
}

function chunk(m, name) { return getJSON("d/" + chunkIndex(m, name) + ".json"); }

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
    out.set(page, (Math.exp(a.indexOf(text[i++]) / m.skala) - 1) / m.spredning);
  }
  return out;
}

function wordList(m) {
  return getJSON("ord.json").then(function (o) {
    if (!o.sett) {
      o.sett = new Set(); o.liste = []; o.sider1 = new Map();
      Object.keys(o.ord).forEach(function (len) {
        o.ord[len].split(" ").forEach(function (w, i) {
          if (!w) return;
          var pages = m.alfabet.indexOf(o.sider[len][i]);
          o.sett.add(w);
          o.sider1.set(w, pages);
          o.liste.push({ word: w, folded: fold(w, m.regler), pages: pages });
        });
      });
    }
    return o;
  });
}

var PLACE = "sted"; // knownWord(): the word is the name of a place the site does not have

function placeNames() {
  return getJSON("navn.json").then(function (o) {
    if (!o.sett) o.sett = new Set(o.navn ? o.navn.split(" ") : []);
    return o.sett;
  });
}

// Is word in the bokmål or nynorsk dictionary, or the name of a place (so not a typo)?
function knownWord(m, word) {
  return placeNames().then(function (names) {
    if (names.has(word)) return PLACE;
    var at = bloomPosition(word, m.ordbok);
    return getJSON("b/" + at[0] + ".bin").then(function (bits) {
      return at[1].every(function (p) { return bits[p >> 3] & (1 << (p & 7)); });
    });
  });
}

// A page's match for a word: the best by class (how it matched), then by score.
function put(into, p, s, c) {
  var old = into.pages.get(p);
  if (!old || c > old.c || (c === old.c && s > old.s)) into.pages.set(p, { s: s, c: c });
}

// The pages of a key, with weight; how: its name in «rangering» (hel, bretting, prefiks ...).
function addKey(m, key, weight, how, into) {
  return chunk(m, key).then(function (c) {
    var entry = c.k[key];
    if (!entry) return;
    var r = m.rangering, cls = r.klasse[how], partWeight = weight * r.vekt.del;
    var partCls = Math.min(cls, r.klasse.del);
    decodePostings(m, entry[0]).forEach(function (s, p) { put(into, p, s * weight, cls); });
    if (entry[2]) decodePostings(m, entry[2]).forEach(function (s, p) { put(into, p, s * partWeight, partCls); });
    if (entry[1]) entry[1].split(" ").forEach(function (f) { into.forms.add(f); });
  });
}

function addKeys(m, keys, weight, how, into) {
  return Promise.all(keys.map(function (k) { return addKey(m, k, weight, how, into); }));
}

// The keys of a form as typed, and of the form typed without æ/ø/å.
function formKeys(m, word) {
  var folded = fold(word, m.regler);
  return Promise.all([chunk(m, word), chunk(m, folded)]).then(function (c) {
    var exact = c[0].f[word] ? c[0].f[word].split(" ") : [];
    var byFold = c[1].g[folded] ? c[1].g[folded].split(" ") : [];
    if (folded !== word && c[1].f[folded]) byFold = byFold.concat(c[1].f[folded].split(" "));
    return { exact: exact, folded: byFold.filter(function (k) { return exact.indexOf(k) === -1; }) };
  });
}

// The keys of the verb or noun made from a form («melding»: «melde»), from a/ (the chunks' bounds).
function derivedKeys(m, word) {
  return getJSON("a/" + chunkIndex(m, word) + ".json").then(function (a) { return a[word] ? a[word].split(" ") : []; });
}

// The words on the site that start with prefix (the last word as it is being typed).
function prefixKeys(m, prefix) {
  var first = chunkIndex(m, prefix), last = Math.min(chunkIndex(m, prefix + "\uffff"), first + 1);
  var wanted = [];
  for (var i = first; i <= last; i++) wanted.push(getJSON("d/" + i + ".json"));
  return Promise.all(wanted).then(function (cs) {
    var keys = new Set(), forms = [];
    cs.forEach(function (c) {
      Object.keys(c.f).forEach(function (f) {
        if (f.length > prefix.length && f.slice(0, prefix.length) === prefix) {
          forms.push(f);
          c.f[f].split(" ").forEach(function (k) { keys.add(k); });
        }
      });
    });
    return { keys: Array.from(keys), forms: forms };
  });
}

// The site's words within reach of a typo (folded, max edits by length), best first.
function closeWords(m, word) {
  var rules = m.regler, folded = fold(word, rules), limit = maxEdits(folded, rules);
  if (!limit) return Promise.resolve([]);
  return wordList(m).then(function (o) {
    var found = [];
    o.liste.forEach(function (c) {
      if (c.word === word) return;
      var d = distance(folded, c.folded, limit);
      if (d <= limit) found.push({ word: c.word, edits: d, pages: c.pages });
    });
    found.sort(function (a, b) { return a.edits - b.edits || b.pages - a.pages || (a.word < b.word ? -1 : 1); });
    return found;
  });
}
