/* The last step of the case form (docs/assets/skjema.js): the file is ready; how it reaches the editors.
 *
 * Only the channels that exist are offered: «Send til redaksjonen» (e-mail) and the editors' own form
 * when data/redaksjon.yml names them, the GitHub ways when the site has a repository. With none, the
 * page says what to do with the file, and promises nothing else.
 */
(function (root) {
  "use strict";

  var MAX_URL = 8000; // GitHub refuses much longer addresses
  var MAX_MAIL = 1800; // longer mailto: bodies are cut or refused by some mail programs

  // Copy with the clipboard API, else by selecting the text field (older phones), else say how.
  function copyText(text, field) {
    function bySelection() {
      if (!field) return false;
      field.focus();
      field.select();
      field.setSelectionRange(0, field.value.length);
      try { return document.execCommand("copy"); } catch (e) { return false; }
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).then(function () { return true; }, function () { return bySelection(); });
    }
    return Promise.resolve(bySelection());
  }

  function mailto(address, subject, body) {
    var crlf = function (s) { return encodeURIComponent(s.replace(/\r?\n/g, "\r\n")); };
    return "mailto:" + address + "?subject=" + crlf(subject) + "&body=" + crlf(body);
  }

  // ui: {el, hidden, announce}; o: {yaml, file, name, existing, repo, gren, sak, redaksjon, navn, notes}
  function show(section, ui, o) {
    var el = ui.el;
    section.textContent = "";
    section.appendChild(el("h2", { id: "ks-resultat-tittel", text: "Filen er klar" }));
    section.appendChild(el("p", null, ["Kontrollen fant ingen feil. Filen heter ", el("code", { text: o.name }),
      o.existing ? " og erstatter casen som ligger på nettstedet nå." : "."]));
    if (o.notes && o.notes.length) {
      section.appendChild(el("p", { text: "Dette var tatt med fra «Hvor står vi?», men er ikke fylt ut, og er derfor ikke med i filen:" }));
      section.appendChild(el("ul", null, o.notes.map(function (n) { return el("li", { text: n }); })));
    }

    var field = el("textarea", { id: "ks-yaml", readonly: true, rows: "12", spellcheck: "false", class: "ks-yaml" });
    field.value = o.yaml;
    var copied = function (done) {
      return function (event) {
        var link = event && event.currentTarget && event.currentTarget.tagName === "A";
        copyText(o.yaml, field).then(function (ok) {
          var said = ok ? "Innholdet i filen er kopiert." + (done ? " " + done : "") :
            "Kunne ikke kopiere. Teksten er merket i feltet «Innholdet i filen»: kopier den derfra.";
          ui.announce(said);
          copyNote.textContent = said; // seen too, not only heard
          copyNote.hidden = false;
        });
        return link;
      };
    };

    section.appendChild(el("h3", { text: "1. Last ned filen" }));
    var actions = el("div", { class: "ks-handlinger" });
    actions.appendChild(el("a", { class: "md-button md-button--primary", href: o.blobUrl, download: o.name, id: "ks-last-ned" },
      ["Last ned " + o.name]));
    var copyBtn = el("button", { type: "button", class: "ks-knapp", id: "ks-kopier" }, ["Kopier innholdet"]);
    copyBtn.addEventListener("click", copied());
    actions.appendChild(copyBtn);
    section.appendChild(actions);
    var copyNote = el("p", { class: "ks-merknad", id: "ks-kopiert", hidden: true });
    section.appendChild(copyNote);

    var red = o.redaksjon || {};
    section.appendChild(el("h3", { text: "2. Send filen til redaksjonen" }));
    if (red.epost) {
      var subject = "Kommunecase: " + (o.navn || "ny case") + " (" + o.name + ")";
      var fits = o.short.length <= MAX_MAIL;
      var body = fits ? "Hei!\n\nHer er en kommunecase fra skjemaet på nettstedet. Innholdet i filen " + o.name +
        " står under (uten forklaringene).\n\n" + o.short : "Hei!\n\nHer er en kommunecase fra skjemaet på nettstedet. Filen " + o.name +
        " er lagt ved.\n";
      if (!fits) {
        section.appendChild(el("p", { class: "ks-viktig", id: "ks-vedlegg" }, ["Filen er for lang til å stå i selve e-posten. Last ned filen først, og legg ved ",
          el("strong", { text: o.name }), " i e-posten før du sender den."]));
      }
      section.appendChild(el("p", null, [el("a", { class: "md-button md-button--primary", href: mailto(red.epost, subject, body), id: "ks-send-epost" },
        ["Send til redaksjonen"]), " E-postprogrammet ditt åpnes med " + (fits ? "filen i selve e-posten" : "emne og tekst fylt ut") +
        ". Adressen er ", el("span", { class: "ks-adresse", text: red.epost }), "."]));
      section.appendChild(el("p", { id: "ks-etterpa", text: (fits ? "Filen står i selve e-posten, så du trenger ikke legge den ved. " : "") +
        "Redaksjonen kontrollerer casen før den kommer på nettstedet." }));
    }
    if (red.skjema) {
      section.appendChild(el("p", null, [red.epost ? "Eller bruk " : "Bruk ",
        el("a", { href: red.skjema, id: "ks-send-skjema" }, ["redaksjonens innsendingsskjema"]),
        ", og legg ved filen " + o.name + " eller lim inn innholdet (knappen «Kopier innholdet» over)."]));
    }
    if (o.repo) {
      section.appendChild(el("h3", { text: red.epost || red.skjema ? "Har du en GitHub-konto?" : "Send filen via GitHub" }));
      section.appendChild(githubList(ui, o, copied));
    }
    if (!red.epost && !red.skjema && !o.repo) {
      section.appendChild(el("p", { id: "ks-ingen-kanal" }, ["Nettstedet tar ikke imot filer på nett ennå. Last ned filen og ta vare på den, ",
        "og gi den til den som driver nettstedet eller har bedt deg fylle ut skjemaet. De kontrollerer den og legger casen inn."]));
    }

    section.appendChild(el("label", { for: "ks-yaml", text: "Innholdet i filen" }));
    section.appendChild(field);
  }

  function githubList(ui, o, copied) {
    var el = ui.el;
    var list = el("ul", { class: "ks-send" });
    if (!o.existing) {
      var url = o.repo + "/new/" + encodeURIComponent(o.gren) + "?filename=" + encodeURIComponent(o.file) +
        "&value=" + encodeURIComponent(o.yaml);
      if (url.length <= MAX_URL) {
        list.appendChild(el("li", null, [el("a", { href: url, target: "_blank", rel: "noopener", id: "ks-github-ny" },
          ["Åpne den nye filen på GitHub"]), " (i en ny fane). GitHub viser filen ferdig utfylt. Har du ikke skrivetilgang, lager GitHub en kopi (fork) til deg; trykk «Commit changes…» og så «Propose changes» for å lage en pull request."]));
      } else {
        var plain = o.repo + "/new/" + encodeURIComponent(o.gren) + "?filename=" + encodeURIComponent(o.file);
        var big = el("a", { href: plain, target: "_blank", rel: "noopener", id: "ks-github-ny" }, ["Kopier innholdet og åpne en ny fil på GitHub"]);
        big.addEventListener("click", copied());
        list.appendChild(el("li", null, [big, " (i en ny fane). Filen er for lang til å fylles ut av seg selv: lim inn innholdet i det tomme feltet der, og trykk «Commit changes…»."]));
      }
    } else {
      var edit = el("a", { href: o.repo + "/edit/" + encodeURIComponent(o.gren) + "/" + o.file.split("/").map(encodeURIComponent).join("/"),
        target: "_blank", rel: "noopener", id: "ks-github-rediger" }, ["Kopier innholdet og åpne filen på GitHub"]);
      edit.addEventListener("click", copied());
      list.appendChild(el("li", null, [edit, " (i en ny fane). GitHub kan ikke fylle ut en fil som finnes fra før: merk all teksten i filen der, lim inn innholdet du kopierte i stedet, og trykk «Commit changes…»."]));
    }
    if (o.sak) {
      // GitHub's issue forms take field values from the address (field ids of foresla-case.yml).
      var issueUrl = o.sak + "&title=" + encodeURIComponent("Forslag: " + (o.navn || "")) +
        "&kommune=" + encodeURIComponent(o.navn || "");
      var withFile = issueUrl + "&yaml=" + encodeURIComponent(o.yaml);
      var filled = withFile.length <= MAX_URL;
      var issue = el("a", { href: filled ? withFile : issueUrl, target: "_blank", rel: "noopener", id: "ks-github-sak" },
        [filled ? "Åpne forslagsskjemaet med filen fylt inn" : "Kopier innholdet og åpne forslagsskjemaet"]);
      issue.addEventListener("click", copied());
      list.appendChild(el("li", null, ["Uten å kunne Git: ", issue, filled ?
        " (i en ny fane). Fyll ut resten av skjemaet der og send det; en redaktør legger casen inn." :
        " (i en ny fane), og lim innholdet inn i feltet «Fil fra skjemaet». En redaktør legger casen inn."]));
    }
    return list;
  }

  root.KsSend = { show: show, mailto: mailto, MAX_MAIL: MAX_MAIL };
})(self);
