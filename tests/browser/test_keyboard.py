"""Keyboard only, in real Chromium: skip link, visible focus, navigation menu, colour theme.

Search and the explorer's filters have their own keyboard tests (the search feature's tests).
Every test here uses only key presses to act; the page is read, never clicked.

Focus visibility is measured, not assumed: for every element Tab reaches, the test finds the
ring that shows the focus (the element's outline, or for Material's visually hidden radio
buttons the outline of the label one sees), checks it is at least 2 px wide and on screen, and
measures its contrast against what it is painted over, with document.elementsFromPoint
(WCAG 2.4.7 and 1.4.11: at least 3:1). Links in the SVG maps show focus with a thick stroke
round their shape; there the stroke is measured against the land and page around it (another
municipality's shape next to it is another control, not its background; its fill changes too,
tested against the participants' colour in tests/test_geo.py).
"""
from __future__ import annotations

import pytest

from .conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

DESKTOP = dict(viewport={"width": 1280, "height": 900})
MOBILE = dict(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
MAX_TAB_STOPS = 400

# What Tab has just reached, and what its focus ring looks like against what lies around it.
SETTLE = r"""async (el) => {
  // Wait until the element's transitions (e.g. the skip link fading in) have finished and it has
  // stopped moving: conditions, not a fixed delay. Focus scrolls instantly (the site sets no
  // smooth scrolling), so without running transitions there is nothing to wait for.
  const anims = [];
  for (let e = el; e; e = e.parentElement) anims.push(...e.getAnimations());
  if (el.nextElementSibling) anims.push(...el.nextElementSibling.getAnimations());
  // Only what moves or shows the element and its ring; Material's 125 ms text-colour change on
  // focused links does neither.
  const matters = (a) => !(a instanceof CSSTransition) || !['color', 'fill'].includes(a.transitionProperty);
  const finite = anims.filter(a => a.effect && a.effect.getTiming().iterations !== Infinity && matters(a));
  if (!finite.length) return true;
  await Promise.all(finite.map(a => a.finished.catch(() => null)));
  const where = () => { const r = el.getBoundingClientRect(); return [r.left, r.top, scrollX, scrollY].join(); };
  let last = where();
  for (let i = 0; i < 120; i++) {
    await new Promise(r => requestAnimationFrame(r));
    const now = where();
    if (now === last) return true;
    last = now;
  }
  return false;
}"""

FOCUS_PROBE = r"""async () => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  await (""" + SETTLE + r""")(el);
  if (!el.dataset.ksFokus) el.dataset.ksFokus = String(document.querySelectorAll('[data-ks-fokus]').length);
  const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 1 && r.height > 1; };
  let ring = el;
  if (!shown(el) && el.nextElementSibling && el.nextElementSibling.tagName === 'LABEL') ring = el.nextElementSibling;
  if (!shown(ring) && el.id) ring = document.querySelector(`label[for="${el.id}"]:not([hidden])`) || ring;
  // A link in an SVG map shows focus with a thick stroke round its shape (docs/assets/kart.css).
  const shape = el instanceof SVGElement ? el.querySelector('path, circle, polygon, rect') : null;
  if (shape) ring = shape;
  const cs = getComputedStyle(ring);
  const rect = ring.getBoundingClientRect();
  let invisible = null;
  for (let e = ring; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.visibility === 'hidden' || s.display === 'none' || parseFloat(s.opacity) === 0) { invisible = e.className || e.tagName; break; }
  }
  const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[,\s/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const blend = (top, bottom) => [0, 1, 2].map(i => top[3] * top[i] + (1 - top[3]) * bottom[i]);
  let floating = false;  // is the focused element itself on a sticky or fixed layer?
  for (let e = el; e && !floating; e = e.parentElement) floating = ['sticky', 'fixed'].includes(getComputedStyle(e).position);
  // The colour painted at (x, y) under everything but the focused element itself.
  const under = (x, y) => {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return null;
    const stack = document.elementsFromPoint(x, y).filter(e => e !== ring && !ring.contains(e) && !el.contains(e));
    // A sticky or fixed bar (the header) drawn over this part of the ring hides it there, like
    // the edge of the screen does: that side is not judged.
    if (stack.length && !stack[0].contains(el) && !floating) {
      for (let e = stack[0]; e; e = e.parentElement) {
        const pos = getComputedStyle(e).position;
        if ((pos === 'sticky' || pos === 'fixed') && !e.contains(el)) return null;
      }
    }
    const layers = [];
    for (const e of stack) {
      // Another link's shape in the same map is another control, not the background.
      if (e instanceof SVGElement && e.closest('a') && e.closest('a') !== el) continue;
      const style = getComputedStyle(e);
      const c = parse(e instanceof SVGGeometryElement ? style.fill : style.backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255];
    for (const c of layers.reverse()) colour = blend(c, colour);
    return colour.map(Math.round);
  };
  // The ring's own band, side by side: what it is painted over is what it must stand out from
  // (the change of contrast between unfocused and focused, as WCAG 2.4.13 measures it).
  const width = shape ? 2 : parseFloat(cs.outlineWidth) || 0, offset = parseFloat(cs.outlineOffset) || 0;
  // An element taller than the window (a long table that scrolls sideways) is judged by the part
  // of it in the window: WCAG 2.4.11 asks that focus is not entirely hidden.
  const tall = rect.height > innerHeight, shownTop = Math.max(rect.top, 0), shownBottom = Math.min(rect.bottom, innerHeight);
  const cx = rect.left + rect.width / 2, cy = tall ? (shownTop + shownBottom) / 2 : rect.top + rect.height / 2, mid = shape ? 2 : offset + width / 2;
  const points = [[rect.left - mid, cy], [rect.right + mid, cy], [cx, rect.top - mid], [cx, rect.bottom + mid]];
  const around = points.map(([x, y]) => under(x, y)).filter(Boolean);
  // Is the focused element itself covered, e.g. scrolled in under the sticky header?
  const top = (cx >= 0 && cy >= 0 && cx < innerWidth && cy < innerHeight) ? document.elementFromPoint(cx, cy) : null;
  const coveredBy = top && !(el.contains(top) || ring.contains(top) || top.contains(ring) || (ring.tagName === 'LABEL' && top.closest('label') === ring))
    ? (top.closest('[class]') || top).getAttribute('class') : null;
  return {
    coveredBy,
    key: el.dataset.ksFokus, tag: el.tagName.toLowerCase(), ring: ring.tagName.toLowerCase(),
    still: document.activeElement === el,
    name: (el.getAttribute('aria-label') || el.innerText || el.value || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50),
    classes: el.getAttribute('class') || '', style: shape ? 'fill' : cs.outlineStyle, width,
    colour: parse(shape ? cs.stroke : cs.outlineColor),
    shadow: cs.boxShadow, rect: [rect.left, rect.top, rect.width, rect.height], invisible,
    inViewport: rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth,
    around,
  };
}"""


def luminance(rgb) -> float:
    def lin(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def focus_problem(f: dict) -> str | None:
    """Why the focus on this element is not visible enough, or None."""
    what = f"{f['tag']} «{f['name']}» ({f['classes'].replace('focus-visible', '').strip()})"
    if not f["still"]:
        return None  # the page itself moved focus away (Material hides «Tilbake til toppen» on scroll)
    if f["invisible"]:
        return f"{what}: fokus havner på noe som ikke vises (skjult av {f['invisible']})"
    if not f["inViewport"]:
        return f"{what}: fokus havner utenfor skjermen ({f['rect']})"
    if f["coveredBy"]:
        return f"{what}: elementet med fokus ligger skjult bak {f['coveredBy']}"
    if f["style"] in ("none", "hidden") or f["width"] < 2 or not f["colour"] or f["colour"][3] < 1:
        return f"{what}: ingen tydelig fokusring (outline {f['style']} {f['width']}px {f['colour']})"
    if not f["around"]:
        return f"{what}: fokusringen ligger utenfor skjermen"
    worst = min(contrast(f["colour"], bg) for bg in f["around"])
    if worst < 3:
        return f"{what}: fokusringen har bare {worst:.2f}:1 kontrast mot bakgrunnen (krav 3:1)"
    return None


def tab_through(page, key: str = "Tab") -> list[dict]:
    """Every element Tab (or Shift+Tab) reaches, once, from the top of the page until focus comes
    round again."""
    seen, stops = set(), []
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press(key)
        f = page.evaluate(FOCUS_PROBE)
        if f is None:  # focus left the document (past the last element): the round is complete
            if stops:
                break
            continue
        if f["key"] in seen:
            break
        seen.add(f["key"])
        stops.append(f)
    else:
        pytest.fail(f"Tab nådde mer enn {MAX_TAB_STOPS} elementer; fant ikke slutten på siden")
    return stops


KEYBOARD_CHECKS = ["hoppelenke", "synlig_fokus", "fokus_ikke_skjult", "meny", "meny_smal", "fargetema"]


@pytest.fixture
def open_page(browser, base_url, a11y_report):
    a11y_report.expect("tastatur", KEYBOARD_CHECKS)
    contexts = []

    def open_(url: str, color_scheme: str = "light", **variant):
        ctx = browser.new_context(locale="nb-NO", color_scheme=color_scheme, **(variant or DESKTOP))
        contexts.append(ctx)
        page = ctx.new_page()
        page.goto(base_url + url, wait_until="load")
        return page

    yield open_
    for ctx in contexts:
        ctx.close()


SKIP_PAGES = ["", "kommuner/bodo/", "bidra/eksempel/", "utforsk/", "data/", "finnes-ikke/"]


@pytest.mark.parametrize("url", SKIP_PAGES)
def test_skip_link_is_first_and_moves_focus_past_the_menus(open_page, a11y_report, url):
    page = open_page(url)
    page.keyboard.press("Tab")
    page.evaluate(f"async () => await ({SETTLE})(document.activeElement)")
    skip = page.evaluate("""() => { const a = document.activeElement; const r = a.getBoundingClientRect();
        return {text: a.innerText.trim(), href: a.getAttribute('href'), cls: a.className,
                visible: r.width > 0 && r.top >= 0 && r.bottom <= innerHeight && getComputedStyle(a).opacity === '1'}; }""")
    problems = []
    if "md-skip" not in skip["cls"] or skip["text"] != "Hopp til hovedinnhold":
        problems.append(f"første Tab gikk ikke til hoppelenken, men til {skip}")
    elif not skip["visible"]:
        problems.append("hoppelenken vises ikke når den har fokus")
    else:
        page.keyboard.press("Enter")
        target = page.evaluate("""(href) => { const t = document.getElementById(href.slice(1));
            return t ? {tag: t.tagName, inArticle: !!t.closest('article'), hash: location.hash} : null; }""", skip["href"])
        if not target or target["tag"] != "H1" or not target["inArticle"] or target["hash"] != skip["href"]:
            problems.append(f"hoppelenken peker ikke på sidens overskrift (h1): {target}")
        page.keyboard.press("Tab")
        after = page.evaluate("""() => { const a = document.activeElement;
            return {inContent: !!a.closest('article'), inMenus: !!a.closest('.md-header, .md-sidebar'),
                    text: (a.innerText || a.getAttribute('aria-label') || '').trim().slice(0, 40)}; }""")
        if not after["inContent"] or after["inMenus"]:
            problems.append(f"neste Tab etter hoppelenken gikk ikke til innholdet, men til «{after['text']}»")
    a11y_report.record_keyboard("hoppelenke", len(problems) + a11y_report.keyboard.get("hoppelenke", 0))
    assert problems == []


FOCUS_VARIANTS = {"lys": ("light", DESKTOP), "mork": ("dark", DESKTOP), "mobil": ("light", MOBILE)}
# Pages with every kind of control the site has: map links and number cards (home), a full case,
# the criteria matrix (a scrollable region), the explorer's form, <details> (statement), tables
# and downloads (open data); each in the light and dark scheme and on a narrow screen.
FOCUS_PAGES = ["", "bidra/eksempel/", "suksesskriterier/", "utforsk/", "tilgjengelighet/", "data/"]
FOCUS_CASES = [(url, variant) for url in FOCUS_PAGES for variant in FOCUS_VARIANTS]


@pytest.mark.parametrize("url,variant", FOCUS_CASES)
def test_focus_is_visible_on_every_element_tab_reaches(open_page, a11y_report, url, variant):
    scheme, viewport = FOCUS_VARIANTS[variant]
    page = open_page(url, scheme, **viewport)
    stops = tab_through(page)
    problems = [p for p in map(focus_problem, stops) if p]
    a11y_report.record_keyboard("synlig_fokus", len(problems) + a11y_report.keyboard.get("synlig_fokus", 0))
    assert len(stops) > 5, f"Tab nådde bare {len(stops)} elementer"
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("variant", list(FOCUS_VARIANTS))
def test_focus_is_visible_on_every_control_of_the_search_dialog(open_page, a11y_report, variant):
    """The dialog stands in the header's markup but on the page's own colours: its rings are the page's
    (until 6 Dec they were the header's white ring, inside the element: none to see in the light scheme)."""
    scheme, viewport = FOCUS_VARIANTS[variant]
    page = open_page("om/", scheme, **viewport)
    page.locator("[data-ks-sok-apne]").click()
    page.locator("[data-ks-sok-felt]").fill("samarbeid")
    page.locator("[data-ks-sok-felt]").press("Enter")
    page.locator("[data-ks-sok-treff] li a").first.wait_for(state="visible")
    stops = tab_through(page)
    problems = [p for p in map(focus_problem, stops) if p]
    a11y_report.record_keyboard("synlig_fokus", len(problems) + a11y_report.keyboard.get("synlig_fokus", 0))
    assert len(stops) > 5 and all(f["classes"] != "md-skip" for f in stops), f"Tab nådde {len(stops)} elementer"
    assert problems == [], "\n".join(problems)


# WCAG 2.2, 2.4.11 Focus not obscured: going backwards, the browser scrolls each element into view
# at the top of the window, where the sticky header is (going forwards, test above, at the bottom).
OBSCURED_PAGES = ["", "bidra/eksempel/", "utforsk/", "data/"]


@pytest.mark.parametrize("url,variant", [(url, v) for url in OBSCURED_PAGES for v in ("lys", "mobil")])
def test_focus_is_never_hidden_behind_the_header_when_tabbing_backwards(open_page, a11y_report, url, variant):
    scheme, viewport = FOCUS_VARIANTS[variant]
    page = open_page(url, scheme, **viewport)
    stops = tab_through(page, "Shift+Tab")
    hidden = [f"{f['tag']} «{f['name']}»: " + (f"bak {f['coveredBy']}" if f["coveredBy"] else f"utenfor skjermen {f['rect']}")
              for f in stops if f["still"] and (f["coveredBy"] or not f["inViewport"])]
    a11y_report.record_keyboard("fokus_ikke_skjult", len(hidden) + a11y_report.keyboard.get("fokus_ikke_skjult", 0))
    assert len(stops) > 5, f"Shift+Tab nådde bare {len(stops)} elementer"
    assert hidden == [], "\n".join(hidden)


def test_main_menu_works_with_the_keyboard_on_a_wide_screen(open_page, a11y_report):
    """Tab to a section in the menu, open it with Enter, Tab to a page in it and follow it."""
    page = open_page("om/")
    problems = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.innerText.trim()") == "Ressurser" and \
                page.evaluate("() => document.activeElement.tagName") == "LABEL":
            break
    else:
        problems.append("fant ikke menypunktet «Ressurser» med Tab")
    if not problems:
        page.keyboard.press("Enter")
        expanded = page.evaluate("() => document.getElementById(document.activeElement.htmlFor).checked")
        if not expanded:
            problems.append("Enter åpnet ikke «Ressurser» i menyen")
        for _ in range(5):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.innerText.trim()") == "Verkstedguide":
                break
        else:
            problems.append("Tab nådde ikke «Verkstedguide» under «Ressurser»")
    if not problems:
        page.keyboard.press("Enter")
        page.wait_for_url("**/ressurser/verksted/")
        if page.locator("article h1").inner_text().strip() != "Verkstedguide: fremtidsbilder for kulturskolen":
            problems.append("Enter på «Verkstedguide» åpnet ikke verkstedguiden")
    a11y_report.record_keyboard("meny", len(problems) + a11y_report.keyboard.get("meny", 0))
    assert problems == []


def test_main_menu_opens_with_the_keyboard_on_a_narrow_screen(open_page, a11y_report):
    page = open_page("om/", **MOBILE)
    problems = []
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('for')") == "__drawer":
            break
    else:
        problems.append("Tab når ikke menyknappen")
    if not problems:
        page.keyboard.press("Enter")
        if not page.evaluate("() => document.getElementById('__drawer').checked"):
            problems.append("Enter åpnet ikke menyen")
    if not problems:
        for _ in range(30):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement.innerText.trim()") == "Kommuner":
                break
        else:
            problems.append("Tab nådde ikke «Kommuner» i den åpne menyen")
    if not problems:
        page.keyboard.press("Enter")
        page.wait_for_url("**/kommuner/")
    a11y_report.record_keyboard("meny_smal", len(problems))
    assert problems == []


def test_closed_menu_on_a_narrow_screen_is_out_of_the_tab_order(open_page):
    page = open_page("om/", **MOBILE)
    stops = tab_through(page)
    in_drawer = [s["name"] for s in stops if s["name"] in ("Hjem", "Om prosjektet", "Tidslinje", "Åpne data")]
    assert in_drawer == [], "Tab går inn i den lukkede menyen utenfor skjermen"


@pytest.mark.parametrize("scheme,start,other", [("light", "default", "slate"), ("dark", "slate", "default")])
def test_colour_theme_toggles_with_the_keyboard(open_page, a11y_report, scheme, start, other):
    page = open_page("kommuner/", scheme)
    problems = []
    current = page.evaluate("() => document.body.dataset.mdColorScheme")
    if current != start:
        problems.append(f"siden startet i temaet {current}, ventet {start}")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name") == "__palette":
            break
    else:
        problems.append("Tab når ikke knappen for fargetema")
    if not problems:
        name_before = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
        page.keyboard.press("Enter")
        now = page.evaluate("() => document.body.dataset.mdColorScheme")
        if now != other:
            problems.append(f"Enter på «{name_before}» byttet ikke til {other} (er {now})")
        focused = page.evaluate("() => document.activeElement.name")
        if focused != "__palette":
            problems.append("fokus forsvant fra knappen etter byttet")
        else:
            problem = focus_problem(page.evaluate(FOCUS_PROBE))
            if problem:
                problems.append(problem)
        page.screenshot(path=str(SCREENSHOTS / f"tastatur-fargetema-{scheme}.png"))
        page.keyboard.press("Enter")
        if page.evaluate("() => document.body.dataset.mdColorScheme") != start:
            problems.append("Enter en gang til byttet ikke tilbake")
    a11y_report.record_keyboard("fargetema", len(problems) + a11y_report.keyboard.get("fargetema", 0))
    assert problems == []
