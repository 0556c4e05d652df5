// Site search, part 4 of 5 (see 1-indeks.js): pages ranked for a query (how many of its words, scores,
// synonyms, nearness), and window.KulturskoleSok, the search without the dialog.

var PAGE_SIZE = 10;

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
      // Words found nowhere, and words of the synonym table found only as typos or beginnings of other
      // words («sami»: «samt»): their synonyms are tried («samisk»).
      var rare = first.words.filter(function (w) {
        return !w.pages.size || (!w.exactPages && partSynonyms(m, w.word).length);
      });
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
      // (Not for a word of one or two letters: «ma» is not «må», it is the start of a word.)
      var fix = function (w) { return Array.from(w.word).length >= m.regler.prefiks ? w.suggestion : null; };
      var suggestion = !bySynonym && perWord.some(fix)
        ? perWord.map(function (w) { return fix(w) || w.word; }).join(" ") : null;
      // The forms the synonyms found, to mark in the result lines («youth»: «unge»).
      var synonymForms = new Set();
      all.slice(1).forEach(function (a) {
        if (a.results.length) a.words.forEach(function (w) { if (w.pages.size) w.forms.forEach(function (f) { synonymForms.add(f); }); });
      });
      var answer = {
        query: query, results: results, suggestion: suggestion, synonymForms: Array.from(synonymForms),
        words: perWord.map(function (w) {
          return { word: w.word, count: w.pages.size, forms: Array.from(w.forms), prefix: w.prefix,
                   parts: w.pages.size ? null : w.parts, start: w.start, place: w.place };
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
