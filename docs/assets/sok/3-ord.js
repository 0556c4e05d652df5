// Site search, part 3 of 5 (see 1-indeks.js): what one query word finds: the word, its other forms, the
// beginning of longer words, its parts, typos, its synonyms as parts, or its longest start.

// The word's own keys, and those of the word typed without æ/ø/å. into.exactPages: pages of its own
// keys; into.foldForm: the site's spelling of a word typed without æ/ø/å.
function exactMatch(m, word, weight, how, into, synonymsToo) {
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
        // A part no page has in any form stands for its one-word synonyms («ungdoms»: «unge»); so does
        // any part when the parts as they are were not found together (synonymsToo).
        if (k.exact.length + k.folded.length + derived && !synonymsToo) return derived;
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
           parts: null, start: null, place: false };
}

// One query word -> {pages: page -> score, forms to mark, suggestion, parts, start}. last: it may be
// unfinished. Found nowhere: the pages whose words share its longest start (startMatch).
function resolveWord(m, word, last) {
  return resolveWhole(m, word, last).then(function (out) {
    // (A word the synonym table has is left to its synonyms.)
    return out.pages.size || partSynonyms(m, word).length ? out : startMatch(m, word, out);
  });
}

// The pages whose words share word's longest start of at least «stamme.minst» letters, where that start
// ends as a word ends in one of those words (an ending of «stamme.endelser» follows, or a word of the site,
// after a linking letter or not: «universitet|er», «identitets|prosjekt», not «politi|sk» for
// «politiattest»), unless it is only a common word and a letter or two («kulturskolet…» from
// «kulturskoletimen» says no more than «kulturskole»). Marked as out.start: the dialog says what it shows.
function startMatch(m, word, out) {
  var r = m.rangering, st = r.stamme, chars = Array.from(word);
  if (chars.length <= st.minst) return Promise.resolve(out);
  // The name of a place the site does not have is that place («Kristiansund» is not «Kristiansand»).
  return placeNames().then(function (names) { return names.has(word) ? null : wordList(m); }).then(function (o) {
    if (!o) return out;
    var longest = 0; // in UTF-16 units, compared as such (a unit pair is cut at the end if need be)
    o.liste.forEach(function (c) {
      var a = c.word, n = 0;
      if (a === word || a.charCodeAt(longest) !== word.charCodeAt(longest)) return; // cannot be longer
      while (n < a.length && n < word.length - 1 && a.charCodeAt(n) === word.charCodeAt(n)) n++;
      if (n > longest) longest = n;
    });
    var start = word.slice(0, longest).replace(/[\ud800-\udbff]$/, "");
    chars = Array.from(start);
    longest = chars.length;
    if (longest < st.minst || !o.liste.some(function (c) { return endsAsWord(m, o, c.word, start); })) return out;
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

// Does site word a start with start, followed by nothing, an ending or a word of the site (startMatch)?
function endsAsWord(m, o, a, start) {
  if (a.slice(0, start.length) !== start) return false;
  var rest = a.slice(start.length), c = m.regler.sammensatt;
  if (!rest || m.rangering.stamme.endelser.indexOf(rest) !== -1) return true; // the start is a site word, or a form
  var tails = [rest].concat(c.bindebokstaver.filter(function (l) { return rest.slice(0, l.length) === l; })
    .map(function (l) { return rest.slice(l.length); }));
  return tails.some(function (t) { return Array.from(t).length >= c.minste && o.sett.has(t); });
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
        return splitMatch(m, parts, out, true).then(function (found) {
          // Not together as they are: their synonyms («helsesamarbeid»: «samspill med helsesektoren»).
          if (found || !parts.some(function (x) { return partSynonyms(m, x).length; })) return found;
          return splitMatch(m, parts, out, true, true);
        });
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
        // A place the site does not have is that place, not another one close to it («Kristiansund»).
        if (known === PLACE) { out.place = true; return out; }
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
function splitMatch(m, parts, out, notWhole, synonymsToo) {
  var cap = notWhole && out.pages.size ? m.rangering.klasse.prefiks : m.rangering.klasse.hel;
  return Promise.all(parts.map(function (part) {
    var one = emptyMatch(part);
    return exactMatch(m, part, 1, "oppdelt", one, synonymsToo).then(function () { return one; });
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
