/* The case form /bidra/skjema/ (issue 9.3). Loaded only by that page.
 *
 * Nothing about the fields or rules is written here. The form is built from the JSON Schema in
 * regler.json (generated from the pydantic model by macros/core/schema.py: field order, titles,
 * help texts, value lists, rules), and checked by a generic evaluator of that schema. Every
 * message comes from regler.json, where macros/core/formrules.py took it from the Python code of
 * `kulturskole sjekk`. The output is the YAML a maintainer writes: the model's key order and the
 * explanatory comments of `kulturskole ny`.
 *
 * Privacy: nothing is sent or stored. Files are read and written in the browser; GitHub is only
 * opened when the reader follows a link to it.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-ks-skjema]");
  if (!root) return;

  var R = null; // regler.json
  var state = { data: {}, fil: null, kommentar: [], kilde: null };
  var app, formEl, summaryEl, resultEl, statusEl, loadNoticeEl;
  var blobUrl = null;

  // --- small helpers ---------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) return;
        if (key === "text") node.textContent = value;
        else if (key === "class") node.className = value;
        else node.setAttribute(key, value === true ? "" : value);
      });
    }
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function hidden(text) {
    return el("span", { class: "ks-skjult", text: text });
  }

  // A live region reads a change: empty it, then set the text (the newest announcement wins).
  var announceTimer = null;
  function announce(text) {
    window.clearTimeout(announceTimer);
    statusEl.textContent = "";
    announceTimer = window.setTimeout(function () { statusEl.textContent = text; }, 50);
  }

  function isObj(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function codepoints(s) { return Array.from(s); }

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

  function idOf(path) {
    return "ks-f" + (path.length ? "-" + path.join("-") : "");
  }

  function getAt(obj, path) {
    var cur = obj;
    for (var i = 0; i < path.length; i++) {
      if (cur === null || cur === undefined) return undefined;
      cur = cur[path[i]];
    }
    return cur;
  }

  function setAt(obj, path, value) {
    var cur = obj;
    for (var i = 0; i < path.length - 1; i++) {
      var key = path[i];
      if (cur[key] === null || typeof cur[key] !== "object") cur[key] = typeof path[i + 1] === "number" ? [] : {};
      cur = cur[key];
    }
    var last = path[path.length - 1];
    if (value === undefined) {
      if (Array.isArray(cur)) cur[last] = undefined; else delete cur[last];
    } else {
      cur[last] = value;
    }
  }

  // --- the schema --------------------------------------------------------------------------------

  function deref(node) {
    if (node && node.$ref) return R.skjema.$defs[node.$ref.split("/").pop()];
    return node || {};
  }

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

  function titleOf(key, node) {
    var t = deref(node).title || (typeof key === "string" ? key.replace(/_/g, " ") : "");
    return t.charAt(0).toUpperCase() + t.slice(1);
  }

  function itemTitle(key, node) {
    var items = valueNode(node).items;
    var sub = deref(items);
    return (items && items.$ref && sub.title) || titleOf(key, node);
  }

  function lower(t) { return t.charAt(0).toLowerCase() + t.slice(1); }

  function required(obj, key) { return (deref(obj).required || []).indexOf(key) >= 0; }

  // A boolean that a rule requires before other fields may be filled in (consent before name and
  // e-mail) is shown before them: read from the rule, not named here.
  function fieldOrder(obj) {
    obj = deref(obj);
    var keys = Object.keys(obj.properties || {});
    (obj.allOf || []).forEach(function (rule) {
      var gate = rule.then && rule.then.properties && Object.keys(rule.then.properties).filter(function (k) {
        return rule.then.properties[k].const === true;
      })[0];
      var gated = ((rule.if && rule.if.anyOf) || []).map(function (b) { return (b.required || [])[0]; });
      if (!gate || !gated.length) return;
      var first = Math.min.apply(null, gated.map(function (k) { return keys.indexOf(k); }).filter(function (i) { return i >= 0; }));
      if (!isFinite(first) || keys.indexOf(gate) < first) return;
      keys.splice(keys.indexOf(gate), 1);
      keys.splice(first, 0, gate);
    });
    return keys;
  }

  function isShortText(key, node) {
    var v = valueNode(node);
    if (v.pattern && !(v["x-regel"] === "ks_blank" && !v.allOf)) return true; // ids, numbers, titles, links
    if (v.allOf) return true; // titles and names (no markup)
    return (R.korte || []).indexOf(key) >= 0;
  }

  // --- the form --------------------------------------------------------------------------------

  function append(parent, child) {
    if (child) parent.appendChild(child);
  }

  function hintFor(id, text) {
    return text ? el("p", { class: "ks-hjelp", id: id + "-hjelp", text: text }) : null;
  }

  function describedBy(id, text) {
    return text ? id + "-hjelp" : null;
  }

  function onInput(path, kind) {
    return function (event) {
      var t = event.target, value;
      if (kind === "avkryss") value = t.checked ? true : undefined;
      else value = t.value === "" ? undefined : t.value;
      setAt(state.data, path, value);
      staleResult();
      if (path.length === 1 && path[0] === "sprak") setLanguage();
    };
  }

  function textLang() {
    return state.data.sprak === "nn" ? "nn" : "nb";
  }

  function setLanguage() {
    Array.prototype.forEach.call(formEl.querySelectorAll("[data-ks-fritekst]"), function (n) {
      n.setAttribute("lang", textLang());
    });
  }

  function scalarField(key, node, path, label, parentRequired) {
    var id = idOf(path);
    var kind = kindOf(node);
    var v = valueNode(node);
    var value = getAt(state.data, path);
    var desc = deref(node).description || v.description || "";
    var wrap = el("div", { class: "ks-felt", "data-sti": fieldPath(path) });
    if (kind === "valg") {
      var options = v.enum.map(function (value_, i) {
        return [value_, (v.enumDescriptions && v.enumDescriptions[i]) || value_];
      });
      var dflt = deref(node).default;
      var optional = !parentRequired && (dflt === undefined || dflt === null);
      var odd = value !== undefined && v.enum.indexOf(value) < 0; // a value from a file: kept, shown, refused
      if (options.length <= 6 && !odd) {
        var fs = el("fieldset", { class: "ks-valg", id: id, "aria-describedby": describedBy(id, desc) },
          [el("legend", { text: label })]);
        wrap.appendChild(fs);
        append(fs, hintFor(id, desc));
        var current = value === undefined ? (optional ? "" : (dflt || "")) : value;
        if (optional) options.push(["", "Ikke oppgitt"]);
        options.forEach(function (opt, i) {
          var oid = id + "-" + (opt[0] || "ingen");
          var input = el("input", { type: "radio", id: oid, name: id, value: opt[0], checked: current === opt[0] });
          input.addEventListener("change", onInput(path, kind));
          if (i === 0) input.setAttribute("data-ks-forste", "");
          fs.appendChild(el("div", { class: "ks-valg__rad" }, [input, el("label", { for: oid, text: opt[1] })]));
        });
        if (!optional && value === undefined && dflt) setAt(state.data, path, dflt);
        return wrap;
      }
      wrap.appendChild(el("label", { for: id, text: label }));
      append(wrap, hintFor(id, desc));
      var select = el("select", { id: id, "aria-describedby": describedBy(id, desc) },
        [el("option", { value: "", text: optional ? "Ikke oppgitt" : "Velg" })]);
      options.forEach(function (opt) {
        select.appendChild(el("option", { value: opt[0], text: opt[1], selected: value === opt[0] }));
      });
      if (value !== undefined && v.enum.indexOf(value) < 0) {
        select.appendChild(el("option", { value: value, text: String(value), selected: true }));
      }
      select.addEventListener("change", onInput(path, kind));
      wrap.appendChild(select);
      return wrap;
    }
    if (kind === "avkryss") {
      wrap.className += " ks-felt--avkryss";
      var box = el("input", { type: "checkbox", id: id, checked: value === true, "aria-describedby": describedBy(id, desc) });
      box.addEventListener("change", onInput(path, kind));
      wrap.appendChild(el("div", { class: "ks-avkryss" }, [box, el("label", { for: id, text: label })]));
      append(wrap, hintFor(id, desc));
      return wrap;
    }
    wrap.appendChild(el("label", { for: id, text: label }));
    append(wrap, hintFor(id, desc));
    var short = kind === "dato" || isShortText(key, node);
    var free = kind === "tekst" && !v.pattern && !v.enum;
    var attrs = { id: id, name: id, "aria-describedby": describedBy(id, desc), autocomplete: "off",
      spellcheck: free ? null : "false", "data-ks-fritekst": free || (v.allOf && !v.format) ? true : null,
      lang: free || v.allOf ? textLang() : null };
    var input;
    if (short) {
      attrs.type = "text";
      if (kind === "dato") { attrs.inputmode = "numeric"; attrs.class = "ks-kort"; }
      if (key === "kommunenummer") { attrs.inputmode = "numeric"; attrs.class = "ks-kort"; }
      if (key === "epost") attrs.inputmode = "email";
      if (key === "url") attrs.inputmode = "url";
      if (path.length === 1 && path[0] === "navn") attrs.list = "ks-kommunenavn";
      input = el("input", attrs);
      input.value = value === undefined || value === null ? "" : pyStr(value);
    } else {
      attrs.rows = "4";
      input = el("textarea", attrs);
      input.value = value === undefined || value === null ? "" : pyStr(value);
    }
    input.addEventListener("input", onInput(path, kind));
    if (path.length === 1 && (path[0] === "navn" || path[0] === "kommunenummer")) {
      input.addEventListener("change", fillFromRegister);
    }
    wrap.appendChild(input);
    return wrap;
  }

  function objectFields(objNode, path, container, level) {
    var obj = deref(objNode);
    fieldOrder(obj).forEach(function (key) {
      container.appendChild(field(key, obj.properties[key], path.concat([key]), required(obj, key), level));
    });
  }

  function field(key, node, path, isRequired, level) {
    var kind = kindOf(node);
    var label = titleOf(key, node);
    if (kind === "gruppe") {
      var id = idOf(path);
      var desc = deref(node).description || "";
      var fs = el("fieldset", { class: "ks-gruppe ks-niva-" + level, id: id, "data-sti": fieldPath(path),
        "aria-describedby": describedBy(id, desc) }, [el("legend", { text: label })]);
      append(fs, hintFor(id, desc));
      objectFields(valueNode(node), path, fs, level + 1);
      return fs;
    }
    if (kind === "liste") return listField(key, node, path, isRequired, level);
    return scalarField(key, node, path, label, isRequired);
  }

  function listField(key, node, path, isRequired, level) {
    var id = idOf(path);
    var v = valueNode(node);
    var label = titleOf(key, node);
    var noun = itemTitle(key, node);
    var desc = deref(node).description || "";
    var items = getAt(state.data, path);
    if (!Array.isArray(items)) items = [];
    var fs = el("fieldset", { class: "ks-liste", id: id, "data-sti": fieldPath(path),
      "aria-describedby": describedBy(id, desc) }, [el("legend", { text: label })]);
    append(fs, hintFor(id, desc));
    var list = el("ol", { class: "ks-liste__rader" });
    var itemNode = v.items;
    var objectItems = kindOf(itemNode) === "gruppe";
    items.forEach(function (_, i) {
      var rowPath = path.concat([i]);
      var rowId = idOf(rowPath);
      var name = noun + " " + (i + 1);
      var li = el("li", { class: "ks-rad" });
      var body;
      if (objectItems) {
        body = el("fieldset", { class: "ks-rad__felt", id: rowId, "data-sti": fieldPath(rowPath) },
          [el("legend", { text: name })]);
        objectFields(valueNode(itemNode), rowPath, body, level + 1);
      } else {
        body = scalarField(key, itemNode, rowPath, name, true);
      }
      li.appendChild(body);
      var buttons = el("div", { class: "ks-rad__knapper" });
      if (i > 0) buttons.appendChild(rowButton("Flytt opp", name, "opp", path, i));
      if (i < items.length - 1) buttons.appendChild(rowButton("Flytt ned", name, "ned", path, i));
      buttons.appendChild(rowButton("Fjern", name, "fjern", path, i));
      li.appendChild(buttons);
      list.appendChild(li);
    });
    if (items.length) fs.appendChild(list);
    var add = el("button", { type: "button", class: "ks-knapp ks-legg-til", id: id + "-legg-til" },
      objectItems ? ["Legg til " + lower(noun)] : ["Legg til punkt", hidden(" i " + lower(label))]);
    add.addEventListener("click", function () { addRow(path, objectItems, noun); });
    fs.appendChild(add);
    return fs;
  }

  function rowButton(text, name, action, path, i) {
    var b = el("button", { type: "button", class: "ks-knapp ks-knapp--liten", "data-handling": action,
      id: idOf(path.concat([i])) + "-" + action }, [text, hidden(" " + lower(name))]);
    b.addEventListener("click", function () { rowAction(path, i, action, name); });
    return b;
  }

  function listOf(path) {
    var items = getAt(state.data, path);
    if (!Array.isArray(items)) { items = []; setAt(state.data, path, items); }
    return items;
  }

  function addRow(path, objectItems, noun) {
    var items = listOf(path);
    items.push(objectItems ? {} : undefined);
    render(firstFieldId(path.concat([items.length - 1])));
    announce(noun + " " + items.length + " er lagt til.");
  }

  function rowAction(path, i, action, name) {
    var items = listOf(path);
    var noun = name.replace(/ \d+$/, "");
    if (action === "fjern") {
      items.splice(i, 1);
      var next = items.length ? firstFieldId(path.concat([Math.min(i, items.length - 1)])) : idOf(path) + "-legg-til";
      render(next);
      announce(name + " er fjernet. Listen har nå " + items.length + (items.length === 1 ? " punkt." : " punkter."));
      return;
    }
    var j = action === "opp" ? i - 1 : i + 1;
    var moved = items[i];
    items[i] = items[j];
    items[j] = moved;
    var rowId = idOf(path.concat([j]));
    render([rowId + "-" + action, rowId + "-" + (action === "opp" ? "ned" : "opp")]);
    announce(name + " er flyttet " + (action === "opp" ? "opp" : "ned") + " og er nå " + lower(noun) + " " + (j + 1) + ".");
  }

  function firstFieldId(path) {
    return { path: path };
  }

  // target: an element id, a list of ids (the first that exists), or {path} (its first control).
  function focusTarget(target) {
    var node = null;
    if (Array.isArray(target)) {
      target.forEach(function (t) { if (!node) node = document.getElementById(t); });
    } else if (target && target.path) {
      var box = document.getElementById(idOf(target.path));
      if (box) node = box.matches("input, select, textarea") ? box : box.querySelector("input, select, textarea, button");
    } else if (target) {
      node = document.getElementById(target);
    }
    if (node) node.focus();
  }

  function render(focus) {
    var active = document.activeElement && formEl.contains(document.activeElement) ? document.activeElement.id : null;
    var fields = formEl.querySelector("[data-ks-felter]");
    var fresh = el("div", { "data-ks-felter": "" });
    objectFields(R.skjema, [], fresh, 2);
    fields.replaceWith(fresh);
    setLanguage();
    if (focus !== undefined && focus !== null) focusTarget(focus);
    else if (active) focusTarget(active);
    clearErrors();
  }

  // --- the register: name and number help each other --------------------------------------------

  var byNumber = {};
  var byVariant = {};

  function indexRegister() {
    R.register.kommuner.forEach(function (k) {
      byNumber[k[0]] = k;
      Object.keys(k[3]).forEach(function (variant) {
        (byVariant[variant] = byVariant[variant] || []).push(k);
      });
    });
  }

  function fillFromRegister(event) {
    var navn = (state.data.navn || "").trim();
    var nr = (state.data.kommunenummer || "").trim();
    if (event.target.id === idOf(["navn"]) && navn && !nr) {
      var hits = byVariant[navn.toLowerCase()] || [];
      if (hits.length === 1) {
        state.data.kommunenummer = hits[0][0];
        document.getElementById(idOf(["kommunenummer"])).value = hits[0][0];
        announce("Kommunenummer " + hits[0][0] + " er fylt inn fra kommuneregisteret.");
      }
    } else if (event.target.id === idOf(["kommunenummer"]) && nr && !navn && byNumber[nr]) {
      state.data.navn = byNumber[nr][1];
      document.getElementById(idOf(["navn"])).value = byNumber[nr][1];
      announce("Navnet " + byNumber[nr][1] + " er fylt inn fra kommuneregisteret.");
    }
  }

  // --- clean data: what the file will hold ---------------------------------------------------------

  function clean(node, value, isRequired) {
    var v = valueNode(node);
    var kind = kindOf(node);
    if (value === undefined || value === null) {
      if (kind === "liste" && isRequired) return [];
      return undefined;
    }
    if (kind === "gruppe") {
      if (!isObj(value)) return value;
      var out = {};
      Object.keys(v.properties || {}).forEach(function (key) {
        var c = clean(v.properties[key], value[key], required(v, key));
        if (c !== undefined) out[key] = c;
      });
      Object.keys(value).forEach(function (key) {
        if (!has(v.properties || {}, key) && value[key] !== undefined) out[key] = value[key];
      });
      return Object.keys(out).length || isRequired ? out : undefined;
    }
    if (kind === "liste") {
      if (!Array.isArray(value)) return value;
      var items = value.map(function (item) {
        var c = clean(v.items, item, true);
        return c === undefined ? "" : c;
      });
      return items.length || isRequired ? items : undefined;
    }
    if (kind === "avkryss") return value === true ? true : (value === false ? undefined : value);
    if (typeof value === "string") {
      // An untouched field is left out (→ «mangler»); spaces typed in it stay an empty text
      // (→ «feltet er tomt»), as the same value in a YAML file would.
      return value === "" ? undefined : value.trim();
    }
    return value;
  }

  function cleanCase() {
    return clean(R.skjema, state.data, true);
  }

  // --- the evaluator: the JSON Schema, with the messages of `kulturskole sjekk` -------------------

  function typeOk(value, type) {
    switch (type) {
      case "string": return typeof value === "string";
      case "boolean": return typeof value === "boolean";
      case "array": return Array.isArray(value);
      case "object": return isObj(value);
      case "null": return value === null;
      case "integer": return typeof value === "number" && Math.floor(value) === value;
      default: return true;
    }
  }

  function isDate(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    var y = +m[1], mo = +m[2], d = +m[3];
    if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
    var days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return d <= days[mo - 1];
  }

  var regexCache = {};
  function regex(p) {
    if (!regexCache[p]) regexCache[p] = new RegExp(p, "u");
    return regexCache[p];
  }

  // difflib.get_close_matches(word, possibilities, n=1, cutoff=0.6), for «mente du …?»
  function ratio(a, b) {
    a = codepoints(a); b = codepoints(b);
    var b2j = {};
    b.forEach(function (ch, j) { (b2j[ch] = b2j[ch] || []).push(j); });
    function longest(alo, ahi, blo, bhi) {
      var bi = alo, bj = blo, size = 0, j2len = {};
      for (var i = alo; i < ahi; i++) {
        var next = {};
        (b2j[a[i]] || []).forEach(function (j) {
          if (j < blo || j >= bhi) return;
          var k = next[j] = (j2len[j - 1] || 0) + 1;
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

  function message(node, keyword, value, extra) {
    var msgs = node["x-meldinger"] || {};
    var template, code = null;
    if (keyword === "type") template = msgs.type || R.meldinger[R.typer[node.type] || "string_type"];
    else if (msgs[keyword]) template = msgs[keyword];
    else if (node["x-regel"]) { code = node["x-regel"]; template = R.meldinger[code]; }
    else if (keyword === "required") template = R.meldinger.missing;
    else template = R.meldinger.missing;
    if (code === "ukjent_nummer" && typeof value === "string" && R.register.gamle[value.trim()]) {
      return R.register.gamle[value.trim()];
    }
    var text = typeof value === "string" ? value.trim() : pyStr(value);
    var ctx = { fant: found(value), verdi: text, n: Array.isArray(value) ? value.length : 0 };
    var how = code && R.found[code];
    if (how) {
      var cp = codepoints(text);
      ctx.found = how === "verdi60" && cp.length > 60 ? cp.slice(0, 60).join("") + "…" : text;
    }
    return fill(template, Object.assign(ctx, extra || {}));
  }

  function check(node, value, path, errs) {
    node = deref(node);
    var before = errs.length;
    var report = function (keyword, at, extra) {
      errs.push({ path: at || path, message: message(node, keyword, value, extra) });
    };
    if (node.anyOf && node.anyOf.some(function (o) { return o.type === "null"; })) {
      if (value === null) return;
      var rest = node.anyOf.filter(function (o) { return o.type !== "null"; });
      if (rest.length === 1) check(rest[0], value, path, errs);
    } else if (node.anyOf) {
      var ok = node.anyOf.some(function (o) { var e = []; check(o, value, path, e); return !e.length; });
      if (!ok) report("anyOf");
    }
    if (node.type && !typeOk(value, node.type)) { report("type"); return; }
    if (node.enum && node.enum.indexOf(value) < 0) report("enum");
    if (has(node, "const") && node.const !== value) report("const");
    if (typeof value === "string") {
      if (node.pattern && !regex(node.pattern).test(value.trim())) report("pattern");
      if (node.format === "date" && !isDate(value.trim())) report("format");
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
        if (has(value, key) && value[key] !== undefined) check(props[key], value[key], path.concat([key]), errs);
      });
      (node.required || []).forEach(function (key) {
        if (!has(value, key) || value[key] === undefined) errs.push({ path: path.concat([key]), message: R.meldinger.missing });
      });
      if (node.additionalProperties === false) {
        var allowed = Object.keys(props);
        Object.keys(value).forEach(function (key) {
          if (has(props, key)) return;
          var close = closeMatch(key, allowed);
          errs.push({ path: path.concat([key]), message: fill((node["x-meldinger"] || {}).additionalProperties || "",
            { hint: close ? fill(R.meldinger.hint, { navn: close }) : "" }) });
        });
      }
    }
    if (Array.isArray(value)) {
      if (node.items) value.forEach(function (item, i) { check(node.items, item, path.concat([i]), errs); });
      if (node.minItems !== undefined && value.length < node.minItems) report("minItems");
      if (node.maxItems !== undefined && value.length > node.maxItems) report("maxItems");
      if (node.contains && !value.some(function (item) { var e = []; check(node.contains, item, path, e); return !e.length; })) {
        report("contains");
      }
    }
    if (node.not) {
      var e = [];
      check(node.not, value, path, e);
      if (!e.length) report("not");
    }
    if (node.if) {
      var cond = [];
      check(node.if, value, path, cond);
      if (!cond.length && node.then) check(node.then, value, path, errs);
      if (cond.length && node.else) check(node.else, value, path, errs);
    }
    // Rules with a message of their own (allOf entries with x-regel) report it once, at x-ved.
    // The model's validators (x-etter) run only on a value that is otherwise valid, as pydantic
    // runs them; the facts rules and the register run on every value, as `kulturskole sjekk` does.
    (node.allOf || []).forEach(function (entry) {
      if (!entry["x-regel"]) { check(entry, value, path, errs); return; }
      if (entry["x-etter"] && errs.length > before) return;
      var bare = Object.assign({}, entry, { "x-regel": undefined, "x-meldinger": undefined, allOf: undefined });
      var extra = {};
      if (entry["x-felt"]) {
        // The fields the message names: those whose branch of the condition holds (and the story
        // in the .md file, which the form does not show but the site publishes).
        var named = entry["x-felt"].filter(function (f, i) {
          var e = []; check(entry.if.anyOf[i], value, path, e); return !e.length;
        });
        var notExample = !(isObj(value) && value.eksempel === true);
        if (state.fortelling && notExample) { named.push(R.meldinger.fortelling); bare = entry.then; }
        extra.felt = named.join(", ");
      }
      var inner = [];
      check(bare, value, path, inner);
      if (inner.length) {
        errs.push({ path: entry["x-ved"] ? path.concat([entry["x-ved"]]) : path,
          message: message({ "x-regel": entry["x-regel"] }, "x-regel", value, extra) });
      }
    });
  }

  function slugify(text) {
    var t = text.replace(/[æÆ]/g, "ae").replace(/[øØ]/g, "o").replace(/[åÅ]/g, "a").toLowerCase();
    t = t.normalize("NFKD").replace(/[^\x00-\x7f]/g, "");
    return t.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  // The case's programme id when it is one (rules.py: an id of data/programmer.yml), else null.
  function programOf(d) {
    var p = typeof d.program === "string" ? d.program.trim() : "";
    return /^[a-z0-9]+(-[a-z0-9]+)*$/.test(p) ? p : null;
  }

  // Where the file goes: the file being edited, or the register's file name for the municipality;
  // a municipality that has a case already gets <kommune>-<program>.yml (rules.case_stems).
  function targetFile(d) {
    if (state.fil) return state.fil;
    var nr = typeof d.kommunenummer === "string" ? d.kommunenummer.trim() : "";
    var navn = typeof d.navn === "string" ? d.navn.trim() : "";
    var k = byNumber[nr];
    var slug = k && d.eksempel !== true ? (k[3][navn.toLowerCase()] || k[3][k[1].toLowerCase()]) : slugify(navn || "kommune");
    var program = programOf(d);
    var taken = R.caser.some(function (c) { return c.nr === nr || c.fil === "data/kommuner/" + slug + ".yml"; });
    return "data/kommuner/" + slug + (taken && program ? "-" + program : "") + ".yml";
  }

  // Replace what an earlier check said about a field with the more exact message, as
  // rules.all_problems leaves out the model's message where a programme rule speaks.
  function replaceAt(errs, path, message) {
    var key = fieldPath(path);
    for (var i = errs.length - 1; i >= 0; i--) if (fieldPath(errs[i].path) === key) errs.splice(i, 1);
    errs.push({ path: path, message: message });
  }

  // The rules of rules.py that span files: the name must match the number, one case per
  // municipality and programme, the file name follows the name (and the programme), the
  // programme exists and the history uses its statuses.
  function crossChecks(d, errs) {
    var nr = typeof d.kommunenummer === "string" ? d.kommunenummer.trim() : null;
    var navn = typeof d.navn === "string" && d.navn.trim() ? d.navn.trim() : null;
    var eksempel = d.eksempel === true;
    var validNr = nr !== null && /^\d{4}$/.test(nr);
    var k = validNr && !eksempel ? byNumber[nr] : null;
    var program = programOf(d);
    if (k && navn && !has(k[3], navn.toLowerCase())) {
      errs.push({ path: ["navn"], message: fill(R.meldinger.navn_register, { verdi: navn, nr: nr, offisielt: k[1] }) });
    }
    var file = targetFile(d);
    var stem = file.split("/").pop().replace(/\.yml$/, "");
    var expected = k ? (navn && has(k[3], navn.toLowerCase()) ? k[3][navn.toLowerCase()] : null) : (navn ? slugify(navn) : null);
    if (state.fil && expected && stem !== expected && !(program && stem === expected + "-" + program)) {
      errs.push({ path: ["navn"], message: fill(R.meldinger[program ? "filnavn_program" : "filnavn"],
        { stamme: stem, navn: navn, forventet: expected, program: program || "" }) });
    }
    if (validNr && program) {
      // A new case: every file that holds the municipality in this programme; an edited one: the others.
      var others = R.caser.filter(function (c) { return c.nr === nr && c.program === program && c.fil !== state.fil; })
        .map(function (c) { return c.fil; });
      if (others.length) {
        errs.push({ path: ["kommunenummer"], message: fill(R.meldinger.dobbel, { nr: nr, program: program, andre: others.join(", ") }) });
      }
    }
    var written = typeof d.program === "string" ? d.program.trim() : "";
    if (written && !has(R.programmer, written)) {
      replaceAt(errs, ["program"], fill(R.skjema.properties.program["x-meldinger"] ? R.skjema.properties.program["x-meldinger"].enum
        : R.meldinger.missing, { verdi: written }));
    } else if (written && R.meldinger.status_program) {
      var p = R.programmer[written];
      (Array.isArray(d.deltakelse) ? d.deltakelse : []).forEach(function (item, i) {
        var status = isObj(item) && typeof item.status === "string" ? item.status.trim() : "";
        if (status && p.statuser.indexOf(status) < 0) {
          replaceAt(errs, ["deltakelse", i, "status"], fill(R.meldinger.status_program,
            { verdi: status, program: written, tittel: p.tittel, tillatt: p.statuser.join(", ") }));
        }
      });
    }
  }

  function validate(d) {
    var errs = [];
    check(R.skjema, d, [], errs);
    crossChecks(d, errs);
    var seen = {};
    return errs.filter(function (e) {
      var key = fieldPath(e.path);
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
  }

  // --- errors on the page (GOV.UK / Designsystemet: summary at the top, message at the field) -------

  function clearErrors() {
    Array.prototype.forEach.call(formEl.querySelectorAll(".ks-feil"), function (n) { n.remove(); });
    Array.prototype.forEach.call(formEl.querySelectorAll("[aria-invalid]"), function (n) {
      n.removeAttribute("aria-invalid");
      var ids = (n.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && !/-feil$/.test(x); });
      if (ids.length) n.setAttribute("aria-describedby", ids.join(" ")); else n.removeAttribute("aria-describedby");
    });
    Array.prototype.forEach.call(formEl.querySelectorAll(".ks-felt--feil"), function (n) { n.classList.remove("ks-felt--feil"); });
    summaryEl.hidden = true;
    summaryEl.textContent = "";
  }

  // The element an error belongs to: the field with that path, or the nearest enclosing one.
  function holderOf(path) {
    for (var n = path.length; n >= 0; n--) {
      var found_ = formEl.querySelector('[data-sti="' + cssEscape(fieldPath(path.slice(0, n))) + '"]');
      if (found_) return found_;
    }
    return null;
  }

  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, "\\$&"); }

  function labelTrail(path) {
    var parts = [], node = R.skjema, key = null;
    path.forEach(function (p) {
      var v = valueNode(node);
      if (typeof p === "number") {
        parts[parts.length - 1] = itemTitle(key, node) + " " + (p + 1);
        node = v.items || {};
      } else {
        key = p;
        var sub = (v.properties || {})[p];
        parts.push(sub ? titleOf(p, sub) : p);
        node = sub || {};
      }
    });
    return parts.join(" › ");
  }

  function showErrors(errs) {
    clearErrors();
    var placed = errs.map(function (e, i) {
      var holder = holderOf(e.path) || formEl;
      var control = holder.matches("input, select, textarea") ? holder :
        holder.querySelector("input, select, textarea, button");
      var id = (holder.id || idOf(e.path)) + "-feil" + (holder.querySelector(".ks-feil") ? "-" + i : "");
      var msg = el("p", { class: "ks-feil", id: id, "data-sti": fieldPath(e.path) }, [hidden("Feil: "), e.message]);
      var anchor = holder.querySelector(":scope > legend, :scope > label");
      var hint = holder.querySelector(":scope > .ks-hjelp");
      var after = hint || anchor;
      if (holder === formEl) formEl.insertBefore(msg, formEl.firstChild);
      else if (after) after.after(msg); else holder.insertBefore(msg, holder.firstChild);
      holder.classList.add("ks-felt--feil");
      var targets = holder.matches("input, select, textarea") ? [holder] :
        (holder.matches("fieldset") ? [holder] : Array.prototype.slice.call(holder.querySelectorAll(":scope > input, :scope > select, :scope > textarea, :scope > .ks-avkryss > input")));
      targets.forEach(function (t) {
        t.setAttribute("aria-invalid", "true");
        var ids = (t.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        ids.push(id);
        t.setAttribute("aria-describedby", ids.join(" "));
      });
      return { e: e, holder: holder, control: control, id: id };
    });
    placed.sort(function (a, b) {
      if (a.holder === b.holder) return 0;
      return a.holder.compareDocumentPosition(b.holder) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    summaryEl.appendChild(el("h2", { id: "ks-feil-tittel", text: errs.length === 1 ? "Det er 1 feil i skjemaet" : "Det er " + errs.length + " feil i skjemaet" }));
    summaryEl.appendChild(el("p", { text: "Rett feilene, og trykk «Kontroller og lag fil» igjen. Hver lenke går til feltet." }));
    var ul = el("ul", { class: "ks-feilliste" });
    placed.forEach(function (p) {
      var target = p.control ? p.control.id : p.holder.id;
      var a = el("a", { href: "#" + target, "data-sti": fieldPath(p.e.path) },
        [labelTrail(p.e.path) + ": " + p.e.message]);
      a.addEventListener("click", function (event) {
        var t = document.getElementById(target);
        if (!t) return;
        event.preventDefault();
        var label = p.holder.querySelector("legend, label") || t;
        label.scrollIntoView();
        t.focus({ preventScroll: true });
      });
      ul.appendChild(el("li", null, [a]));
    });
    summaryEl.appendChild(ul);
    summaryEl.hidden = false;
    summaryEl.focus();
  }

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
      var sub = (valueNode(node).properties || {})[key] || {};
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
    var k = byNumber[nr];
    var fylkenr = k ? k[2] : "";
    var p = typeof d.program === "string" && has(R.programmer, d.program) ? R.programmer[d.program] : null;
    var ctx = { navn: d.navn || "kommunen", fylke: k ? R.register.fylker[fylkenr] : "ikke kjent",
      fylkesnummer: fylkenr || "–", pilot: k ? k[4] : "ikke i registeret", dato: today(),
      program: p ? p.tittel + " (" + d.program + ")" : "ikke valgt" };
    if (d.eksempel === true) { ctx.fylke = "fiktivt"; ctx.fylkesnummer = "–"; ctx.pilot = "fiktivt"; }
    return R.hode.map(function (line) { return ("## " + fill(line, ctx)).replace(/\s+$/, ""); });
  }

  function toYaml(d) {
    var lines = state.kommentar.slice();
    lines.push(R.skjemalinje);
    header(d).forEach(function (l) { lines.push(l); });
    orderedKeys(R.skjema, d).forEach(function (key) {
      lines.push("");
      (R.kommentarer[key] || []).forEach(function (c) { lines.push(("## " + c).replace(/\s+$/, "")); });
      emitValue(R.skjema.properties[key] || {}, key, d[key], 0, "", lines);
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

  // Data from a file or a case page into the form. Parts the form cannot hold (unknown fields, a
  // text where a list belongs) are listed with the message `kulturskole sjekk` gives, never dropped
  // in silence.
  function storyOf(fil) {
    return R.caser.some(function (c) { return c.fil === fil && c.fortelling; });
  }

  function loadData(data, fil, kommentar, origin) {
    state.fil = fil || null;
    state.kommentar = kommentar || [];
    if (!isObj(data)) {
      showLoadNotice(["filen skal bestå av felt som «navn: …», ikke en liste eller tekst"], origin);
      return;
    }
    var unfit = [];
    var errs = [];
    check(R.skjema, data, [], errs);
    state.data = fit(R.skjema, data, [], unfit, errs);
    if (!state.fil) {
      var nr = typeof data.kommunenummer === "string" ? data.kommunenummer.trim() : "";
      var known = R.caser.filter(function (c) { return c.nr === nr; });
      if (known.length === 1 && origin && origin.file) {
        var name = origin.file.replace(/\.yaml$/, ".yml");
        var match = known.filter(function (c) { return c.fil.split("/").pop() === name; })[0];
        if (match) state.fil = match.fil;
      }
    }
    state.fortelling = storyOf(state.fil);
    render();
    showLoadNotice(unfit, origin);
    updateMode();
  }

  function fit(node, value, path, unfit, errs) {
    var v = valueNode(node);
    var kind = kindOf(node);
    var problem = errs.filter(function (e) { return fieldPath(e.path) === fieldPath(path); })[0];
    if (kind === "gruppe") {
      if (!isObj(value)) { if (value !== null) unfit.push(fieldPath(path) + ": " + (problem ? problem.message : found(value))); return undefined; }
      var out = {};
      Object.keys(value).forEach(function (key) {
        var sub = (v.properties || {})[key];
        if (!sub) {
          var p = errs.filter(function (e) { return fieldPath(e.path) === fieldPath(path.concat([key])); })[0];
          unfit.push(fieldPath(path.concat([key])) + ": " + (p ? p.message : "ukjent felt"));
          return;
        }
        var c = fit(sub, value[key], path.concat([key]), unfit, errs);
        if (c !== undefined) out[key] = c;
      });
      return out;
    }
    if (kind === "liste") {
      if (!Array.isArray(value)) { if (value !== null) unfit.push(fieldPath(path) + ": " + (problem ? problem.message : found(value))); return undefined; }
      return value.map(function (item, i) { return fit(v.items, item, path.concat([i]), unfit, errs); });
    }
    if (isObj(value) || Array.isArray(value)) {
      unfit.push(fieldPath(path) + ": " + (problem ? problem.message : found(value)));
      return undefined;
    }
    return value === null ? undefined : value;
  }

  function showLoadNotice(unfit, origin) {
    loadNoticeEl.textContent = "";
    loadNoticeEl.hidden = true;
    if (!origin) return;
    var items = unfit.map(function (u) { return el("li", { text: u }); });
    if (!items.length) {
      loadNoticeEl.appendChild(el("p", { text: origin.text }));
    } else {
      loadNoticeEl.appendChild(el("p", { text: origin.text + " Noen deler av filen passer ikke i skjemaet og er ikke tatt med. Rett dem i filen, eller skriv dem inn på nytt:" }));
      loadNoticeEl.appendChild(el("ul", null, items));
    }
    loadNoticeEl.hidden = false;
    loadNoticeEl.focus();
  }

  // --- the result: download, GitHub, the issue form ------------------------------------------------

  function staleResult() {
    if (!resultEl.hidden) {
      resultEl.hidden = true;
      resultEl.textContent = "";
    }
  }

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return false; });
    }
    return Promise.resolve(false);
  }

  function copyThen(text, done) {
    return function () {
      copy(text).then(function (ok) {
        var ta = document.getElementById("ks-yaml");
        if (!ok && ta) { ta.focus(); ta.select(); }
        announce(ok ? "Innholdet i filen er kopiert." + (done ? " " + done : "") :
          "Kunne ikke kopiere. Teksten er merket i feltet «Innholdet i filen»: kopier den med Ctrl+C (Cmd+C på Mac).");
      });
    };
  }

  var MAX_URL = 8000; // GitHub refuses much longer addresses

  function showResult(d) {
    var yaml = toYaml(d);
    var file = targetFile(d);
    var name = file.split("/").pop();
    var repo = root.getAttribute("data-repo");
    var gren = root.getAttribute("data-gren") || "main";
    var sak = root.getAttribute("data-sak");
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = URL.createObjectURL(new Blob([yaml], { type: "text/yaml;charset=utf-8" }));
    resultEl.textContent = "";
    resultEl.appendChild(el("h2", { id: "ks-resultat-tittel", text: "Filen er klar" }));
    var existing = !!state.fil && R.caser.some(function (c) { return c.fil === file; });
    resultEl.appendChild(el("p", null, ["Kontrollen fant ingen feil. Filen heter ", el("code", { text: file }),
      existing ? " og erstatter filen som ligger på nettstedet nå." : "."]));
    var actions = el("div", { class: "ks-handlinger" });
    actions.appendChild(el("a", { class: "md-button md-button--primary", href: blobUrl, download: name, id: "ks-last-ned" },
      ["Last ned " + name]));
    var copyBtn = el("button", { type: "button", class: "ks-knapp", id: "ks-kopier" }, ["Kopier innholdet"]);
    copyBtn.addEventListener("click", copyThen(yaml));
    actions.appendChild(copyBtn);
    resultEl.appendChild(actions);
    if (repo) {
      resultEl.appendChild(el("h3", { text: "Send filen til GitHub" }));
      var list = el("ul", { class: "ks-send" });
      if (!existing) {
        var url = repo + "/new/" + encodeURIComponent(gren) + "?filename=" + encodeURIComponent(file) +
          "&value=" + encodeURIComponent(yaml);
        if (url.length <= MAX_URL) {
          list.appendChild(el("li", null, [el("a", { href: url, target: "_blank", rel: "noopener", id: "ks-github-ny" },
            ["Åpne den nye filen på GitHub"]), " (i en ny fane). GitHub viser filen ferdig utfylt. Har du ikke skrivetilgang, lager GitHub en kopi (fork) til deg; trykk «Commit changes…» og så «Propose changes» for å lage en pull request."]));
        } else {
          var plain = repo + "/new/" + encodeURIComponent(gren) + "?filename=" + encodeURIComponent(file);
          var big = el("a", { href: plain, target: "_blank", rel: "noopener", id: "ks-github-ny" }, ["Kopier innholdet og åpne en ny fil på GitHub"]);
          big.addEventListener("click", copyThen(yaml));
          list.appendChild(el("li", null, [big, " (i en ny fane). Filen er for lang til å fylles ut av seg selv: lim inn innholdet (Ctrl+V) i det tomme feltet, og trykk «Commit changes…»."]));
        }
      } else {
        var edit = el("a", { href: repo + "/edit/" + encodeURIComponent(gren) + "/" + file.split("/").map(encodeURIComponent).join("/"),
          target: "_blank", rel: "noopener", id: "ks-github-rediger" }, ["Kopier innholdet og åpne filen på GitHub"]);
        edit.addEventListener("click", copyThen(yaml));
        list.appendChild(el("li", null, [edit, " (i en ny fane). GitHub kan ikke fylle ut en fil som finnes fra før: merk alt i filen der (Ctrl+A), lim inn (Ctrl+V), og trykk «Commit changes…»."]));
      }
      if (sak) {
        // GitHub's issue forms take field values from the address (field ids of foresla-case.yml).
        var issueUrl = sak + "&title=" + encodeURIComponent("Forslag: " + (d.navn || "")) +
          "&kommune=" + encodeURIComponent(d.navn || "");
        var withFile = issueUrl + "&yaml=" + encodeURIComponent(yaml);
        var filled = withFile.length <= MAX_URL;
        var issue = el("a", { href: filled ? withFile : issueUrl, target: "_blank", rel: "noopener", id: "ks-github-sak" },
          [filled ? "Åpne forslagsskjemaet med filen fylt inn" : "Kopier innholdet og åpne forslagsskjemaet"]);
        issue.addEventListener("click", copyThen(yaml));
        list.appendChild(el("li", null, ["Uten GitHub-kunnskap: ", issue, filled ?
          " (i en ny fane). Fyll ut resten av skjemaet der og send det; en redaktør legger casen inn." :
          " (i en ny fane), og lim innholdet inn i feltet «Fil fra skjemaet». En redaktør legger casen inn."]));
      }
      resultEl.appendChild(list);
    }
    resultEl.appendChild(el("label", { for: "ks-yaml", text: "Innholdet i filen" }));
    var ta = el("textarea", { id: "ks-yaml", readonly: true, rows: "16", spellcheck: "false", class: "ks-yaml" });
    ta.value = yaml;
    resultEl.appendChild(ta);
    resultEl.hidden = false;
    resultEl.focus();
  }

  function onSubmit(event) {
    event.preventDefault();
    var d = cleanCase();
    var errs = validate(d);
    if (errs.length) {
      staleResult();
      showErrors(errs);
      return;
    }
    clearErrors();
    showResult(d);
  }

  // --- start: empty, from the self-assessment, from a case page, or from a file ---------------------

  function updateMode() {
    var modeEl = document.getElementById("ks-modus");
    if (!modeEl) return;
    var c = state.fil && R.caser.filter(function (x) { return x.fil === state.fil; })[0];
    var navn = typeof state.data.navn === "string" && state.data.navn.trim() ? state.data.navn.trim() : "kommunen";
    modeEl.textContent = c ? "Du endrer casen for " + navn + " (" + c.fil + ")." : "Du lager en ny case.";
  }

  function newCase() {
    state = { data: { sprak: "nb", deltakelse: [{}], oppdatert: today() }, fil: null, kommentar: [], kilde: null };
  }

  function prefill(params) {
    var nr = params.get("kommune");
    var k = nr && byNumber[nr];
    if (k) { state.data.kommunenummer = k[0]; state.data.navn = k[1]; }
    var fokus = params.getAll("fokus")[0];
    if (fokus) state.data.fokusomrade = fokus;
    var sektorer = params.getAll("sektor").filter(function (s) { return s !== "kulturskole"; });
    if (sektorer.length) {
      state.data.kommunegruppe = [{ sektor: "kulturskole" }].concat(sektorer.map(function (s) { return { sektor: s }; }));
    }
    var partnere = params.getAll("partner");
    if (partnere.length) state.data.partnere = partnere.map(function (t) { return { type: t }; });
    var kriterier = params.getAll("kriterium");
    if (kriterier.length) state.data.suksesskriterier = kriterier.map(function (id) { return { id: id }; });
    if (location.hash.length > 1) {
      var answers = new URLSearchParams(location.hash.slice(1));
      answers.forEach(function (value, key) {
        var path = key.split(".");
        var node = R.skjema, ok = true;
        path.forEach(function (p) { var v = valueNode(node); node = (v.properties || {})[p]; if (!node) ok = false; });
        if (ok && kindOf(node) === "tekst") setAt(state.data, path, value);
      });
      history.replaceState(null, "", location.pathname + location.search);
    }
  }

  function dropNotice() {
    var notice = root.querySelector("[data-ks-skjema-utenjs]");
    if (notice) notice.remove();
  }

  function build() {
    dropNotice();
    app = el("div", { class: "ks-skjema__app" });
    statusEl = el("div", { class: "ks-skjult", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    summaryEl = el("section", { class: "ks-feiloppsummering", tabindex: "-1", hidden: true, "aria-labelledby": "ks-feil-tittel" });
    loadNoticeEl = el("div", { class: "ks-lastet", tabindex: "-1", hidden: true });
    resultEl = el("section", { class: "ks-resultat", tabindex: "-1", hidden: true, "aria-labelledby": "ks-resultat-tittel" });

    var start = el("div", { class: "ks-start" });
    start.appendChild(el("p", { id: "ks-modus", class: "ks-modus" }));
    var fileId = "ks-fil-inn";
    var fileInput = el("input", { type: "file", id: fileId, accept: ".yml,.yaml,text/yaml,application/yaml", "aria-describedby": fileId + "-hjelp" });
    fileInput.addEventListener("change", function () {
      var f = fileInput.files && fileInput.files[0];
      if (!f) return;
      f.text().then(function (text) {
        var data;
        try {
          data = parseYaml(text);
        } catch (err) {
          var line = err && err.mark ? " på linje " + (err.mark.line + 1) : "";
          showLoadNotice(["ugyldig YAML" + line + ": " + (err.reason || err.message) + "; sjekk innrykk, kolon og anførselstegn"],
            { text: "Kunne ikke lese " + f.name + "." });
          return;
        }
        loadData(data, null, leadingComments(text), { file: f.name, text: "Lastet inn " + f.name + "." });
        staleResult();
      });
    });
    start.appendChild(el("div", { class: "ks-felt" }, [
      el("label", { for: fileId, text: "Fortsett med en fil (valgfritt)" }),
      el("p", { class: "ks-hjelp", id: fileId + "-hjelp", text: "Velg en YAML-fil du har lagret fra skjemaet før, eller en kommunes fil fra data/kommuner/. Filen leses bare i nettleseren din." }),
      fileInput,
    ]));
    var fresh = el("button", { type: "button", class: "ks-knapp", id: "ks-ny" }, ["Begynn på nytt med et tomt skjema"]);
    fresh.addEventListener("click", function () {
      newCase();
      history.replaceState(null, "", location.pathname);
      render();
      staleResult();
      updateMode();
      showLoadNotice([], null);
      announce("Skjemaet er tomt.");
      focusTarget({ path: ["navn"] });
    });
    start.appendChild(fresh);

    formEl = el("form", { class: "ks-skjema__skjema", novalidate: true, "aria-label": "Kommunecase" });
    formEl.appendChild(el("div", { "data-ks-felter": "" }));
    var datalist = el("datalist", { id: "ks-kommunenavn" });
    R.register.kommuner.forEach(function (k) { datalist.appendChild(el("option", { value: k[1] })); });
    formEl.appendChild(datalist);
    formEl.appendChild(el("p", { class: "ks-hjelp", text: "Kontrollen bruker de samme reglene som nettstedet. Ingenting sendes." }));
    formEl.appendChild(el("button", { type: "submit", class: "md-button md-button--primary", id: "ks-kontroller" }, ["Kontroller og lag fil"]));
    formEl.addEventListener("submit", onSubmit);

    [statusEl, start, loadNoticeEl, summaryEl, formEl, resultEl].forEach(function (n) { app.appendChild(n); });
    root.insertBefore(app, root.firstChild);
  }

  function fail(text) {
    dropNotice();
    root.appendChild(el("div", { class: "admonition warning" }, [
      el("p", { class: "admonition-title", text: "Skjemaet kunne ikke lastes" }),
      el("p", null, [text + " Du kan skrive YAML-filen selv etter ",
        el("a", { href: root.getAttribute("data-felter") || "../felter/", text: "feltveiledningen" }), "."]),
    ]));
  }

  function start() {
    var params = new URLSearchParams(location.search);
    var slug = params.get("rediger");
    newCase();
    if (slug && /^[a-z0-9-]+$/.test(slug)) {
      fetch(root.getAttribute("data-caser") + slug + ".json").then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      }).then(function (c) {
        build();
        loadData(c.data, c.fil, [], { text: "Skjemaet er fylt ut med casen fra " + c.fil + "." });
      }, function () {
        build();
        render();
        updateMode();
        showLoadNotice([], { text: "Fant ikke casen «" + slug + "». Skjemaet er tomt." });
      });
      return;
    }
    prefill(params);
    build();
    render();
    updateMode();
  }

  fetch(root.getAttribute("data-regler"))
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
    .then(function (rules) {
      R = rules;
      R.caser = R.caser.map(function (c) { return { nr: c[0], fil: c[1], fortelling: c[2] === 1, program: c[3] }; });
      indexRegister();
      start();
    })
    .catch(function () { fail("Reglene for skjemaet kunne ikke hentes fra nettstedet."); });

  // Exposed for the browser tests only: the same functions the form uses.
  window.ksSkjema = {
    validate: function (d) { return validate(d).map(function (e) { return { felt: fieldPath(e.path), melding: e.message }; }); },
    toYaml: function (d) { return toYaml(d); },
    parseYaml: function (t) { return parseYaml(t); },
    ratio: ratio,
    found: found,
    data: function () { return cleanCase(); },
  };
})();
