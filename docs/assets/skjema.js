/* The case form /bidra/skjema/ (issue 9.3, 18). Loaded only by that page, after skjema-regler.js (the
 * rules), skjema-felt.js (the fields), skjema-yaml.js (the file) and skjema-send.js (the last step).
 *
 * Nothing about the fields or rules is written here: they come from regler.json (macros/site/form.py).
 * This file holds the state, the draft, the error summary (GOV.UK pattern), loading a file or a case,
 * and the start from «Hvor står vi?».
 *
 * Privacy: nothing is sent. What is typed is kept as a draft in this browser only (localStorage,
 * «ks-skjema-utkast»), so a reload loses nothing; «Slett utkastet» removes it (named on /personvern/).
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-ks-skjema]");
  if (!root || !self.KsRegler || !self.KsFelt) return;
  var K = self.KsRegler, F = self.KsFelt;
  var el = F.el, has = K.has, own = K.own, isObj = K.isObj, fieldPath = K.fieldPath, found = K.found;
  var idOf = F.idOf, setAt = F.setAt;

  var R = null, E = null, Y = null, UI = null; // regler.json, the evaluator, the YAML, the fields
  var state = { data: {}, fil: null, kommentar: [], fortelling: false };
  var carried = new WeakSet(); // rows taken over from «Hvor står vi?», dropped if left as they came
  var app, formEl, summaryEl, resultEl, statusEl, loadNoticeEl, draftEl;
  var blobUrl = null;
  var DRAFT = "ks-skjema-utkast";

  // A live region reads a change: empty it, then set the text (the newest announcement wins).
  var announceTimer = null;
  function announce(text) {
    window.clearTimeout(announceTimer);
    statusEl.textContent = "";
    announceTimer = window.setTimeout(function () { statusEl.textContent = text; }, 50);
  }

  // --- the draft: kept in this browser, on this device, until it is deleted -------------------------

  var draftTimer = null;
  // An older draft the reader has not yet chosen to continue or delete (the form was opened with
  // choices from «Hvor står vi?» or a case): kept inside the new draft, so typing never loses it.
  var pending = null;
  // The form was filled from its address (choices, or a case to edit): once a draft holds what was
  // typed, the address drops them, so a reload shows the draft rather than the choices again.
  var fromAddress = false;
  var prefillNote = null; // what the choices from «Hvor står vi?» could not all bring along
  function saveDraft() {
    deleted = null;
    window.clearTimeout(draftTimer);
    draftTimer = window.setTimeout(writeDraft, 300);
  }

  // The draft as stored: what is typed, and which rows came from «Hvor står vi?» untouched.
  function draftRecord() {
    var rows = [];
    Object.keys(state.data).forEach(function (key) {
      if (Array.isArray(state.data[key])) state.data[key].forEach(function (item, i) { if (isObj(item) && carried.has(item)) rows.push([key, i]); });
    });
    var record = { lagret: new Date().toISOString(), data: state.data, fil: state.fil, kommentar: state.kommentar, fort: rows };
    if (pending) record.forrige = pending;
    return JSON.parse(JSON.stringify(record));
  }

  function writeDraft() {
    draftTimer = null;
    try {
      localStorage.setItem(DRAFT, JSON.stringify(draftRecord()));
      if (fromAddress) {
        fromAddress = false;
        history.replaceState(null, "", location.pathname);
      }
      showDraftNotice();
    } catch (e) { /* storage off or full: the form still works, only the draft is not kept */ }
  }

  // Leaving the page (reload, another tab, closing) keeps what was typed in the last moment too.
  window.addEventListener("pagehide", function () {
    if (draftTimer === null || !E) return;
    window.clearTimeout(draftTimer);
    writeDraft();
  });

  function readDraft() {
    try {
      var d = JSON.parse(localStorage.getItem(DRAFT) || "null");
      return isObj(d) && isObj(d.data) ? d : null;
    } catch (e) { return null; }
  }

  function deleteDraft() {
    window.clearTimeout(draftTimer);
    draftTimer = null; // else leaving the page writes the draft again (pagehide)
    try { localStorage.removeItem(DRAFT); } catch (e) { /* nothing kept */ }
  }

  function useDraft(d) {
    state = { data: d.data, fil: typeof d.fil === "string" ? d.fil : null,
      kommentar: Array.isArray(d.kommentar) ? d.kommentar : [], fortelling: false };
    state.fortelling = storyOf(state.fil);
    (d.fort || []).forEach(function (r) {
      var item = Array.isArray(own(state.data, r[0])) ? state.data[r[0]][r[1]] : null;
      if (isObj(item)) carried.add(item);
    });
  }

  function when(iso) {
    var t = new Date(iso);
    return isNaN(t) ? "" : t.toLocaleString("nb-NO", { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
  }

  // The notice at the top: a draft is kept here (with «Slett utkastet»), or one is waiting.
  // What «Slett utkastet» removed, until the reader types again: «Angre» brings it back.
  var deleted = null;

  function showDraftNotice() {
    var waiting = pending;
    var d = waiting || readDraft();
    draftEl.textContent = "";
    draftEl.hidden = !d && !deleted;
    if (!d && deleted) {
      var undone = deleted;
      draftEl.appendChild(el("p", { text: undone.waiting ? "Utkastet er slettet." : "Utkastet er slettet, og skjemaet er tomt." }));
      var undo = el("button", { type: "button", class: "ks-knapp", id: "ks-utkast-angre" }, ["Angre"]);
      undo.addEventListener("click", function () {
        deleted = null;
        if (undone.waiting) {
          pending = undone.draft;
        } else {
          useDraft(undone.draft);
          render();
          updateMode();
        }
        writeDraft();
        announce("Utkastet er hentet tilbake.");
        focusTarget({ path: ["navn"] });
      });
      draftEl.appendChild(el("div", { class: "ks-handlinger" }, [undo]));
      return;
    }
    if (!d) return;
    var text = waiting ? "Du har et utkast fra " + when(waiting.lagret) + " i denne nettleseren. Skjemaet viser det du kom hit med; vil du heller fortsette med utkastet?"
      : "Utkastet lagres i denne nettleseren mens du skriver (sist " + when(d.lagret) + "), så du kan fortsette senere på denne enheten. Det sendes ikke noe sted.";
    draftEl.appendChild(el("p", { text: text }));
    var buttons = el("div", { class: "ks-handlinger" });
    if (waiting) {
      var resume = el("button", { type: "button", class: "ks-knapp", id: "ks-utkast-fortsett" }, ["Fortsett med utkastet"]);
      resume.addEventListener("click", function () {
        var older = pending;
        pending = isObj(older.forrige) && isObj(older.forrige.data) ? older.forrige : null;
        useDraft(older);
        render();
        updateMode();
        writeDraft();
        announce("Utkastet er hentet fram.");
        focusTarget({ path: ["navn"] });
      });
      buttons.appendChild(resume);
    }
    var del = el("button", { type: "button", class: "ks-knapp", id: "ks-utkast-slett" }, ["Slett utkastet"]);
    del.addEventListener("click", function () {
      deleted = { draft: waiting || draftRecord(), waiting: !!waiting };
      pending = null;
      deleteDraft();
      if (!waiting) newCase();
      render();
      updateMode();
      staleResult();
      showDraftNotice();
      announce(waiting ? "Utkastet er slettet." : "Utkastet er slettet, og skjemaet er tomt.");
      focusTarget({ path: ["navn"] });
    });
    buttons.appendChild(del);
    draftEl.appendChild(buttons);
  }

  // --- changes ---------------------------------------------------------------------------------------

  function onChange(path, value, kind) {
    setAt(state.data, path, value);
    var dropped = dropDisallowed(path);
    staleResult();
    changed();
    // A choice can change which fields or values others show (the programme's statuses, a source's kind).
    if (UI.controls(path)) render();
    if (dropped) {
      var box = document.getElementById(idOf(dropped.path));
      if (box) box.insertBefore(el("p", { class: "ks-merknad", text: dropped.text }), box.firstChild.nextSibling);
      announce(dropped.text);
    }
  }

  // Any change to the data: a file made before it is no longer what the form holds.
  function changed() { staleResult(); saveDraft(); }

  // A new programme: statuses the programme does not use are taken away at once, and said, so the
  // reader chooses again instead of meeting the error on submit (the rule: «i_programmet»).
  function dropDisallowed(path) {
    if (path.length !== 1) return null;
    var gone = [], where = null;
    (R.kryssregler || []).forEach(function (rule) {
      if (rule.test !== "i_programmet" || rule.args.program !== path[0]) return;
      var p = K.own(R.programmer, typeof state.data[path[0]] === "string" ? state.data[path[0]].trim() : "");
      if (!p) return;
      var parts = rule.sti.split("."), last = parts.pop();
      where = [parts[0].replace(/\[\]$/, "")];
      E.at(state.data, parts.join(".")).forEach(function (pl) {
        var item = pl[1];
        if (K.isObj(item) && typeof item[last] === "string" && p.statuser.indexOf(item[last]) === -1) {
          gone.push(item[last]);
          delete item[last];
        }
      });
    });
    if (!gone.length) return null;
    return { path: where, text: "Programmet du valgte, bruker ikke statusen " +
      gone.map(function (s) { return "«" + statusLabel(s) + "»"; }).join(", ") + ". Velg status på nytt." };
  }

  function statusLabel(id) {
    var box = document.querySelector('label[for$="-status-' + id + '"]');
    return box ? box.textContent.trim() : id;
  }

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
    formEl.querySelector("[data-ks-felter]").replaceWith(UI.fields());
    if (focus !== undefined && focus !== null) focusTarget(focus);
    else if (active) focusTarget(active);
    clearErrors();
  }

  // --- the register: name and number help each other ------------------------------------------------

  function fillFromRegister(event) {
    var navn = typeof state.data.navn === "string" ? state.data.navn.trim() : "";
    var nr = typeof state.data.kommunenummer === "string" ? state.data.kommunenummer.trim() : "";
    if (event.target.id === idOf(["navn"]) && navn && !nr) {
      var hits = E.byVariant.get(navn.toLowerCase()) || [];
      if (hits.length === 1) {
        state.data.kommunenummer = hits[0][0];
        document.getElementById(idOf(["kommunenummer"])).value = hits[0][0];
        announce("Kommunenummer " + hits[0][0] + " er fylt inn fra kommuneregisteret.");
        changed();
      }
    } else if (event.target.id === idOf(["kommunenummer"]) && nr && !navn && E.register.has(nr)) {
      state.data.navn = E.register.get(nr)[1];
      document.getElementById(idOf(["navn"])).value = state.data.navn;
      announce("Navnet " + state.data.navn + " er fylt inn fra kommuneregisteret.");
      changed();
    }
  }

  // --- clean data: what the file will hold ---------------------------------------------------------

  function clean(node, value, isRequired) {
    var v = E.valueNode(node);
    var kind = E.kindOf(node);
    if (value === undefined || value === null) return kind === "liste" && isRequired ? [] : undefined;
    if (kind === "gruppe") {
      if (!isObj(value)) return value;
      var out = {};
      Object.keys(v.properties || {}).forEach(function (key) {
        var c = clean(v.properties[key], own(value, key), (v.required || []).indexOf(key) >= 0);
        if (c !== undefined) out[key] = c;
      });
      Object.keys(value).forEach(function (key) {
        if (!has(v.properties || {}, key) && value[key] !== undefined) out[key] = value[key];
      });
      return Object.keys(out).length || isRequired ? out : undefined;
    }
    if (kind === "liste") {
      if (!Array.isArray(value)) return value;
      var items = value.map(function (item) { var c = clean(v.items, item, true); return c === undefined ? "" : c; });
      return items.length || isRequired ? items : undefined;
    }
    if (kind === "avkryss") return value === true ? true : (value === false ? undefined : value);
    // An untouched field is left out (→ «mangler»); spaces typed in it stay an empty text
    // (→ «feltet er tomt»), as the same value in a YAML file would.
    if (typeof value === "string") return value === "" ? undefined : value.trim();
    return value;
  }

  // Rows taken over from «Hvor står vi?» that were left as they came are not in the file: nothing
  // becomes required by surprise. Returns a note per dropped row.
  function withoutUntouched(d) {
    var notes = [];
    Object.keys(state.data).forEach(function (key) {
      var rows = state.data[key];
      if (!Array.isArray(rows) || !Array.isArray(own(d, key))) return;
      var kept = [];
      rows.forEach(function (item, i) {
        var filled = isObj(item) ? Object.keys(item).filter(function (k) { return item[k] !== undefined && item[k] !== ""; }) : [];
        if (isObj(item) && carried.has(item) && filled.length <= 1) {
          notes.push(UI.labelTrail([key, i]) + (filled.length ? " (" + titleOfValue(key, filled[0], item[filled[0]]) + ")" : ""));
        } else {
          kept.push(i);
        }
      });
      if (kept.length === rows.length) return;
      d[key] = kept.map(function (i) { return d[key][i]; });
      if (!d[key].length) delete d[key];
    });
    return notes;
  }

  // The title a value list gives a value (a sector's, a criterion's), else the value.
  function titleOfValue(list, field, value) {
    var item = E.valueNode((E.valueNode(E.prop(R.skjema, list) || {}).items) || {});
    var vn = E.valueNode(E.prop(item, field) || {});
    var i = (vn.enum || []).indexOf(value);
    return i >= 0 && vn.enumDescriptions ? vn.enumDescriptions[i] : String(value);
  }

  function cleanCase() { return clean(R.skjema, state.data, true); }

  function validate(d) { return E.validate(d, { fil: state.fil, fortelling: state.fortelling }); }

  // --- errors on the page (GOV.UK / Designsystemet: summary at the top, message at the field) -------

  function clearErrors() {
    Array.prototype.forEach.call(formEl.querySelectorAll(".ks-feil"), function (n) { n.remove(); });
    Array.prototype.forEach.call(formEl.querySelectorAll("[aria-invalid]"), function (n) {
      n.removeAttribute("aria-invalid");
      var ids = (n.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && !/-feil(-\d+)?$/.test(x); });
      if (ids.length) n.setAttribute("aria-describedby", ids.join(" ")); else n.removeAttribute("aria-describedby");
    });
    Array.prototype.forEach.call(formEl.querySelectorAll(".ks-felt--feil"), function (n) { n.classList.remove("ks-felt--feil"); });
    summaryEl.hidden = true;
    summaryEl.textContent = "";
  }

  // The element an error belongs to: the field with that path, or the nearest enclosing one.
  function holderOf(path) {
    for (var n = path.length; n >= 0; n--) {
      var hit = formEl.querySelector('[data-sti="' + CSS.escape(fieldPath(path.slice(0, n))) + '"]');
      if (hit) return hit;
    }
    return null;
  }

  function showErrors(errs) {
    clearErrors();
    var placed = errs.map(function (e, i) {
      var holder = holderOf(e.path) || formEl;
      var control = holder.matches("input, select, textarea") ? holder : holder.querySelector("input, select, textarea, button");
      var id = (holder.id || idOf(e.path)) + "-feil" + (holder.querySelector(".ks-feil") ? "-" + i : "");
      var words = F.forPeople(e.message);
      var msg = el("p", { class: "ks-feil", id: id, "data-sti": fieldPath(e.path) }, [F.hidden("Feil: "), words]);
      var anchor = holder.querySelector(":scope > legend, :scope > label");
      var hint = holder.querySelector(":scope > .ks-hjelp");
      var after = holder.querySelector(":scope > .ks-feil:last-of-type") || hint || anchor;
      if (holder === formEl) formEl.insertBefore(msg, formEl.firstChild);
      else if (after) after.after(msg); else holder.insertBefore(msg, holder.firstChild);
      holder.classList.add("ks-felt--feil");
      var targets = holder.matches("input, select, textarea, fieldset") ? [holder] :
        Array.prototype.slice.call(holder.querySelectorAll(":scope > input, :scope > select, :scope > textarea, :scope > .ks-avkryss > input"));
      targets.forEach(function (t) {
        t.setAttribute("aria-invalid", "true");
        var ids = (t.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        ids.push(id);
        t.setAttribute("aria-describedby", ids.join(" "));
      });
      return { e: e, words: words, holder: holder, control: control };
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
      var a = el("a", { href: "#" + target, "data-sti": fieldPath(p.e.path) }, [UI.labelTrail(p.e.path) + ": " + p.words]);
      a.addEventListener("click", function (event) {
        var t = document.getElementById(target);
        if (!t) return;
        event.preventDefault();
        (p.holder.querySelector("legend, label") || t).scrollIntoView();
        t.focus({ preventScroll: true });
      });
      ul.appendChild(el("li", null, [a]));
    });
    summaryEl.appendChild(ul);
    summaryEl.hidden = false;
    summaryEl.focus();
  }

  // --- data from a file or a case page into the form --------------------------------------------
  // Parts the form cannot hold (unknown fields, a text where a list belongs) are listed with the
  // message `kulturskole sjekk` gives, never dropped in silence.

  function storyOf(fil) { return E.caser.some(function (c) { return c.fil === fil && c.fortelling; }); }

  function loadData(data, fil, kommentar, origin) {
    state.fil = fil || null;
    state.kommentar = kommentar || [];
    if (!isObj(data)) {
      showLoadNotice(["filen skal bestå av felt som «navn: …», ikke en liste eller tekst"], origin);
      return;
    }
    var unfit = [];
    var errs = [];
    E.check(R.skjema, data, [], errs, {});
    state.data = fit(R.skjema, data, [], unfit, errs);
    if (!state.fil) {
      var nr = typeof data.kommunenummer === "string" ? data.kommunenummer.trim() : "";
      var known = E.caser.filter(function (c) { return c.nr === nr; });
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
    var v = E.valueNode(node);
    var kind = E.kindOf(node);
    var messageAt = function (p) {
      var hit = errs.filter(function (e) { return fieldPath(e.path) === fieldPath(p); })[0];
      return hit ? hit.message : null;
    };
    if (kind === "gruppe") {
      if (!isObj(value)) { if (value !== null) unfit.push(fieldPath(path) + ": " + (messageAt(path) || found(value))); return undefined; }
      var out = {};
      Object.keys(value).forEach(function (key) {
        var sub = own(v.properties, key);
        if (!sub || !K.safeKey(key)) {
          unfit.push(fieldPath(path.concat([key])) + ": " + (messageAt(path.concat([key])) || "ukjent felt"));
          return;
        }
        var c = fit(sub, value[key], path.concat([key]), unfit, errs);
        if (c !== undefined) out[key] = c;
      });
      return out;
    }
    if (kind === "liste") {
      if (!Array.isArray(value)) { if (value !== null) unfit.push(fieldPath(path) + ": " + (messageAt(path) || found(value))); return undefined; }
      return value.map(function (item, i) { return fit(v.items, item, path.concat([i]), unfit, errs); });
    }
    if (isObj(value) || Array.isArray(value)) {
      unfit.push(fieldPath(path) + ": " + (messageAt(path) || found(value)));
      return undefined;
    }
    return value === null ? undefined : value;
  }

  function showLoadNotice(unfit, origin) {
    loadNoticeEl.textContent = "";
    loadNoticeEl.hidden = true;
    if (!origin) return;
    if (!unfit.length) {
      loadNoticeEl.appendChild(el("p", { text: origin.text }));
    } else {
      loadNoticeEl.appendChild(el("p", { text: origin.text + " Noen deler av filen passer ikke i skjemaet og er ikke tatt med. Rett dem i filen, eller skriv dem inn på nytt:" }));
      loadNoticeEl.appendChild(el("ul", null, unfit.map(function (u) { return el("li", { text: u }); })));
    }
    loadNoticeEl.hidden = false;
    loadNoticeEl.focus();
  }

  // --- the result ----------------------------------------------------------------------------------

  function staleResult() {
    if (!resultEl.hidden) {
      resultEl.hidden = true;
      resultEl.textContent = "";
    }
  }

  function onSubmit(event) {
    event.preventDefault();
    var d = cleanCase();
    var notes = withoutUntouched(d);
    var errs = validate(d);
    if (errs.length) {
      staleResult();
      showErrors(errs);
      return;
    }
    clearErrors();
    var file = E.targetFile(d, state.fil);
    var yaml = Y.toYaml(d, state.kommentar);
    if (blobUrl) URL.revokeObjectURL(blobUrl);
    blobUrl = URL.createObjectURL(new Blob([yaml], { type: "text/yaml;charset=utf-8" }));
    self.KsSend.show(resultEl, { el: el, hidden: F.hidden, announce: announce }, {
      yaml: yaml, short: Y.toYaml(d, state.kommentar, true), file: file, name: file.split("/").pop(), blobUrl: blobUrl, notes: notes,
      existing: !!state.fil && E.caser.some(function (c) { return c.fil === file; }),
      repo: root.getAttribute("data-repo"), gren: root.getAttribute("data-gren") || "main",
      sak: root.getAttribute("data-sak"), redaksjon: R.redaksjon, navn: d.navn || "",
    });
    resultEl.hidden = false;
    resultEl.focus();
  }

  // --- start: empty, from a draft, from the self-assessment, from a case page, or from a file --------

  function updateMode() {
    var modeEl = document.getElementById("ks-modus");
    if (!modeEl) return;
    var c = state.fil && E.caser.filter(function (x) { return x.fil === state.fil; })[0];
    var navn = typeof state.data.navn === "string" && state.data.navn.trim() ? state.data.navn.trim() : "kommunen";
    modeEl.textContent = c ? "Du endrer casen for " + navn + " (" + c.fil + ")." : "Du lager en ny case.";
  }

  function newCase() {
    state = { data: { sprak: "nb", deltakelse: [{}], oppdatert: Y.today() }, fil: null, kommentar: [], fortelling: false };
  }

  // The choices from «Hvor står vi?» (query string) and its answers (fragment). Keys and paths are
  // checked against the schema as own properties; __proto__, constructor and prototype are refused.
  function prefill(params) {
    var nr = params.get("kommune");
    var k = nr && E.register.get(nr);
    if (k) { state.data.kommunenummer = k[0]; state.data.navn = k[1]; }
    var fokus = params.getAll("fokus")[0];
    if (fokus) state.data.fokusomrade = fokus;
    prefillNote = params.getAll("fokus").length > 1
      ? "Dere valgte flere fokusområder i «Hvor står vi?». En case har ett fokusområde, så skjemaet har tatt med det første. Velg et annet under Fokusområde om et annet passer bedre."
      : null;
    var rows = function (key, values, field) {
      if (!values.length) return;
      state.data[key] = values.map(function (v) { var item = {}; item[field] = v; carried.add(item); return item; });
    };
    var sektorer = params.getAll("sektor").filter(function (s) { return s !== "kulturskole"; });
    if (sektorer.length) rows("kommunegruppe", ["kulturskole"].concat(sektorer), "sektor");
    rows("partnere", params.getAll("partner"), "type");
    rows("suksesskriterier", params.getAll("kriterium"), "id");
    // User groups and methods are lists of values; the check names any value that is not allowed.
    [["brukergruppe", "brukergrupper"], ["metode", "metoder"]].forEach(function (pair) {
      var values = params.getAll(pair[0]);
      if (values.length) state.data[pair[1]] = values;
    });
    if (location.hash.length > 1) {
      new URLSearchParams(location.hash.slice(1)).forEach(function (value, key) {
        var path = key.split(".");
        var node = R.skjema;
        var ok = path.every(function (p) {
          if (!K.safeKey(p)) return false;
          node = E.prop(E.valueNode(node), p);
          return !!node;
        });
        if (ok && E.kindOf(node) === "tekst") setAt(state.data, path, value);
      });
      history.replaceState(null, "", location.pathname + location.search);
    }
    return !!(k || fokus || sektorer.length || location.hash.length > 1 ||
      ["partner", "kriterium", "brukergruppe", "metode"].some(function (key) { return params.getAll(key).length; }));
  }

  function build() {
    var notice = root.querySelector("[data-ks-skjema-utenjs]");
    if (notice) notice.remove();
    app = el("div", { class: "ks-skjema__app" });
    statusEl = el("div", { class: "ks-skjult", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    summaryEl = el("section", { class: "ks-feiloppsummering", tabindex: "-1", hidden: true, "aria-labelledby": "ks-feil-tittel" });
    loadNoticeEl = el("div", { class: "ks-lastet", tabindex: "-1", hidden: true });
    draftEl = el("div", { class: "ks-utkast", id: "ks-utkast", hidden: true });
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
          data = Y.parseYaml(text);
        } catch (err) {
          var line = err && err.mark ? " på linje " + (err.mark.line + 1) : "";
          showLoadNotice(["ugyldig YAML" + line + ": " + (err.reason || err.message) + "; sjekk innrykk, kolon og anførselstegn"],
            { text: "Kunne ikke lese " + f.name + "." });
          return;
        }
        loadData(data, null, Y.leadingComments(text), { file: f.name, text: "Lastet inn " + f.name + "." });
        staleResult();
        changed();
      });
    });
    start.appendChild(el("div", { class: "ks-felt" }, [
      el("label", { for: fileId, text: "Fortsett med en fil du har lagret (valgfritt)" }),
      el("p", { class: "ks-hjelp", id: fileId + "-hjelp", text: "Velg en fil du har lastet ned fra skjemaet før. Filen leses bare i nettleseren din." }),
      fileInput,
    ]));
    var fresh = el("button", { type: "button", class: "ks-knapp", id: "ks-ny" }, ["Begynn på nytt med et tomt skjema"]);
    fresh.addEventListener("click", function () {
      // Like «Slett utkastet»: what was there can be brought back until the reader types again.
      var before = readDraft() || pending ? draftRecord() : null;
      pending = null;
      deleteDraft();
      newCase();
      history.replaceState(null, "", location.pathname);
      render();
      staleResult();
      updateMode();
      showLoadNotice([], null);
      deleted = before ? { draft: before, waiting: false } : null;
      showDraftNotice();
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

    [statusEl, draftEl, start, loadNoticeEl, summaryEl, formEl, resultEl].forEach(function (n) { app.appendChild(n); });
    root.insertBefore(app, root.firstChild);
  }

  function fail(text) {
    var notice = root.querySelector("[data-ks-skjema-utenjs]");
    if (notice) notice.remove();
    root.appendChild(el("div", { class: "admonition warning" }, [
      el("p", { class: "admonition-title", text: "Skjemaet kunne ikke lastes" }),
      el("p", null, [text + " Du kan skrive filen selv etter ",
        el("a", { href: root.getAttribute("data-felter") || "../felter/", text: "feltveiledningen" }), "."]),
    ]));
  }

  function begin() {
    var params = new URLSearchParams(location.search);
    var slug = params.get("rediger");
    newCase();
    if (slug && /^[a-z0-9-]+$/.test(slug)) {
      fetch(root.getAttribute("data-caser") + slug + ".json").then(function (r) {
        if (!r.ok) throw new Error(String(r.status));
        return r.json();
      }).then(function (c) {
        build();
        pending = readDraft();
        fromAddress = true;
        showDraftNotice();
        loadData(c.data, c.fil, [], { text: "Skjemaet er fylt ut med casen fra " + c.fil + "." });
      }, function () {
        build();
        render();
        updateMode();
        showLoadNotice([], { text: "Fant ikke casen «" + slug + "». Skjemaet er tomt." });
      });
      return;
    }
    var draft = readDraft();
    var prefilled = prefill(params);
    build();
    if (draft && !prefilled) {
      useDraft(draft);
      pending = isObj(draft.forrige) && isObj(draft.forrige.data) ? draft.forrige : null;
    } else if (draft) {
      pending = draft;
    }
    render();
    updateMode();
    fromAddress = prefilled;
    showDraftNotice();
    if (prefillNote) {
      loadNoticeEl.appendChild(el("p", { text: prefillNote }));
      loadNoticeEl.hidden = false;
    }
  }

  fetch(root.getAttribute("data-regler"))
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
    .then(function (rules) {
      R = rules;
      E = K.lag(R);
      Y = self.KsYaml.lag(R, E);
      UI = F.lag(R, E, { state: function () { return state; }, onChange: onChange, changed: changed, render: render,
        announce: announce, fillFromRegister: fillFromRegister });
      begin();
    })
    .catch(function () { fail("Reglene for skjemaet kunne ikke hentes fra nettstedet."); });

  // Exposed for the browser tests only: the same functions the form uses.
  window.ksSkjema = {
    validate: function (d) { return validate(d).map(function (e) { return { felt: fieldPath(e.path), melding: e.message }; }); },
    toYaml: function (d) { return Y.toYaml(d, state.kommentar); },
    parseYaml: function (t) { return Y.parseYaml(t); },
    ratio: K.ratio,
    found: found,
    data: function () { return cleanCase(); },
  };
})();
