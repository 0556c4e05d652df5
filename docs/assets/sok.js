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
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = new URL("../", script && script.src ? script.src : document.baseURI);
  var base = new URL("sok/", root);
  var PAGE_SIZE = 10;
  var PAUSE_MS = 300;
  var PREPARE_MS = 200;
  var EXCERPT_WORDS = 24;
  var PART_WORD = 4; // the least letters of each part offered as a search of its own (dialog text only)
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

  // --- the shared rules (macros/site/search_text.py) --------------------------------------------------
  function fold(word, rules) {
    rules.fold.forEach(function (pair) { word = word.split(pair[0]).join(pair[1]); });
    return word;
  }

  function maxEdits(word, rules) {
    var n = Array.from(word).length;
    return n >= rules.skrivefeil.to ? 2 : n >= rules.skrivefeil.en ? 1 : 0;
  }

  // Edits from a to b (insert, delete, replace, swap two neighbours), or limit + 1 when more.
  function distance(a, b, limit) {
    a = Array.from(a); b = Array.from(b);
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    if (a.join("") === b.join("")) return 0;
    var prev2 = [], prev = [], i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      var cur = [i], low = i;
      for (j = 1; j <= b.length; j++) {
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        low = Math.min(low, v);
      }
      if (low > limit) return limit + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length] <= limit ? prev[b.length] : limit + 1;
  }

  // Every way to cut word into k parts freq() knows, the first part as long as possible first:
  // [parts, product of their freq] (search_text._splits).
  function splits(chars, freq, rules, k) {
    var c = rules.sammensatt, min = c.minste, n = chars.length, out = [];
    if (k === 1) {
      var f = n >= min ? freq(chars.join("")) : 0;
      return f ? [[[chars.join("")], f]] : [];
    }
    for (var i = n - min * (k - 1); i >= min; i--) {
      var left = chars.slice(0, i).join(""), right = chars.slice(i);
      var firsts = [left];
      c.bindebokstaver.forEach(function (link) {
        if (left.slice(-link.length) === link && i - 1 >= min) firsts.push(left.slice(0, -link.length));
      });
      firsts.forEach(function (first) {
        var g = freq(first);
        if (!g) return;
        splits(right, freq, rules, k - 1).forEach(function (rest) { out.push([[first].concat(rest[0]), g * rest[1]]); });
      });
    }
    return out;
  }

  // A word cut into words freq() knows (pages per word, 0: unknown): two parts if it can be, else three;
  // the cut with the largest product of counts, the longest first part on a tie; null if it cannot be.
  function splitCompound(word, freq, rules, parts) {
    var chars = Array.from(word);
    if (parts === undefined) parts = rules.sammensatt.deler;
    for (var k = 2; k <= parts; k++) {
      var best = null, bestScore = 0;
      splits(chars, freq, rules, k).forEach(function (s) { if (s[1] > bestScore) { best = s[0]; bestScore = s[1]; } });
      if (best) return best;
    }
    return null;
  }

  var CRC = (function () {
    var t = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      t.push(c >>> 0);
    }
    return t;
  })();

  function crc32(bytes, start) {
    var c = (start ^ 0xFFFFFFFF) >>> 0;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8);
    return (c ^ 0xFFFFFFFF) >>> 0;
  }

  // The shard and bit positions of a word in the dictionary filter (search_write.bloom_position).
  function bloomPosition(word, o) {
    var bytes = new TextEncoder().encode(word);
    var h1 = crc32(bytes, o["frø"][0]), h2 = (crc32(bytes, o["frø"][1]) | 1) >>> 0, out = [];
    for (var i = 0; i < o.hash; i++) out.push((h1 + i * h2) % o.bitsperdel);
    return [crc32(bytes, 0) % o.deler, out];
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

  function placeNames() {
    return getJSON("navn.json").then(function (o) {
      if (!o.sett) o.sett = new Set(o.navn ? o.navn.split(" ") : []);
      return o.sett;
    });
  }

  // Is word in the bokmål or nynorsk dictionary, or the name of a place (so not a typo)?
  function knownWord(m, word) {
    return placeNames().then(function (names) {
      if (names.has(word)) return true;
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

  // The word's own keys, and those of the word typed without æ/ø/å. into.exactPages: pages of its own
  // keys; into.foldForm: the site's spelling of a word typed without æ/ø/å.
  function exactMatch(m, word, weight, how, into) {
    return formKeys(m, word).then(function (k) {
      var v = m.rangering.vekt;
      return addKeys(m, k.exact, weight, how, into).then(function () {
        into.exactPages = into.pages.size;
        return addKeys(m, k.folded, weight * v.bretting, how === "hel" ? "bretting" : how, into);
      }).then(function () {
        var folded = fold(word, m.regler);
        into.forms.forEach(function (f) { if (!into.foldForm && f !== word && fold(f, m.regler) === folded) into.foldForm = f; });
        // A verb made into a noun and back («melding», «melde») for the parts of a compound only: a word
        // typed alone finds its own pages («samlinger» is not «samle»).
        if (how !== "oppdelt") return 0;
        return derivedKeys(m, word).then(function (d) {
          return addKeys(m, d, weight * v.avledet, how, into).then(function () { return d.length; });
        }).then(function (derived) {
          // A part no page has in any form stands for its one-word synonyms («ungdoms»: «unge»).
          if (k.exact.length + k.folded.length + derived) return derived;
          var others = partSynonyms(m, word);
          return Promise.all(others.map(function (o) {
            return formKeys(m, o).then(function (ko) { return addKeys(m, ko.exact, weight * v.synonym, how, into); });
          })).then(function () { return others.length; });
        });
      }).then(function (derived) {
        return k.exact.length + k.folded.length + derived;
      });
    });
  }

  // The one-word synonyms of a word (data/synonymer.yml), for the parts of a compound.
  function partSynonyms(m, word) {
    var out = [];
    (m.synonymer || []).forEach(function (group) {
      if (group.indexOf(word) === -1) return;
      group.forEach(function (o) { if (o !== word && o.indexOf(" ") === -1 && out.indexOf(o) === -1) out.push(o); });
    });
    return out;
  }

  function emptyMatch(word) {
    return { word: word, pages: new Map(), forms: new Set([word]), prefix: null, suggestion: null, exactPages: 0, foldForm: null,
             parts: null, start: null };
  }

  // One query word -> {pages: page -> score, forms to mark, suggestion, parts, start}. last: it may be
  // unfinished. Found nowhere: the pages whose words share its longest start (startMatch).
  function resolveWord(m, word, last) {
    return resolveWhole(m, word, last).then(function (out) {
      // (A word the synonym table has is left to its synonyms.)
      return out.pages.size || partSynonyms(m, word).length ? out : startMatch(m, word, out);
    });
  }

  // The pages whose words share word's longest start of at least «stamme» letters, unless that start is
  // only a common word and a letter or two («kulturskolet…» from «kulturskoletimen» says no more than
  // «kulturskole»). Marked as out.start, so the dialog says what it shows.
  function startMatch(m, word, out) {
    var r = m.rangering, chars = Array.from(word);
    if (chars.length <= r.stamme) return Promise.resolve(out);
    return wordList(m).then(function (o) {
      var longest = 0; // in UTF-16 units, compared as such (a unit pair is cut at the end if need be)
      o.liste.forEach(function (c) {
        var a = c.word, n = 0;
        if (a === word || a.charCodeAt(longest) !== word.charCodeAt(longest)) return; // cannot be longer
        while (n < a.length && n < word.length - 1 && a.charCodeAt(n) === word.charCodeAt(n)) n++;
        if (n > longest) longest = n;
      });
      chars = Array.from(word.slice(0, longest).replace(/[\ud800-\udbff]$/, ""));
      longest = chars.length;
      if (longest < r.stamme) return out;
      var start = chars.join("");
      for (var cut = 0; cut <= 2; cut++) {
        var x = chars.slice(0, longest - cut).join("");
        if ((o.sider1.get(x) || 0) / m.sider > r.vanlig) return out;
      }
      return prefixKeys(m, start).then(function (p) {
        return addKeys(m, p.keys, r.vekt.prefiks, "prefiks", out).then(function () {
          if (!out.pages.size) return out;
          p.forms.forEach(function (f) { out.forms.add(f); });
          out.start = start;
          return out;
        });
      });
    });
  }

  function resolveWhole(m, word, last) {
    var w = m.rangering.vekt, out = emptyMatch(word);
    var length = Array.from(word).length;
    return exactMatch(m, word, w.hel, "hel", out).then(function (keys) {
      var steps = [];
      if (last && length >= m.regler.prefiks) {
        out.prefix = word;
        steps.push(prefixKeys(m, word).then(function (p) {
          p.forms.forEach(function (f) { out.forms.add(f); });
          return addKeys(m, p.keys, w.prefiks, "prefiks", out);
        }));
      }
      return Promise.all(steps).then(function () { return keys; });
    }).then(function (keys) {
      var few = keys ? out.exactPages : out.pages.size;
      if ((keys || few) && few < m.rangering.utvid && length >= 2 * m.regler.sammensatt.minste) {
        // Found whole, or as the beginning of a longer word, on few pages: the pages that have its parts
        // come below them («lederoppfølging»: «Lederoppfølgingsdag», and «oppfølging av ledere»).
        return wordList(m).then(function (o) {
          var parts = splitCompound(word, siteParts(m, word, o), m.regler);
          // Below the beginning of a longer word too, when that is what found it.
          return parts ? splitMatch(m, parts, out, !keys) : null;
        }).then(function () { return keys; });
      }
      return keys;
    }).then(function (keys) {
      var exactPages = out.exactPages;
      if (keys) {
        if (exactPages <= m.rangering.sjelden && out.foldForm && out.pages.size >= m.rangering.likere * Math.max(1, exactPages)) {
          out.suggestion = out.foldForm; // «malselv» -> «målselv»
          return out;
        }
        if (exactPages > m.rangering.sjelden) return out;
        // A rare word that no dictionary knows: is a much more common one within reach?
        return knownWord(m, word).then(function (known) {
          return known ? [] : closeWords(m, word);
        }).then(function (close) {
          var best = close.filter(function (c) { return c.pages >= m.rangering.likere * Math.max(1, exactPages); })[0];
          if (!best) return out;
          out.suggestion = best.word;
          return fuzzyMatch(m, [best], out).then(function () { return out; });
        });
      }
      if (out.pages.size) return out; // the beginning of words on the site
      // Too short to be a compound or to have a typo: nothing more to look for.
      if (length < m.regler.skrivefeil.en && length < 2 * m.regler.sammensatt.minste) return out;
      return wordList(m).then(function (o) {
        var parts = splitCompound(word, siteParts(m, word, o), m.regler);
        if (parts) {
          out.parts = parts; // for «Søk etter delene hver for seg» if the parts are not found together
          return splitMatch(m, parts, out, true);
        }
        return splitChecked(m, word, o).then(function (two) {
          if (two) out.parts = two;
          return two ? splitMatch(m, two, out, true) : false;
        });
      }).then(function (split) {
        if (split) {
          // A compound of site words; but a site word one edit away that finds more pages is likelier:
          // its pages too, and «Mente du …?» («barnhagen»: «barn» + «hagen», or «barnehagen»).
          return closeWords(m, word).then(function (close) {
            var one = close.filter(function (c) { return c.edits === 1; })[0];
            if (!one) return out;
            var alt = emptyMatch(word);
            return fuzzyMatch(m, [one], alt).then(function () {
              if (alt.pages.size <= out.pages.size) return out;
              out.suggestion = one.word;
              alt.pages.forEach(function (v, p) { put(out, p, v.s, v.c); });
              alt.forms.forEach(function (f) { out.forms.add(f); });
              return out;
            });
          });
        }
        return knownWord(m, word).then(function (known) {
          return closeWords(m, word).then(function (close) {
            if (!close.length) return out;
            out.suggestion = close[0].word;
            if (known) return out; // a real word the site does not have: only «Mente du …?»
            return fuzzyMatch(m, close.slice(0, m.rangering.forslag), out).then(function () { return out; });
          });
        });
      });
    });
  }

  function fuzzyMatch(m, close, out) {
    var w = m.rangering.vekt;
    return Promise.all(close.map(function (c) {
      var one = emptyMatch(c.word);
      var how = c.edits <= 1 ? "skrivefeil1" : "skrivefeil2";
      return exactMatch(m, c.word, w[how], how, one).then(function () { return one; });
    })).then(function (all) {
      all.forEach(function (one) {
        one.pages.forEach(function (v, p) { put(out, p, v.s, v.c); });
        one.forms.forEach(function (f) { out.forms.add(f); });
      });
    });
  }

  // A compound in two parts where one part is a word of the site (ord.json) and the other another form
  // of one («foreldre» + «samarbeid»: the site says «foreldrene»), or a word with one-word synonyms
  // («ungdom»: «unge»), checked in the index; at most three tries.
  function splitChecked(m, word, o) {
    var c = m.regler.sammensatt, chars = Array.from(word), tries = [];
    for (var i = chars.length - c.minste; i >= c.minste && tries.length < 3; i--) {
      var left = chars.slice(0, i).join(""), right = chars.slice(i).join("");
      var lefts = [left].concat(c.bindebokstaver.filter(function (l) {
        return left.slice(-l.length) === l && i - l.length >= c.minste;
      }).map(function (l) { return left.slice(0, -l.length); }));
      lefts.forEach(function (l) {
        if (o.sett.has(l) !== o.sett.has(right) && tries.length < 3) tries.push([l, right, o.sett.has(l) ? right : l]);
      });
    }
    return tries.reduce(function (found, t) {
      return found.then(function (f) {
        if (f) return f;
        return formKeys(m, t[2]).then(function (k) {
          if (k.exact.length || k.folded.length) return [t[0], t[1]];
          return derivedKeys(m, t[2]).then(function (d) {
            if (d.length) return [t[0], t[1]];
            // A synonym stands for a part that is a Norwegian word, in a word the table does not have
            // itself («framework» is not «fram» + «work»).
            if (!partSynonyms(m, t[2]).length || partSynonyms(m, word).length) return null;
            return knownWord(m, t[2]).then(function (known) { return known ? [t[0], t[1]] : null; });
          });
        });
      });
    }, Promise.resolve(null));
  }

  // Do the parts of a compound stand within «deler» words of each other in these tokens? A token counts for
  // a part when it is one of its forms, or when it contains it and stands right by the other part, as in
  // «kunst- og kulturaktører» for «kunstaktører» (not «sjekklisten … Vent» for «venteliste»).
  function partsClose(m, tokens, parts, found) {
    var at = parts.map(function () { return []; }), near = m.rangering.naerhet;
    tokens.forEach(function (t, i) {
      parts.forEach(function (x, j) {
        if (found[j].forms.has(t)) at[j].push([i, near.deler]);
        else if (t.indexOf(x) !== -1) at[j].push([i, near.inni]);
      });
    });
    if (at.some(function (a) { return !a.length; })) return false;
    return at[0].some(function (start) {
      return at.every(function (a) {
        return a.some(function (x) { return Math.abs(x[0] - start[0]) <= Math.min(x[1], start[1]); });
      });
    });
  }

  // The parts a typed compound may be cut into: the site's words (pages per word), but never the word itself
  // or a small word («tilgje» is not «til» + «gje»).
  function siteParts(m, word, o) {
    return function (x) { return x === word || m.rangering["småord"].indexOf(x) !== -1 ? 0 : o.sider1.get(x) || 0; };
  }

  // A compound typed by the reader, found as its parts: pages that have every part. notWhole: the word is
  // on no page (the rest of a long page's text is read then), or only as the beginning of longer words
  // (its parts come below those).
  function splitMatch(m, parts, out, notWhole) {
    var cap = notWhole && out.pages.size ? m.rangering.klasse.prefiks : m.rangering.klasse.hel;
    return Promise.all(parts.map(function (part) {
      var one = emptyMatch(part);
      return exactMatch(m, part, 1, "oppdelt", one).then(function () { return one; });
    })).then(function (all) {
      var found = [];
      all[0].pages.forEach(function (v, p) {
        var total = v.s, cls = v.c;
        for (var i = 1; i < all.length; i++) {
          var t = all[i].pages.get(p);
          if (t === undefined) return;
          total += t.s;
          cls = Math.min(cls, t.c);
        }
        found.push({ p: p, s: total / all.length * m.rangering.vekt.oppdelt, c: cls });
      });
      // The parts must stand close together on the page, as in «barn i barnehagen» («vente» and «liste»
      // far apart are not a «venteliste»): checked in the page's text, for the best «sjekk» pages.
      found.sort(function (a, b) { return b.s - a.s || a.p - b.p; });
      var near = m.rangering.naerhet;
      return Promise.all(found.slice(0, near.sjekk).map(function (f) { return page(f.p); })).then(function (docs) {
        var rests = 0;
        return Promise.all(docs.map(function (d, i) {
          // A short page is about what it says; a long one needs the parts together, or one in its title.
          var text = d.x || "", title = words(d.t || "");
          if (text.length < near.kort || all.some(function (one, j) {
            return title.some(function (t) { return one.forms.has(t) || t.indexOf(parts[j]) !== -1; });
          }) || partsClose(m, words(text), parts, all)) return true;
          // The rest of a long page's text, for the best «rest» such pages only (bytes).
          if (!notWhole || Array.from(text).length < m.tekst || rests++ >= near.rest) return false;
          return getJSON("r/" + found[i].p + ".json").then(function (more) {
            return partsClose(m, words(text + more), parts, all);
          }, function () { return false; });
        }));
      }).then(function (keep) {
        var kept = 0;
        keep.forEach(function (k, i) {
          if (k) { put(out, found[i].p, found[i].s, Math.min(cap, found[i].c)); kept += 1; }
        });
        if (kept) all.forEach(function (one) { one.forms.forEach(function (f) { out.forms.add(f); }); });
        return kept > 0;
      });
    });
  }

  // A word, or (a list) any one of a synonym group's one-word phrases: the best match per page of any.
  function resolveAny(m, w, last) {
    if (typeof w === "string") return resolveWord(m, w, last);
    var out = emptyMatch(w[0]); // the words as they are (no beginnings, typos or parts of other languages' words)
    return Promise.all(w.map(function (x) { return exactMatch(m, x, m.rangering.vekt.hel, "hel", out); }))
      .then(function () { return out; });
  }

  // Pages ranked for a list of words: by how many of the words that matter they have, then by score.
  function rankWords(m, ws, prefix, weight) {
    return Promise.all(ws.map(function (w, i) { return resolveAny(m, w, prefix && i === ws.length - 1); }))
      .then(function (perWord) {
        var n = m.sider, r = m.rangering;
        var matter = perWord.filter(function (w) {
          return w.pages.size / n <= r.vanlig && r["småord"].indexOf(w.word) === -1;
        });
        if (!matter.length) matter = perWord;
        var need = ws.length >= r.kan_mangle_fra ? Math.max(1, matter.length - 1) : matter.length;
        var scores = new Map(), have = new Map(), quality = new Map();
        perWord.forEach(function (w) {
          var counts = matter.indexOf(w) !== -1;
          w.pages.forEach(function (v, p) {
            scores.set(p, (scores.get(p) || 0) + v.s * weight);
            if (!counts) return; // a common word adds to the score only
            quality.set(p, (quality.get(p) || 0) + v.c);
            have.set(p, (have.get(p) || 0) + 1);
          });
        });
        var results = [];
        scores.forEach(function (s, p) {
          var h = have.get(p) || 0;
          if (h >= need) {
            results.push({ id: p, score: s, have: h / matter.length, quality: (quality.get(p) || 0) / matter.length, kind: m.typer[p] });
          }
        });
        return { results: results, words: perWord };
      });
  }

  // The query's words with a phrase of data/synonymer.yml replaced by its synonyms, for the phrases with a
  // word the site does not have («inclusion» -> «inkludering»): first every such phrase at once, each by
  // all its one-word synonyms together («youth participation»: «ungdom» or «unge», and «medvirkning»),
  // then each phrase alone by each of its synonyms.
  function variants(m, ws, missing) {
    var text = " " + ws.join(" ") + " ", slots = [], out = [], seen = new Set();
    (m.synonymer || []).forEach(function (group) {
      group.forEach(function (phrase) {
        if (text.indexOf(" " + phrase + " ") === -1) return;
        if (!phrase.split(" ").some(function (w) { return missing.has(w); })) return;
        var others = group.filter(function (o) { return o !== phrase; });
        // One-word synonyms stand in the phrase's place together: a page with any of them has it.
        var single = others.filter(function (o) { return o.indexOf(" ") === -1; });
        slots.push({ phrase: phrase, others: others, any: single.length ? single : null });
      });
    });
    function add(v) {
      var key = JSON.stringify(v);
      if (out.length < 6 && !seen.has(key)) { seen.add(key); out.push(v); }
    }
    // Every phrase at once, each by its one-word synonyms (or its group's first phrase); the longest
    // phrase first where two start at the same word («primary school», «school»).
    slots.sort(function (a, b) { return b.phrase.length - a.phrase.length; });
    var joint = [], rest = ws.slice();
    while (rest.length) {
      var slot = slots.filter(function (sl) {
        var p = sl.phrase.split(" ");
        return p.every(function (w, i) { return rest[i] === w; });
      })[0];
      if (!slot) { joint.push(rest.shift()); continue; }
      rest = rest.slice(slot.phrase.split(" ").length);
      if (slot.any) joint.push(slot.any.length > 1 ? slot.any : slot.any[0]);
      else joint = joint.concat(words(slot.others[0]));
    }
    if (slots.length) add(joint);
    slots.forEach(function (sl) {
      sl.others.forEach(function (other) { add(words(text.replace(" " + sl.phrase + " ", " " + other + " "))); });
    });
    return out;
  }

  function page(id) { return getJSON("s/" + id + ".json"); }

  // Words of the query in a page's title, and close together in its text and in the query's order: a bonus.
  function nearness(m, doc, perWord) {
    var inTitle = words(doc.t || "").filter(function (t, i, all) { return all.indexOf(t) === i; });
    var titled = perWord.filter(function (w) { return inTitle.some(function (t) { return w.forms.has(t); }); }).length;
    return m.rangering.naerhet.tittel * titled / perWord.length + closeness(m, doc.x || "", perWord);
  }

  function closeness(m, text, perWord) {
    var tokens = words(text), at = perWord.map(function () { return []; });
    tokens.forEach(function (t, i) {
      perWord.forEach(function (w, j) {
        if (w.forms.has(t) || (w.prefix && t.slice(0, w.prefix.length) === w.prefix)) at[j].push(i);
      });
    });
    var present = at.filter(function (a) { return a.length; });
    if (present.length < 2) return 0;
    var near = m.rangering.naerhet, best = Infinity, phrase = false;
    present[0].forEach(function (start) {
      var end = start;
      for (var j = 1; j < present.length; j++) {
        var next = present[j].filter(function (x) { return Math.abs(x - start) < near.vindu; });
        if (!next.length) return;
        next.forEach(function (x) { if (x > end) end = x; });
      }
      best = Math.min(best, end - start);
      if (present.length === at.length && at.every(function (a, j) { return a.indexOf(start + j) !== -1; })) phrase = true;
    });
    return (best < near.vindu ? near.bonus : 0) + (phrase ? near.frase : 0);
  }

  // Results in order: more of the query's words first, then better matched words, then score.
  function order(a, b) { return b.have - a.have || b.quality - a.quality || b.score - a.score || a.id - b.id; }

  // The search. options.prefiks false: the last word is complete (not still being typed).
  function search(query, options) {
    return draft(query, options).then(function (answer) { return answer.refine(); });
  }

  // The search from the index alone; answer.refine() reorders the first page by nearness, which needs
  // those pages' files (the dialog prepares a draft while the reader may still type on).
  function draft(query, options) {
    var ws = words(query).filter(function (w, i, all) { return all.indexOf(w) === i; });
    var prefix = !(options && options.prefiks === false) && !/\s$/.test(query);
    return manifest().then(function (m) {
      return rankWords(m, ws, prefix, 1).then(function (first) {
        var rare = first.words.filter(function (w) { return !w.pages.size; });
        var missing = new Set(rare.map(function (w) { return w.word; }));
        var vs = missing.size ? variants(m, ws, missing) : [];
        return Promise.all(vs.map(function (v) { return rankWords(m, v, prefix, m.rangering.vekt.synonym); }))
          .then(function (more) { return [first].concat(more); });
      }).then(function (all) {
        var best = new Map();
        all.forEach(function (a) {
          a.results.forEach(function (r) {
            var b = best.get(r.id);
            if (!b || order(r, b) < 0) best.set(r.id, r);
          });
        });
        var results = Array.from(best.values());
        results.sort(order);
        var perWord = all[0].words;
        // A synonym that found pages is what the reader meant; no «Mente du …?» then.
        var bySynonym = all.slice(1).some(function (a) { return a.results.length; });
        var suggestion = !bySynonym && perWord.some(function (w) { return w.suggestion; })
          ? perWord.map(function (w) { return w.suggestion || w.word; }).join(" ") : null;
        var answer = {
          query: query, results: results, suggestion: suggestion,
          words: perWord.map(function (w) {
            return { word: w.word, count: w.pages.size, forms: Array.from(w.forms), prefix: w.prefix,
                     parts: w.pages.size ? null : w.parts, start: w.start };
          })
        };
        var refined = null;
        answer.refine = function () {
          if (refined) return refined;
          if (ws.length < 2 || !results.length) return (refined = Promise.resolve(answer));
          // The first page of results, reordered by how close the words stand (their texts are shown anyway).
          var top = results.slice(0, PAGE_SIZE).map(function (r) { return Object.assign({}, r); });
          refined = Promise.all(top.map(function (r) { return page(r.id); })).then(function (docs) {
            docs.forEach(function (d, i) { top[i].score *= 1 + nearness(m, d, perWord); });
            top.sort(order);
            return Object.assign({}, answer, { results: top.concat(results.slice(PAGE_SIZE)) });
          });
          return refined;
        };
        return answer;
      });
    });
  }

  // «Mente du …?» for one word: the site's most used word within reach, or null.
  function suggest(word) {
    return manifest().then(function (m) {
      return closeWords(m, word).then(function (close) { return close.length ? close[0].word : null; });
    });
  }

  window.KulturskoleSok = {
    sok: search, side: page, forslag: suggest, ord: words, indeks: manifest,
    regler: { bretting: fold, avstand: distance, maksFeil: maxEdits, delOpp: splitCompound, ordbok: bloomPosition }
  };

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
    if (words(raw).length) early = setTimeout(function () { prepare(raw); }, PREPARE_MS);
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
