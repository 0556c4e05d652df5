/*
 * «Hvor står vi?» (/hvor-star-vi/, issue 9.2): a self-assessment for any municipality.
 *
 * - Data: data.json next to the page (macros/site/selfassess.py) holds the ranking definition
 *   from macros/site/related.py (rules, sort order, limits), every published case's profile, and
 *   the municipality register (2024 numbers and names, 2020–2023 numbers, counties, neighbours).
 * - Ranking: evaluate() applies the exported rules generically. It knows the two kinds of rule
 *   ("felles": shared values; "avstand": within max_km) and the sort keys (poeng, km, rekke), but no
 *   rule, field, weight or text: those come from Python, the same data the case pages use. An
 *   unknown kind stops the page with an error rather than rank differently.
 * - State: the choices (kommune, fokus, sektor, partner, kriterium) live in the query string, so a
 *   result can be shared and back/forward restore it. The answers to the four questions never
 *   leave the page: not in the address, not sent, not stored. No cookies, no storage.
 * - Announcements: the status line (role="status") gives the number of cases after each change;
 *   the answer under the municipality field (aria-live) says which municipality was found.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-ks-hvor]");
  if (!root) return;

  function $(selector) { return root.querySelector(selector); }
  function $$(selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  var notice = $("[data-ks-hvor-utenjs]");
  var failure = $("[data-ks-hvor-feil]");
  var form = $("[data-ks-hvor-skjema]");
  var results = $("[data-ks-hvor-resultat]");
  // Shown at once (the script runs before the first paint), so nothing moves when the data comes:
  // the page as built already shows the empty state. If the data cannot be loaded, the note
  // about what the page needs comes back.
  notice.hidden = true;
  form.hidden = false;
  results.hidden = false;
  root.classList.add("ks-hvor--aktiv");

  fetch(root.getAttribute("data-ks-kilde"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(start)
    .catch(function (error) {
      form.hidden = true;
      results.hidden = true;
      root.classList.remove("ks-hvor--aktiv");
      notice.hidden = false;
      failure.hidden = false;
      failure.textContent = "Siden klarte ikke å hente dataene den trenger (" + error.message +
        "). Last siden på nytt, eller bruk lenkene under.";
    });

  // --- Text helpers -----------------------------------------------------------------------------

  function fold(text) {
    return String(text).toLocaleLowerCase("nb").replace(/\s+/g, " ").trim();
  }

  // Loose: without accents and with æ/ø/å written as on a keyboard without them.
  function loose(text) {
    return fold(text).normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/æ/g, "ae").replace(/ø/g, "o").replace(/đ/g, "d").replace(/ŋ/g, "n").replace(/ŧ/g, "t");
  }

  function joinNb(items) {
    if (items.length < 2) return items.join("");
    return items.slice(0, -1).join(", ") + " og " + items[items.length - 1];
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  // --- The ranking: the exported definition, applied generically --------------------------------

  function kilometres(a, b, radius) {
    // The same operations, in the same order, as macros/site/related.py (_trig, _km).
    var rad = Math.PI / 180;
    var lon1 = a[0] * rad, lat1 = a[1] * rad, lon2 = b[0] * rad, lat2 = b[1] * rad;
    var s1 = Math.sin((lat2 - lat1) / 2), s2 = Math.sin((lon2 - lon1) / 2);
    var h = s1 * s1 + Math.cos(lat1) * Math.cos(lat2) * (s2 * s2);
    return Math.floor(2 * radius * Math.asin(Math.sqrt(h)) + 0.5);
  }

  function evaluate(def, subject, candidate, lang) {
    var km = subject.punkt && candidate.punkt ? kilometres(subject.punkt, candidate.punkt, def.jordradius_km) : null;
    var points = 0, valg = 0;
    var reasons = [];
    def.regler.forEach(function (rule) {
      var words = rule.tekst[lang] || rule.tekst.nb;
      if (rule.type === "felles") {
        var theirs = candidate[rule.felt] || [];
        var shared = (subject[rule.subjektfelt] || []).filter(function (value, i, own) {
          return own.indexOf(value) === i && theirs.indexOf(value) !== -1 && rule.ignorer.indexOf(value) === -1;
        });
        if (!shared.length) return;
        points += rule.vekt * (rule.per_treff ? shared.length : 1);
        if (rule.niva === "valg") valg += rule.vekt * (rule.per_treff ? shared.length : 1);
        var text = shared.length === 1 ? words.en : words.flere;
        if (rule.vis_treff) {
          text += ": " + (def.ordlister[rule.felt] || []).filter(function (item) {
            return shared.indexOf(item[0]) !== -1;
          }).map(function (item) { return item[1]; }).join(", ");
        }
        reasons.push(text);
      } else if (rule.type === "avstand") {
        if (km === null || km > rule.maks_km) return;
        points += rule.vekt;
        if (rule.niva === "valg") valg += rule.vekt;
        reasons.push(words.mal.split("{km}").join(String(km)));
      } else {
        throw new Error("ukjent regeltype «" + rule.type + "» i rangeringen");
      }
    });
    return { points: points, valg: valg, reasons: reasons, km: km };
  }

  function sortValue(match, key) {
    if (key === "poeng") return match.points;
    if (key === "valg") return match.valg;
    if (key === "innhold") return match.candidate.innhold || 0;
    if (key === "km") return match.km || 0;
    if (key === "rekke") return match.candidate.rekke;
    throw new Error("ukjent sorteringsnøkkel «" + key + "» i rangeringen");
  }

  function rank(def, candidates, subject, lang, order) {
    var found = [];
    candidates.forEach(function (candidate) {
      if (def.utelat_samme_kommune && subject.kommune !== null && candidate.kommune === subject.kommune) return;
      var result = evaluate(def, subject, candidate, lang);
      if (result.points < def.min_poeng) return;
      found.push({ candidate: candidate, points: result.points, valg: result.valg, reasons: result.reasons, km: result.km });
    });
    order = order || def.rekkefolge;
    found.sort(function (a, b) {
      for (var i = 0; i < order.length; i++) {
        var key = order[i][0], direction = order[i][1];
        var difference = sortValue(a, key) - sortValue(b, key);
        if (difference !== 0) return direction * difference;
      }
      return 0;
    });
    return found;
  }

  // --- The page ---------------------------------------------------------------------------------

  function start(data) {
    var def = data.rangering;
    var input = $("[data-ks-hvor-kommune]");
    var answer = $("[data-ks-hvor-kommunesvar]");
    var statusLine = $("[data-ks-hvor-status]");
    var caseList = $("[data-ks-hvor-caser]");
    var caseEmpty = $("[data-ks-hvor-caser-tom]");
    // The texts of the empty state are in the page as built; they are shown again when it is empty.
    var emptyTexts = {
      cases: caseEmpty.textContent,
      resources: $("[data-ks-hvor-ressurser-tekst]").textContent,
      gatherings: $("[data-ks-hvor-samlinger-tekst]").textContent,
    };
    var exploreLink = $("[data-ks-hvor-utforsk]");
    var exploreBase = exploreLink.getAttribute("href");
    var exploreText = exploreLink.textContent;
    var boxes = $$('input[type="checkbox"][name]');
    var keys = [];
    boxes.forEach(function (box) { if (keys.indexOf(box.name) === -1) keys.push(box.name); });
    var answers = $$("[data-ks-hvor-svar]");
    var labels = Object.create(null);
    boxes.forEach(function (box) {
      labels[box.name + " " + box.value] = form.querySelector('label[for="' + box.id + '"]').textContent.trim();
    });

    // Register look-ups: numbers, every part of every name («Unjárga - Nesseby»), 2020 numbers.
    // Maps without a prototype, so a typed «constructor» or «__proto__» finds nothing.
    var kommuner = Object.create(null);
    var fylker = Object.create(null);
    var byName = Object.create(null);
    var byLoose = Object.create(null);
    var sameName = Object.create(null);
    data.fylker.forEach(function (f) { fylker[f[0]] = { navn: f[1], url: f[2] }; });
    data.kommuner.forEach(function (k) {
      kommuner[k[0]] = { nummer: k[0], navn: k[1], fylke: k[2], punkt: k[3] };
      var variants = [k[1]].concat(k[1].split(" - "));
      variants.forEach(function (v) {
        var a = fold(v), b = loose(v);
        (byName[a] = byName[a] || []).indexOf(k[0]) === -1 && byName[a].push(k[0]);
        (byLoose[b] = byLoose[b] || []).indexOf(k[0]) === -1 && byLoose[b].push(k[0]);
      });
      sameName[fold(k[1])] = (sameName[fold(k[1])] || 0) + 1;
    });
    var old = Object.create(null);
    data.kommuner_2020.forEach(function (k) { old[k[0]] = { navn: k[1], erstattet_av: k[2] }; });

    function displayName(nr) {
      var k = kommuner[nr];
      return sameName[fold(k.navn)] > 1 ? k.navn + " (" + fylker[k.fylke].navn + ")" : k.navn;
    }

    var datalist = $("[data-ks-hvor-kommuneliste]");
    data.kommuner.forEach(function (k) {
      var option = document.createElement("option");
      option.value = displayName(k[0]);
      datalist.appendChild(option);
    });
    var optionValues = Object.create(null);
    data.kommuner.forEach(function (k) { optionValues[displayName(k[0])] = k[0]; });

    function suggestions(text) {
      var q = loose(text);
      if (q.length < 2) return [];
      var out = [];
      Object.keys(byLoose).sort().forEach(function (name) {
        if (name.indexOf(q) === 0 || (q.length >= 3 && name.indexOf(q) !== -1)) {
          byLoose[name].forEach(function (nr) { if (out.indexOf(nr) === -1) out.push(nr); });
        }
      });
      return out.slice(0, 6);
    }

    // Text typed in the field -> {ok: number} | {choose: [numbers]} | {error}, each with a note.
    function resolve(text) {
      var q = text.trim();
      if (!q) return { empty: true };
      if (optionValues[q]) return { ok: optionValues[q] };
      var digits = q.replace(/\s/g, "");
      if (/^\d{3,4}$/.test(digits)) {
        var nr = digits.length === 3 ? "0" + digits : digits;
        if (kommuner[nr]) return { ok: nr };
        if (old[nr]) {
          var now = old[nr].erstattet_av.filter(function (n) { return kommuner[n]; });
          var note = nr + " var kommunenummeret til " + old[nr].navn + " fra 2020 til 2023.";
          if (now.length === 1) return { ok: now[0], note: note };
          return { choose: now, note: note + " Kommunen er delt. Velg en av dem:" };
        }
        return { error: "Fant ingen kommune med nummeret " + nr + ". Et kommunenummer har fire siffer, for eksempel 4614." };
      }
      var m = q.match(/^(.*?)\s*\(([^)]*)\)$/);
      var name = m ? m[1] : q;
      var hits = byName[fold(name)] || byLoose[loose(name)] || [];
      if (m) {
        var county = fold(m[2]);
        var inCounty = hits.filter(function (n) { return fold(fylker[kommuner[n].fylke].navn) === county; });
        if (inCounty.length) hits = inCounty;
      }
      if (hits.length === 1) return { ok: hits[0] };
      if (hits.length > 1) return { choose: hits, note: "Flere kommuner heter «" + name + "». Velg den dere mener:" };
      var close = suggestions(name);
      return {
        error: "Fant ingen kommune som heter «" + name + "»." + (close.length ? " Mente dere en av disse?" : " Sjekk skrivemåten, eller skriv kommunenummeret."),
        choose: close,
      };
    }

    // --- State -----------------------------------------------------------------------------------
    var state = { kommune: null };

    function choices() {
      var out = {};
      keys.forEach(function (key) { out[key] = []; });
      boxes.forEach(function (box) { if (box.checked) out[box.name].push(box.value); });
      return out;
    }

    function subject() {
      var chosen = choices();
      var s = { kommune: null, punkt: null };
      keys.forEach(function (key) { s[key] = chosen[key]; });
      // Focus areas sharing a value area with the chosen ones (related.neighbour_focus).
      s.nabofokus = [];
      (chosen.fokus || []).forEach(function (f) {
        (data.fokus_naboer[f] || []).forEach(function (n) {
          if (chosen.fokus.indexOf(n) === -1 && s.nabofokus.indexOf(n) === -1) s.nabofokus.push(n);
        });
      });
      if (state.kommune) {
        var k = kommuner[state.kommune];
        s.kommune = k.nummer;
        s.punkt = k.punkt;
        s.fylke = [k.fylke];
        s.naboer = data.naboer[k.fylke] || [];
      }
      return s;
    }

    function query() {
      var params = new URLSearchParams();
      if (state.kommune) params.set("kommune", state.kommune);
      var chosen = choices();
      keys.forEach(function (key) { chosen[key].forEach(function (v) { params.append(key, v); }); });
      return params.toString();
    }

    function remember(replace) {
      var q = query();
      var url = q ? "?" + q : location.pathname;
      if (url === (location.search || location.pathname)) return;
      if (replace) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
    }

    // --- The municipality's answer line ------------------------------------------------------------
    function showAnswer(result) {
      answer.textContent = "";
      input.removeAttribute("aria-invalid");
      if (result.empty) return;
      if (result.ok) {
        var k = kommuner[result.ok];
        if (result.note) answer.appendChild(el("p", result.note));
        answer.appendChild(el("p", "Valgt: " + k.navn + " i " + fylker[k.fylke].navn + ", kommunenummer " + k.nummer + ".", "ks-hvor__valgt"));
        return;
      }
      if (result.error) {
        input.setAttribute("aria-invalid", "true");
        answer.appendChild(el("p", result.error, "ks-hvor__feil"));
      } else {
        answer.appendChild(el("p", result.note || "Flere kommuner passer. Velg en av dem:"));
      }
      if (state.kommune) {
        answer.appendChild(el("p", "Forslagene gjelder fortsatt " + kommuner[state.kommune].navn + " til dere velger en annen kommune."));
      }
      if (result.choose && result.choose.length) {
        var list = el("ul", null, "ks-hvor__forslag");
        result.choose.forEach(function (nr) {
          var k = kommuner[nr];
          var button = el("button", k.navn + ", " + fylker[k.fylke].navn + " – " + nr, "ks-hvor__knapp ks-hvor__knapp--stille");
          button.type = "button";
          button.addEventListener("click", function () {
            state.kommune = nr;
            input.value = displayName(nr);
            showAnswer({ ok: nr });
            update();
            remember(false);
            input.focus();
          });
          var li = el("li");
          li.appendChild(button);
          list.appendChild(li);
        });
        answer.appendChild(list);
      }
    }

    var lastTyped = null;
    function chooseTyped(force) {
      var text = input.value;
      if (!force && text === lastTyped) return;
      lastTyped = text;
      var result = resolve(text);
      showAnswer(result);
      var before = state.kommune;
      if (result.ok) state.kommune = result.ok;
      else if (result.empty) state.kommune = null;
      else return;  // keep the last valid choice until the reader picks one
      if (state.kommune !== before || force) {
        update();
        remember(false);
      }
    }

    // --- Rendering ---------------------------------------------------------------------------------
    function labelsOf(key, values) {
      return values.map(function (v) { return labels[key + " " + v] || v; });
    }

    function renderCases(matches, limit, chosen) {
      caseList.textContent = "";
      var nothing = !state.kommune && keys.every(function (key) { return !chosen[key].length; });
      var shown = matches.slice(0, limit);
      shown.forEach(function (m) {
        var c = m.candidate;
        var li = el("li");
        li.setAttribute("data-kommune", c.kommune);
        var link = el("a", c.navn);
        link.href = c.url;
        li.appendChild(link);
        var meta = [c.fylke_navn];
        if (c.program_tittel) meta.push(c.program_tittel);
        if (c.fokus_tittel) meta.push(c.fokus_tittel);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("span", meta.join(" · "), "ks-meta"));
        if (c.prosjekt) li.appendChild(el("span", "Prosjekt: " + c.prosjekt, "ks-hvor__prosjekt"));
        var why = el("p", null, "ks-hvor__grunner");
        why.appendChild(el("span", "Felles med dere: ", "ks-hvor__ledetekst"));
        m.reasons.forEach(function (reason, i) {
          if (i) why.appendChild(document.createTextNode(" · "));
          var span = el("span", reason);
          span.setAttribute("data-ks-grunn", "");
          why.appendChild(span);
        });
        li.appendChild(why);
        caseList.appendChild(li);
      });
      caseList.hidden = !shown.length;
      var where = state.kommune ? " for " + kommuner[state.kommune].navn : "";
      if (nothing) {
        caseEmpty.textContent = emptyTexts.cases;
        statusLine.textContent = "Ingen valg ennå.";
      } else if (!matches.length) {
        caseEmpty.textContent = "Ingen av de " + data.kandidater.length + " kommunene har noe felles med valgene deres ennå. " +
          "Velg flere fokusområder, partnere eller sektorer, eller se alle kommunene i utforskeren.";
        statusLine.textContent = "Ingen kommuner å lære av" + where + " med disse valgene.";
      } else {
        caseEmpty.textContent = matches.length > shown.length
          ? "Viser de " + shown.length + " som passer best av " + matches.length + " kommuner med noe felles med dere." : "";
        statusLine.textContent = (matches.length === 1 ? "1 kommune" : matches.length + " kommuner") +
          " å lære av" + where + (matches.length > shown.length ? ", de " + shown.length + " beste vises." : ".");
      }
      caseEmpty.hidden = !caseEmpty.textContent;
      // A focus area no case has chosen yet: said plainly, with where to look instead.
      var none = $("[data-ks-hvor-ingen-fokus]");
      var wanted = chosen.fokus || [];
      var missing = wanted.filter(function (f) {
        return !data.kandidater.some(function (c) { return (c.fokus || []).indexOf(f) !== -1; });
      });
      none.textContent = missing.length
        ? "Ingen kommune har delt en case med " + (missing.length === 1 ? "fokusområdet " : "fokusområdene ") +
          joinNb(missing.map(function (f) { return "«" + (data.fokus_titler[f] || f) + "»"; })) + " ennå. " +
          (matches.some(function (m) { return m.valg > 0; }) ? "Øverst står kommuner med det som ligger nærmest av det dere valgte. " : "") +
          "Under finner dere ressurser for fokusområdet og samlinger i nærheten."
        : "";
      none.hidden = !none.textContent;
      // The explorer with the chosen focus areas, partner types and criteria (its keys are the same).
      var params = new URLSearchParams();
      data.utforsk_nokler.forEach(function (key) {
        (chosen[key] || []).forEach(function (v) { params.append(key, v); });
      });
      var q = params.toString();
      exploreLink.setAttribute("href", exploreBase + (q ? "?" + q : ""));
      exploreLink.textContent = q ? "Kommunene med disse valgene i utforskeren" : exploreText;
    }

    function renderResources(chosen) {
      var focus = chosen.fokus || [];
      $$("[data-ks-hvor-ressurser] > li").forEach(function (li) {
        var ids = (li.getAttribute("data-fokus") || "").split(" ").filter(Boolean);
        li.hidden = focus.length > 0 && ids.length > 0 && !ids.some(function (id) { return focus.indexOf(id) !== -1; });
      });
      var own = $$("[data-ks-hvor-ressurser] > li").filter(function (li) {
        return !li.hidden && (li.getAttribute("data-fokus") || "").trim();
      }).length;
      var which = focus.length === 1 ? "fokusområdet" : "fokusområdene";
      $("[data-ks-hvor-ressurser-tekst]").textContent = !focus.length ? emptyTexts.resources : own
        ? "For " + which + " dere har valgt, og dem som gjelder alle:"
        : "Ingen ressurser er knyttet til " + which + " dere har valgt ennå. Disse gjelder alle fokusområder:";
    }

    function renderGatherings() {
      var text = $("[data-ks-hvor-samlinger-tekst]");
      var countyLink = $("[data-ks-hvor-fylkeslenke]");
      var items = $$("[data-ks-hvor-samlinger] > li");
      var everywhere = function (li) { return /\b(nasjonal|digital)\b/.test(li.getAttribute("data-fylke") || ""); };
      if (!state.kommune) {
        items.forEach(function (li) { li.hidden = !everywhere(li); });
        text.textContent = emptyTexts.gatherings;
        countyLink.textContent = "Fylkessidene";
        countyLink.setAttribute("href", countyLink.getAttribute("data-ks-alle") || countyLink.getAttribute("href"));
        return;
      }
      var own = kommuner[state.kommune].fylke;
      var near = data.naboer[own] || [];
      var shown = 0, coming = 0, today = new Date().toISOString().slice(0, 10);
      items.forEach(function (li) {
        var where = (li.getAttribute("data-fylke") || "").split(" ");
        li.hidden = !everywhere(li) && where.indexOf(own) === -1 && !where.some(function (f) { return near.indexOf(f) !== -1; });
        if (li.hidden) return;
        shown += 1;
        var when = li.querySelector("time");
        if (when && when.getAttribute("datetime") >= today) coming += 1;
      });
      var names = near.map(function (n) { return fylker[n].navn; });
      var place = fylker[own].navn + (names.length ? " og nabofylkene " + joinNb(names) : "");
      // Said plainly when every one is over: a list of dates reads as what is coming.
      text.textContent = !shown
        ? "Ingen samlinger eller regionale arenaer i " + place + " er registrert her ennå."
        : coming ? "I " + place + ", og nasjonale og digitale:"
        : "Ingen kommende samlinger er registrert her ennå. Disse har vært, i " + place + ", og nasjonale og digitale:";
      if (!countyLink.getAttribute("data-ks-alle")) countyLink.setAttribute("data-ks-alle", countyLink.getAttribute("href"));
      countyLink.setAttribute("href", fylker[own].url);
      countyLink.textContent = "Fylkessiden for " + fylker[own].navn;
    }

    function renderPlan(chosen, matches) {
      var k = state.kommune ? kommuner[state.kommune] : null;
      $('[data-ks-hvor-plan="kommune"]').textContent = k ? k.navn + " (" + fylker[k.fylke].navn + ")" : "Ikke valgt";
      keys.forEach(function (key) {
        var dd = $('[data-ks-hvor-plan="' + key + '"]');
        if (dd) dd.textContent = chosen[key].length ? labelsOf(key, chosen[key]).join(", ") : "Ingen valgt";
      });
      var sectors = labelsOf("sektor", chosen.sektor || []);
      $('[data-ks-hvor-steg="sektor"]').textContent = sectors.length
        ? "Dere kan ta med: " + joinNb(sectors).toLocaleLowerCase("nb") + "." : "";
      var focus = labelsOf("fokus", chosen.fokus || []);
      $('[data-ks-hvor-steg="fokus"]').textContent = focus.length
        ? "Dere er interessert i: " + joinNb(focus) + "." : "";
      var first = matches.slice(0, 3).map(function (m) { return m.candidate.navn; });
      $('[data-ks-hvor-steg="caser"]').textContent = first.length
        ? "Begynn gjerne med " + joinNb(first) + " (se «Kommuner å lære av»)." : "Se «Kommuner å lære av» og utforskeren.";
      renderAnswers();
      updateFormLink();
      // On paper: when and where the plan comes from, and the full address after each link.
      var printed = $("[data-ks-hvor-utskrift]");
      printed.textContent = "Planen fra «Hvor står vi?», skrevet ut " +
        new Date().toLocaleDateString("nb-NO", { day: "numeric", month: "long", year: "numeric" }) +
        ". Åpne den igjen med valgene: " + location.origin + location.pathname + (query() ? "?" + query() : "");
      $$(".ks-hvor__resultat a[href]").forEach(function (a) { a.setAttribute("data-ks-adresse", a.href); });
    }

    function renderAnswers() {
      answers.forEach(function (area) {
        var dd = $('[data-ks-hvor-plan-svar="' + area.getAttribute("data-ks-hvor-svar") + '"]');
        dd.textContent = area.value.trim() || "Ikke besvart ennå.";
      });
    }

    var formLink = $("[data-ks-hvor-skjemalenke]");
    var takeAnswers = $("[data-ks-hvor-ta-med]");
    var formBase = formLink ? formLink.getAttribute("href").split(/[?#]/)[0] : null;
    function updateFormLink() {
      if (!formLink) return;
      var q = query();
      var href = formBase + (q ? "?" + q : "");
      if (takeAnswers && takeAnswers.checked) {
        var fragment = new URLSearchParams();
        answers.forEach(function (area) {
          if (area.value.trim()) fragment.set(area.getAttribute("data-ks-hvor-svar"), area.value.trim());
        });
        if (fragment.toString()) href += "#" + fragment.toString();
      }
      formLink.setAttribute("href", href);
    }

    function update() {
      var chosen = choices();
      var matches = rank(def, data.kandidater, subject(), "nb", def.rekkefolge_selvvurdering);
      renderCases(matches, def.antall.selvvurdering, chosen);
      renderResources(chosen);
      renderGatherings();
      renderPlan(chosen, matches);
    }

    function fromAddress() {
      var params = new URLSearchParams(location.search);
      boxes.forEach(function (box) { box.checked = params.getAll(box.name).indexOf(box.value) !== -1; });
      var wanted = params.get("kommune");
      if (!wanted) {
        state.kommune = null;
        input.value = "";
        showAnswer({ empty: true });
      } else {
        var result = resolve(wanted);
        state.kommune = result.ok || null;
        input.value = result.ok ? displayName(result.ok) : wanted;
        showAnswer(result);
      }
      lastTyped = input.value;
      update();
    }

    // --- Events --------------------------------------------------------------------------------------
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      chooseTyped(true);
    });
    input.addEventListener("change", function () { chooseTyped(false); });
    input.addEventListener("input", function () {
      // A name picked from the suggestion list is taken at once.
      if (optionValues[input.value]) chooseTyped(false);
    });
    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox" && event.target.name) {
        update();
        remember(false);
      }
    });
    answers.forEach(function (area) { area.addEventListener("input", renderAnswers); });
    answers.forEach(function (area) { area.addEventListener("input", updateFormLink); });
    if (takeAnswers) takeAnswers.addEventListener("change", updateFormLink);
    $("[data-ks-hvor-nullstill]").addEventListener("click", function () {
      boxes.forEach(function (box) { box.checked = false; });
      state.kommune = null;
      input.value = "";
      lastTyped = "";
      showAnswer({ empty: true });
      update();
      remember(false);
    });
    $("[data-ks-hvor-skriv-ut]").addEventListener("click", function () { window.print(); });
    // After the inputs (on a phone the results are far below): straight to the results.
    $("[data-ks-hvor-vis]").addEventListener("click", function () {
      var heading = document.getElementById("hvor-caser");
      heading.scrollIntoView();
      heading.focus({ preventScroll: true });
    });
    window.addEventListener("popstate", fromAddress);

    fromAddress();
    remember(true);  // an old number or a name in a shared address becomes today's number
    root.setAttribute("data-ks-hvor-klar", "");
  }
})();
