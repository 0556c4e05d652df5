/* YAML for the case form (docs/assets/skjema.js): the file a maintainer would write (the model's
 * key order, the explanatory comments of `kulturskole ny`), and the loader of macros/core/yamlsrc.py
 * for files the reader opens (text, true/false, null). Needs js-yaml (vendored) for reading.
 */
(function (root) {
  "use strict";
  var K = root.KsRegler;
  var isObj = K.isObj, has = K.has, fill = K.fill;

  function lag(R, E) {
    var valueNode = E.valueNode;
  // --- YAML out: key order of the model, comments of `kulturskole ny` -----------------------------

  var YAML_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
  var NUMBERISH = /^[-+]?(?:\.?\d[\d_]*(?:\.[\d_]*)?(?:[eE][-+]?\d+)?|0[xob][0-9a-fA-F_]+|\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?|\.(?:inf|Inf|INF|nan|NaN|NAN))$/;

  function quoted(s) {
    return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, function (c) {
      return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function plainOk(s) {
    if (s === "" || s !== s.trim()) return false;
    if (!/^[\p{L}\p{N}(«„]/u.test(s)) return false;
    if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(s)) return false;
    if (/: |:$| #|\t/.test(s)) return false;
    if (YAML_WORDS.test(s) || NUMBERISH.test(s)) return false;
    return true;
  }

  function scalar(value, indent) {
    if (value === true) return "true";
    if (value === false) return "false";
    if (value === null) return "null";
    var s = String(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
    if (s.indexOf("\n") >= 0 && !/^[ \t\n]/.test(s) && !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\r]/.test(s)) {
      // A literal block, exact: «|-» strips the last line break, «|» keeps one, «|+» keeps them all.
      var pad = new Array(indent + 1).join(" ");
      var body = s.replace(/\n+$/, "");
      var trail = s.length - body.length;
      var lines = body.split("\n").map(function (line) { return line ? pad + line : ""; });
      for (var i = 1; i < trail; i++) lines.push("");
      return (trail === 0 ? "|-" : trail === 1 ? "|" : "|+") + "\n" + lines.join("\n");
    }
    return plainOk(s) ? s : quoted(s);
  }

  function orderedKeys(node, value) {
    var v = valueNode(node);
    var keys = Object.keys(v.properties || {}).filter(function (k) { return has(value, k) && value[k] !== undefined; });
    return keys.concat(Object.keys(value).filter(function (k) { return keys.indexOf(k) < 0 && value[k] !== undefined; }));
  }

  function emitMapping(node, value, indent, lines, firstPrefix) {
    var pad = new Array(indent + 1).join(" ");
    orderedKeys(node, value).forEach(function (key, i) {
      var sub = K.own(valueNode(node).properties, key) || {};
      var prefix = i === 0 && firstPrefix !== undefined ? firstPrefix : pad;
      emitValue(sub, key, value[key], indent, prefix, lines);
    });
  }

  function emitValue(node, key, value, indent, prefix, lines) {
    var head = prefix + key + ":";
    if (Array.isArray(value)) {
      if (!value.length) { lines.push(head + " []"); return; }
      lines.push(head);
      var itemNode = valueNode(node).items || {};
      value.forEach(function (item) {
        var pad = new Array(indent + 3).join(" ");
        if (isObj(item)) {
          if (!Object.keys(item).length) { lines.push(pad + "- {}"); return; }
          emitMapping(itemNode, item, indent + 4, lines, pad + "- ");
        } else {
          lines.push(pad + "- " + scalar(item, indent + 4));
        }
      });
    } else if (isObj(value)) {
      if (!Object.keys(value).length) { lines.push(head + " {}"); return; }
      lines.push(head);
      emitMapping(node, value, indent + 2, lines);
    } else {
      lines.push(head + " " + scalar(value, indent + 2));
    }
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  function header(d) {
    var nr = typeof d.kommunenummer === "string" ? d.kommunenummer : "";
    var k = E.register.get(nr);
    var fylkenr = k ? k[2] : "";
    var p = typeof d.program === "string" && has(R.programmer, d.program) ? R.programmer[d.program] : null;
    var ctx = { navn: d.navn || "kommunen", fylke: k ? R.register.fylker[fylkenr] : "ikke kjent",
      fylkesnummer: fylkenr || "–", pilot: k ? k[4] : "ikke i registeret", dato: today(),
      program: p ? p.tittel + " (" + d.program + ")" : "ikke valgt" };
    if (d.eksempel === true) { ctx.fylke = "fiktivt"; ctx.fylkesnummer = "–"; ctx.pilot = "fiktivt"; }
    return R.hode.map(function (line) { return ("## " + fill(line, ctx)).replace(/\s+$/, ""); });
  }

  // short: without the explanations of each field (the same data, for the body of an e-mail).
  function toYaml(d, kommentar, short) {
    var lines = (kommentar || []).slice();
    lines.push(R.skjemalinje);
    header(d).slice(0, short ? 1 : undefined).forEach(function (l) { lines.push(l); });
    orderedKeys(R.skjema, d).forEach(function (key) {
      if (short) { emitValue(K.own(R.skjema.properties, key) || {}, key, d[key], 0, "", lines); return; }
      lines.push("");
      (K.own(R.kommentarer, key) || []).forEach(function (c) { lines.push(("## " + c).replace(/\s+$/, "")); });
      emitValue(K.own(R.skjema.properties, key) || {}, key, d[key], 0, "", lines);
    });
    return lines.join("\n") + "\n";
  }

  // --- YAML in: the loader of macros/core/yamlsrc.py (text, true/false, null) ---------------------

  var yamlSchema = null;
  function parseYaml(text) {
    var y = window.jsyaml;
    if (!yamlSchema) yamlSchema = y.FAILSAFE_SCHEMA.withTags(y.nullCoreTag, y.boolCoreTag);
    return y.load(text, { schema: yamlSchema });
  }

  function leadingComments(text) {
    var out = [];
    var lines = text.split(/\r?\n/);
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      if (/^# /.test(line) && line !== R.skjemalinje) out.push(line);
      else if (/^#/.test(line) || !line.trim()) continue;
      else break;
    }
    return out;
  }

    return { toYaml: toYaml, parseYaml: parseYaml, leadingComments: leadingComments, today: today };
  }

  root.KsYaml = { lag: lag };
})(self);
