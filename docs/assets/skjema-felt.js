/* The fields of the case form (docs/assets/skjema.js), built from the JSON Schema in regler.json:
 * field order, titles, value lists with their titles, and the help texts for people (formhelp.py),
 * in the case's målform. What the rule tables say shapes the fields too, without naming a field here:
 * - a status list follows the chosen programme (the cross-file row with the test «i_programmet»);
 * - consent comes before name and e-mail (the whole-record row «krever»);
 * - a source shows the fields its kind needs (the rows «krever_nar»).
 * Dates are typed as dd.mm.åååå and kept as ÅÅÅÅ-MM-DD, the form the file and the rules use.
 */
(function (root) {
  "use strict";
  var K = root.KsRegler;
  var has = K.has, own = K.own, isObj = K.isObj, pyStr = K.pyStr, fieldPath = K.fieldPath;

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

  function hidden(text) { return el("span", { class: "ks-skjult", text: text }); }
  function lower(t) { return t.charAt(0).toLowerCase() + t.slice(1); }
  function idOf(path) { return "ks-f" + (path.length ? "-" + path.join("-") : ""); }
  // "deltakelse[].dato": the path of a field without the positions in its lists.
  function keyOf(path) { return path.map(function (p) { return typeof p === "number" ? "[]" : p; }).join(".").replace(/\.\[\]/g, "[]"); }

  function getAt(obj, path) {
    var cur = obj;
    for (var i = 0; i < path.length; i++) {
      if (cur === null || cur === undefined || !has(cur, path[i])) return undefined;
      cur = cur[path[i]];
    }
    return cur;
  }

  // Writes own properties only; a key such as __proto__ is refused (a crafted address or file).
  function setAt(obj, path, value) {
    if (!path.every(K.safeKey)) return false;
    var cur = obj;
    for (var i = 0; i < path.length - 1; i++) {
      var key = path[i];
      if (!has(cur, key) || cur[key] === null || typeof cur[key] !== "object") cur[key] = typeof path[i + 1] === "number" ? [] : {};
      cur = cur[key];
    }
    var last = path[path.length - 1];
    if (value === undefined) {
      if (Array.isArray(cur)) cur[last] = undefined; else delete cur[last];
    } else {
      cur[last] = value;
    }
    return true;
  }

  // dd.mm.åååå (or d.m.åååå, with . / or -) -> ÅÅÅÅ-MM-DD, also for a day that does not exist (the
  // rules then say so); anything else is kept as written, and the rules say what is wrong.
  function toIso(text) {
    var t = text.trim();
    var m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
    if (m) return m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2);
    return t;
  }

  function fromIso(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return m ? m[3] + "." + m[2] + "." + m[1] : value;
  }

  // Messages speak of dates the way the form asks for them.
  function forPeople(text) {
    return text.replace(/ÅÅÅÅ-MM-DD/g, "dd.mm.åååå").replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, "$3.$2.$1");
  }

  function lag(R, E, ui) {
    // ui: {state(), onChange(path, value, kind), render(focus), announce(text), fillFromRegister(event)}
    var deref = E.deref, valueNode = E.valueNode, kindOf = E.kindOf;

    function titleOf(key, node) {
      var t = deref(node).title || (typeof key === "string" ? key.replace(/_/g, " ") : "");
      return t.charAt(0).toUpperCase() + t.slice(1);
    }

    function itemTitle(key, node) {
      var items = valueNode(node).items;
      var sub = deref(items);
      return (items && items.$ref && sub.title) || titleOf(key, node);
    }

    function required(obj, key) { return (deref(obj).required || []).indexOf(key) >= 0; }

    function lang() { return ui.state().data.sprak === "nn" ? "nn" : "nb"; }

    function helpOf(path, node) {
      var h = own(R.hjelp, keyOf(path));
      if (h) return h[lang()] || h.nb;
      return deref(node).description || valueNode(node).description || ""; // a field without a text for people yet
    }

    // Consent before name and e-mail: the whole-record rows «krever» on this group say which.
    function fieldOrder(obj, path) {
      obj = deref(obj);
      var keys = Object.keys(obj.properties || {});
      (R.postregler || []).forEach(function (rule) {
        if (rule.test !== "krever" || rule.sti !== keyOf(path)) return;
        var first = Math.min.apply(null, rule.args.hvis.map(function (k) { return keys.indexOf(k); }).filter(function (i) { return i >= 0; }));
        var gate = keys.indexOf(rule.args.felt);
        if (!isFinite(first) || gate < 0 || gate < first) return;
        keys.splice(gate, 1);
        keys.splice(first, 0, rule.args.felt);
      });
      return keys;
    }

    // The kinds a field belongs to (rows «krever_nar»): shown when the group is of one of them, or
    // when it holds a value already.
    function shownFor(path, key, value) {
      var groupKey = keyOf(path);
      var kinds = null, group = getAt(ui.state().data, path);
      (R.postregler || []).forEach(function (rule) {
        if (rule.test !== "krever_nar" || rule.sti !== groupKey || rule.args.krever.indexOf(key) < 0) return;
        var current = isObj(group) && has(group, rule.args.felt) ? group[rule.args.felt] : rule.args.standard;
        kinds = kinds || false;
        if (current === rule.args.verdi) kinds = true;
      });
      return kinds === null || kinds === true || (value !== undefined && value !== null && value !== "");
    }

    // A list of values the rules narrow by another field (a programme's statuses).
    function allowedBy(path, options) {
      var d = ui.state().data, out = options;
      (R.kryssregler || []).forEach(function (rule) {
        if (rule.test !== "i_programmet" || rule.sti !== keyOf(path)) return;
        var program = typeof own(d, rule.args.program) === "string" ? d[rule.args.program].trim() : "";
        var p = program ? own(R.programmer, program) : undefined;
        if (p) out = options.filter(function (o) { return p.statuser.indexOf(o[0]) >= 0; });
      });
      return out;
    }

    function isShortText(key, node) {
      var v = valueNode(node);
      if (v.pattern && !(v["x-regel"] === "ks_blank" && !v.allOf)) return true; // ids, numbers, titles, links
      if (v.allOf) return true; // titles and names (no markup)
      return (R.korte || []).indexOf(key) >= 0;
    }

    function hintFor(id, text) {
      return text ? el("p", { class: "ks-hjelp", id: id + "-hjelp", text: text, lang: lang() === "nn" ? "nn" : null }) : null;
    }

    function describedBy(id, text) { return text ? id + "-hjelp" : null; }
    function append(parent, child) { if (child) parent.appendChild(child); }

    function onInput(path, kind) {
      return function (event) {
        var t = event.target, value;
        if (kind === "avkryss") value = t.checked ? true : undefined;
        else if (kind === "dato") value = t.value === "" ? undefined : toIso(t.value);
        else value = t.value === "" ? undefined : t.value;
        ui.onChange(path, value, kind);
      };
    }

    function choiceField(key, node, path, label, parentRequired, value, wrap, id, desc) {
      var v = valueNode(node);
      var options = allowedBy(path, v.enum.map(function (value_, i) {
        return [value_, (v.enumDescriptions && v.enumDescriptions[i]) || value_];
      }));
      var dflt = deref(node).default;
      var optional = !parentRequired && (dflt === undefined || dflt === null);
      var odd = value !== undefined && !options.some(function (o) { return o[0] === value; }); // kept, shown, refused
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
          input.addEventListener("change", onInput(path, "valg"));
          if (i === 0) input.setAttribute("data-ks-forste", "");
          fs.appendChild(el("div", { class: "ks-valg__rad" }, [input, el("label", { for: oid, text: opt[1] })]));
        });
        if (!optional && value === undefined && dflt) setAt(ui.state().data, path, dflt);
        return wrap;
      }
      wrap.appendChild(el("label", { for: id, text: label }));
      append(wrap, hintFor(id, desc));
      var select = el("select", { id: id, "aria-describedby": describedBy(id, desc) },
        [el("option", { value: "", text: optional ? "Ikke oppgitt" : "Velg" })]);
      options.forEach(function (opt) {
        select.appendChild(el("option", { value: opt[0], text: opt[1], selected: value === opt[0] }));
      });
      if (odd) select.appendChild(el("option", { value: value, text: pyStr(value), selected: true }));
      select.addEventListener("change", onInput(path, "valg"));
      wrap.appendChild(select);
      return wrap;
    }

    function scalarField(key, node, path, label, parentRequired) {
      var id = idOf(path);
      var kind = kindOf(node);
      var v = valueNode(node);
      var value = getAt(ui.state().data, path);
      var desc = helpOf(path, node);
      var wrap = el("div", { class: "ks-felt", "data-sti": fieldPath(path) });
      if (kind === "valg") return choiceField(key, node, path, label, parentRequired, value, wrap, id, desc);
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
        lang: free || v.allOf ? lang() : null };
      var input;
      if (short) {
        attrs.type = "text";
        if (kind === "dato") attrs.class = "ks-kort ks-dato";
        if (key === "kommunenummer") { attrs.inputmode = "numeric"; attrs.class = "ks-kort"; }
        if (key === "epost") { attrs.inputmode = "email"; attrs.type = "email"; }
        if (key === "url") { attrs.inputmode = "url"; attrs.type = "url"; }
        if (path.length === 1 && path[0] === "navn") attrs.list = "ks-kommunenavn";
        input = el("input", attrs);
      } else {
        attrs.rows = "4";
        input = el("textarea", attrs);
      }
      var shown = value === undefined || value === null ? "" : pyStr(value);
      input.value = kind === "dato" ? fromIso(shown) : shown;
      input.addEventListener("input", onInput(path, kind));
      if (path.length === 1 && (path[0] === "navn" || path[0] === "kommunenummer")) {
        input.addEventListener("change", ui.fillFromRegister);
      }
      wrap.appendChild(input);
      return wrap;
    }

    function objectFields(objNode, path, container, level) {
      var obj = deref(objNode);
      fieldOrder(obj, path).forEach(function (key) {
        var sub = obj.properties[key];
        if (!shownFor(path, key, getAt(ui.state().data, path.concat([key])))) return;
        container.appendChild(field(key, sub, path.concat([key]), required(obj, key), level));
      });
    }

    function field(key, node, path, isRequired, level) {
      var kind = kindOf(node);
      var label = titleOf(key, node);
      if (kind === "gruppe") {
        var id = idOf(path);
        var desc = helpOf(path, node);
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
      var desc = helpOf(path, node);
      var items = getAt(ui.state().data, path);
      if (!Array.isArray(items)) items = [];
      var fs = el("fieldset", { class: "ks-liste", id: id, "data-sti": fieldPath(path),
        "aria-describedby": describedBy(id, desc) }, [el("legend", { text: label })]);
      append(fs, hintFor(id, desc));
      var list = el("ol", { class: "ks-liste__rader" });
      var itemNode = v.items;
      var objectItems = kindOf(itemNode) === "gruppe";
      items.forEach(function (_, i) {
        var rowPath = path.concat([i]);
        var name = noun + " " + (i + 1);
        var li = el("li", { class: "ks-rad" });
        var body;
        if (objectItems) {
          body = el("fieldset", { class: "ks-rad__felt", id: idOf(rowPath), "data-sti": fieldPath(rowPath) },
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
      var items = getAt(ui.state().data, path);
      if (!Array.isArray(items)) { items = []; setAt(ui.state().data, path, items); }
      return items;
    }

    function addRow(path, objectItems, noun) {
      var items = listOf(path);
      items.push(objectItems ? {} : undefined);
      ui.render({ path: path.concat([items.length - 1]) });
      ui.changed();
      ui.announce(noun + " " + items.length + " er lagt til.");
    }

    function rowAction(path, i, action, name) {
      var items = listOf(path);
      var noun = name.replace(/ \d+$/, "");
      if (action === "fjern") {
        items.splice(i, 1);
        var next = items.length ? { path: path.concat([Math.min(i, items.length - 1)]) } : idOf(path) + "-legg-til";
        ui.render(next);
        ui.changed();
        ui.announce(name + " er fjernet. Listen har nå " + items.length + (items.length === 1 ? " punkt." : " punkter."));
        return;
      }
      var j = action === "opp" ? i - 1 : i + 1;
      var moved = items[i];
      items[i] = items[j];
      items[j] = moved;
      var rowId = idOf(path.concat([j]));
      ui.render([rowId + "-" + action, rowId + "-" + (action === "opp" ? "ned" : "opp")]);
      ui.changed();
      ui.announce(name + " er flyttet " + (action === "opp" ? "opp" : "ned") + " og er nå " + lower(noun) + " " + (j + 1) + ".");
    }

    function fields() {
      var fresh = el("div", { "data-ks-felter": "" });
      objectFields(R.skjema, [], fresh, 2);
      return fresh;
    }

    // «Kommunegruppe › Medlem 2 › Rolle»: where an error is, in the words of the form.
    function labelTrail(path) {
      var parts = [], node = R.skjema, key = null;
      path.forEach(function (p) {
        var v = valueNode(node);
        if (typeof p === "number") {
          parts[parts.length - 1] = itemTitle(key, node) + " " + (p + 1);
          node = v.items || {};
        } else {
          key = p;
          var sub = own(v.properties, p);
          parts.push(sub ? titleOf(p, sub) : p);
          node = sub || {};
        }
      });
      return parts.join(" › ");
    }

    // Fields whose value changes what other fields show: the programme (its statuses), a source's
    // kind (its fields), the målform (the help texts). Read from the rules, not named here.
    var controllers = ["sprak"];
    (R.kryssregler || []).forEach(function (r) { if (r.test === "i_programmet") controllers.push(r.args.program); });
    (R.postregler || []).forEach(function (r) {
      if (r.test === "krever_nar") controllers.push(r.sti ? r.sti + "." + r.args.felt : r.args.felt);
    });
    function controls(path) { return controllers.indexOf(keyOf(path)) >= 0; }

    return { fields: fields, labelTrail: labelTrail, lang: lang, controls: controls };
  }

  root.KsFelt = { lag: lag, el: el, hidden: hidden, idOf: idOf, keyOf: keyOf, getAt: getAt, setAt: setAt,
    toIso: toIso, fromIso: fromIso, forPeople: forPeople };
})(self);
