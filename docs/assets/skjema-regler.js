/* The rules of `kulturskole sjekk` for one case, applied in the browser (and in Node by the tests).
 *
 * No rule is written here. regler.json (macros/core/formrules.py) holds them as data:
 * - skjema: the JSON Schema of the model (field types, patterns, value lists, the facts rules and the
 *   register), with the Norwegian message for each keyword;
 * - postregler: the whole-record rules of macros/core/recordrules.py, a table;
 * - kryssregler: the rules that look at the other data files, macros/core/crossrules.py, a table.
 * This file is the generic evaluator: the JSON Schema keywords, and the handful of named tests the
 * two tables use, each the same as its Python namesake. tests/test_form_differential.py runs
 * thousands of generated cases through both and requires the same fields and messages.
 *
 * What is not data (found, fieldPath, slugify, difflib's ratio) is checked against the Python
 * functions on one shared table of cases (tests/fixtures/skjema/felles.json).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.KsRegler = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // --- small helpers (own properties only: a key from a file or an address is never inherited) ---

  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return o !== null && o !== undefined && Object.prototype.hasOwnProperty.call(o, k); }
  function own(o, k) { return has(o, k) ? o[k] : undefined; }
  function codepoints(s) { return Array.from(s); }
  var BAD_KEYS = ["__proto__", "constructor", "prototype"];
  function safeKey(k) { return BAD_KEYS.indexOf(String(k)) < 0; }

  // Python's str() of a YAML value, for messages.
  function pyStr(v) {
    if (v === true) return "True";
    if (v === false) return "False";
    if (v === null || v === undefined) return "None";
    return String(v);
  }

  // messages._found: what was found, as the message shows it.
  function found(v) {
    if (v === null || v === undefined) return "ingenting";
    if (Array.isArray(v)) return "en liste";
    if (isObj(v)) return "en gruppe med underfelt";
    var cp = codepoints(pyStr(v));
    return "«" + cp.slice(0, 60).join("") + (cp.length > 60 ? "…" : "") + "»";
  }

  function fill(template, ctx) {
    var out = template;
    Object.keys(ctx).forEach(function (key) { out = out.split("{" + key + "}").join(String(ctx[key])); });
    return out;
  }

  // messages.field_path: ("deltakelse", 0, "dato") -> "deltakelse[1].dato"
  function fieldPath(path) {
    var out = "";
    path.forEach(function (p) {
      if (typeof p === "number") out += "[" + (p + 1) + "]";
      else out += (out ? "." : "") + p;
    });
    return out;
  }

  // crossrules.text: a trimmed, non-empty text, else null.
  function text(v) { return typeof v === "string" && v.trim() ? v.trim() : null; }

  // core/slug.py
  function slugify(t) {
    t = t.replace(/[æÆ]/g, "ae").replace(/[øØ]/g, "o").replace(/[åÅ]/g, "a").toLowerCase();
    t = t.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    return t.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  // difflib.get_close_matches(word, possibilities, n=1, cutoff=0.6), for «mente du …?»
  function ratio(a, b) {
    a = codepoints(a); b = codepoints(b);
    var b2j = new Map();
    b.forEach(function (ch, j) { if (!b2j.has(ch)) b2j.set(ch, []); b2j.get(ch).push(j); });
    function longest(alo, ahi, blo, bhi) {
      var bi = alo, bj = blo, size = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var next = new Map();
        (b2j.get(a[i]) || []).forEach(function (j) {
          if (j < blo || j >= bhi) return;
          var k = (j2len.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > size) { bi = i - k + 1; bj = j - k + 1; size = k; }
        });
        j2len = next;
      }
      return [bi, bj, size];
    }
    var queue = [[0, a.length, 0, b.length]], matches = 0;
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        matches += m[2];
        if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
      }
    }
    return a.length + b.length ? 2 * matches / (a.length + b.length) : 1;
  }

  function closeMatch(word, possibilities) {
    var best = null, bestScore = -1;
    possibilities.forEach(function (x) {
      var s = ratio(x, word);
      if (s >= 0.6 && (s > bestScore || (s === bestScore && x > best))) { best = x; bestScore = s; }
    });
    return best;
  }

  var ISO = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

  function isDate(s) {
    if (!ISO.test(s)) return false;
    var y = +s.slice(0, 4), mo = +s.slice(5, 7), d = +s.slice(8, 10);
    if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
    var days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return d <= days[mo - 1];
  }

  var regexCache = new Map();
  function regex(p) {
    if (!regexCache.has(p)) regexCache.set(p, new RegExp(p, "u"));
    return regexCache.get(p);
  }

  // --- the evaluator for one regler.json ------------------------------------------------------------

  function lag(R) {
    var boolWords = R.bool || { sann: ["true"], usann: ["false"] };

    // pydantic's lax booleans (formrules.bool_words): true/false, or a word it reads as one.
    function asBool(v) {
      if (v === true || v === false) return v;
      if (typeof v !== "string") return undefined;
      var w = v.toLowerCase();
      if (boolWords.sann.indexOf(w) >= 0) return true;
      if (boolWords.usann.indexOf(w) >= 0) return false;
      return undefined;
    }

    function deref(node) {
      if (node && typeof node.$ref === "string") return own(R.skjema.$defs, node.$ref.split("/").pop()) || {};
      return node || {};
    }

    function prop(node, key) { return own(deref(node).properties, key); }

    // The node that holds a field's value: X of anyOf [X, null].
    function valueNode(node) {
      node = deref(node);
      if (node.anyOf) {
        var options = node.anyOf.filter(function (o) { return o.type !== "null"; });
        if (options.length === 1) return deref(options[0]);
      }
      return node;
    }

    function kindOf(node) {
      var v = valueNode(node);
      if (v.type === "array") return "liste";
      if (v.type === "object" || v.properties) return "gruppe";
      if (v.enum) return "valg";
      if (v.type === "boolean") return "avkryss";
      if (v.format === "date") return "dato";
      return "tekst";
    }

    function typeOk(value, type) {
      switch (type) {
        case "string": return typeof value === "string";
        case "boolean": return asBool(value) !== undefined;
        case "array": return Array.isArray(value);
        case "object": return isObj(value);
        case "null": return value === null;
        case "integer": return typeof value === "number" && Math.floor(value) === value;
        case "number": return typeof value === "number";
        default: return true;
      }
    }

    function message(node, keyword, value, extra) {
      var msgs = node["x-meldinger"] || {};
      var template, code = null;
      if (keyword === "type") template = own(msgs, "type") || R.meldinger[own(R.typer, node.type) || "string_type"];
      else if (has(msgs, keyword)) template = msgs[keyword];
      else if (node["x-regel"]) { code = node["x-regel"]; template = R.meldinger[code]; }
      else template = R.meldinger.missing;
      if (code === "ukjent_nummer" && typeof value === "string" && has(R.register.gamle, value.trim())) {
        return R.register.gamle[value.trim()];
      }
      var txt = typeof value === "string" ? value.trim() : pyStr(value);
      var ctx = { fant: found(value), verdi: txt, n: Array.isArray(value) ? value.length : 0 };
      var how = code && own(R.found, code);
      if (how) {
        var cp = codepoints(txt);
        ctx.found = how === "verdi60" && cp.length > 60 ? cp.slice(0, 60).join("") + "…" : txt;
      }
      return fill(template, Object.assign(ctx, extra || {}));
    }

    function check(node, value, path, errs, opts) {
      node = deref(node);
      var before = errs.length;
      var report = function (keyword, at, extra) {
        errs.push({ path: at || path, message: message(node, keyword, value, extra), regel: node["x-regel"] || keyword });
      };
      if (node.anyOf && node.anyOf.some(function (o) { return o.type === "null"; })) {
        if (value === null) return;
        var rest = node.anyOf.filter(function (o) { return o.type !== "null"; });
        if (rest.length === 1) check(rest[0], value, path, errs, opts);
      } else if (node.anyOf) {
        var ok = node.anyOf.some(function (o) { var e = []; check(o, value, path, e, opts); return !e.length; });
        if (!ok) report("anyOf");
      }
      if (node.type && !typeOk(value, node.type)) {
        // pydantic checks a Literal by its values, whatever the type (the model's value lists).
        report(node.enum && !node["x-kilde"] ? "enum" : "type");
        return;
      }
      if (node.enum) {
        // Ids from the data files are looked up trimmed (rules.py); the model's own value lists as written.
        var given = node["x-kilde"] && typeof value === "string" ? value.trim() : value;
        if (node.enum.indexOf(given) < 0) report("enum");
      }
      if (has(node, "const")) {
        var same = typeof node.const === "boolean" ? asBool(value) === node.const : node.const === value;
        if (!same) report("const");
      }
      if (typeof value === "string") {
        if (node.pattern && !regex(node.pattern).test(value.trim())) report("pattern");
        if (node.format === "date" && !isDate(value)) report(ISO.test(value) && has(node["x-meldinger"] || {}, "finnes") ? "finnes" : "format");
      }
      if (isObj(value) && node.minProperties !== undefined && Object.keys(value).length < node.minProperties) {
        report("minProperties");
      }
      if (typeof value === "number") {
        if (node.minimum !== undefined && value < node.minimum) report("minimum");
        if (node.maximum !== undefined && value > node.maximum) report("maximum");
      }
      if (isObj(value)) {
        var props = node.properties || {};
        Object.keys(props).forEach(function (key) {
          if (has(value, key) && value[key] !== undefined) check(props[key], value[key], path.concat([key]), errs, opts);
        });
        (node.required || []).forEach(function (key) {
          if (!has(value, key) || value[key] === undefined) {
            errs.push({ path: path.concat([key]), message: R.meldinger.missing, regel: "missing" });
          }
        });
        if (node.additionalProperties === false) {
          var allowed = Object.keys(props);
          Object.keys(value).forEach(function (key) {
            if (has(props, key)) return;
            var close = closeMatch(key, allowed);
            errs.push({ path: path.concat([key]), regel: "extra_forbidden",
              message: fill((node["x-meldinger"] || {}).additionalProperties || "",
                { hint: close ? fill(R.meldinger.hint, { navn: close }) : "" }) });
          });
        }
      }
      if (Array.isArray(value)) {
        if (node.items) value.forEach(function (item, i) { check(node.items, item, path.concat([i]), errs, opts); });
        if (node.minItems !== undefined && value.length < node.minItems) report("minItems");
        if (node.maxItems !== undefined && value.length > node.maxItems) report("maxItems");
        if (node.contains && !value.some(function (item) { var e = []; check(node.contains, item, path, e, opts); return !e.length; })) {
          report("contains");
        }
      }
      if (node.not) {
        var e = [];
        check(node.not, value, path, e, opts);
        if (!e.length) report("not");
      }
      if (node.if) {
        var cond = [];
        check(node.if, value, path, cond, opts);
        if (!cond.length && node.then) check(node.then, value, path, errs, opts);
        if (cond.length && node.else) check(node.else, value, path, errs, opts);
      }
      // Rules with a message of their own (allOf entries with x-regel) report it once, at x-ved.
      // The model's validators (x-etter) run only on a value that is otherwise valid, as pydantic
      // runs them; the facts rules run on every value, as `kulturskole sjekk` does.
      (node.allOf || []).forEach(function (entry) {
        if (!entry["x-regel"]) { check(entry, value, path, errs, opts); return; }
        if (entry["x-etter"] && errs.length > before) return;
        var bare = Object.assign({}, entry, { "x-regel": undefined, "x-meldinger": undefined, allOf: undefined });
        var extra = {};
        if (entry["x-felt"]) {
          // The fields the message names: those whose branch of the condition holds (and the story
          // in the .md file, which the form does not show but the site publishes).
          var named = entry["x-felt"].filter(function (f, i) {
            var e2 = []; check(entry.if.anyOf[i], value, path, e2, opts); return !e2.length;
          });
          var notExample = !(isObj(value) && asBool(own(value, "eksempel")) === true);
          if (opts.fortelling && notExample) { named.push(R.meldinger.fortelling); bare = entry.then; }
          extra.felt = named.join(", ");
        }
        var inner = [];
        check(bare, value, path, inner, opts);
        if (inner.length) {
          errs.push({ path: entry["x-ved"] ? path.concat([entry["x-ved"]]) : path, regel: entry["x-regel"],
            message: message({ "x-regel": entry["x-regel"] }, "x-regel", value, extra) });
        }
      });
    }

    // --- paths in the raw data: recordrules._at / crossrules.at -----------------------------------

    function at(data, sti) {
      var places = [[[], data]];
      sti.split(".").filter(Boolean).forEach(function (part) {
        var each = /\[\]$/.test(part), key = part.replace(/\[\]$/, ""), nxt = [];
        places.forEach(function (pl) {
          if (!isObj(pl[1]) || !has(pl[1], key)) return;
          var child = pl[1][key];
          if (each) {
            if (Array.isArray(child)) child.forEach(function (item, i) { nxt.push([pl[0].concat([key, i]), item]); });
          } else {
            nxt.push([pl[0].concat([key]), child]);
          }
        });
        places = nxt;
      });
      return places;
    }

    // --- the whole-record rules: recordrules.TESTS ---------------------------------------------

    function present(v) { return v !== null && v !== undefined && !(typeof v === "string" && !v.trim()); }

    function dateOf(v) {
      if (typeof v !== "string" || !ISO.test(v.trim())) return null;
      return isDate(v.trim()) ? v.trim() : null;
    }

    function yearOf(v) {
      if (typeof v === "number" && Math.floor(v) === v) return v;
      if (typeof v === "string" && /^[0-9]+$/.test(v.trim())) return +v.trim();
      return null;
    }

    var RECORD_TESTS = {
      antall: function (v, a) {
        return Array.isArray(v) && !(a.min <= v.length && v.length <= a.max) ? [[[], { n: v.length }]] : [];
      },
      ikke_alle: function (v, a) {
        if (!Array.isArray(v) || !v.length) return [];
        return v.every(function (item) { return isObj(item) && own(item, a.felt) === a.verdi; }) ? [[[], {}]] : [];
      },
      krever: function (v, a) {
        if (!isObj(v) || !a.hvis.some(function (k) { return present(own(v, k)); })) return [];
        var given = own(v, a.felt);
        if (given === a.verdi || (given !== null && given !== undefined && typeof given !== "boolean")) return [];
        return [[[], {}]];
      },
      en_av: function (v, a) {
        return isObj(v) && !a.felt.some(function (k) { return present(own(v, k)); }) ? [[[a.meld_pa], {}]] : [];
      },
      krever_nar: function (v, a) {
        if (!isObj(v) || (has(v, a.felt) ? v[a.felt] : a.standard) !== a.verdi) return [];
        return a.krever.filter(function (k) { return !present(own(v, k)); }).map(function (k) { return [[k], {}]; });
      },
      stigende: function (v, a) {
        if (!Array.isArray(v)) return [];
        var out = [], before = null;
        v.forEach(function (item, i) {
          var day = isObj(item) ? dateOf(own(item, a.felt)) : null;
          if (day === null) return;
          if (before !== null && day < before) out.push([[i, a.felt], { found: day, before: before }]);
          before = before !== null && before > day ? before : day;
        });
        return out;
      },
      ikke_for: function (v, a) {
        if (!isObj(v)) return [];
        var end = yearOf(own(v, a.felt)), start = yearOf(own(v, a.etter));
        return end !== null && start !== null && end < start ? [[[a.felt], { found: end, before: start }]] : [];
      },
    };

    function recordRules(model, d, errs) {
      (R.postregler || []).forEach(function (rule) {
        if (rule.modell !== model) return;
        // «nar»: the rule binds only records whose field has one of the values (recordrules.applies).
        if (rule.nar && !(isObj(d) && rule.nar.en_av.indexOf(own(d, rule.nar.felt)) !== -1)) return;
        at(d, rule.sti).forEach(function (pl) {
          RECORD_TESTS[rule.test](pl[1], rule.args).forEach(function (f) {
            errs.push({ path: pl[0].concat(f[0]), message: fill(rule.melding, f[1]), regel: rule.id });
          });
        });
      });
    }

    // --- the cross-file rules: crossrules.TESTS ------------------------------------------------

    var register = new Map(), byVariant = new Map();
    R.register.kommuner.forEach(function (k) {
      register.set(k[0], k);
      Object.keys(k[3]).forEach(function (variant) {
        if (!byVariant.has(variant)) byVariant.set(variant, []);
        byVariant.get(variant).push(k);
      });
    });
    var caser = (R.caser || []).map(function (c) { return { nr: c[0], fil: c[1], fortelling: c[2] === 1, program: c[3] }; });
    var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
    var NUMBER = /^[0-9]{4}$/;

    function programId(v) { var p = text(v); return p && ID.test(p) ? p : null; }
    function validNumber(nr) { return nr !== null && NUMBER.test(nr); }
    function stems(slug, program) { return program ? [slug, slug + "-" + program] : [slug]; }

    function expectedSlug(d, ctx, nummer) {
      var nr = text(own(d, nummer)), navn = text(own(d, "navn"));
      var entry = validNumber(nr) && !ctx.eksempel ? register.get(nr) : undefined;
      if (entry) return navn ? own(entry[3], navn.toLowerCase()) || null : null;
      return navn ? slugify(navn) : null;
    }

    var CROSS_TESTS = {
      navn_i_registeret: function (d, v, a, ctx) {
        var nr = text(own(d, a.nummer)), navn = text(v);
        var entry = validNumber(nr) && !ctx.eksempel ? register.get(nr) : undefined;
        return entry && navn && !has(entry[3], navn.toLowerCase()) ? [["mal", { verdi: navn, nr: nr, offisielt: entry[1] }]] : [];
      },
      filnavn: function (d, v, a, ctx) {
        var expected = expectedSlug(d, ctx, a.nummer);
        var program = programId(own(d, a.program));
        var stem = ctx.fil.split("/").pop().replace(/\.yml$/, "");
        if (!expected || stems(expected, program).indexOf(stem) >= 0) return [];
        return [[program ? "med_program" : "mal", { stamme: stem, navn: text(v), forventet: expected, program: program || "" }]];
      },
      en_per_program: function (d, v, a, ctx) {
        var nr = text(v);
        if (!validNumber(nr)) return [];
        var program = programId(own(d, a.program));
        var others = caser.filter(function (c) { return c.nr === nr && c.program === program && c.fil !== ctx.fil; })
          .map(function (c) { return c.fil; });
        if (!others.length) return [];
        return [[program ? "mal" : "uten_program", { nr: nr, program: program || "", andre: others.join(", ") }]];
      },
      finnes: function (d, v, a) {
        var given = text(v), allowed = own(R.tabeller, a.tabell) || [];
        return given !== null && allowed.indexOf(given) < 0 ? [["mal", { verdi: given, tillatt: allowed.join(", ") }]] : [];
      },
      i_programmet: function (d, v, a) {
        var program = text(own(d, a.program)), p = program ? own(R.programmer, program) : undefined, status = text(v);
        if (!p || status === null || p.statuser.indexOf(status) >= 0) return [];
        return [["mal", { verdi: status, program: program, tittel: p.tittel, tillatt: p.statuser.join(", ") }]];
      },
    };

    function crossRules(d, ctx, errs) {
      (R.kryssregler || []).forEach(function (rule) {
        at(d, rule.sti).forEach(function (pl) {
          CROSS_TESTS[rule.test](d, pl[1], rule.args, ctx).forEach(function (f) {
            if (rule.erstatter) {  // rules.all_problems: more exact than the model's message there
              var key = fieldPath(pl[0]);
              for (var i = errs.length - 1; i >= 0; i--) if (fieldPath(errs[i].path) === key) errs.splice(i, 1);
            }
            errs.push({ path: pl[0], message: fill(rule.meldinger[f[0]], f[1]), regel: rule.id });
          });
        });
      });
    }

    // Where the file goes: the file being edited, or the register's file name for the municipality;
    // a municipality that has a case already gets <kommune>-<program>.yml (crossrules.stems).
    function targetFile(d, fil) {
      if (fil) return fil;
      var nr = text(own(d, "kommunenummer")) || "";
      var navn = text(own(d, "navn"));
      var k = register.get(nr);
      var slug = k && asBool(own(d, "eksempel")) !== true ? (navn && own(k[3], navn.toLowerCase())) || own(k[3], k[1].toLowerCase())
        : slugify(navn || "kommune") || "kommune";
      var program = programId(own(d, "program"));
      var taken = caser.some(function (c) { return c.nr === nr || c.fil === "data/kommuner/" + slug + ".yml"; });
      return "data/kommuner/" + slug + (taken && program ? "-" + program : "") + ".yml";
    }

    // Every problem `kulturskole sjekk` reports for this case: [{path, message, regel}].
    // opts.fil: the file being edited (else a new file); opts.fortelling: it has a story (.md).
    function validate(d, opts) {
      opts = opts || {};
      var errs = [];
      if (!isObj(d)) return [{ path: [], message: "filen skal bestå av felt som «navn: …», ikke en liste eller tekst", regel: "fil" }];
      check(R.skjema, d, [], errs, opts);
      recordRules("Kommunecase", d, errs);
      var ctx = { fil: targetFile(d, opts.fil), eksempel: asBool(own(d, "eksempel")) === true };
      crossRules(d, ctx, errs);
      return errs;
    }

    return {
      validate: validate, targetFile: targetFile, check: check, deref: deref, prop: prop, valueNode: valueNode,
      kindOf: kindOf, asBool: asBool, caser: caser, register: register, byVariant: byVariant,
      programId: programId, at: at,
    };
  }

  return {
    lag: lag, isObj: isObj, has: has, own: own, safeKey: safeKey, pyStr: pyStr, found: found, fill: fill,
    fieldPath: fieldPath, slugify: slugify, ratio: ratio, closeMatch: closeMatch, isDate: isDate,
    codepoints: codepoints,
  };
});
