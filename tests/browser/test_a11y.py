"""Universal design and privacy on every page type, in real Chromium (issue 5).

Each page type is opened three times, in a fresh browser context each time: light scheme at
1280 px, dark scheme (prefers-color-scheme: dark) at 1280 px, and light at a 390 px wide mobile
viewport. For every page type the tests assert:

- axe-core (WCAG 2.0, 2.1 and 2.2 at A and AA, and best practices) finds 0 violations in all three;
- no request goes to any host but the test server, and no cookie is set;
- the built HTML has 0 errors in the Nu Html Checker (one run over the whole site);
- <html lang="nb">, and content written in nynorsk carries lang="nn";
- a descriptive <title> that names the page, and a meta description.

Screenshots of every page type and variant are written to tests/skjermbilder/ for people to
look at. What each check found is recorded in tests/resultater/tilgjengelighet.json, which
feeds the accessibility statement (scripts/update_a11y_results.py).

The search dialog (open, with results) and the explorer (filtered) are among the page types.
Keyboard reach and focus visibility (menu button, map links) are tested in test_keyboard.py.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import urlparse

import pytest

from .conftest import (AXE, CHROMIUM_ARGS, CSP_RECORDER, CSP_REPORT, SCREENSHOTS, WCAG_TAGS, describe,  # noqa: F401
                       foreign_requests, inject_axe)

pytestmark = pytest.mark.browser

SITE_NAME = "Kulturskole 3.0"

VARIANTS = {
    "lys": dict(viewport={"width": 1280, "height": 900}, color_scheme="light"),
    "mork": dict(viewport={"width": 1280, "height": 900}, color_scheme="dark"),
    "mobil": dict(viewport={"width": 390, "height": 844}, color_scheme="light", is_mobile=True, has_touch=True),
}


def open_search(page) -> None:
    """Search with results open: the header's search button, a query, the result list."""
    button = page.locator("[data-ks-sok-apne]")
    button.wait_for(state="visible")
    button.click()
    field_ = page.locator("#ks-sok-felt")
    field_.fill("kulturskole")
    page.locator("[data-ks-sok-treff] li a").first.wait_for(state="visible")


def search_without_results(page) -> None:
    """Search without results, with a search to try instead: the parts of a compound, as a link."""
    page.locator("[data-ks-sok-apne]").click()
    page.locator("#ks-sok-felt").fill("dansetilbud")
    page.locator("[data-ks-sok-status] a").first.wait_for(state="visible")


def explorer_filtered(page) -> None:
    """The explorer with the filter from the address (?fylke=vestland) applied and shown."""
    page.locator('[data-ks-utforsk-skjema] input[name="fylke"][value="vestland"]:checked').wait_for(state="visible")


def form_ready(page) -> None:
    """The case form, built by its script (tests/browser/test_form.py checks every state)."""
    page.locator("#ks-f-navn").wait_for(state="visible")


def form_with_errors(page) -> None:
    """The case form sent empty: the error summary and the messages at the fields."""
    form_ready(page)
    page.locator("#ks-kontroller").click()
    page.locator(".ks-feiloppsummering:not([hidden])").wait_for(state="visible")


def selfassess_empty(page) -> None:
    """«Hvor står vi?» once its script has loaded the data and shown the form."""
    page.locator("[data-ks-hvor-klar]").wait_for(state="attached")


def selfassess_results(page) -> None:
    """«Hvor står vi?» with a municipality and choices from the address, the cases ranked, and an answer typed."""
    page.locator("[data-ks-hvor-caser] > li").first.wait_for(state="visible")
    page.locator("#hvor-svar-1").fill("En kulturskole for alle innbyggerne.")


def mangler_sorted(page) -> None:
    """/bidra/mangler/ sorted by the number of missing fields (the sort buttons are the script's)."""
    page.get_by_role("button", name="Antall").click()
    page.locator('th[aria-sort="descending"]').wait_for()


@dataclass(frozen=True)
class PageType:
    key: str
    name: str
    url: str
    file: str  # the built file the Nu Html Checker reads
    nynorsk: bool = False
    setup: Callable | None = field(default=None, compare=False)
    link: bool = True  # the statement links to it (not the search state, not the 404 page)


PAGES = [
    PageType("forside", "Forsiden", "", "index.html"),
    PageType("om", "Om prosjektet", "om/", "om/index.html"),
    PageType("tidslinje", "Tidslinjen", "tidslinje/", "tidslinje/index.html"),
    PageType("kommuner", "Oversikten over kommuner", "kommuner/", "kommuner/index.html"),
    PageType("case-full", "Kommuneside med fullstendig case, på nynorsk (det fiktive eksempelet)",
             "bidra/eksempel/", "bidra/eksempel/index.html", nynorsk=True),
    PageType("case-fakta", "Kommuneside med bare fakta (Bodø)", "kommuner/bodo/", "kommuner/bodo/index.html"),
    PageType("program", "Programside med nøkkeltall og caser (piloten)", "program/kulturskole-3-0/",
             "program/kulturskole-3-0/index.html"),
    PageType("fokusomrade", "Fokusområde", "fokusomrader/helhetlig-oppvekst/",
             "fokusomrader/helhetlig-oppvekst/index.html"),
    PageType("suksesskriterier", "Suksesskriteriene med matrise", "suksesskriterier/",
             "suksesskriterier/index.html"),
    PageType("suksesskriterium", "Suksesskriterium", "suksesskriterier/vaer-nysgjerrig/",
             "suksesskriterier/vaer-nysgjerrig/index.html"),
    PageType("fylke", "Fylkesside med kommuner (Vestland)", "fylker/vestland/", "fylker/vestland/index.html"),
    PageType("fylke-uten-kommuner", "Fylkesside uten kommuner (Finnmark)", "fylker/finnmark/",
             "fylker/finnmark/index.html"),
    PageType("utforsk", "Utforsk, med filter valgt", "utforsk/?fylke=vestland", "utforsk/index.html",
             setup=explorer_filtered),
    PageType("hvor-star-vi", "Hvor står vi? (uten valg)", "hvor-star-vi/", "hvor-star-vi/index.html",
             setup=selfassess_empty),
    PageType("hvor-star-vi-resultat", "Hvor står vi? med kommune, valg og kommuner å lære av",
             "hvor-star-vi/?kommune=3205&fokus=helhetlig-oppvekst&partner=frivillighet", "hvor-star-vi/index.html",
             setup=selfassess_results),
    PageType("sok", "Søk med treff", "om/", "om/index.html", setup=open_search, link=False),
    PageType("sok-forslag", "Søk uten treff, med delene som forslag", "om/", "om/index.html",
             setup=search_without_results, link=False),
    PageType("case-nynorsk", "Kommuneside på nynorsk med det som manglar (Sunnfjord)", "kommuner/sunnfjord/",
             "kommuner/sunnfjord/index.html", nynorsk=True),
    PageType("fokusomrade-tom", "Fokusområde uten kommuner, med «Bli den første»",
             "fokusomrader/samspill-med-helsesektoren/", "fokusomrader/samspill-med-helsesektoren/index.html"),
    PageType("metoder", "Metodene for samskaping og medvirkning", "metoder/", "metoder/index.html"),
    PageType("metode", "En metode med kommuner og kilder", "metoder/sporreundersokelse/",
             "metoder/sporreundersokelse/index.html"),
    PageType("mangler", "Dette mangler, sortert etter antall", "bidra/mangler/", "bidra/mangler/index.html",
             setup=mangler_sorted),
    PageType("bidra", "Veiledning for redaktører", "bidra/", "bidra/index.html"),
    PageType("skjema", "Skjema for en kommunecase", "bidra/skjema/", "bidra/skjema/index.html", setup=form_ready),
    PageType("skjema-feil", "Skjema for en kommunecase, med feil", "bidra/skjema/", "bidra/skjema/index.html",
             setup=form_with_errors, link=False),
    PageType("data", "Åpne data", "data/", "data/index.html"),
    PageType("ressurser", "Ressurser", "ressurser/", "ressurser/index.html"),
    PageType("verksted", "Verkstedguide", "ressurser/verksted/", "ressurser/verksted/index.html"),
    PageType("tilgjengelighet", "Tilgjengelighetserklæringen", "tilgjengelighet/", "tilgjengelighet/index.html"),
    PageType("personvern", "Personvern", "personvern/", "personvern/index.html"),
    PageType("404", "Siden finnes ikke (404)", "finnes-ikke/", "404.html", link=False),
]
BY_KEY = {p.key: p for p in PAGES}
KEYS = list(BY_KEY)
# What is recorded for every page type (names as in macros/site/statement.py, which the statement uses).
CHECKS = [f"axe_{v}" for v in VARIANTS] + ["malstorrelse", "csp", "eksterne_foresporsler", "informasjonskapsler",
                                            "html", "sprak", "tittel"]

PAGE_INFO = """() => {
  const meta = document.querySelector('meta[name="description"]');
  const h1 = document.querySelector('article h1');
  const nn = [...document.querySelectorAll('[lang]')].filter(e => e !== document.documentElement)
    .map(e => ({lang: e.getAttribute('lang'), hasH1: !!e.querySelector('h1'), text: e.innerText.length}));
  return {
    lang: document.documentElement.getAttribute('lang'),
    title: document.title,
    description: meta ? meta.getAttribute('content') : null,
    h1: h1 ? h1.innerText.trim() : null,
    langs: nn,
    scheme: document.body.getAttribute('data-md-color-scheme'),
    cookie: document.cookie,
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
  };
}"""


# WCAG 2.2, 2.5.8 Target size (minimum), measured on every visible control: its clickable box is
# at least 24 x 24 CSS pixels, or one of the criterion's exceptions holds:
# - spacing: a circle of 24 px diameter centred on it touches no other target and no other small
#   target's circle;
# - inline: it is a link in running text (its box is set by the line height of the text around it);
# - equivalent: another control on the page does the same (same address) and is large enough
#   (the map's municipality links have the list beside the map).
# A checkbox or radio button and its label count as one target (a click on either toggles it).
TARGETS = r"""() => {
  const MIN = 24;
  const seen = new Set(), targets = [];
  const visible = (e) => {
    for (let x = e; x && x.nodeType === 1; x = x.parentElement) {
      const s = getComputedStyle(x);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  };
  const boxOf = (els) => {
    const rs = els.map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && r.height > 0);
    if (!rs.length) return null;
    const l = Math.min(...rs.map(r => r.left)), t = Math.min(...rs.map(r => r.top));
    const r = Math.max(...rs.map(r => r.right)), b = Math.max(...rs.map(r => r.bottom));
    return {left: l + scrollX, top: t + scrollY, right: r + scrollX, bottom: b + scrollY, width: r - l, height: b - t};
  };
  const name = (e) => (e.getAttribute('aria-label') || e.textContent || e.value || e.getAttribute('title') || '')
    .trim().replace(/\s+/g, ' ').slice(0, 40);
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [tabindex]:not([tabindex="-1"])';
  for (const e of document.querySelectorAll(sel)) {
    if (seen.has(e) || e.closest('[inert]') || e.disabled) continue;
    let parts = [e], control = e;
    if (e.tagName === 'LABEL') control = document.getElementById(e.htmlFor) || e;
    if (control.tagName === 'INPUT' && ['checkbox', 'radio'].includes(control.type)) {
      parts = [control, ...document.querySelectorAll(`label[for="${CSS.escape(control.id)}"]`)];
      if (control.closest('label')) parts.push(control.closest('label'));
    }
    parts.forEach(x => seen.add(x));
    parts = parts.filter(visible);
    if (!parts.length) continue;
    const box = boxOf(parts);
    if (!box) continue;
    const display = getComputedStyle(e).display;
    // In running text: an inline link whose block holds text outside any control.
    let inline = false;
    if (e.tagName === 'A' && display === 'inline' && !(e instanceof SVGElement)) {
      let block = e.parentElement;
      while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n && !inline; n = walker.nextNode()) {
        if (!n.parentElement.closest(sel) && /[\p{L}\p{N}]/u.test(n.textContent)) inline = true;
      }
    }
    targets.push({el: e, box, inline, name: name(e), tag: e.tagName.toLowerCase(),
                  cls: (e.getAttribute('class') || '').slice(0, 60), href: e.getAttribute('href')});
  }
  const big = (t) => t.box.width >= MIN - 0.01 && t.box.height >= MIN - 0.01;
  const centre = (t) => [(t.box.left + t.box.right) / 2, (t.box.top + t.box.bottom) / 2];
  const circleHitsBox = ([cx, cy], b) => {
    const dx = Math.max(b.left - cx, 0, cx - b.right), dy = Math.max(b.top - cy, 0, cy - b.bottom);
    return dx * dx + dy * dy < (MIN / 2) * (MIN / 2) - 0.01;
  };
  const small = targets.filter(t => !big(t));
  const crowded = (t) => {
    const c = centre(t);
    return targets.find(o => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el) && circleHitsBox(c, o.box))
      || small.find(o => o !== t && Math.hypot(centre(o)[0] - c[0], centre(o)[1] - c[1]) < MIN - 0.01);
  };
  const near = new Map(small.filter(t => !t.inline).map(t => [t, crowded(t)]).filter(([, hit]) => hit));
  const passes = (t) => !near.has(t);
  const problems = [];
  for (const [t, hit] of near) {
    if (t.href && targets.some(o => o !== t && o.href === t.href && passes(o))) continue;  // equivalent
    problems.push({name: t.name, tag: t.tag, cls: t.cls, size: [Math.round(t.box.width * 10) / 10, Math.round(t.box.height * 10) / 10],
                   near: hit.name || hit.tag});
  }
  return {count: targets.length, small: small.length, problems};
}"""


@pytest.fixture(scope="session")
def visits(browser, base_url, a11y_report):
    """Each (page type, variant) opened once per session, on demand; every test reads from it."""
    cache: dict[tuple[str, str], dict] = {}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    a11y_report.expect("sider", KEYS)
    a11y_report.expect("kontroller", CHECKS)

    def visit(key: str, variant: str) -> dict:
        if (key, variant) in cache:
            return cache[(key, variant)]
        pt = BY_KEY[key]
        a11y_report.page(key, pt.name, pt.url, pt.link)
        ctx = browser.new_context(locale="nb-NO", **VARIANTS[variant])
        ctx.add_init_script(CSP_RECORDER)
        requested: list[str] = []
        ctx.on("request", lambda req: requested.append(req.url))
        page = ctx.new_page()
        console: list[str] = []
        page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
        try:
            response = page.goto(base_url + pt.url, wait_until="load")
            if pt.setup:
                pt.setup(page)
            inject_axe(page)
            axe = page.evaluate(
                "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});"
                " return {version: axe.version, violations: r.violations}; }", WCAG_TAGS)
            a11y_report.tools["axe-core"] = axe["version"]
            info = page.evaluate(PAGE_INFO)
            targets = page.evaluate(TARGETS)
            csp = page.evaluate(CSP_REPORT)
            page.screenshot(path=str(SCREENSHOTS / f"{key}-{variant}.png"), full_page=True)
            result = {
                "status": response.status if response else None,
                "violations": [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                                "nodes": [n["target"] for n in v["nodes"]][:5],
                                "count": len(v["nodes"])} for v in axe["violations"]],
                "foreign": foreign_requests_of(requested, base_url),
                "cookies": ctx.cookies(),
                "targets": targets,
                "csp": csp,
                "csp_console": console,
                **info,
            }
        finally:
            ctx.close()
        cache[(key, variant)] = result
        return result

    return visit


def foreign_requests_of(urls: list[str], base_url: str) -> list[str]:
    own = urlparse(base_url).netloc
    return [u for u in urls if urlparse(u).scheme in ("http", "https", "ws", "wss") and urlparse(u).netloc != own]


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("key", KEYS)
def test_axe_finds_no_wcag_violations(visits, a11y_report, key, variant):
    v = visits(key, variant)
    if variant == "mork":
        assert v["scheme"] == "slate", "siden viste ikke det mørke temaet selv om nettleseren ba om det"
    a11y_report.record(key, f"axe_{variant}", sum(x["count"] for x in v["violations"]))
    assert v["violations"] == [], describe(v["violations"])


@pytest.mark.parametrize("key", KEYS)
def test_targets_are_large_enough(visits, a11y_report, key):
    """WCAG 2.2, 2.5.8 (axe checks only some targets): every control, on a wide and a narrow screen."""
    problems = [f"{variant}: {p['tag']} «{p['name']}» ({p['cls']}) er {p['size'][0]} x {p['size'][1]} px "
                f"og for nær «{p['near']}»"
                for variant in ("lys", "mobil") for p in visits(key, variant)["targets"]["problems"]]
    a11y_report.record(key, "malstorrelse", len(problems))
    assert visits(key, "lys")["targets"]["count"] > 5, "fant nesten ingen kontroller å måle"
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("key", KEYS)
def test_content_security_policy_holds_and_is_never_violated(visits, a11y_report, key):
    """Issue 13: every page carries the policy, and nothing the site itself does breaks it, in every
    variant and state (search open with results, the explorer filtered, dark scheme, phone)."""
    seen = {variant: visits(key, variant) for variant in VARIANTS}
    violations = [f"{variant}: {v}" for variant, x in seen.items() for v in (x["csp"] or {}).get("violations", [])]
    violations += [f"{variant}: konsollen: {m}" for variant, x in seen.items() for m in x["csp_console"]]
    missing = [variant for variant, x in seen.items()
               if not (x["csp"] or {}).get("policy") or (x["csp"] or {}).get("violations") is None]
    a11y_report.record(key, "csp", len(violations) + len(missing))
    assert missing == [], f"siden har ingen sikkerhetsregel (Content-Security-Policy), eller brudd ble ikke registrert: {missing}"
    assert violations == [], "\n".join(violations)


@pytest.mark.parametrize("key", KEYS)
def test_no_third_party_requests_and_no_cookies(visits, a11y_report, key):
    seen = [visits(key, variant) for variant in VARIANTS]
    foreign = sorted({u for v in seen for u in v["foreign"]})
    cookies = [c for v in seen for c in v["cookies"]] + [v["cookie"] for v in seen if v["cookie"]]
    a11y_report.record(key, "eksterne_foresporsler", len(foreign))
    a11y_report.record(key, "informasjonskapsler", len(cookies))
    assert foreign == []
    assert cookies == []


@pytest.mark.parametrize("key", KEYS)
def test_html_validates(vnu_errors, vnu_version, a11y_report, key):
    pt = BY_KEY[key]
    a11y_report.page(key, pt.name, pt.url, pt.link)
    a11y_report.expect("sider", KEYS)
    a11y_report.expect("kontroller", CHECKS)
    a11y_report.tools["Nu Html Checker (vnu-jar)"] = vnu_version
    assert pt.file in vnu_errors, f"fant ikke {pt.file} i det bygde nettstedet"
    errors = vnu_errors[pt.file]
    a11y_report.record(key, "html", len(errors))
    assert errors == [], "\n".join(errors)


def test_every_built_page_validates(vnu_errors):
    """Not only one of each type: every HTML file the build wrote."""
    bad = {path: errs for path, errs in vnu_errors.items() if errs}
    assert bad == {}, "\n".join(f"{p}: {e[0]} (+{len(e) - 1})" for p, e in bad.items())


@pytest.mark.parametrize("key", KEYS)
def test_language_is_marked(visits, a11y_report, key):
    v = visits(key, "lys")
    problems = []
    if v["lang"] != "nb":
        problems.append(f'<html lang="{v["lang"]}">, ventet "nb"')
    nn = [x for x in v["langs"] if x["lang"] == "nn"]
    if BY_KEY[key].nynorsk:
        if not any(x["hasH1"] and x["text"] > 200 for x in nn):
            problems.append('innholdet på nynorsk (med overskriften) har ikke lang="nn"')
    elif nn:
        problems.append('siden er på bokmål, men har innhold merket lang="nn"')
    a11y_report.record(key, "sprak", len(problems))
    assert problems == []


@pytest.mark.parametrize("key", KEYS)
def test_title_names_the_page_and_description_exists(visits, a11y_report, key):
    """«<page> - Kulturskole 3.0», and on the home page more than the site's name. That titles are
    unique across the whole site is checked on the built files (tests/test_pages_meta.py)."""
    v = visits(key, "lys")
    title, desc = v["title"].strip(), v["description"]
    problems = []
    name = title.removesuffix(f" - {SITE_NAME}").strip()
    if key == "forside":
        if not title.startswith(SITE_NAME) or len(title) < len(SITE_NAME) + 10:
            problems.append(f"forsidens tittel «{title}» sier ikke hva nettstedet er")
    elif not title.endswith(f" - {SITE_NAME}") or not name or SITE_NAME in name:
        problems.append(f"tittelen «{title}» har ikke formen «<sidens navn> - {SITE_NAME}»")
    if not desc or len(desc) < 40:
        problems.append(f"meta description mangler eller er for kort: «{desc}»")
    a11y_report.record(key, "tittel", len(problems))
    assert problems == []


def test_missing_page_answers_404_with_the_sites_page(visits):
    v = visits("404", "lys")
    assert v["status"] == 404
    assert v["h1"] == "Fant ikke siden"


def test_browser_storage_holds_only_the_colour_theme(visits, browser, base_url):
    """Named on /personvern/: nothing but Material's colour-theme choice is stored in the browser,
    on any page type, nor after switching theme and searching."""
    stored = {(k, "local") for key in KEYS for variant in VARIANTS for k in visits(key, variant)["local"]}
    stored |= {(k, "session") for key in KEYS for variant in VARIANTS for k in visits(key, variant)["session"]}
    ctx = browser.new_context(locale="nb-NO", **VARIANTS["lys"])
    try:
        page = ctx.new_page()
        page.goto(base_url + "kommuner/")
        page.locator("form[data-md-component=palette] label:not([hidden])").click()
        page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
        open_search(page)
        page.locator("[data-ks-sok-treff] li a").first.click()
        page.wait_for_load_state("load")
        after = page.evaluate("() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage)})")
        stored |= {(k, "local") for k in after["local"]} | {(k, "session") for k in after["session"]}
        assert ctx.cookies() == []
    finally:
        ctx.close()
    other = sorted(item for item in stored if not (item[1] == "local" and item[0].endswith(".__palette")))
    assert other == [], "nettleseren lagrer mer enn fargetemaet (se /personvern/)"


def test_phone_home_page_shows_what_the_site_is_and_how_to_start_on_the_first_screen(browser, base_url):
    """Issue 12: at 390 x 844 the first screen says what the site is (the ingress) and offers a way
    in (the start buttons), before the counts, the map and the rest."""
    ctx = browser.new_context(locale="nb-NO", **VARIANTS["mobil"])
    try:
        page = ctx.new_page()
        page.goto(base_url, wait_until="load")
        seen = page.evaluate("""() => {
          const box = (e) => e.getBoundingClientRect();
          const ingress = document.querySelector('article .ks-ingress');
          return {
            height: innerHeight, scrolled: scrollY,
            ingress: ingress ? {bottom: box(ingress).bottom, text: ingress.innerText} : null,
            start: [...document.querySelectorAll('article .ks-start a')].map(a => (
              {text: a.innerText.trim(), href: a.getAttribute('href'), bottom: box(a).bottom, height: box(a).height})),
          };
        }""")
    finally:
        ctx.close()
    assert seen["scrolled"] == 0
    assert seen["ingress"], "forsiden har ingen ingress (.ks-ingress)"
    assert "Kulturskole 3.0" in seen["ingress"]["text"] and "KS" in seen["ingress"]["text"]
    assert seen["ingress"]["bottom"] <= seen["height"], "ingressen er ikke på den første skjermen"
    hrefs = [s["href"] for s in seen["start"]]
    assert hrefs == ["utforsk/", "hvor-star-vi/"], hrefs  # «Kom i gang» opens «Hvor står vi?» (issue 18.4)
    below = [s["text"] for s in seen["start"] if s["bottom"] > seen["height"] or s["height"] < 24]
    assert below == [], f"startknappene {below} er ikke hele på den første skjermen, eller er for små"
