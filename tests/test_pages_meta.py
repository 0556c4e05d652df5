"""Every built page, read as HTML without a browser: title, description, language, skip link and
the footer links to the accessibility statement and the privacy page.

Fast and complete where the browser tests sample one page of each type: this reads all pages
the real data produces."""
from __future__ import annotations

import posixpath
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

SITE_NAME = "Kulturskole 3.0"


class Page(HTMLParser):
    """The few things these tests look at, collected in one pass."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.titles: list[str] = []
        self.descriptions: list[str] = []
        self.ids: set[str] = set()
        self.skip_href = None
        self.h1_ids: list[str | None] = []
        self.footer_links: list[str] = []
        self.nn_blocks = 0
        self._in_title = False
        self._footer_depth = 0
        self._svg_depth = 0  # <title> inside an inline SVG (the maps) names a shape, not the page

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "svg":
            self._svg_depth += 1
        elif tag == "title" and not self._svg_depth:
            self._in_title = True
            self.titles.append("")
        elif tag == "meta" and a.get("name") == "description":
            self.descriptions.append(a.get("content") or "")
        elif tag == "a" and "md-skip" in (a.get("class") or "").split():
            self.skip_href = a.get("href")
        elif tag == "h1":
            self.h1_ids.append(a.get("id"))
        if a.get("lang") == "nn" and tag != "html":
            self.nn_blocks += 1
        if tag == "footer":
            self._footer_depth += 1
        if tag == "a" and self._footer_depth and a.get("href"):
            self.footer_links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "svg":
            self._svg_depth -= 1
        elif tag == "footer":
            self._footer_depth -= 1

    def handle_data(self, data):
        if self._in_title:
            self.titles[-1] += data


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def pages(real_site) -> dict[str, Page]:
    found = {str(p.relative_to(real_site)): parse(p) for p in sorted(real_site.rglob("*.html"))}
    assert len(found) > 40, "fant for få sider i det bygde nettstedet"
    return found


def test_every_page_has_one_title_and_titles_are_unique(pages):
    problems = [f"{path}: {len(p.titles)} <title>" for path, p in pages.items() if len(p.titles) != 1]
    titles = Counter(p.titles[0].strip() for p in pages.values() if p.titles)
    duplicates = {t: [path for path, p in pages.items() if p.titles and p.titles[0].strip() == t]
                  for t, n in titles.items() if n > 1}
    assert problems == []
    assert duplicates == {}, "samme tittel på flere sider"


def test_titles_name_the_page(pages):
    bad = []
    for path, p in pages.items():
        title = p.titles[0].strip()
        name = title.removesuffix(f" - {SITE_NAME}").strip()
        if path == "index.html":
            ok = title.startswith(SITE_NAME) and len(title) > len(SITE_NAME) + 10
        else:
            ok = title.endswith(f" - {SITE_NAME}") and len(name) >= 2 and name != SITE_NAME
        if not ok:
            bad.append(f"{path}: «{title}»")
    assert bad == []


def test_every_page_has_a_meta_description(pages):
    bad = [f"{path}: {p.descriptions}" for path, p in pages.items()
           if len(p.descriptions) != 1 or len(p.descriptions[0].strip()) < 40]
    assert bad == []


def test_only_the_home_page_uses_the_sites_general_description(pages):
    general = pages["index.html"].descriptions[0]
    same = [path for path, p in pages.items() if p.descriptions == [general] and path != "index.html"]
    assert same == [], "disse sidene har ikke en egen beskrivelse"


def test_every_page_is_bokmal_and_nynorsk_is_marked(pages):
    assert {path for path, p in pages.items() if p.html_lang != "nb"} == set()
    # The fictional example case is written in nynorsk (data/kommuner/eksempelkommune.yml, sprak: nn).
    assert pages["bidra/eksempel/index.html"].nn_blocks >= 1


def test_every_page_has_a_skip_link_to_its_main_heading(pages):
    bad = []
    for path, p in pages.items():
        target = (p.skip_href or "").lstrip("#")
        if not p.skip_href or target not in p.ids or target not in p.h1_ids:
            bad.append(f"{path}: hoppelenke {p.skip_href!r}, h1 {p.h1_ids}")
    assert bad == []


@pytest.mark.parametrize("target", ["tilgjengelighet/", "personvern/"])
def test_every_page_links_to_the_statement_and_privacy_page_in_its_footer(pages, real_site, target):
    bad = []
    for path, p in pages.items():
        if path == "404.html":  # served at any address: its links start at the site root
            ok = any(h.rstrip("/").endswith(target.rstrip("/")) for h in p.footer_links)
        else:
            here = posixpath.dirname(path)
            ok = any(posixpath.normpath(posixpath.join(here, h)) == target.rstrip("/")
                     for h in p.footer_links if not h.startswith(("http:", "https:", "/")))
        if not ok:
            bad.append(path)
    assert bad == [], f"mangler lenke til {target} i bunnteksten"
    assert (real_site / target / "index.html").exists()


# --- The accessibility statement is what the data and the last green test run say ---------------

def test_statement_data_is_valid():
    from macros.site.statement import load_statement

    from .conftest import ROOT

    st = load_statement(ROOT / "data")
    assert st.status in ("samsvar", "delvis", "ikke")
    assert st.oppdatert >= st.opprettet


def test_statement_shows_the_committed_test_results(real_site):
    import json

    from macros.site.statement import CHECK_NAMES, KEYBOARD_NAMES, _dato

    from .conftest import ROOT

    results = json.loads((ROOT / "data" / "tilgjengelighet-resultater.json").read_text(encoding="utf-8"))
    html = (real_site / "tilgjengelighet" / "index.html").read_text(encoding="utf-8")
    import datetime as dt

    assert f"sist kjørt {_dato(dt.date.fromisoformat(results['dato']))}" in html
    for tool, version in results["verktoy"].items():
        assert f"{tool} {version}" in html
    for page in results["sider"]:
        assert page["navn"] in html
        assert set(page["kontroller"]) <= set(CHECK_NAMES)
    assert set(results["tastatur"]) <= set(KEYBOARD_NAMES)
    findings = [c for p in results["sider"] for c in p["kontroller"].values() if c] + \
        [c for c in results["tastatur"].values() if c]
    # Never "no violations" while the results hold a finding, and every finding is listed.
    assert ("Testene fant <strong>ingen</strong> brudd" in html) == (not findings)
    assert html.count("funn") >= len(findings)


def test_results_are_only_copied_from_a_complete_green_run():
    import importlib.util

    from .conftest import ROOT

    spec = importlib.util.spec_from_file_location("update", ROOT / "scripts" / "update_a11y_results.py")
    update = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update)
    run = {"alle_tester_besto": True,
           "forventet": {"sider": ["a", "b"], "kontroller": ["html", "axe_lys"], "tastatur": ["hoppelenke"]},
           "sider": [{"id": "a", "kontroller": {"html": 0, "axe_lys": 0}},
                     {"id": "b", "kontroller": {"html": 0, "axe_lys": 2}}],
           "tastatur": {"hoppelenke": 0}}
    assert update.problems_with(run) == []
    assert update.problems_with({**run, "alle_tester_besto": False})
    assert update.problems_with({**run, "sider": run["sider"][:1]})
    assert update.problems_with({**run, "tastatur": {}})


def test_privacy_page_names_tests_that_exist():
    """/personvern/ names the tests that keep it true; a renamed test must not leave it pointing at nothing."""
    import re

    from .conftest import ROOT

    text = (ROOT / "docs" / "personvern.md").read_text(encoding="utf-8")
    named = re.findall(r"`(test_\w+)` i ", text)
    source = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "browser").glob("test_*.py")))
    assert len(named) >= 2
    assert [n for n in named if f"def {n}(" not in source] == []


def test_statement_lists_every_finding_when_a_run_found_some(tmp_path):
    """The findings branch (the committed results have none, so the real page never shows it)."""
    import json
    import shutil

    from macros.site.statement import statement_markdown

    from .conftest import ROOT

    shutil.copy(ROOT / "data" / "tilgjengelighet.yml", tmp_path / "tilgjengelighet.yml")
    results = {"dato": "2026-11-30", "verktoy": {"axe-core": "4.14.1"},
               "sider": [{"navn": "Forsiden", "url": "", "kontroller": {"axe_lys": 2, "html": 0}},
                         {"navn": "Utforsk med filtre", "url": "utforsk/?fylke=vestland", "lenke": False,
                          "kontroller": {"axe_lys": 0, "html": 1}}],
               "tastatur": {"hoppelenke": 0, "meny": 3}}
    (tmp_path / "tilgjengelighet-resultater.json").write_text(json.dumps(results), encoding="utf-8")
    text = statement_markdown(tmp_path)
    assert "Testene fant dette:" in text
    assert "ingen</strong> brudd" not in text and "**ingen** brudd" not in text
    assert "- Forsiden: 2 funn ved kontrollen «axe-core, lyst tema (1280 piksler bred skjerm)»." in text
    assert "- Utforsk med filtre: 1 funn ved kontrollen «HTML-validering med Nu Html Checker»." in text
    assert ("- Tastatur: «hovedmenyen kan brukes med tastatur på bred skjerm» stemmer ikke (3 funn).") in text
    assert "sist kjørt 30. november 2026, på 2 sider" in text
    assert "<li>Utforsk med filtre</li>" in text and '<li><a href="../">Forsiden</a></li>' in text
    # And with nothing found, it says so, and lists nothing.
    for page in results["sider"]:
        page["kontroller"] = dict.fromkeys(page["kontroller"], 0)
    results["tastatur"] = {"hoppelenke": 0, "meny": 0}
    (tmp_path / "tilgjengelighet-resultater.json").write_text(json.dumps(results), encoding="utf-8")
    text = statement_markdown(tmp_path)
    assert "Testene fant **ingen** brudd" in text and "Testene fant dette:" not in text and " funn ved" not in text
