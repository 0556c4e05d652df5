"""WCAG 2.2 criteria that axe-core cannot see, checked on every built page (issue 12).

The accessibility statement (data/tilgjengelighet.yml, `wcag22`) names these tests as its evidence:
- 3.2.6 Consistent help: the help the site offers (the accessibility statement, with its feedback
  channel, and the privacy page) is in the footer of every page, in the same order;
- 3.3.8 Accessible authentication: no page asks for a password or any login;
- 2.5.7 Dragging movements: nothing can be dragged (no draggable elements, no sliders), and the
  site's own scripts listen for no drag or pointer-move events.
2.5.8 (target size) and 2.4.11 (focus not obscured) need a browser: tests/browser/test_a11y.py and
tests/browser/test_keyboard.py.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.site import scripts

from .conftest import ROOT


class Footer(HTMLParser):
    """The links of the footer's list (ul.ks-bunnlenker), and every form control."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # > 0 inside the footer list
        self.links: list[str] = []
        self.controls: list[dict] = []
        self.draggable: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "ul" and "ks-bunnlenker" in (a.get("class") or "").split():
            self.depth = 1
        elif self.depth and tag == "ul":
            self.depth += 1
        if self.depth and tag == "a":
            self.links.append(a.get("href") or "")
        if tag in ("input", "select", "textarea"):
            self.controls.append({"tag": tag, **a})
        if (a.get("draggable") or "").lower() == "true":
            self.draggable.append(tag)

    def handle_endtag(self, tag):
        if self.depth and tag == "ul":
            self.depth -= 1


@pytest.fixture(scope="module")
def parsed(real_site) -> dict[str, Footer]:
    out = {}
    for path in sorted(real_site.rglob("*.html")):
        p = Footer()
        p.feed(path.read_text(encoding="utf-8"))
        out[str(path.relative_to(real_site))] = p
    return out


def help_links(path: str, p: Footer) -> list[str]:
    """The footer's help links, as addresses from the site root ("personvern/")."""
    from urllib.parse import urljoin

    page = "http://site/" + path.removesuffix("index.html")
    return [urljoin(page, href).removeprefix("http://site/") for href in p.links if not href.startswith("http")]


def test_help_is_in_the_same_place_and_order_on_every_page(parsed):
    """3.2.6: the statement (with the feedback channel) and the privacy page, in that order."""
    assert len(parsed) > 30
    expected = ["tilgjengelighet/", "personvern/"]
    wrong = {path: help_links(path, p) for path, p in parsed.items() if help_links(path, p) != expected}
    assert wrong == {}, "bunnteksten har ikke hjelpelenkene i samme rekkefølge på alle sidene"


def test_no_page_asks_for_a_password_or_a_login(parsed):
    """3.3.8: no password field, no login form, nothing that asks for a one-time code."""
    found = [f"{path}: {c}" for path, p in parsed.items() for c in p.controls
             if c.get("type") == "password"
             or re.search(r"password|one-time-code|username", c.get("autocomplete") or "")]
    assert found == []


def test_nothing_is_dragged(parsed):
    """2.5.7: no element can be dragged and there are no sliders (range inputs)."""
    draggable = [f"{path}: {t}" for path, p in parsed.items() for t in p.draggable]
    sliders = [f"{path}: {c}" for path, p in parsed.items() for c in p.controls if c.get("type") == "range"]
    assert draggable == [] and sliders == []


DRAG_EVENTS = re.compile(r"""["'](drag\w*|drop|pointermove|mousemove|touchmove)["']""")


@pytest.mark.parametrize("script", sorted(scripts.sources(Path(ROOT) / "docs")))
def test_the_sites_own_scripts_listen_for_no_dragging(script):
    """2.5.7: the site's own scripts (search, explorer, …) react to clicks and keys only. Material's
    bundle listens to mouse and touch movement only to tell keyboard focus from a click and to fix
    scrolling on iOS, not to move anything."""
    text = (Path(ROOT) / "docs" / script).read_text(encoding="utf-8")
    assert DRAG_EVENTS.findall(text) == []
