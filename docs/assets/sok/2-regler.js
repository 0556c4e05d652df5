// Site search, part 2 of 5 (see 1-indeks.js): the rules Python and the browser share, from
// sok/indeks.json «regler» (macros/site/search_text.py); tests/browser/test_search_rules.py runs both.

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
